package pages

import (
	"encoding/binary"
	"github.com/timelinegen/timelinegen/internal/timeline"
	"hash"
	"hash/fnv"
	"html/template"
	"io"
)

// A page's key sums up everything its template can see, so that a rebuild
// re-renders exactly the pages whose key changed. The key of most pages is
// the sum of their data, made by internal/build/rebuild. The pages below
// are costly to make (10,000 entry pages; charts drawn from every entry),
// so their Spec.Key is a shortcut: it sums up what the page is made from,
// with each entry by its version, the rebuild package's sum of its whole
// view, and the site by its sum. internal/build's tests check that a
// shortcut changes whenever the sum of the page's data does.

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

func (h hasher) sum() uint64 { return h.h.Sum64() }

// Card is a rendered listing card and the entry version it was made from.
type Card struct {
	Version uint64
	HTML    template.HTML
}

// entryKey is Key(entryPage(e)) without making the page: what an entry
// page shows is its entry, its neighbours, its related entries and its
// events, each summed up by its version.
func (p *Planner) entryKey(e *timeline.Entry) uint64 {
	h := newHasher()
	h.u(p.siteVersion)
	h.s(e.Slug)
	h.u(p.versions[e.Index])
	h.u(p.sum(p.entryVisual(e)))
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

// homeKey is Key(home()) without drawing its charts: they count entries
// by month and kind (binsKey); the listing shows the entries, or on a
// large site the newest and a summary of the years.
func (p *Planner) homeKey() uint64 {
	h := newHasher()
	h.u(p.siteVersion)
	h.s(p.cfg.Title, p.cfg.Description)
	binsKey(h, p.bins(p.tl.Entries))
	h.u(p.sum(p.visual("", p.site.Title)))
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
