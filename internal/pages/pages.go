// Package pages turns the timeline model into pages: it decides which pages
// exist, at which URLs, and what each one shows. Templates lay them out.
package pages

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Spec is a page to make: the file it is written to, relative to the
// output root, and how to make its data.
type Spec struct {
	File string
	// Rel is the page's URL path relative to its language's root
	// ("events/x/", "" for the home page).
	Rel string
	// Hidden pages are not for search engines: the 404 page and the
	// embeds, which repeat their listings for an <iframe>.
	Hidden bool
	Data   func() *Page
	// Inputs, where set, says what Data is made from without making it:
	// pages costly to make (10,000 entry pages; charts drawn from every
	// entry) name their inputs, so that a rebuild can tell them unchanged
	// cheaply. internal/build's tests check that the inputs change
	// whenever Data does.
	Inputs func() Inputs
	// entry is the entry whose page it is, for an article's: a Planner
	// After another takes the other's spec of the same entry.
	entry *timeline.Entry
}

// Inputs is what a page is made from: the views of lists of entries (an
// article's entry also shows its body and sources) and other values.
type Inputs struct {
	Entries [][]*timeline.Entry // a nil element stands for "none"
	Values  []any
}

// Frame is what every page of a language shows around its own content:
// the site, the page's language and every language. A rebuild sums it
// once per build (it is a shared type of the build's hasher), not once
// for each of the 200,000 pages and oEmbed files of 100,000 articles.
type Frame struct {
	Site  *SiteInfo
	Lang  Language
	Langs []Language
}

// inputs are the page's own values beside its Frame.
func (p *Planner) inputs(entries [][]*timeline.Entry, values ...any) Inputs {
	if len(values) == 0 {
		return Inputs{Entries: entries, Values: p.frameOnly}
	}
	return Inputs{Entries: entries, Values: append([]any{p.frame}, values...)}
}

// one is the list of the single entry list[i], or of none when i is out
// of list, without allocating: a rebuild names the inputs of every entry
// page and oEmbed file.
func (p *Planner) one(list []*timeline.Entry, i int) []*timeline.Entry {
	if i < 0 || i >= len(list) {
		return p.noEntry
	}
	return list[i : i+1 : i+1]
}

// Body is an article's rendered Markdown.
type Body struct {
	HTML    template.HTML
	Summary string // the body's first paragraph, for entries without summary
	// Sum stands for HTML in the views' versions: it changes when HTML
	// does, so a body kept aside need not be read to be summed.
	Sum uint64
	// Aside, when set, reads HTML back from where the build wrote it:
	// a build of 100,000 articles would otherwise hold 500 MB of bodies
	// until their pages are written. HTML is then empty.
	Aside func() template.HTML
}

// Text is the body's HTML, read back when it was kept aside.
func (b Body) Text() template.HTML {
	if b.Aside != nil {
		return b.Aside()
	}
	return b.HTML
}

// Planner knows every page of a site.
type Planner struct {
	cfg    *config.Config
	tl     *timeline.Timeline
	bodies map[string]Body // by article slug
	base   string          // the base path, "/" or "/timeline/"
	// absoluteURLs says that the site has a whole address (scheme and
	// host), asked of every page: parsed once, not once a page.
	absoluteURLs bool
	site         *SiteInfo
	frame        *Frame
	frameOnly    []any             // the Values of inputs with none of their own
	noEntry      []*timeline.Entry // a list of one nil: "no such entry"
	views        []*Entry          // by Entry.Index, made by NewPlanner
	made         Made              // the views with their versions
	making       making            // how NewPlanner makes the views
	months       MonthURLs
	places       map[string]*timeline.Term
	images       func(file string) *media.Image
	cards        func(slug string) *media.Variant
	urls         *permalink.URLs
	loc          *i18n.Locale
	lang         Language   // the pages' language
	langs        []Language // every language of the site, the default first
	isEnglish    bool       // the pages speak English (see english)
	// embedScript sizes the iframes of the page an embed is pasted in.
	embedScript string
	// basemaps are shared by every language's planner of a build: a map's
	// countries are drawn once, whatever the language of its words.
	basemaps *charts.Basemaps
	// cur is the Planner the specs of articles' pages read: this one,
	// and the next After it once that is made (a page of the last site
	// is rendered before the next is made: Result.Finish).
	cur   *current
	after *Planner // until NewPlanner returns
	// scoped gives the scopes of embeds and oEmbed files, named once.
	scoped func() []scope
	// articles and oembeds are the specs of articles' pages and oEmbed
	// files that Pages and OEmbedFiles listed; lastArticles and
	// lastOEmbeds are the last Planner's, until they are listed.
	articles, lastArticles []Spec
	oembeds, lastOEmbeds   []OEmbedFile
}

