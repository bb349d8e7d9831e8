// Package pages turns the timeline model into pages: it decides which pages
// exist, at which URLs, and what each one shows. Templates lay them out.
package pages

import (
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Spec is a page to make: the file it is written to, relative to the
// output root, and how to make its data.
type Spec struct {
	File string
	Data func() *Page
	// Key, where set, sums up what Data would give without making it, so
	// that a rebuild skips unchanged pages cheaply; otherwise the key is
	// Planner.Key(Data()).
	Key func() uint64
}

// Body is an article's rendered Markdown.
type Body struct {
	HTML    template.HTML
	Summary string // the body's first paragraph, for entries without summary
	Sum     uint64 // a hash of HTML, so that keys need not hash bodies again
}

// NewBody makes a Body and its Sum.
func NewBody(html template.HTML, summary string) Body {
	h := newHasher()
	h.s(string(html))
	return Body{HTML: html, Summary: summary, Sum: h.sum()}
}

// Planner knows every page of a site.
type Planner struct {
	cfg    *config.Config
	tl     *timeline.Timeline
	bodies map[string]Body // by article slug
	base   string          // the base path, "/" or "/timeline/"
	site   *Site
	views  []Entry // by Entry.Index
	// versions sum each view and, for an article's entry, what only its
	// page shows: body and sources (see key.go); siteVersion sums Site.
	versions    []uint64
	siteVersion uint64
	sum         func(...any) uint64
	months      map[[2]int]string // {year, month} → its listing's URL and anchor
	places      map[string]*timeline.Term
}

// placeTerm finds a place by name.
func (p *Planner) placeTerm(name string) *timeline.Term { return p.places[p.tl.TermSlug(name)] }

// NewPlanner prepares the views every page shares. bodies are keyed by
// article slug.
//
// run calls its argument for 0..n-1, in parallel where it likes. Views in
// reuse, from a Planner of the same configuration, are taken over where
// their entry's article and body are unchanged. sum sums up whole values
// (internal/build/rebuild): it makes the versions of views and site.
func NewPlanner(cfg *config.Config, tl *timeline.Timeline, bodies map[string]Body, generator string, run func(n int, f func(i int)), reuse ViewCache, sum func(...any) uint64) *Planner {
	p := &Planner{cfg: cfg, tl: tl, bodies: bodies, base: cfg.BasePath(), sum: sum}
	p.site = p.makeSite(generator)
	p.views = make([]Entry, len(tl.All))
	p.versions = make([]uint64, len(tl.All))
	run(len(tl.All), func(i int) {
		e := tl.All[i]
		// A cached view is taken over with its version.
		body := bodies[e.Article.Slug].Sum
		if c, ok := reuse[viewKeyOf(e)]; ok && c.body == body {
			p.views[i], p.versions[i] = c.view, c.version
			p.views[i].Card = ""
			return
		}
		p.views[i] = p.entryView(e)
		if e.IsEvent() {
			p.versions[i] = sum(p.views[i])
		} else {
			p.versions[i] = sum(p.views[i], body, e.Article.Sources)
		}
	})
	p.siteVersion = sum(p.site)
	p.indexMonths()
	p.places = make(map[string]*timeline.Term, len(tl.Places))
	for _, t := range tl.Places {
		p.places[t.Slug] = t
	}
	return p
}

// ViewCache keeps entry views between builds. A view depends only on its
// entry's article (a new parse is a new pointer), the article's body and
// the configuration.
type ViewCache map[viewKey]cachedView

type viewKey struct {
	article *content.Article
	event   string
}

type cachedView struct {
	view    Entry
	version uint64
	body    uint64
}

func viewKeyOf(e *timeline.Entry) viewKey {
	k := viewKey{article: e.Article}
	if e.IsEvent() {
		k.event = e.Slug
	}
	return k
}

// Views returns this Planner's views, for the next one.
func (p *Planner) Views() ViewCache {
	c := make(ViewCache, len(p.views))
	for i, e := range p.tl.All {
		c[viewKeyOf(e)] = cachedView{view: p.views[i], version: p.versions[i], body: p.bodies[e.Article.Slug].Sum}
	}
	return c
}

// RenderCards renders each entry's listing card, in parallel with run,
// which calls its argument for 0..n-1: an entry appears on many listing
// pages, so its card is made once. Cards in reuse (by slug) whose version
// is current are kept.
func (p *Planner) RenderCards(card func(Entry) (template.HTML, error), run func(n int, f func(i int)), reuse map[string]Card) error {
	errs := make([]error, len(p.views))
	run(len(p.views), func(i int) {
		v := &p.views[i]
		if c, ok := reuse[v.Slug]; ok && c.Version == p.versions[i] {
			v.Card = c.HTML
			return
		}
		v.Card, errs[i] = card(*v)
	})
	return errors.Join(errs...)
}

// Cards returns the cards by slug, for the next build's RenderCards.
func (p *Planner) Cards() map[string]Card {
	cards := make(map[string]Card, len(p.views))
	for i, v := range p.views {
		cards[v.Slug] = Card{Version: p.versions[i], HTML: v.Card}
	}
	return cards
}

// URL is the URL path of a page, p relative to the site root ("events/x/").
func (p *Planner) URL(rel string) string { return p.base + rel }

// EntryURL is where an entry is read.
func (p *Planner) EntryURL(e *timeline.Entry) string { return (&URLs{Base: p.base}).Entry(e) }

func (p *Planner) makeSite(generator string) *Site {
	s := &Site{
		Title:       p.cfg.Title,
		Description: p.cfg.Description,
		Language:    p.cfg.Language,
		BaseURL:     p.cfg.BaseURL,
		Home:        p.URL(""),
		Static:      p.base,
		Generator:   generator,
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
		s.Years = append(s.Years, Link{Name: strconv.Itoa(y.Year), URL: p.URL(yearPath(y.Year)), Count: len(y.Entries)})
	}
	s.Nav = []Link{
		{Name: "Timeline", URL: p.URL("")},
		{Name: "Kinds", URL: p.URL("kinds/")},
		{Name: "Actors", URL: p.URL("actors/")},
		{Name: "Places", URL: p.URL("places/")},
		{Name: "Tags", URL: p.URL("tags/")},
		{Name: "Map", URL: p.URL("map/")},
		{Name: "Search", URL: p.URL("search/")},
	}
	return s
}

func yearPath(y int) string { return fmt.Sprintf("years/%04d/", y) }

func (p *Planner) kind(name string) Kind {
	k, ok := p.cfg.Kind(name)
	if !ok {
		k = config.Kind{Name: name, Label: name, Color: "#4b5563"}
	}
	return Kind{Name: k.Name, Label: k.Label, Color: k.Color, URL: p.URL("kinds/" + k.Name + "/")}
}

func dateView(d date.Date) Date {
	return Date{Text: d.Display(), ISO: d.String(), Precision: d.Precision.String(), Qualifier: d.Qualifier.String()}
}

func (p *Planner) entryView(e *timeline.Entry) Entry {
	v := Entry{
		Slug:    e.Slug,
		Title:   e.Title,
		URL:     p.EntryURL(e),
		Date:    dateView(e.Date),
		Kind:    p.kind(e.Kind),
		Status:  e.Status,
		Summary: e.Summary,
		IsEvent: e.IsEvent(),
	}
	if v.Summary == "" && !e.IsEvent() {
		v.Summary = p.bodies[e.Article.Slug].Summary
	}
	if e.End != nil {
		end := dateView(*e.End)
		v.End = &end
	}
	for _, a := range e.Actors {
		v.Actors = append(v.Actors, p.termLink("actors", a))
	}
	if l := e.Location; l != nil && l.Name != "" {
		link := p.termLink("places", l.Name)
		v.Place, v.Country = &link, l.Country
		v.HasCoords, v.Lat, v.Lon = l.HasCoords, l.Lat, l.Lon
		v.Precision, v.Area = l.Precision, l.IsArea()
		if l.HasCoords {
			v.Coords = p.coords(l.Lat, l.Lon)
		}
	}
	if c := e.Casualties; c != nil {
		v.Casualties = &Casualties{Killed: figureText(c.Killed), Injured: figureText(c.Injured)}
	}
	if !e.IsEvent() {
		for _, t := range e.Tags() {
			v.Tags = append(v.Tags, p.termLink("tags", t))
		}
	} else {
		v.Article = &Link{Name: e.Article.Title, URL: p.URL("events/" + e.Article.Slug + "/")}
	}
	p.evidenceView(&v, e)
	return v
}

func (p *Planner) termLink(section, name string) Link {
	return Link{Name: name, URL: p.URL(section + "/" + p.tl.TermSlug(name) + "/")}
}

func (p *Planner) listViews(entries []*timeline.Entry) []*Entry {
	out := make([]*Entry, len(entries))
	for i, e := range entries {
		out[i] = &p.views[e.Index]
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
		id, heading := fmt.Sprintf("%04d-%02d", y, int(m)), fmt.Sprintf("%s %d", m, y)
		if m == 0 {
			id, heading = fmt.Sprintf("%04d", y), fmt.Sprintf("%d, month not known", y)
		}
		if len(gs) == 0 || gs[len(gs)-1].ID != id {
			gs = append(gs, Group{ID: id, Heading: heading, Year: y})
		}
		g := &gs[len(gs)-1]
		g.Entries = append(g.Entries, &p.views[e.Index])
	}
	return gs
}

// Pages lists every page of the site, in a fixed order.
func (p *Planner) Pages() []Spec {
	var specs []Spec
	specs = append(specs, Spec{File: "index.html", Data: p.home, Key: p.homeKey})
	specs = append(specs, Spec{File: "404.html", Data: p.notFound})
	specs = p.correctionsPages(specs)
	specs = p.mapPages(specs)
	specs = append(specs, Spec{File: "search/index.html", Data: func() *Page {
		pg := p.page("search", "search", "Search", p.URL("search/"))
		pg.Description = "Search the timeline's titles, summaries, actors, places and tags."
		return pg
	}})
	for _, e := range p.tl.All {
		if !e.IsEvent() {
			specs = append(specs, Spec{
				File: "events/" + e.Slug + "/index.html",
				Data: func() *Page { return p.entryPage(e) },
				Key:  func() uint64 { return p.entryKey(e) },
			})
		}
	}
	for _, y := range p.tl.Years {
		name := strconv.Itoa(y.Year)
		specs = p.listing(specs, "years", yearPath(y.Year), &Link{Name: name, URL: p.URL(yearPath(y.Year))}, y.Entries, name, "Events of "+name)
	}
	for _, tax := range p.taxonomies() {
		var links []Link
		for _, t := range tax.terms {
			rel := tax.section + "/" + t.Slug + "/"
			name := t.Name
			switch tax.section {
			case "kinds":
				name = p.kind(t.Name).Label
			case "status":
				name = strings.ToUpper(name[:1]) + name[1:]
			}
			link := Link{Name: name, URL: p.URL(rel), Count: len(t.Entries)}
			links = append(links, link)
			specs = p.listing(specs, tax.section, rel, &link, t.Entries, tax.title(name), tax.title(name))
		}
		// An index of many thousand places would pass 1 MiB: it pages too.
		total := max(1, (len(links)+termsPerPage-1)/termsPerPage)
		pageURL := func(n int) string {
			if n == 1 {
				return p.URL(tax.section + "/")
			}
			return p.URL(fmt.Sprintf("%s/page/%d/", tax.section, n))
		}
		for n := 1; n <= total; n++ {
			file := strings.TrimPrefix(pageURL(n), p.base) + "index.html"
			specs = append(specs, Spec{File: file, Data: func() *Page {
				title := tax.plural
				if n > 1 {
					title = fmt.Sprintf("%s (page %d of %d)", tax.plural, n, total)
				}
				pg := p.page("terms", tax.section, title, pageURL(n))
				pg.Description = fmt.Sprintf("%s of %s, with the number of entries for each.", tax.plural, p.cfg.Title)
				pg.Terms = links[(n-1)*termsPerPage : min(n*termsPerPage, len(links))]
				if total > 1 {
					pg.Pager = pager(n, total, pageURL)
				}
				return pg
			}})
		}
	}
	return specs
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
		{"kinds", "Kinds", p.tl.Kinds, func(n string) string { return n + " events" }},
		{"actors", "Actors", p.tl.Actors, func(n string) string { return "Events involving " + n }},
		{"places", "Places", p.tl.Places, func(n string) string { return "Events in " + n }},
		{"tags", "Tags", p.tl.Tags, func(n string) string { return "Events tagged " + n }},
		{"status", "Statuses", p.tl.Statuses, func(n string) string { return n + " entries" }},
	}
}

