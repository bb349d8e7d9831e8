package pages

import (
	"fmt"
	"html"
	"net/url"
	"strconv"

	"github.com/timelinegen/timelinegen/internal/jsontext"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Visual is a page's visual timeline and how to embed what the page shows.
type Visual struct {
	// Data is the widget's data, a scope file of internal/export's visual
	// format, relative to Files, the URL path of the site's root, which
	// the script adds data/visual/ and entry paths to; empty on entry
	// pages, which have no widget. Scope is the listing's section and
	// slug ("kinds/military"; "" for all).
	Data, Files, Scope string
	// Embed is the absolute URL of the embed page (with #slug for an
	// entry); OEmbed of the page's oEmbed file; Snippet the <iframe> to
	// paste into an article and Script the one line that sizes it to its
	// content. All four are empty on a site without an absolute address,
	// which no other site could embed.
	Embed, OEmbed, Snippet, Script string
	Title                          string // what it shows: the iframe's title
}

const (
	// embedListMax is how many entries an embed page lists; the widget
	// shows them all.
	embedListMax = 500
	// The oEmbed size of an embed, in CSS pixels.
	embedWidth, embedHeight = 800, 480
)

// HeightMessage is the type of the message an embed page posts to its
// parent window: {type, height} (and slug, the selected entry's, if any).
const HeightMessage = "timelinegen:height"

// visual is the Visual of the listing at rel ("" for the home page,
// "kinds/military/"): its widget's data and its embed page.
func (p *Planner) visual(rel, title string) *Visual {
	scope := permalink.VisualScope(rel)
	v := p.embedding(permalink.EmbedPath(rel), permalink.OEmbedFile(rel), title)
	v.Scope, v.Files, v.Data = scope, p.URL(""), permalink.VisualName(scope)
	return v
}

// entryVisual is how an entry page is embedded: its year's embed page,
// with the entry selected.
func (p *Planner) entryVisual(e *timeline.Entry) *Visual {
	// A withdrawn entry keeps its page, to say so, but is on no timeline
	// and offers no embed.
	if e.Withdrawal() != nil {
		return nil
	}
	v := p.embedding(permalink.EmbedPath(permalink.YearPath(e.Date.Year))+"#"+e.Slug, permalink.OEmbedFile(permalink.ArticlePath(e.Slug)), e.Title)
	return v
}

func (p *Planner) embedding(embed, oembed, title string) *Visual {
	if title != p.site.Title {
		title += " · " + p.site.Title
	}
	v := &Visual{Title: title}
	if !p.absoluteURLs {
		return v
	}
	v.Embed, v.OEmbed = p.absolute(p.URL(embed)), p.absolute(p.URL(oembed))
	// Every entry has one: concatenated, not formatted.
	v.Snippet = `<iframe src="` + html.EscapeString(v.Embed) + `" title="` + html.EscapeString(v.Title) + `" width="100%" height="` +
		strconv.Itoa(embedHeight) + `" style="border:0;width:100%;max-width:100%" loading="lazy"></iframe>`
	v.Script = p.embedScript
	return v
}

// heightScript is the script an embedding page runs to size its iframes.
// The parent page trusts height messages only from the site's origin.
func (p *Planner) heightScript() string {
	origin := "*"
	if u, err := url.Parse(p.cfg.BaseURL); err == nil && u.Scheme != "" && u.Host != "" {
		origin = u.Scheme + "://" + u.Host
	}
	check := fmt.Sprintf(`e.origin===%q&&`, origin)
	if origin == "*" {
		check = ""
	}
	return fmt.Sprintf(`<script>addEventListener("message",function(e){var d=e.data;if(%sd&&d.type===%q)document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})})</script>`, check, HeightMessage)
}

// scope is a listing the widget draws and an embed page shows.
type scope struct {
	rel     string // "" or "kinds/military/"
	title   string
	full    Link // the full listing, with its count
	entries []*timeline.Entry
}

// scopes are titled and named as their listings are: listed once a
// Planner, for the embed pages and the oEmbed files, which serve lists
// side by side on every save.
func (p *Planner) scopes() []scope { return p.scoped() }

// listScopes makes the scopes.
func (p *Planner) listScopes() []scope {
	out := []scope{{rel: "", title: p.site.Title, full: Link{Name: p.site.Title, URL: p.URL(""), Count: len(p.tl.Entries)}, entries: p.tl.Entries}}
	for _, y := range p.tl.Years {
		rel, name := permalink.YearPath(y.Year), p.loc.Year(y.Year)
		out = append(out, scope{rel: rel, title: p.f("events_of_year", name), full: Link{Name: name, URL: p.URL(rel), Count: len(y.Entries)}, entries: y.Entries})
	}
	for _, tax := range p.taxonomies() {
		for _, t := range tax.terms {
			rel, name := permalink.TermPath(tax.section, t.Slug), p.termName(tax.section, t)
			out = append(out, scope{rel: rel, title: tax.title(name), full: Link{Name: name, URL: p.URL(rel), Count: len(t.Entries)}, entries: t.Entries})
		}
	}
	return out
}

// embedPages adds /embed/ and /embed/<section>/<slug>/: the widget and a
// compact list, for an <iframe>.
func (p *Planner) embedPages(specs []Spec) []Spec {
	for _, s := range p.scopes() {
		rel := permalink.EmbedPath(s.rel)
		specs = append(specs, Spec{File: p.urls.File(rel), Rel: rel, Hidden: true, Data: func() *Page { return p.embedPage(s) }, Inputs: func() Inputs {
			// Its visual timeline is made from the scope's path and
			// title; its list from the entries it lists.
			return p.inputs([][]*timeline.Entry{p.embedListed(s.entries)}, s.rel, s.title, s.full, len(s.entries))
		}})
	}
	return specs
}

// embedListed is what an embed page lists: its entries in reading order, at
// most embedListMax.
func (p *Planner) embedListed(entries []*timeline.Entry) []*timeline.Entry {
	entries = p.ordered(entries)
	return entries[:min(len(entries), embedListMax)]
}

func (p *Planner) embedPage(s scope) *Page {
	pg := p.page("embed", "embed", s.title, p.URL(permalink.EmbedPath(s.rel)))
	// The embed repeats its listing: search engines are pointed there.
	pg.Canonical = p.canonical(s.full.URL)
	pg.Heading = s.title
	pg.Description = p.f("list_description", s.title, p.num(len(s.entries)), p.site.Title)
	full := s.full
	pg.Term = &full
	pg.Visual = p.visual(s.rel, s.title)
	listed := p.embedListed(s.entries)
	pg.Groups = p.groups(listed)
	pg.Truncated = len(listed) < len(s.entries)
	return pg
}

// OEmbedFile is a page's oEmbed file (https://oembed.com/, type "rich"),
// which a CMS finds from the page's discovery link.
type OEmbedFile struct {
	Name string
	// Inputs are what the file is made from, so that a rebuild need not
	// make the 10,000 files of a large site to tell them unchanged.
	Inputs Inputs
	OEmbed func() OEmbed
	// Entry is the article's entry the file embeds; nil for a listing's.
	Entry *timeline.Entry
}

// OEmbed is the content of an oEmbed file: a rebuild writes the file again
// when the sum of this value changes.
type OEmbed struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// JSON is the file, as encoding/json indents it (with HTML left as it
// is: the html member is read as JSON, not in a page), written without
// reflection: a site has an oEmbed file an article.
func (o OEmbed) JSON() []byte {
	b := make([]byte, 0, 128+len(o.Title)+len(o.ProviderName)+len(o.ProviderURL)+len(o.HTML)*9/8)
	b = append(b, '{')
	for i, m := range [...]struct{ name, text string }{{"version", o.Version}, {"type", o.Type}, {"title", o.Title}, {"provider_name", o.ProviderName}, {"provider_url", o.ProviderURL}, {"html", o.HTML}} {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(append(b, "\n \""...), m.name...), "\": "...)
		b = jsontext.AppendString(b, m.text)
	}
	b = strconv.AppendInt(append(b, ",\n \"width\": "...), int64(o.Width), 10)
	b = strconv.AppendInt(append(b, ",\n \"height\": "...), int64(o.Height), 10)
	return append(b, "\n}\n"...)
}

