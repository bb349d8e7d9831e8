package pages

import (
	"encoding/binary"
	"github.com/timelinegen/timelinegen/internal/timeline"
	"hash"
	"hash/fnv"
	"html/template"
	"io"
	"strconv"
)

// A page's Key sums up everything its template can see, so that a rebuild
// re-renders exactly the pages whose key changed. Entries enter a key by
// their version, a sum of their whole view, rather than field by field.

// hasher writes values into a 64-bit FNV-1a sum, each terminated so that
// ("ab","c") and ("a","bc") differ.
type hasher struct {
	h       hash.Hash64
	scratch *[binary.MaxVarintLen64]byte
}

func newHasher() hasher { return hasher{fnv.New64a(), new([binary.MaxVarintLen64]byte)} }

func (h hasher) s(values ...string) {
	for _, v := range values {
		io.WriteString(h.h, v)
		h.scratch[0] = 0
		h.h.Write(h.scratch[:1])
	}
}

func (h hasher) n(values ...int) {
	for _, v := range values {
		h.h.Write(h.scratch[:binary.PutVarint(h.scratch[:], int64(v))])
	}
}

func (h hasher) u(v uint64) {
	binary.LittleEndian.PutUint64(h.scratch[:], v)
	h.h.Write(h.scratch[:8])
}

func (h hasher) b(v bool) {
	if v {
		h.h.Write([]byte{1})
	} else {
		h.h.Write([]byte{2})
	}
}

func (h hasher) f(v float64) { h.s(strconv.FormatFloat(v, 'g', -1, 64)) }

func (h hasher) link(l *Link) {
	if l == nil {
		h.s("\x01nil")
		return
	}
	h.s(l.Name, l.URL)
	h.n(l.Count)
}

func (h hasher) links(ls []Link) {
	h.n(len(ls))
	for i := range ls {
		h.link(&ls[i])
	}
}

func (h hasher) date(d *Date) {
	if d == nil {
		h.s("\x01nil")
		return
	}
	h.s(d.Text, d.ISO, d.Precision, d.Qualifier)
}

// entry sums every field of an entry view but its Card, which is made
// from the others.
func (h hasher) entry(e *Entry) {
	h.s(e.Slug, e.Title, e.URL, e.Status, e.Summary, e.Country)
	h.date(&e.Date)
	h.date(e.End)
	h.s(e.Kind.Name, e.Kind.Label, e.Kind.Color, e.Kind.URL)
	h.links(e.Actors)
	h.link(e.Place)
	h.b(e.HasCoords)
	h.f(e.Lat)
	h.f(e.Lon)
	h.s(e.Coords, e.Precision)
	h.b(e.Area)
	if e.Casualties == nil {
		h.s("\x01nil")
	} else {
		h.s(e.Casualties.Killed, e.Casualties.Injured, e.Casualties.Text)
	}
	h.links(e.Tags)
	h.b(e.IsEvent)
	h.link(e.Article)
	h.media(e.Media)
	h.picture(e.Thumbnail)
	h.shareImage(e.Share)
	h.s(e.StatusLabel, e.Lang, e.BodyLang, e.PageLang, e.Translator)
	h.b(e.Outdated)
	h.evidence(e)
}

func (h hasher) sum() uint64 { return h.h.Sum64() }

// entryVersion sums entry i's view, and for an article's own entry what
// only its page shows: its body.
func (p *Planner) entryVersion(i int) uint64 {
	h := newHasher()
	h.entry(&p.views[i])
	if e := p.tl.All[i]; !e.IsEvent() {
		h.u(p.bodies[e.Slug].Sum)
	}
	return h.sum()
}

// computeSiteVersion sums what every page shows of the site.
func (p *Planner) computeSiteVersion() uint64 {
	h := newHasher()
	s := p.site
	h.s(s.Title, s.Description, s.Language, s.BaseURL, s.Home, s.Static, string(s.KindCSS), s.Generator, strconv.FormatBool(s.Relative))
	for _, k := range s.Kinds {
		h.s(k.Name, k.Label, k.Color, k.URL)
	}
	h.links(s.Years)
	h.links(s.Nav)
	h.s(s.Dir, s.Original, s.Feed, s.JSONFeed, p.loc.Sum(), p.lang.Prefix)
	for _, l := range p.langs {
		h.s(l.Code, l.Label, l.Dir, l.Prefix)
	}
	return h.sum()
}

// Card is a rendered listing card and the entry version it was made from.
type Card struct {
	Version uint64
	HTML    template.HTML
}

