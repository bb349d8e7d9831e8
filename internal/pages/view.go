package pages

import (
	"html/template"
	"sync"

	"github.com/timelinegen/timelinegen/internal/i18n"
)

// The views below are what templates see: plain values with every URL
// already made, so that templates only lay things out.

// Link is a labelled URL.
type Link struct {
	Name  string
	URL   string
	Count int // entries behind the link, where it counts something
	// Lang is the language Name is written in when it is not the page's:
	// an actor, place or tag the page's language file does not translate.
	Lang string
}

// Kind is a kind as shown: its name, label, colour and page.
type Kind struct {
	Name, Label, Color, URL string
}

// Date is a date as shown and as machine-readable text for <time>.
type Date struct {
	Text      string // "11 March 2025", "c. 11 March 2025"
	ISO       string // "2025-03-11", without the qualifier (for <time datetime>)
	Precision string
	Qualifier string // "", "approximate", "uncertain" or "approximate-uncertain"
}

// CasualtyText is casualties as shown: each figure's text ("3", "at
// least 9", "14 (10–20)"), empty when not reported.
type CasualtyText struct {
	Killed, Injured string // each figure's text, "" when not reported
	Text            string // "3 killed, 18 injured", in the page's language
}

// Entry is one entry as listings and entry pages show it.
type Entry struct {
	Slug      string
	Title     string
	URL       string // its page, or its article's page at #id
	Date      Date
	End       *Date
	Kind      Kind
	Status    string
	StatusURL string // the status's page, /status/<s>/
	Summary   string
	Actors    []Link
	Place     *Link
	Country   string
	HasCoords bool
	Lat, Lon  float64
	// Coords is "47.91, 33.39": the coordinates as published, at most
	// publish_coordinates' decimals (4 by default).
	Coords string
	// Precision is the place's precision ("exact", "town", …) and Area
	// whether it is known only to an area.
	Precision  string
	Area       bool
	Casualties *CasualtyText
	Tags       []Link
	IsEvent    bool
	Article    *Link // for an event: the article that reports it
	Media      []Media
	Thumbnail  *Picture // on listing cards, with cards: {thumbnails: true}
	// Share is what the entry's page is shared with (og:image), for an
	// article's own entry.
	Share *ShareImage
	// AttributedTo is whose claim the entry is; Publishers counts the
	// independent publishers of the sources it rests on (an event
	// without its own, its article's).
	AttributedTo []string
	Publishers   int
	Cited        int // how many sources it rests on
	// SourcesText says what the entry rests on in the page's language: "3
	// independent publishers", "1 source, publisher not named", "no
	// source cited".
	SourcesText string
	Sources     []Source // its own sources
	Updated     *Date    // when it last changed: updated, a correction or its withdrawal
	Corrections []Correction
	Withdrawn   *Withdrawal // a withdrawn entry shows this instead of its story
	// card is the entry as listings show it (Card), rendered once by the
	// theme's "entry-card" template: an entry appears on many listing
	// pages.
	card *ListingCard

	StatusLabel string       // Status in the page's language
	T           i18n.Strings // the interface strings, for the card
	// Lang is the language of the entry's words when it is not the page's
	// (an entry not yet translated): templates mark it lang="…" and say
	// so. BodyLang is the same for the body.
	Lang, BodyLang string
	PageLang       string // the page's language, for notes inside an entry in another
	// OriginalLang is the original's language when the page is in another:
	// corrections, withdrawal reasons and captions are not translated.
	OriginalLang string
	Outdated     bool   // the original changed since the translation
	Translator   string // who translated it, when given
}

// EntryPage is what an article's page shows beyond its Entry.
type EntryPage struct {
	Entry
	Body     template.HTML
	Related  []*Entry
	Previous *Entry
	Next     *Entry
	Events   []EventSection
	// JSONLD is schema.org data about the page: a NewsArticle about an
	// Event. The template writes it as JSON.
	JSONLD any
	// Locator is a small map of the entry's place, when it has coordinates.
	Locator *Figure
}

// EventSection is one of an article's further events, as an anchored
// section of the article's page.
type EventSection struct {
	Entry
	Related []*Entry
}

// Group is a listing's entries of one month (or of a year, for entries
// known only to the year).
type Group struct {
	ID      string // anchor, "2025-03"
	Heading string // "March 2025"
	Year    int
	Entries []*Entry
}

// Pager links the pages of a long listing.
type Pager struct {
	Number, Total int
	Previous      string
	Next          string
	Pages         []Link // every page, Name is its number
}