// OEmbedFiles lists the oEmbed file of every listing and entry page; none
// on a site without an absolute address.
func (p *Planner) OEmbedFiles() []OEmbedFile {
	if !p.absoluteURLs {
		return nil
	}
	scopes := p.scopes()
	out := make([]OEmbedFile, 0, len(scopes)+len(p.tl.Entries))
	for _, s := range scopes {
		out = append(out, OEmbedFile{Name: p.urls.Export(permalink.OEmbedFile(s.rel)), Inputs: p.inputs(nil, s.rel, s.title),
			OEmbed: func() OEmbed { return p.oembed(p.visual(s.rel, s.title), s.title) }})
	}
	return append(out, p.articleOEmbeds()...)
}

// articleOEmbeds are the oEmbed files of the articles' entries, in time
// order: the last Planner's (After) for each entry that is the same,
// which read this one, and made afresh for the others (see
// articlePages).
func (p *Planner) articleOEmbeds() []OEmbedFile {
	last := p.lastOEmbeds
	p.lastOEmbeds = nil
	out := make([]OEmbedFile, 0, articles(last, p.tl.Entries, func(e *timeline.Entry) bool { return e.Withdrawal() == nil }))
	for _, e := range p.tl.Entries {
		if e.IsEvent() || e.Withdrawal() != nil {
			continue
		}
		// Made from the entry's title, slug and date, all in its view,
		// by this Planner, not the latest (as a page is): an oEmbed file
		// is made on first use, and one of the last site, still served
		// while the next is built, may be asked for then.
		oembed := func() OEmbed { return p.oembed(p.entryVisual(e), e.Title) }
		if k := len(out); k < len(last) && last[k].Entry == e {
			f := last[k]
			// Neither the last Planner's frame nor its maker, which
			// would keep it in memory.
			f.Inputs.Values, f.OEmbed = p.frameOnly, oembed
			out = append(out, f)
			continue
		}
		// Its list of one is its own, not a slice of this timeline's,
		// which a file kept by the next Planner would hold.
		out = append(out, OEmbedFile{Name: p.urls.ArticleOEmbed(e.Slug), Inputs: p.inputs([][]*timeline.Entry{{e}}), Entry: e, OEmbed: oembed})
	}
	p.oembeds = out
	return out
}

func (p *Planner) oembed(v *Visual, title string) OEmbed {
	return OEmbed{"1.0", "rich", title, p.site.Title, p.absolute(p.URL("")), v.Snippet, embedWidth, embedHeight}
}