// listing adds the pages of a filtered timeline at rel: the first at rel,
// then rel/page/2/ and so on, at most Paginate entries each.
func (p *Planner) listing(specs []Spec, section, rel string, term *Link, entries []*timeline.Entry, title, heading string) []Spec {
	// The first page of a year, actor or place has charts of all its
	// entries, drawn from the entries in time order.
	var figures func() []Figure
	var figuresKey func(h hasher)
	all := entries
	switch section {
	case "years", "actors", "places":
		id := section[:len(section)-1]
		what := "in " + term.Name
		if section == "actors" {
			what = "involving " + term.Name
		}
		figures = func() []Figure {
			if section == "years" {
				return p.activityFigures(id, what, all)
			}
			return p.strip(id, what, all)
		}
		figuresKey = func(h hasher) { binsKey(h, p.bins(all)) }
	}
	var locator *Figure
	if section == "places" {
		if t := p.placeTerm(term.Name); t != nil && t.Place != nil && t.Place.HasCoords {
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
		return p.URL(fmt.Sprintf("%spage/%d/", rel, n))
	}
	for n := 1; n <= total; n++ {
		chunk := entries[(n-1)*per : min(n*per, len(entries))]
		file := strings.TrimPrefix(pageURL(n), p.base) + "index.html"
		specs = append(specs, Spec{File: file, Key: func() uint64 {
			h := newHasher()
			h.u(p.siteVersion)
			h.s(file, section, rel, title, heading)
			h.link(term)
			h.n(n, total, len(entries), len(chunk))
			for _, e := range chunk {
				h.u(p.versions[e.Index])
			}
			if n == 1 && figuresKey != nil {
				figuresKey(h)
			}
			if locator != nil {
				h.s(locator.Img, locator.Alt, locator.Caption)
			}
			return h.sum()
		}, Data: func() *Page {
			t := title
			if n > 1 {
				t = fmt.Sprintf("%s (page %d of %d)", title, n, total)
			}
			pg := p.page("list", section, t, pageURL(n))
			pg.Heading = heading
			pg.Term = term
			pg.Description = fmt.Sprintf("%s: %d entries on the timeline of %s.", heading, len(entries), p.cfg.Title)
			pg.Groups = p.groups(chunk)
			if total > 1 {
				pg.Pager = pager(n, total, pageURL)
			}
			if n == 1 && figures != nil {
				pg.Figures = figures()
			}
			pg.Locator = locator
			if section != "years" {
				pg.Breadcrumbs = []Link{{Name: strings.ToUpper(section[:1]) + section[1:], URL: p.URL(section + "/")}}
			}
			return pg
		}})
	}
	return specs
}

func pager(n, total int, url func(int) string) *Pager {
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
			pg.Pages = append(pg.Pages, Link{Name: strconv.Itoa(i), URL: url(i)})
		} else if l := len(pg.Pages); l > 0 && pg.Pages[l-1].URL != "" {
			pg.Pages = append(pg.Pages, Link{Name: "…"})
		}
	}
	return pg
}