// current holds the latest Planner of a language (see After).
type current struct{ p *Planner }

// After says that the Planner follows last, made for the same language
// by the build before, which renders no page any more: the pages of
// entries that are the same (the same *timeline.Entry, at the same
// place among the articles) are listed with last's specs, which read
// the Planner made after last, whose views and timeline are the new
// build's; their oEmbed files keep last's names and inputs. serve's
// Builder passes it; a Planner without reads itself.
func After(last *Planner) Option { return func(p *Planner) { p.after = last } }

// NewPlanner prepares what every page of a language shares, and makes
// every entry's view with its card (see WithCards, WithViewMemo). bodies
// are keyed by article slug. The error is the cards' that failed to
// render; the Planner is then nil.
func NewPlanner(cfg *config.Config, tl *timeline.Timeline, bodies map[string]Body, generator string, opts ...Option) (*Planner, error) {
	p := &Planner{cfg: cfg, tl: tl, bodies: bodies, base: cfg.BasePath(), absoluteURLs: cfg.IsAbsolute()}
	for _, o := range opts {
		o(p)
	}
	if p.loc == nil {
		p.loc, _ = i18n.New(cfg.Language, config.LanguageLabel(cfg.Language))
		p.lang = Language{Code: cfg.Language, Label: p.loc.Label, Dir: p.loc.Dir()}
	}
	p.urls = &permalink.URLs{Base: p.base, Lang: p.lang.Prefix}
	if last := p.after; last != nil && *last.urls == *p.urls {
		p.cur, p.lastArticles, p.lastOEmbeds = last.cur, last.articles, last.oembeds
	} else {
		p.cur = &current{}
	}
	p.after = nil
	p.isEnglish = p.t("at_least") == i18n.English()["at_least"]
	p.site = p.makeSite(generator)
	p.frame = &Frame{Site: p.site, Lang: p.lang, Langs: p.langs}
	// Read only: capped, so that no append writes into them.
	p.frameOnly = []any{p.frame}[:1:1]
	p.noEntry = []*timeline.Entry{nil}[:1:1]
	p.embedScript = p.heightScript()
	p.scoped = sync.OnceValue(p.listScopes)
	p.indexMonths()
	p.places = make(map[string]*timeline.Term, len(tl.Places))
	for _, t := range tl.Places {
		p.places[t.Slug] = t
	}
	if err := p.makeViews(); err != nil {
		return nil, err
	}
	// The specs read this Planner from now on: the one before renders
	// nothing more.
	p.cur.p = p
	return p, nil
}

// URL is the URL path of a page, rel relative to the language's root
// ("events/x/").
func (p *Planner) URL(rel string) string { return p.urls.Page(rel) }

// MediaURL is the URL of a published image, the same in every language.
func (p *Planner) MediaURL(name string) string { return p.urls.Media(name) }

// URLs are the URLs of this Planner's language.
func (p *Planner) URLs() *permalink.URLs { return p.urls }

// EntryURL is where an entry is read.
func (p *Planner) EntryURL(e *timeline.Entry) string { return p.urls.Entry(e) }

// Locale is the language of the pages.
func (p *Planner) Locale() *i18n.Locale { return p.loc }