// Key sums up what page pg shows.
func (p *Planner) Key(pg *Page) uint64 {
	h := newHasher()
	h.u(p.siteVersion)
	h.s(pg.Layout, pg.Section, pg.Chrome, pg.Title, pg.Heading, pg.Description, pg.Path, pg.Canonical, pg.Lang)
	h.n(len(pg.Alternates))
	for _, a := range pg.Alternates {
		h.s(a.Code, a.Label, a.URL, a.Absolute)
		h.b(a.Current)
	}
	h.links(pg.Breadcrumbs)
	h.links(pg.Terms)
	h.link(pg.Term)
	h.b(pg.Truncated)
	if pg.Pager != nil {
		h.n(pg.Pager.Number, pg.Pager.Total)
		h.s(pg.Pager.Previous, pg.Pager.Next)
		h.links(pg.Pager.Pages)
	}
	h.n(len(pg.Years))
	for _, y := range pg.Years {
		h.link(&y.Link)
		h.links(y.Months)
	}
	h.n(len(pg.Groups))
	for _, g := range pg.Groups {
		h.s(g.ID, g.Heading)
		h.n(g.Year, len(g.Entries))
		for i := range g.Entries {
			h.u(p.version(g.Entries[i].Slug))
		}
	}
	for i := range pg.Figures {
		h.figure(&pg.Figures[i])
	}
	h.figure(pg.Locator)
	h.visual(pg.Visual)
	if m := pg.Map; m != nil {
		h.figure(m.Figure)
		h.links(m.Kinds)
		h.links(m.Years)
		h.link(&m.All)
		h.s(m.Filter)
	}
	h.notices(pg.Notices)
	h.links(pg.StatusCounts)
	if ep := pg.Entry; ep != nil {
		h.u(p.version(ep.Slug)) // which covers the body and the locator
		for _, list := range [][]*Entry{ep.Related, optional(ep.Previous), optional(ep.Next)} {
			h.n(len(list))
			for i := range list {
				h.u(p.version(list[i].Slug))
			}
		}
		h.n(len(ep.Events))
		for _, ev := range ep.Events {
			h.u(p.version(ev.Slug))
			h.n(len(ev.Related))
			for i := range ev.Related {
				h.u(p.version(ev.Related[i].Slug))
			}
		}
	}
	return h.sum()
}

func optional(e *Entry) []*Entry {
	if e == nil {
		return nil
	}
	return []*Entry{e}
}

func (p *Planner) version(slug string) uint64 {
	if e, ok := p.tl.Lookup(slug); ok {
		return p.versions[e.Index]
	}
	return 0
}

// entryKey is Key(entryPage(e)) without making the page: what an entry
// page shows is its entry, its neighbours, its related entries and its
// events, each summed up by its version.
func (p *Planner) entryKey(e *timeline.Entry) uint64 {
	h := newHasher()
	h.u(p.siteVersion)
	h.s(e.Slug)
	h.u(p.versions[e.Index])
	h.visual(p.entryVisual(e))
	for _, list := range [][]*timeline.Entry{p.tl.Related(e), {p.tl.Previous(e)}, {p.tl.Next(e)}} {
		h.n(len(list))
		for _, r := range list {
			if r == nil {
				h.s("\x01nil")
				continue
			}
			h.u(p.versions[r.Index])
		}
	}
	h.n(len(e.Article.Events))
	for _, ev := range e.Article.Events {
		ee, ok := p.tl.Lookup(ev.ID)
		if !ok || ee.Event != ev {
			h.s("\x01missing")
			continue
		}
		h.u(p.versions[ee.Index])
		rel := p.tl.Related(ee)
		h.n(len(rel))
		for _, r := range rel {
			h.u(p.versions[r.Index])
		}
	}
	return h.sum()
}

// EntriesKey sums up what the feeds and data files show of entries: each
// entry's version, its article's (whose tags and sources an event shows)
// and its related entries.
func (p *Planner) EntriesKey(entries []*timeline.Entry) uint64 {
	h := newHasher()
	h.u(p.siteVersion)
	h.n(p.cfg.FeedEntries, len(entries))
	for _, e := range entries {
		h.s(e.Slug)
		h.u(p.versions[e.Index])
		if e.IsEvent() {
			h.u(p.version(e.Article.Slug))
		}
		rel := p.tl.Related(e)
		h.n(len(rel))
		for _, r := range rel {
			h.s(r.Slug)
		}
	}
	return h.sum()
}

// StringsKey sums up a list of strings.
func StringsKey(list []string) uint64 {
	h := newHasher()
	h.n(len(list))
	h.s(list...)
	return h.sum()
}

func (h hasher) figure(f *Figure) {
	if f == nil {
		h.s("\x01nil")
		return
	}
	h.s(f.ID, string(f.SVG), f.Img, f.Alt, f.Caption)
	if t := f.Table; t != nil {
		h.s(t.Caption)
		h.s(t.Head...)
		h.n(len(t.Rows))
		for _, row := range t.Rows {
			for _, c := range row {
				h.s(c.Text, c.URL)
			}
		}
	}
}

// homeKey is Key(home()) without drawing its charts: they count entries
// by month and kind (binsKey); the listing shows the entries, or on a
// large site the newest and a summary of the years.
func (p *Planner) homeKey() uint64 {
	h := newHasher()
	h.u(p.siteVersion)
	h.s(p.site.Title, p.site.Description)
	binsKey(h, p.bins(p.tl.Entries))
	h.visual(p.visual("", p.site.Title))
	h.links(p.statusCounts())
	entries := p.tl.Entries
	if len(entries) > p.cfg.Paginate {
		entries = entries[len(entries)-p.cfg.Paginate:]
		for _, y := range p.tl.Years {
			h.n(y.Year, len(y.Entries), len(y.Months))
			for _, m := range y.Months {
				h.n(int(m.Month), len(m.Entries))
				h.s(p.monthURL(y.Year, m.Month))
			}
		}
	}
	h.n(len(entries))
	for _, e := range entries {
		h.u(p.versions[e.Index])
	}
	return h.sum()
}
