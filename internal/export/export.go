package export

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Input is what the outputs are made from.
type Input struct {
	Config   *config.Config
	Timeline *timeline.Timeline
	// EntryURL is the absolute URL of an entry: its page, or its article's
	// page with "#id". Nil means base_url + "events/<slug>/" (+ "#id").
	EntryURL func(e *timeline.Entry) string
	// Summary is the summary shown for an entry: written, or taken from
	// the body. Nil means the written summary.
	Summary func(e *timeline.Entry) string
	// Pages are the absolute URLs of every HTML page, for the sitemap.
	Pages []string
	// Media are an entry's photos and videos with absolute URLs; nil
	// means none.
	Media func(e *timeline.Entry) []Media
	// Image is the photo standing for an entry in the feeds, never a
	// sensitive one; nil means none.
	Image func(e *timeline.Entry) *Image
	// Alternates, where set, are the same page in every language, by the
	// page's URL in Pages, for the sitemap's xhtml:link elements.
	Alternates map[string][]Alternate
	// Locale, where set, is the language the outputs speak: dates, kind
	// labels and names of actors, places and tags in the search index,
	// the feeds and timeline.json.
	Locale *i18n.Locale
	// Translations, where set, give each entry's words in the site's
	// other languages, for events.json.
	Translations func(e *timeline.Entry) map[string]Translation
}

// Alternate is a page in one language.
type Alternate struct {
	Lang, URL string
}

// Translation is an entry in another language, in events.json.
type Translation struct {
	Title   string `json:"title"`
	Summary string `json:"summary"`
	URL     string `json:"url"`
	// Translated is false for an entry shown in the original's words.
	Translated bool `json:"translated"`
}

// display is a date as the outputs' language shows it.
func (s *Input) display(d date.Date) string {
	if s.Locale != nil {
		return s.Locale.Date(d)
	}
	return d.Display()
}

// name is an actor (section "actors"), place or tag as the outputs'
// language writes it.
func (s *Input) name(section, name string) string {
	if s.Locale == nil {
		return name
	}
	switch section {
	case "actors":
		return s.Locale.Actor(name)
	case "places":
		return s.Locale.Place(name)
	}
	return s.Locale.Tag(name)
}

// Generator names the program in the feeds.
const Generator = "timelinegen"

// base is what the outputs put before a path from the site's root: the
// base URL, or nothing on a site without an address (base_url "/"), whose
// outputs then give URLs relative to the site's root, which is where the
// feeds are.
func (s *Input) base() string {
	if s.Config.IsRelative() {
		return ""
	}
	return s.Config.BaseURL
}

// home is the URL of the home page.
func (s *Input) home() string { return cmp.Or(s.base(), "./") }

// abs makes rel, relative to the site root ("feed.xml"), absolute.
func (s *Input) abs(rel string) string { return s.base() + rel }

func (s *Input) entryURL(e *timeline.Entry) string {
	if s.EntryURL != nil {
		return s.EntryURL(e)
	}
	return (&permalink.URLs{Base: s.base()}).Entry(e)
}

func (s *Input) summary(e *timeline.Entry) string {
	if s.Summary != nil {
		return s.Summary(e)
	}
	return e.Summary
}

func (s *Input) kindLabel(name string) string {
	label := name
	if k, ok := s.Config.Kind(name); ok && k.Label != "" {
		label = k.Label
	}
	if s.Locale != nil {
		return s.Locale.Kind(name, label)
	}
	return label
}

func (s *Input) entries() []*timeline.Entry {
	if s.Timeline == nil {
		return nil
	}
	return s.Timeline.Entries
}

// allEntries are the entries and then the withdrawn ones.
func (s *Input) allEntries() []*timeline.Entry {
	if s.Timeline == nil {
		return nil
	}
	if s.Timeline.All == nil {
		return s.Timeline.Entries
	}
	return s.Timeline.All
}