func (p *Planner) makeSite(generator string) *SiteInfo {
	s := &SiteInfo{
		Title:       or(p.loc.Title, p.cfg.Title),
		Description: or(p.loc.Description, p.cfg.Description),
		Language:    p.lang.Code,
		Dir:         p.loc.Dir(),
		BaseURL:     p.cfg.BaseURL,
		Home:        p.URL(""),
		Static:      p.base,
		Generator:   generator,
		Feed:        p.URL(permalink.Feed),
		JSONFeed:    p.URL(permalink.JSONFeed),
		T:           p.loc.Strings,
		L:           p.loc,
		Original:    p.cfg.Language,
		Relative:    p.cfg.IsRelative(),
	}
	var css strings.Builder
	for _, k := range p.cfg.Kinds {
		s.Kinds = append(s.Kinds, p.kind(k.Name))
		// Kind names are slugs and colours #rrggbb, checked in config.
		fmt.Fprintf(&css, ".k-%s{--kind:%s}", k.Name, k.Color)
	}
	s.KindCSS = template.CSS(css.String())
	for _, y := range p.tl.Years {
		s.Years = append(s.Years, Link{Name: p.loc.Year(y.Year), URL: p.URL(permalink.YearPath(y.Year)), Count: len(y.Entries)})
	}
	s.Nav = []Link{
		{Name: p.t("timeline"), URL: p.URL("")},
		{Name: p.t("kinds"), URL: p.URL(permalink.SectionPath("kinds"))},
		{Name: p.t("actors"), URL: p.URL(permalink.SectionPath("actors"))},
		{Name: p.t("places"), URL: p.URL(permalink.SectionPath("places"))},
		{Name: p.t("tags"), URL: p.URL(permalink.SectionPath("tags"))},
		{Name: p.t("map"), URL: p.URL(permalink.MapPath())},
		{Name: p.t("search"), URL: p.URL(permalink.SearchPath())},
	}
	return s
}

func (p *Planner) kind(name string) Kind {
	k, ok := p.cfg.Kind(name)
	if !ok {
		k = config.Kind{Name: name, Label: name, Color: "#4b5563"}
	}
	return Kind{Name: k.Name, Label: p.loc.Kind(k.Name, k.Label), Color: k.Color, URL: p.URL(permalink.TermPath("kinds", k.Name))}
}

func (p *Planner) dateView(d date.Date) Date {
	return Date{Text: p.loc.Date(d), ISO: d.String(), Precision: d.Precision.String(), Qualifier: d.Qualifier.String()}
}

// view is how the pages show an entry, but for its listing Card, which
// the theme renders from it.
func (p *Planner) view(e *timeline.Entry) Entry {
	v := Entry{
		Slug:    e.Slug,
		Title:   e.Title,
		URL:     p.EntryURL(e),
		Date:    p.dateView(e.Date),
		Kind:    p.kind(e.Kind),
		Status:  e.Status,
		Summary: e.Summary,
		IsEvent: e.IsEvent(),
		T:       p.loc.Strings,

		StatusLabel: p.t("status_" + e.Status),
		Lang:        e.Text.Lang,
		PageLang:    p.lang.Code,
		Outdated:    e.Text.Outdated,
		Translator:  e.Text.Translator,
		BodyLang:    e.Text.BodyLang,

		OriginalLang: p.originalLang(),
	}
	if v.Summary == "" && !e.IsEvent() {
		v.Summary = p.bodies[e.Article.Slug].Summary
	}
	if e.End != nil {
		end := p.dateView(*e.End)
		v.End = &end
	}
	for _, a := range e.Actors {
		v.Actors = append(v.Actors, p.termLink("actors", a))
	}
	if l := e.Location; l != nil && l.Name != "" {
		link := p.termLink("places", l.Name)
		v.Place, v.Country = &link, p.loc.Place(l.Country)
		v.HasCoords, v.Lat, v.Lon = l.HasCoords, l.Lat, l.Lon
		v.Precision, v.Area = l.Precision, l.IsArea()
		if l.HasCoords {
			v.Coords = p.coords(l.Lat, l.Lon)
		}
	}
	if c := e.Casualties; c != nil {
		v.Casualties = &CasualtyText{Killed: p.figureText(c.Killed), Injured: p.figureText(c.Injured), Text: p.casualtiesText(c.Killed, c.Injured)}
	}
	v.Media = p.mediaViews(e)
	if p.cfg.Cards.Thumbnails {
		v.Thumbnail = p.thumbnail(e)
	}
	if !e.IsEvent() {
		v.Share = p.shareImage(e)
		for _, t := range e.Tags() {
			v.Tags = append(v.Tags, p.termLink("tags", t))
		}
	} else {
		v.Article = &Link{Name: e.Article.Title, URL: p.urls.Article(e.Article.Slug)}
	}
	p.evidenceView(&v, e)
	return v
}