func (p *Planner) page(layout, section, title, path string) *Page {
	chrome := section
	for _, l := range slices.Concat(p.site.Nav, p.site.Years) {
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
	}
}

// canonical is a page's canonical URL: none when the site has no absolute
// address, since a relative one would name the wrong page to a crawler.
func (p *Planner) canonical(path string) string {
	if !p.cfg.IsAbsolute() {
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
	pg := p.page("home", "home", p.cfg.Title, p.URL(""))
	pg.Description = p.cfg.Description
	pg.Figures = p.activityFigures("home", "all years", p.tl.Entries)
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
		ys := YearSummary{Link: Link{Name: strconv.Itoa(y.Year), URL: p.URL(yearPath(y.Year)), Count: len(y.Entries)}}
		ordered := p.ordered(y.Entries)
		for _, m := range y.Months {
			i := slices.Index(ordered, m.Entries[0])
			if p.cfg.Descending {
				i = slices.Index(ordered, m.Entries[len(m.Entries)-1])
			}
			page := i/p.cfg.Paginate + 1
			u := p.URL(yearPath(y.Year))
			if page > 1 {
				u = p.URL(fmt.Sprintf("%spage/%d/", yearPath(y.Year), page))
			}
			name, id := "Year only", fmt.Sprintf("%04d", y.Year)
			if m.Month != 0 {
				name, id = m.Month.String()[:3], fmt.Sprintf("%04d-%02d", y.Year, int(m.Month))
			}
			ys.Months = append(ys.Months, Link{Name: name, URL: u + "#" + id, Count: len(m.Entries)})
		}
		pg.Years = append(pg.Years, ys)
	}
	return pg
}