// isAbs reports whether u is an absolute URL, usable as an IRI id.
func isAbs(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme != "" && (p.Host != "" || p.Opaque != "")
}

// entryID is an entry's id in the feeds: its absolute URL, or, when the
// site has no absolute base URL, a name-based UUID of its slug so that the
// id is still a valid IRI.
func (s *Input) entryID(e *timeline.Entry) string {
	if u := s.entryURL(e); isAbs(u) {
		return u
	}
	return uuidURN("entry:" + e.Slug)
}

func (s *Input) feedID() string {
	if isAbs(s.base()) {
		return s.base()
	}
	return uuidURN("feed:" + s.Config.Title)
}

// uuidURN is an RFC 9562 version 5 (SHA-1, name-based) UUID of name in the
// URL namespace, as a urn:uuid: IRI.
func uuidURN(name string) string {
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.Sum(append(ns, "timelinegen:"+name...))
	u := h[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// newest is the feed's entries: the newest FeedEntries, latest first.
// Newest lists the entries the feeds show, newest first.
func (s *Input) Newest() []*timeline.Entry { return s.newest() }

func (s *Input) newest() []*timeline.Entry {
	all := s.entries()
	// Entries are in timeline order, oldest first: the newest are at the
	// end, from the first entry dated as the n-th newest on.
	if n := s.Config.FeedEntries; n > 0 && len(all) > n {
		cut := len(all) - n
		for cut > 0 && all[cut-1].Date.Compare(all[cut].Date) == 0 {
			cut--
		}
		all = all[cut:]
	}
	es := slices.Clone(all)
	slices.SortStableFunc(es, func(a, b *timeline.Entry) int {
		return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Title, b.Title), strings.Compare(a.Slug, b.Slug))
	})
	if n := s.Config.FeedEntries; n > 0 && len(es) > n {
		es = es[:n]
	}
	return es
}

// modified is when an entry last changed: its Modified date, or else the
// date it happened.
func modified(e *timeline.Entry) date.Date {
	if m := e.Modified(); m != nil && m.Compare(e.Date) > 0 {
		return *m
	}
	return e.Date
}

// instant is the RFC 3339 timestamp for d: its first instant.
func instant(d date.Date) string { return d.Earliest().Format(time.RFC3339Nano) }

// updated is the latest first instant among es, for the feed's <updated>.
// An empty feed says the Unix epoch rather than read a clock.
func updated(es []*timeline.Entry) string {
	t := time.Unix(0, 0).UTC()
	for i, e := range es {
		if at := modified(e).Earliest(); i == 0 || at.After(t) {
			t = at
		}
	}
	// t keeps the offset it was written in (UTC for dates without a time).
	return t.Format(time.RFC3339Nano)
}

// esc escapes text for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a Builder never fail
	return b.String()
}