func (p *Planner) termLink(section, name string) Link {
	return Link{Name: p.name(section, name), URL: p.URL(permalink.TermPath(section, p.tl.TermSlug(name))), Lang: p.nameLang(section, name)}
}

func (p *Planner) listViews(entries []*timeline.Entry) []*Entry {
	out := make([]*Entry, len(entries))
	for i, e := range entries {
		out[i] = p.views[e.Index]
	}
	return out
}

// ordered returns entries in the site's reading order.
func (p *Planner) ordered(entries []*timeline.Entry) []*timeline.Entry {
	if !p.cfg.Descending {
		return entries
	}
	r := slices.Clone(entries)
	slices.Reverse(r)
	return r
}

// groups splits entries, already in reading order, by month.
func (p *Planner) groups(entries []*timeline.Entry) []Group {
	var gs []Group
	for _, e := range entries {
		y, m := e.Date.MonthKey()
		var id, heading string
		if m == 0 {
			id, heading = permalink.MonthID(y, 0), p.f("year_month_unknown", p.loc.Year(y))
		} else {
			id, heading = permalink.MonthID(y, int(m)), p.loc.MonthYear(y, m)
		}
		if len(gs) == 0 || gs[len(gs)-1].ID != id {
			gs = append(gs, Group{ID: id, Heading: heading, Year: y})
		}
		g := &gs[len(gs)-1]
		g.Entries = append(g.Entries, p.views[e.Index])
	}
	return gs
}

// Pages lists every page of the site, in a fixed order.
func (p *Planner) Pages() []Spec {
	// Each article's page, and about as many listings and their embeds.
	specs := make([]Spec, 0, 2*len(p.tl.All)+64)
	specs = append(specs, Spec{File: p.urls.File(""), Rel: "", Data: p.home, Inputs: p.homeInputs})
	specs = append(specs, Spec{File: p.urls.NotFoundFile(), Rel: permalink.NotFound, Hidden: true, Data: p.notFound})
	specs = p.correctionsPages(specs)
	specs = p.mapPages(specs)
	specs = append(specs, Spec{File: p.urls.File(permalink.SearchPath()), Rel: permalink.SearchPath(), Data: func() *Page {
		pg := p.page("search", "search", p.t("search"), p.URL(permalink.SearchPath()))
		pg.Description = p.t("search_description")
		return pg
	}})
	specs = append(specs, p.articlePages()...)
	for _, y := range p.tl.Years {
		name := p.loc.Year(y.Year)
		specs = p.listing(specs, "years", "", permalink.YearPath(y.Year), &Link{Name: name, URL: p.URL(permalink.YearPath(y.Year))}, y.Entries, name, p.f("events_of_year", name))
	}
	for _, tax := range p.taxonomies() {
		var links []Link
		for _, t := range tax.terms {
			rel := permalink.TermPath(tax.section, t.Slug)
			name := p.termName(tax.section, t)
			link := Link{Name: name, URL: p.URL(rel), Count: len(t.Entries), Lang: p.nameLang(tax.section, t.Name)}
			links = append(links, link)
			specs = p.listing(specs, tax.section, t.Slug, rel, &link, t.Entries, tax.title(name), tax.title(name))
		}
		// An index of many thousand places would pass 1 MiB: it pages too.
		total := max(1, (len(links)+termsPerPage-1)/termsPerPage)
		pageURL := func(n int) string {
			if n == 1 {
				return permalink.SectionPath(tax.section)
			}
			return permalink.PagedPath(permalink.SectionPath(tax.section), n)
		}
		for n := 1; n <= total; n++ {
			file := p.urls.File(pageURL(n))
			specs = append(specs, Spec{File: file, Rel: pageURL(n), Data: func() *Page {
				title := tax.plural
				if n > 1 {
					title = p.f("title_page", tax.plural, p.num(n), p.num(total))
				}
				pg := p.page("terms", tax.section, title, p.URL(pageURL(n)))
				pg.Description = p.f("terms_description", tax.plural, p.site.Title)
				pg.Terms = links[(n-1)*termsPerPage : min(n*termsPerPage, len(links))]
				if total > 1 {
					pg.Pager = p.pager(n, total, func(n int) string { return p.URL(pageURL(n)) })
				}
				return pg
			}})
		}
	}
	return p.embedPages(specs)
}