func (p *Planner) notFound() *Page {
	pg := p.page("404", "404", "Page not found", p.URL("404.html"))
	pg.Description = "There is no page at this address."
	return pg
}

func (p *Planner) entryPage(e *timeline.Entry) *Page {
	pg := p.page("entry", "events", e.Title, p.URL("events/"+e.Slug+"/"))
	v := p.views[e.Index]
	pg.Description = v.Summary
	if w := v.Withdrawn; w != nil {
		pg.Description = "Withdrawn on " + w.Date.Text + ": " + w.Reason
	}
	ep := &EntryPage{Entry: v, Body: p.bodies[e.Slug].HTML}
	ep.Related = p.listViews(p.tl.Related(e))
	if prev := p.tl.Previous(e); prev != nil {
		ep.Previous = &p.views[prev.Index]
	}
	if next := p.tl.Next(e); next != nil {
		ep.Next = &p.views[next.Index]
	}
	for _, ev := range e.Article.Events {
		if ee, ok := p.tl.Lookup(ev.ID); ok && ee.Event == ev {
			ep.Events = append(ep.Events, EventSection{Entry: p.views[ee.Index], Related: p.listViews(p.tl.Related(ee))})
		}
	}
	ep.JSONLD = p.jsonLD(e, &ep.Entry, pg.Canonical)
	if l := e.Location; l != nil && l.HasCoords && l.Name != "" {
		ep.Locator = p.locator(l.Name, l)
	}
	pg.Entry = ep
	y := e.Date.Year
	pg.Breadcrumbs = []Link{{Name: strconv.Itoa(y), URL: p.URL(yearPath(y))}}
	return pg
}