// Atom is /feed.xml, an Atom 1.0 feed (RFC 4287) of the newest entries.
func Atom(s *Input) []byte {
	es := s.newest()
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"`)
	if s.Config.Language != "" {
		fmt.Fprintf(&b, ` xml:lang="%s"`, esc(s.Config.Language))
	}
	b.WriteString(">\n")
	fmt.Fprintf(&b, "  <title>%s</title>\n", esc(s.Config.Title))
	if s.Config.Description != "" {
		fmt.Fprintf(&b, "  <subtitle>%s</subtitle>\n", esc(s.Config.Description))
	}
	fmt.Fprintf(&b, "  <id>%s</id>\n", esc(s.feedID()))
	fmt.Fprintf(&b, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", esc(s.abs(permalink.Feed)))
	fmt.Fprintf(&b, "  <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(s.home()))
	fmt.Fprintf(&b, "  <updated>%s</updated>\n", updated(es))
	fmt.Fprintf(&b, "  <author>\n    <name>%s</name>\n  </author>\n", esc(s.Config.Title))
	fmt.Fprintf(&b, "  <generator>%s</generator>\n", Generator)
	for _, e := range es {
		b.WriteString("  <entry>\n")
		fmt.Fprintf(&b, "    <title>%s</title>\n", esc(e.Title))
		fmt.Fprintf(&b, "    <id>%s</id>\n", esc(s.entryID(e)))
		fmt.Fprintf(&b, "    <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(s.entryURL(e)))
		fmt.Fprintf(&b, "    <published>%s</published>\n", instant(e.Date))
		fmt.Fprintf(&b, "    <updated>%s</updated>\n", instant(modified(e)))
		if sum := s.summary(e); sum != "" {
			fmt.Fprintf(&b, "    <summary>%s</summary>\n", esc(sum))
		}
		// The facts as the site shows them ("Date: c. 11 March 2025",
		// "Injured: at least 9"), as the JSON feed's content_text.
		fmt.Fprintf(&b, "    <content type=\"text\">%s</content>\n", esc(s.contentText(e)))
		fmt.Fprintf(&b, "    <category term=\"%s\" label=\"%s\"/>\n", esc(e.Kind), esc(s.kindLabel(e.Kind)))
		b.WriteString(atomImage(s.image(e)))
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}

// marshal writes v as indented JSON without HTML escaping. The types
// marshalled here hold no channels, funcs or non-finite floats (coordinates
// are checked), so encoding cannot fail.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic("export: " + err.Error())
	}
	return b.Bytes()
}

// File is a data file written as it is made, record by record: at
// 100,000 entries events.json is 230 MB and events.csv 133 MB, which a
// build held whole, one after the other, while it drew share cards.
type File func(w io.Writer) error

// Bytes is the whole file at once, for a small site or a test. A
// bytes.Buffer does not fail, nor does the encoding (see marshal).
func (f File) Bytes() []byte {
	var b bytes.Buffer
	if err := f(&b); err != nil {
		panic("export: " + err.Error())
	}
	return b.Bytes()
}

// marshalRecords is a File of head, a JSON object, with one more member,
// key, holding the n items made by item, one a line: the large data
// files stay compact (a tenth of the size indented) and still diff line
// by line. Each item is encoded as it is made, not kept. item's false
// leaves an index out.
func marshalRecords[T any](head any, key string, n int, item func(i int) (T, bool)) File {
	return func(w io.Writer) error {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(head); err != nil {
			panic("export: " + err.Error())
		}
		b.Truncate(b.Len() - 2) // "}\n"
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		keyJSON, _ := json.Marshal(key)
		b.Write(keyJSON)
		b.WriteString(":[")
		written := 0
		for i := range n {
			x, ok := item(i)
			if !ok {
				continue
			}
			if written > 0 {
				b.WriteByte(',')
			}
			written++
			b.WriteByte('\n')
			if err := enc.Encode(x); err != nil {
				panic("export: " + err.Error())
			}
			b.Truncate(b.Len() - 1)
			if b.Len() >= flushAt {
				if _, err := w.Write(b.Bytes()); err != nil {
					return err
				}
				b.Reset()
			}
		}
		b.WriteString("\n]}\n")
		_, err := w.Write(b.Bytes())
		return err
	}
}

// flushAt is how much of a File is made before it is written: enough
// that a file takes few system calls, little enough to be nothing beside
// the site.
const flushAt = 256 << 10

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description,omitempty"`
	Language    string         `json:"language,omitempty"`
	Authors     []jsonAuthor   `json:"authors"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonFeedItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary,omitempty"`
	ContentText   string   `json:"content_text"`
	DatePublished string   `json:"date_published"`
	DateModified  string   `json:"date_modified,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Image         string   `json:"image,omitempty"`
	// Timeline is an extension (JSON Feed allows keys starting with "_")
	// with the date at its written precision.
	Timeline jsonFeedExt `json:"_timeline"`
}

type jsonFeedExt struct {
	Date          string   `json:"date"`
	DatePrecision string   `json:"date_precision"`
	End           string   `json:"end,omitempty"`
	Kind          string   `json:"kind"`
	Status        string   `json:"status"`
	Publishers    int      `json:"publishers"`
	AttributedTo  []string `json:"attributed_to,omitempty"`
}

// JSONFeed is /feed.json, a JSON Feed 1.1 of the same entries as Atom.
func JSONFeed(s *Input) []byte {
	f := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       s.Config.Title,
		HomePageURL: s.home(),
		FeedURL:     s.abs(permalink.JSONFeed),
		Description: s.Config.Description,
		Language:    s.Config.Language,
		Authors:     []jsonAuthor{{Name: s.Config.Title}},
		Items:       []jsonFeedItem{},
	}
	for _, e := range s.newest() {
		it := jsonFeedItem{
			ID:            s.entryID(e),
			URL:           s.entryURL(e),
			Title:         e.Title,
			Summary:       s.summary(e),
			ContentText:   s.contentText(e),
			DatePublished: instant(e.Date),
			Tags:          s.tagNames(e.Tags()),
			Timeline: jsonFeedExt{
				Date:          e.Date.String(),
				DatePrecision: e.Date.Precision.String(),
				Kind:          e.Kind,
				Status:        e.Status,
				Publishers:    e.Publishers(),
				AttributedTo:  e.AttributedTo,
			},
		}
		if e.End != nil {
			it.Timeline.End = e.End.String()
		}
		if im := s.image(e); im != nil {
			it.Image = im.URL
		}
		if m := e.Modified(); m != nil {
			it.DateModified = instant(*m)
		}
		f.Items = append(f.Items, it)
	}
	return marshal(f)
}

// contentText is an entry as plain text: its summary, then its facts.
func (s *Input) contentText(e *timeline.Entry) string {
	var b strings.Builder
	if sum := s.summary(e); sum != "" {
		b.WriteString(sum + "\n\n")
	}
	when := s.display(e.Date)
	if e.End != nil {
		when += " – " + s.display(*e.End)
	}
	b.WriteString(s.t("date_label", "Date: ") + when + "\n" + s.t("kind_label", "Kind: ") + s.kindLabel(e.Kind) + "\n" + s.t("status_label", "Status: ") + s.t("status_"+e.Status, e.Status))
	if len(e.AttributedTo) > 0 {
		b.WriteString("\n" + s.t("according_label", "According to: ") + s.names("actors", e.AttributedTo))
	}
	if len(e.Actors) > 0 {
		b.WriteString("\n" + s.t("actors_label", "Actors: ") + s.names("actors", e.Actors))
	}
	if p := s.placeText(e.Location); p != "" {
		b.WriteString("\n" + s.t("place_label", "Place: ") + p)
		if l := e.Location; l.IsArea() {
			b.WriteString(" (" + s.t("known_to_"+l.Precision, "known only to the "+l.Precision) + ")")
		}
	}
	if c := e.Casualties; c != nil {
		if c.Killed != nil {
			b.WriteString("\n" + s.t("killed_label", "Killed: ") + s.figure(*c.Killed))
		}
		if c.Injured != nil {
			b.WriteString("\n" + s.t("injured_label", "Injured: ") + s.figure(*c.Injured))
		}
	}
	return b.String()
}

// t is an interface string in the outputs' language; english where they
// have none.
func (s *Input) t(key, english string) string {
	if s.Locale == nil {
		return english
	}
	return s.Locale.T(key)
}

// names are actors (section "actors") or places as the outputs' language
// writes them, listed.
func (s *Input) names(section string, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = s.name(section, n)
	}
	return strings.Join(out, s.t("list_sep", ", "))
}

// tagNames are tags as the outputs' language writes them (JSON Feed's
// tags are words for readers; _timeline keeps the facts).
func (s *Input) tagNames(tags []string) []string {
	if s.Locale == nil || tags == nil {
		return tags
	}
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = s.name("tags", t)
	}
	return out
}

// figure is a casualty figure as the outputs' language writes it.
func (s *Input) figure(f casualty.Figure) string {
	if s.Locale == nil {
		return f.Text()
	}
	return s.Locale.Figure(f)
}

// placeText is "Place, Country" in the outputs' language.
func (s *Input) placeText(p *content.Place) string {
	if p == nil {
		return ""
	}
	switch {
	case p.Name != "" && p.Country != "" && p.Name != p.Country:
		return s.name("places", p.Name) + s.t("list_sep", ", ") + s.name("places", p.Country)
	case p.Name != "":
		return s.name("places", p.Name)
	}
	return s.name("places", p.Country)
}

// Sitemap is /sitemap.xml: every page, sorted, once each. It has no
// lastmod: the build has no clock to give one.
func Sitemap(s *Input) []byte {
	pages := s.sitemapPages()
	if len(pages) <= MaxSitemapURLs {
		return urlset(pages, s.Alternates)
	}
	// Past the protocol's limit, sitemap.xml indexes sitemaps/N.xml.
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := 1; i <= SitemapParts(s); i++ {
		fmt.Fprintf(&b, "  <sitemap><loc>%s</loc></sitemap>\n", esc(s.abs(permalink.SitemapPart(i))))
	}
	b.WriteString("</sitemapindex>\n")
	return b.Bytes()
}

// MaxSitemapURLs is the sitemaps.org limit of URLs in one sitemap file.
const MaxSitemapURLs = 50000

// SitemapParts is how many files sitemap.xml indexes: 0 when it lists
// every page itself.
func SitemapParts(s *Input) int { return SitemapPartsFor(len(s.sitemapPages())) }

// SitemapPartsFor is SitemapParts for a site of n pages.
func SitemapPartsFor(n int) int {
	if n <= MaxSitemapURLs {
		return 0
	}
	return (n + MaxSitemapURLs - 1) / MaxSitemapURLs
}

// SitemapPart is the i-th (from 1) indexed sitemap.
func SitemapPart(s *Input, i int) []byte {
	pages := s.sitemapPages()
	return urlset(pages[(i-1)*MaxSitemapURLs:min(i*MaxSitemapURLs, len(pages))], s.Alternates)
}

func (s *Input) sitemapPages() []string {
	pages := slices.Clone(s.Pages)
	slices.Sort(pages)
	return slices.Compact(pages)
}

func urlset(pages []string, alternates map[string][]Alternate) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if len(alternates) > 0 {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	} else {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	}
	for _, p := range pages {
		alts := alternates[p]
		if len(alts) == 0 {
			fmt.Fprintf(&b, "  <url><loc>%s</loc></url>\n", esc(p))
			continue
		}
		fmt.Fprintf(&b, "  <url><loc>%s</loc>\n", esc(p))
		for _, a := range alts {
			fmt.Fprintf(&b, "    <xhtml:link rel=\"alternate\" hreflang=\"%s\" href=\"%s\"/>\n", esc(a.Lang), esc(a.URL))
		}
		fmt.Fprintf(&b, "  </url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// Robots is /robots.txt: everything allowed, and where the sitemap is, on
// a site with an address (a sitemap needs absolute URLs: without one there
// is none). Crawlers read robots.txt only at a host's root, so under a
// sub-path it takes effect only if copied there.
func Robots(s *Input) []byte {
	if !s.Config.IsAbsolute() {
		return []byte("User-agent: *\nAllow: /\n")
	}
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.abs(permalink.Sitemap) + "\n")
}

// coords returns an entry's coordinates, if it has usable ones.
func coords(p *content.Place) (lat, lon float64, ok bool) {
	if p == nil || !p.HasCoords || !finite(p.Lat) || !finite(p.Lon) {
		return 0, 0, false
	}
	return p.Lat, p.Lon, true
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func dateString(d *date.Date) *string {
	if d == nil || d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func precisionString(d *date.Date) *string {
	if d == nil || d.IsZero() {
		return nil
	}
	s := d.Precision.String()
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