// articlePages are the specs of the articles' pages, in the order of
// the articles' entries: the last Planner's (After) for each entry that
// is the same, which reads this one, and made afresh for the others. A
// save in serve lists them all again, and most are the same: made
// afresh, they were a quarter of the list's time at 10,000 articles.
func (p *Planner) articlePages() []Spec {
	last := p.lastArticles
	p.lastArticles = nil // not held until the next build
	out := make([]Spec, 0, articles(last, p.tl.All, func(e *timeline.Entry) bool { return true }))
	c := p.cur
	for _, e := range p.tl.All {
		if e.IsEvent() {
			continue
		}
		if k := len(out); k < len(last) && last[k].entry == e {
			out = append(out, last[k])
			continue
		}
		file, rel := p.urls.ArticleFile(e.Slug)
		out = append(out, Spec{
			File:   file,
			Rel:    rel,
			Data:   func() *Page { return c.p.entryPage(e) },
			Inputs: func() Inputs { return c.p.entryInputs(e) },
			entry:  e,
		})
	}
	p.articles = out
	return out
}

// articles is how many of entries are articles' entries that keep
// says to list: as many as last lists, when it lists any.
func articles[T any](last []T, entries []*timeline.Entry, keep func(*timeline.Entry) bool) int {
	if len(last) > 0 {
		return len(last)
	}
	n := 0
	for _, e := range entries {
		if !e.IsEvent() && keep(e) {
			n++
		}
	}
	return n
}

// termName is how a kind, actor, place, tag or status is named.
func (p *Planner) termName(section string, t *timeline.Term) string {
	switch section {
	case "kinds":
		return p.kind(t.Name).Label
	case "status":
		return upperFirst(p.t("status_" + t.Name))
	}
	return p.name(section, t.Name)
}

// termsPerPage is how many actors, places, tags or kinds an index page lists.
const termsPerPage = 1000

type taxonomy struct {
	section, plural string
	terms           []*timeline.Term
	title           func(name string) string
}

func (p *Planner) taxonomies() []taxonomy {
	return []taxonomy{
		{"kinds", p.t("kinds"), p.tl.Kinds, func(n string) string { return p.f("kind_events", n) }},
		{"actors", p.t("actors"), p.tl.Actors, func(n string) string { return p.f("events_involving", n) }},
		{"places", p.t("places"), p.tl.Places, func(n string) string { return p.f("events_in", n) }},
		{"tags", p.t("tags"), p.tl.Tags, func(n string) string { return p.f("events_tagged", n) }},
		{"status", p.t("statuses"), p.tl.Statuses, func(n string) string { return p.f("status_entries", n) }},
	}
}