// SiteInfo is what every page knows of the site.
type SiteInfo struct {
	Title       string
	Description string
	Language    string // the pages' language code
	Dir         string // "ltr" or "rtl"
	Original    string // the default language: the originals'
	BaseURL     string // as configured, with trailing slash
	// Relative is set when the site has no address (base_url "/"): pages
	// are made with site-root URLs and written with URLs relative to each
	// page (see internal/relurl).
	Relative  bool
	Home      string // URL path of the home page
	Static    string // URL path prefix of static files
	Kinds     []Kind
	KindCSS   template.CSS
	Years     []Link
	Nav       []Link
	Generator string
	Feed      string // the language's Atom feed
	JSONFeed  string
	// T are the interface strings ({{.Site.T.skip}}); L says plurals
	// ({{.Site.L.N "entries" 3}}).
	T i18n.Strings
	L *i18n.Locale
}

// Page is the data of one page.
type Page struct {
	Site        *SiteInfo
	Layout      string // the template: "home", "entry", "list", "terms", "404"
	Section     string // "home", "years", "kinds", "actors", "places", "tags"
	Title       string
	Heading     string
	Description string
	Path        string // URL path of this page, with the base path
	Canonical   string // absolute URL; empty when the site has no address
	Breadcrumbs []Link
	// Chrome names how the site's header and footer look on this page
	// (which link is current), so a theme can render them once per kind
	// of page: {{cached "site-header" .Chrome .}}.
	Chrome string
	// Lang is the page's language; Alternates are the same page in every
	// language of the site (none on a site of one language).
	Lang       string
	Alternates []Alternate

	Entry  *EntryPage
	Groups []Group
	Pager  *Pager
	Terms  []Link
	// Term is the actor, place, tag, kind or year a list page is about.
	Term *Link
	// Years on the home page of a large site: links instead of entries.
	Years []YearSummary
	// Truncated reports that the home page lists only the newest entries.
	Truncated bool
	// Figures are charts of the listed entries (home, year, actor and
	// place pages); Locator is a place page's map; Map is a map page's.
	Figures []Figure
	Locator *Figure
	Map     *MapPage
	// Visual is the page's visual timeline (listings) and how to embed
	// what it shows (listings and entry pages).
	Visual *Visual
	// Notices is the corrections log (/corrections/), newest first.
	Notices []Notice
	// StatusCounts, on the home page, count the entries by status, each
	// linked to its /status/ page, and the withdrawn ones, linked to the
	// corrections log.
	StatusCounts []Link
}

// MapPage is what a map page shows besides its map: links to the same map
// filtered by kind and by year, as plain pages.
type MapPage struct {
	Figure *Figure
	Kinds  []Link
	Years  []Link
	All    Link
	Filter string // "", or the kind or year shown
}

// YearSummary is a year on the home page: how many entries, and its months.
type YearSummary struct {
	Link
	Months []Link
}

// ListingCard is an entry's listing card as rendered: its HTML, held,
// or once put aside (PutAside), how to read it back when a listing is
// rendered. serve puts its cards aside once their pages are rendered: at
// 100,000 articles they were 141 MB of its 944 MB heap, which its memory
// limit grows with. It is safe for concurrent use.
type ListingCard struct {
	mu   sync.Mutex
	html template.HTML
	read func() template.HTML // set once put aside
}

// NewListingCard is a card whose HTML is held.
func NewListingCard(html template.HTML) *ListingCard { return &ListingCard{html: html} }

// HTML is the card's HTML, read back when it was put aside; "" for none.
func (c *ListingCard) HTML() template.HTML {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	html, read := c.html, c.read
	c.mu.Unlock()
	if read != nil {
		return read()
	}
	return html
}

// Aside reports whether the card's HTML was put aside, not held.
func (c *ListingCard) Aside() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.read != nil
}

// PutAside lets go of the card's HTML, which put puts aside, giving how
// to read it back; the card is held still when put cannot take it.
func (c *ListingCard) PutAside(put func(template.HTML) (read func() template.HTML, ok bool)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.read != nil {
		return
	}
	if read, ok := put(c.html); ok {
		c.html, c.read = "", read
	}
}

// Card is the entry's listing card; "" without WithCards.
func (e *Entry) Card() template.HTML { return e.card.HTML() }

// HTMLMethod gives Card without reflection, as the theme's template
// executor asks (htmlexec.HTMLMethods): a listing asks for the card of
// each entry it shows.
func (e *Entry) HTMLMethod(name string) (template.HTML, bool) {
	if name != "Card" {
		return "", false
	}
	return e.Card(), true
}

// ListingCard is the entry's listing card as kept; nil without WithCards.
func (e *Entry) ListingCard() *ListingCard { return e.card }

// WithListingCard is a copy of e with the listing card c, for a view
// made outside a Planner (a test's).
func (e Entry) WithListingCard(c *ListingCard) Entry {
	e.card = c
	return e
}