// URLs makes the URLs of entries, before the pages exist: wiki-links need
// them while bodies are rendered.
type URLs struct{ Base string }

// Entry is where an entry is read: its page, or its article's page at the
// event's anchor.
func (u *URLs) Entry(e *timeline.Entry) string {
	if e.IsEvent() {
		return u.Base + "events/" + e.Article.Slug + "/#" + e.Slug
	}
	return u.Base + "events/" + e.Slug + "/"
}

// mapPages adds /map/ and the same map filtered by kind (/map/kinds/k/)
// and by year (/map/years/yyyy/): plain pages, so filters need no script.
func (p *Planner) mapPages(specs []Spec) []Spec {
	// The filters offer only kinds and years with entries on the map, and
	// count those: a filter of nothing leads nowhere.
	all := Link{Name: "All entries", URL: p.URL("map/")}
	var kinds, years []Link
	for _, k := range p.tl.Kinds {
		if n := onMap(k.Entries); n > 0 {
			kinds = append(kinds, Link{Name: p.kind(k.Name).Label, URL: p.URL("map/kinds/" + k.Slug + "/"), Count: n})
		}
	}
	for _, y := range p.tl.Years {
		if n := onMap(y.Entries); n > 0 {
			years = append(years, Link{Name: strconv.Itoa(y.Year), URL: p.URL(fmt.Sprintf("map/years/%04d/", y.Year)), Count: n})
		}
	}
	add := func(rel, filter, title, what, about string, entries []*timeline.Entry) {
		specs = append(specs, Spec{File: rel + "index.html", Key: func() uint64 {
			// A map shows its entries' places, kinds and links: all in
			// their versions; and the filter links.
			h := newHasher()
			h.u(p.siteVersion)
			h.s(rel, filter, title, what, about)
			h.links(kinds)
			h.links(years)
			h.n(len(entries))
			for _, e := range entries {
				h.u(p.versions[e.Index])
			}
			return h.sum()
		}, Data: func() *Page {
			pg := p.page("map", "map", title, p.URL(rel))
			fig := p.mapFigure("map", what, entries)
			// The figure's caption gives the numbers; the page says what it is.
			pg.Description = fmt.Sprintf("Where %s took place, one circle a place.", about)
			pg.Map = &MapPage{Figure: fig, Kinds: kinds, Years: years, All: all, Filter: filter}
			return pg
		}})
	}
	add("map/", "", "Map", "every entry with coordinates", "the entries of "+p.cfg.Title, p.tl.Entries)
	for _, k := range p.tl.Kinds {
		if onMap(k.Entries) == 0 {
			continue
		}
		label := p.kind(k.Name).Label
		add("map/kinds/"+k.Slug+"/", label, "Map: "+label, label+" entries", "the "+label+" entries of "+p.cfg.Title, k.Entries)
	}
	for _, y := range p.tl.Years {
		if onMap(y.Entries) == 0 {
			continue
		}
		name := strconv.Itoa(y.Year)
		add(fmt.Sprintf("map/years/%04d/", y.Year), name, "Map: "+name, "entries of "+name, "the entries of "+name, y.Entries)
	}
	return specs
}