// listing adds the pages of a filtered timeline at rel: the first at rel,
// then rel/page/2/ and so on, at most Paginate entries each.
func (p *Planner) listing(specs []Spec, section, termSlug, rel string, term *Link, entries []*timeline.Entry, title, heading string) []Spec {
	// The first page of a year, actor or place has charts of all its
	// entries, drawn from the entries in time order.
	var figures func() []Figure
	all := entries
	switch section {
	case "years", "actors", "places":
		id := section[:len(section)-1]
		what := p.f("what_in", term.Name)
		if section == "actors" {
			what = p.f("what_involving", term.Name)
		}
		figures = func() []Figure {
			if section == "years" {
				return p.activityFigures(id, what, all)
			}
			return p.strip(id, what, all)
		}
	}
	var locator *Figure
	if section == "places" {
		if t := p.places[termSlug]; t != nil && t.Place != nil && t.Place.HasCoords {
			locator = p.locator(t.Name, t.Place)
		}
	}
	entries = p.ordered(entries)
	per := p.cfg.Paginate
	total := max(1, (len(entries)+per-1)/per)
	pageURL := func(n int) string {
		if n == 1 {
			return p.URL(rel)
		}
		return p.URL(permalink.PagedPath(rel, n))
	}
	for n := 1; n <= total; n++ {
		chunk := entries[(n-1)*per : min(n*per, len(entries))]
		pageRel := rel
		if n > 1 {
			pageRel = permalink.PagedPath(rel, n)
		}
		file := p.urls.File(pageRel)
		specs = append(specs, Spec{File: file, Rel: pageRel, Inputs: func() Inputs {
			// The visual timeline is made from rel and heading; charts
			// from the entries and where their months are listed.
			lists := [][]*timeline.Entry{chunk}
			values := []any{file, section, rel, title, heading, term, n, total, len(entries), locator}
			if n == 1 && figures != nil {
				lists = append(lists, all)
				values = append(values, p.months)
			}
			return p.inputs(lists, values...)
		}, Data: func() *Page {
			t := title
			if n > 1 {
				t = p.f("title_page", title, p.num(n), p.num(total))
			}
			pg := p.page("list", section, t, pageURL(n))
			pg.Heading = heading
			pg.Term = term
			pg.Description = p.f("list_description", heading, p.num(len(entries)), p.site.Title)
			pg.Groups = p.groups(chunk)
			if total > 1 {
				pg.Pager = p.pager(n, total, pageURL)
			}
			if n == 1 && figures != nil {
				pg.Figures = figures()
			}
			pg.Locator = locator
			pg.Visual = p.visual(rel, heading)
			if section != "years" {
				pg.Breadcrumbs = []Link{{Name: p.t(section), URL: p.URL(permalink.SectionPath(section))}}
			}
			return pg
		}})
	}
	return specs
}

func (p *Planner) pager(n, total int, url func(int) string) *Pager {
	pg := &Pager{Number: n, Total: total}
	if n > 1 {
		pg.Previous = url(n - 1)
	}
	if n < total {
		pg.Next = url(n + 1)
	}
	for i := 1; i <= total; i++ {
		// Long pagers show the ends and the neighbourhood only.
		if i <= 2 || i > total-2 || (i >= n-2 && i <= n+2) {
			pg.Pages = append(pg.Pages, Link{Name: p.num(i), URL: url(i)})
		} else if l := len(pg.Pages); l > 0 && pg.Pages[l-1].URL != "" {
			pg.Pages = append(pg.Pages, Link{Name: "…"})
		}
	}
	return pg
}

func (p *Planner) page(layout, section, title, path string) *Page {
	chrome := p.lang.Code + "|" + section
	// The links the header and footer show as the current page's.
	for _, l := range slices.Concat(p.site.Nav, p.site.Years, []Link{{URL: p.URL(permalink.CorrectionsPath())}}) {
		if l.URL == path {
			chrome += "|" + path
		}
	}
	return &Page{
		Chrome:    chrome,
		Site:      p.site,
		Layout:    layout,
		Section:   section,
		Title:     title,
		Heading:   title,
		Path:      path,
		Canonical: p.canonical(path),
		Lang:      p.lang.Code,
		// Every page has the same path in every language.
		Alternates: p.alternates(strings.TrimPrefix(path, p.urls.Home())),
	}
}

// canonical is a page's canonical URL: none when the site has no absolute
// address, since a relative one would name the wrong page to a crawler.
func (p *Planner) canonical(path string) string {
	if !p.absoluteURLs {
		return ""
	}
	return p.absolute(path)
}

// Summary is the summary an entry shows: written, or from its body.
func (p *Planner) Summary(e *timeline.Entry) string { return p.views[e.Index].Summary }

// Absolute makes a URL path (with the base path) into an absolute URL.
func (p *Planner) Absolute(path string) string { return p.absolute(path) }

// absolute makes a URL path (with the base path) into an absolute URL;
// on a site without an address, a URL relative to the site's root.
func (p *Planner) absolute(path string) string {
	if p.cfg.IsRelative() {
		return strings.TrimPrefix(path, "/")
	}
	return strings.TrimSuffix(p.cfg.BaseURL, p.base) + path
}

func (p *Planner) home() *Page {
	pg := p.page("home", "home", p.site.Title, p.URL(""))
	pg.Description = p.site.Description
	pg.Figures = p.activityFigures("home", p.t("what_all"), p.tl.Entries)
	pg.Visual = p.visual("", p.site.Title)
	pg.StatusCounts = p.statusCounts()
	entries := p.ordered(p.tl.Entries)
	if len(entries) <= p.cfg.Paginate {
		pg.Groups = p.groups(entries)
		return pg
	}
	// A large site: the years, and only the newest entries.
	pg.Truncated = true
	newest := slices.Clone(p.tl.Entries[len(p.tl.Entries)-p.cfg.Paginate:])
	if !p.cfg.Descending {
		slices.Reverse(newest)
	}
	pg.Groups = p.groups(newest)
	for _, y := range p.tl.Years {
		ys := YearSummary{Link: Link{Name: p.loc.Year(y.Year), URL: p.URL(permalink.YearPath(y.Year)), Count: len(y.Entries)}}
		ordered := p.ordered(y.Entries)
		for _, m := range y.Months {
			i := slices.Index(ordered, m.Entries[0])
			if p.cfg.Descending {
				i = slices.Index(ordered, m.Entries[len(m.Entries)-1])
			}
			page := i/p.cfg.Paginate + 1
			u := p.URL(permalink.YearPath(y.Year))
			if page > 1 {
				u = p.URL(permalink.PagedPath(permalink.YearPath(y.Year), page))
			}
			name, id := p.t("year_only"), permalink.MonthID(y.Year, 0)
			if m.Month != 0 {
				name, id = p.loc.ShortMonth(m.Month), permalink.MonthID(y.Year, int(m.Month))
			}
			ys.Months = append(ys.Months, Link{Name: name, URL: u + "#" + id, Count: len(m.Entries)})
		}
		pg.Years = append(pg.Years, ys)
	}
	return pg
}

func (p *Planner) notFound() *Page {
	pg := p.page("404", "404", p.t("not_found_title"), p.URL(permalink.NotFound))
	pg.Description = p.t("not_found_description")
	return pg
}

func (p *Planner) entryPage(e *timeline.Entry) *Page {
	pg := p.page("entry", "events", e.Title, p.urls.Article(e.Slug))
	v := *p.views[e.Index]
	pg.Description = v.Summary
	if w := v.Withdrawn; w != nil {
		pg.Description = p.f("withdrawn_description", w.Date.Text, w.Reason)
	}
	ep := &EntryPage{Entry: v, Body: p.bodies[e.Slug].Text()}
	ep.Related = p.listViews(p.tl.Related(e))
	if prev := p.tl.Previous(e); prev != nil {
		ep.Previous = p.views[prev.Index]
	}
	if next := p.tl.Next(e); next != nil {
		ep.Next = p.views[next.Index]
	}
	for _, ev := range e.Article.Events {
		if ee, ok := p.tl.Lookup(ev.ID); ok && ee.Event == ev {
			ep.Events = append(ep.Events, EventSection{Entry: *p.views[ee.Index], Related: p.listViews(p.tl.Related(ee))})
		}
	}
	ep.JSONLD = p.jsonLD(e, &ep.Entry, pg.Canonical)
	if l := e.Location; l != nil && l.HasCoords && l.Name != "" {
		ep.Locator = p.locator(l.Name, l)
	}
	pg.Entry = ep
	pg.Visual = p.entryVisual(e)
	y := e.Date.Year
	pg.Breadcrumbs = []Link{{Name: p.loc.Year(y), URL: p.URL(permalink.YearPath(y))}}
	return pg
}

// mapPages adds /map/ and the same map filtered by kind (/map/kinds/k/)
// and by year (/map/years/yyyy/): plain pages, so filters need no script.
func (p *Planner) mapPages(specs []Spec) []Spec {
	// The filters offer only kinds and years with entries on the map, and
	// count those: a filter of nothing leads nowhere.
	all := Link{Name: p.t("all_entries"), URL: p.URL(permalink.MapPath())}
	// Counted once: each count reads every entry's place, and serve
	// lists these pages on every save.
	kindsOnMap, yearsOnMap := make([]int, len(p.tl.Kinds)), make([]int, len(p.tl.Years))
	var kinds, years []Link
	for i, k := range p.tl.Kinds {
		if kindsOnMap[i] = onMap(k.Entries); kindsOnMap[i] > 0 {
			kinds = append(kinds, Link{Name: p.kind(k.Name).Label, URL: p.URL(permalink.MapKindPath(k.Slug)), Count: kindsOnMap[i]})
		}
	}
	for i, y := range p.tl.Years {
		if yearsOnMap[i] = onMap(y.Entries); yearsOnMap[i] > 0 {
			years = append(years, Link{Name: p.loc.Year(y.Year), URL: p.URL(permalink.MapYearPath(y.Year)), Count: yearsOnMap[i]})
		}
	}
	add := func(rel, filter, title, what, about string, entries []*timeline.Entry) {
		specs = append(specs, Spec{File: p.urls.File(rel), Rel: rel, Inputs: func() Inputs {
			// A map shows its entries' places, kinds and links, all in
			// their views; and the filter links.
			return p.inputs([][]*timeline.Entry{entries}, rel, filter, title, what, about, kinds, years)
		}, Data: func() *Page {
			pg := p.page("map", "map", title, p.URL(rel))
			fig := p.mapFigure("map", what, entries)
			// The figure's caption gives the numbers; the page says what it is.
			pg.Description = p.f("map_description", about)
			pg.Map = &MapPage{Figure: fig, Kinds: kinds, Years: years, All: all, Filter: filter}
			return pg
		}})
	}
	add(permalink.MapPath(), "", p.t("map"), p.t("map_every"), p.f("map_about", p.site.Title), p.tl.Entries)
	for i, k := range p.tl.Kinds {
		if kindsOnMap[i] == 0 {
			continue
		}
		label := p.kind(k.Name).Label
		add(permalink.MapKindPath(k.Slug), label, p.f("map_title", label), p.f("map_kind", label), p.f("map_about_kind", label, p.site.Title), k.Entries)
	}
	for i, y := range p.tl.Years {
		if yearsOnMap[i] == 0 {
			continue
		}
		name := p.loc.Year(y.Year)
		add(permalink.MapYearPath(y.Year), name, p.f("map_title", name), p.f("map_year", name), p.f("map_about_year", name), y.Entries)
	}
	return specs
}

// casualtiesText is "3 killed, 18 injured" in the page's language.
func (p *Planner) casualtiesText(killed, injured *casualty.Figure) string {
	var parts []string
	for _, c := range []struct {
		key string
		f   *casualty.Figure
	}{{"killed", killed}, {"injured", injured}} {
		switch {
		case c.f == nil:
		case c.f.IsExact() && !p.english():
			parts = append(parts, p.loc.N(c.key, c.f.Min))
		default:
			parts = append(parts, p.f(c.key+"_figure", p.figureText(c.f)))
		}
	}
	if len(parts) == 0 {
		return p.t("unknown")
	}
	return strings.Join(parts, p.t("list_sep"))
}

// english reports whether the pages speak English, whose figures read as
// casualty.Figure's Text writes them.
func (p *Planner) english() bool { return p.isEnglish }

// figureText is a casualty figure as the page's language writes it: "3",
// "at least 9", "10–20", "14 (10–20)"; "" when not reported.
func (p *Planner) figureText(f *casualty.Figure) string {
	if f == nil {
		return ""
	}
	if p.english() {
		return f.Text()
	}
	return p.loc.Figure(*f)
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
