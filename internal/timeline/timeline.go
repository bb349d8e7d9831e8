// Package timeline is the model a site is made from: every Entry in time
// order, and the indexes beside it (neighbours, related entries in both
// directions, actors, places, tags, kinds, years). Entries stay plain
// values; what is derived from them lives in the Timeline.
package timeline

import (
	"cmp"
	"errors"
	"fmt"
	"github.com/timelinegen/timelinegen/internal/date"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/geo"
	"github.com/timelinegen/timelinegen/internal/slug"
)

// Entry is one event on the timeline: an article's own, or one of the
// further events it reports.
type Entry struct {
	Slug    string // the article's slug, or the event's id
	Article *content.Article
	Event   *content.Event // nil for the article's own entry
	content.Fields
	Index int // position in All
	// Text says, in a translated timeline, in which language the entry's
	// words are and how they stand (see Translated).
	Text Text
}

// IsEvent reports whether the entry is one of an article's further events.
func (e *Entry) IsEvent() bool { return e.Event != nil }

// Term is a page of entries that share an actor, place, tag or kind.
type Term struct {
	Slug    string
	Name    string
	Place   *content.Place // for places: the first occurrence, with coordinates if any entry has them
	Entries []*Entry
}

// Month is one month's entries of a year; Month 0 holds those known only
// to the year.
type Month struct {
	Month   time.Month
	Entries []*Entry
}

// Year is one year's entries, by month.
type Year struct {
	Year    int
	Entries []*Entry
	Months  []*Month
}

// Timeline is the whole site's model.
type Timeline struct {
	// Entries are the entries on the timeline, in time order: earliest
	// first. Withdrawn entries are not among them: they keep their pages
	// (and their place in the data files) but leave every listing.
	Entries   []*Entry
	Withdrawn []*Entry // in time order
	// All is Entries then Withdrawn; an entry's Index is its place here.
	All     []*Entry
	bySlug  map[string]*Entry
	related [][]*Entry // by Entry.Index

	Actors, Places, Tags, Kinds, Statuses []*Term
	Years                                 []*Year

	drafts map[string]string // slug or event id of a left-out draft → its file
	// unreadable are the names that files which could not be read may
	// define → the file: links to them are not reported, since the file's
	// own error is.
	unreadable map[string]string
	terms      map[string]string // actor, place, tag or kind name → its slug

	decimals int // coordinates are rounded to this many places; -1 keeps them
	// What the next model made with this one reads to tell whether it may
	// patch it: whether New reported nothing, the articles it was made
	// of, and the site's kinds.
	clean    bool
	articles []*content.Article
	kinds    []string
	// last is WithLast's, while New runs: never kept, or every model
	// would hold the one before it.
	last *Timeline
}

// TermSlug is the slug of an actor, place, tag or kind name.
func (t *Timeline) TermSlug(name string) string {
	if s, ok := t.terms[name]; ok {
		return s
	}
	return slug.Make(name)
}

// Option configures New.
type Option func(*Timeline)

// WithDrafts names the drafts left out of the build, so that a link to
// one says why it leads nowhere.
func WithDrafts(drafts []*content.Article) Option {
	return func(t *Timeline) {
		for _, a := range drafts {
			t.drafts[a.Slug] = a.Path
			for _, ev := range a.Events {
				t.drafts[ev.ID] = a.Path
			}
		}
	}
}

// WithUnreadable names the slugs and event ids that files which could not
// be read (broken frontmatter) may define, each with its file: a link to
// one of them is no error of its own, only a consequence of that file's.
func WithUnreadable(names map[string]string) Option {
	return func(t *Timeline) { t.unreadable = names }
}

// ErrUnreadable is the error of a link to an entry of a file that could
// not be read: the file's own error says what to fix.
var ErrUnreadable = errors.New("the file that defines it could not be read")

// WithCoordinateDecimals rounds every entry's coordinates to decimals
// places (publish_coordinates), so that nothing made from the model can
// publish them more precisely. The articles keep what was written.
func WithCoordinateDecimals(decimals int) Option {
	return func(t *Timeline) { t.decimals = decimals }
}

// WithLast has New keep the entries of last, the model of the build
// before, that are unchanged: of the same article value (a file read
// again is a new one) and at the same place in the order. serve remakes
// the model on every save, and an edit changes a few entries: at 100,000
// articles, making every entry again was 54 MB a save. An entry is never
// changed once New returns, so two models may share it.
func WithLast(last *Timeline) Option {
	return func(t *Timeline) { t.last = last }
}

// Lookup finds the entry with a slug or event id.
func (t *Timeline) Lookup(s string) (*Entry, bool) {
	e, ok := t.bySlug[s]
	return e, ok
}

// Slugs lists every slug and event id, for suggestions.
func (t *Timeline) Slugs() []string {
	s := make([]string, 0, len(t.bySlug))
	for k := range t.bySlug {
		s = append(s, k)
	}
	slices.Sort(s)
	return s
}

// Related lists the entries related to e, declared on either side, once
// each, in time order.
func (t *Timeline) Related(e *Entry) []*Entry {
	if e.Index < len(t.related) && t.All[e.Index] == e {
		return t.related[e.Index]
	}
	return nil
}

// Previous and Next are e's neighbours in time, or nil; a withdrawn
// entry has none.
func (t *Timeline) Previous(e *Entry) *Entry {
	if e.Index > 0 && e.Index < len(t.Entries) {
		return t.Entries[e.Index-1]
	}
	return nil
}

func (t *Timeline) Next(e *Entry) *Entry {
	if e.Index+1 < len(t.Entries) {
		return t.Entries[e.Index+1]
	}
	return nil
}

// Compare is timeline order: by date (a month-only date before that
// month's days), then title, then slug so that order never depends on
// file order.
func Compare(a, b *Entry) int {
	return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Title, b.Title), strings.Compare(a.Slug, b.Slug))
}

// sortEntries puts entries in timeline order (Compare) with each key
// worked out once: the order is remade on every rebuild of serve.
func sortEntries(entries []*Entry) {
	type key struct {
		ymd         int
		timed       bool
		secs        int64
		nanos       int
		title, slug string
		entry       *Entry
	}
	keys := make([]key, len(entries))
	for i, e := range entries {
		y, m := e.Date.MonthKey()
		d := 0
		if e.Date.Precision >= date.Day {
			d = e.Date.Day
		}
		k := key{ymd: (y*100+int(m))*100 + d, title: e.Title, slug: e.Slug, entry: e}
		if e.Date.Precision == date.Time {
			k.timed, k.secs, k.nanos = true, e.Date.Clock.Unix(), e.Date.Clock.Nanosecond()
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.ymd != b.ymd {
			return cmp.Compare(a.ymd, b.ymd)
		}
		if a.timed != b.timed {
			if a.timed {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.secs, b.secs), cmp.Compare(a.nanos, b.nanos), strings.Compare(a.title, b.title), strings.Compare(a.slug, b.slug))
	})
	for i := range keys {
		entries[i] = keys[i].entry
	}
}

// lastOrder puts entries in timeline order, where those kept from last
// are in last's order already: its Entries, then its Withdrawn, each in
// order. Only the entries made afresh are sorted; the three are merged.
// At 100,000 articles, sorting every entry took 70 ms a save.
func lastOrder(entries []*Entry, last *Timeline, kept func(*Entry) bool) []*Entry {
	slots := make([]*Entry, len(last.All))
	var fresh []*Entry
	for _, e := range entries {
		if kept(e) {
			slots[e.Index] = e
		} else {
			fresh = append(fresh, e)
		}
	}
	sortEntries(fresh)
	listed, withdrawn := slots[:len(last.Entries)], slots[len(last.Entries):]
	return merge(merge(compact(listed), compact(withdrawn)), fresh)
}

// compact drops the nil entries of es, in place, leaving no room after
// them.
func compact(es []*Entry) []*Entry {
	return slices.Clip(slices.DeleteFunc(es, func(e *Entry) bool { return e == nil }))
}

// merge merges a and b, each in timeline order.
func merge(a, b []*Entry) []*Entry {
	if len(a) == 0 || len(b) == 0 {
		return append(a, b...)
	}
	m := make([]*Entry, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if Compare(b[j], a[i]) < 0 {
			m = append(m, b[j])
			j++
		} else {
			m = append(m, a[i])
			i++
		}
	}
	return append(append(m, a[i:]...), b[j:]...)
}

// New builds the model from articles (drafts already left out), checking
// what needs all of them at once: unique slugs and event ids, and related
// targets. kinds gives the kind pages their order.
func New(articles []*content.Article, kinds []string, opts ...Option) (*Timeline, diag.List) {
	var ds diag.List
	n := len(articles)
	for _, a := range articles {
		n += len(a.Events)
	}
	t := &Timeline{bySlug: make(map[string]*Entry, n), All: make([]*Entry, 0, n), drafts: map[string]string{}, terms: map[string]string{}, decimals: -1}
	for _, o := range opts {
		o(t)
	}
	last := t.last
	t.last = nil
	if last != nil && last.decimals != t.decimals {
		last = nil
	}
	// kept says whether e is last's, which New must copy to change: all
	// but the few entries made afresh.
	var fresh map[*Entry]bool
	kept := func(e *Entry) bool { return last != nil && !fresh[e] }
	t.articles, t.kinds = articles, slices.Clone(kinds)
	if last != nil && t.patch(last, articles) {
		return t, nil
	}
	entry := func(a *content.Article, ev *content.Event, slug string, f content.Fields) *Entry {
		if last != nil {
			if e := last.bySlug[slug]; e != nil && e.Article == a && e.Event == ev {
				return e
			}
		}
		e := t.newEntry(a, ev, slug, f)
		if last != nil {
			if fresh == nil {
				fresh = map[*Entry]bool{}
			}
			fresh[e] = true
		}
		return e
	}
	add := func(e *Entry, pos content.Pos, what string) {
		if first, dup := t.bySlug[e.Slug]; dup {
			ds.Errorf(e.Article.Path, pos.Line, pos.Col, "duplicate %s %q: already used by %s:%d", what, e.Slug, first.Article.Path, first.pos().Line)
			return
		}
		t.bySlug[e.Slug] = e
		t.All = append(t.All, e)
	}
	for _, a := range articles {
		add(entry(a, nil, a.Slug, a.Fields), a.SlugPos, "slug")
		for _, ev := range a.Events {
			add(entry(a, ev, ev.ID, ev.Fields), ev.IDPos, "event id")
		}
	}
	if last != nil {
		t.All = lastOrder(t.All, last, kept)
	} else {
		sortEntries(t.All)
	}
	t.splitWithdrawn(kept)

	// The indexes read the sorted entries and write only their own
	// fields: they are made side by side, each with its own slug memo.
	memos := make([]map[string]string, 4)
	var wg sync.WaitGroup
	wg.Go(func() { t.linkRelated(articles, &ds) })
	wg.Go(func() { t.Years = years(t.Entries) })
	wg.Go(func() {
		t.Kinds, memos[0] = t.index(func(e *Entry, names []string) []string { return append(names, e.Kind) })
		// Every kind of the site has a page, even before it has entries,
		// so that the legend's links all lead somewhere.
		for _, k := range kinds {
			if !slices.ContainsFunc(t.Kinds, func(t *Term) bool { return t.Slug == k }) {
				t.Kinds = append(t.Kinds, &Term{Slug: k, Name: k})
			}
		}
		order := func(k *Term) int {
			if i := slices.Index(kinds, k.Slug); i >= 0 {
				return i
			}
			return len(kinds)
		}
		slices.SortStableFunc(t.Kinds, func(a, b *Term) int { return cmp.Compare(order(a), order(b)) })
	})
	wg.Go(func() {
		t.Actors, memos[1] = t.index(func(e *Entry, names []string) []string { return append(names, e.Actors...) })
	})
	wg.Go(func() {
		t.Tags, memos[2] = t.index(func(e *Entry, names []string) []string { return append(names, e.Tags()...) })
	})
	wg.Go(func() { t.Statuses = t.statuses() })
	wg.Go(func() {
		t.Places, memos[3] = t.index(func(e *Entry, names []string) []string {
			if e.Location == nil || e.Location.Name == "" {
				return names
			}
			return append(names, e.Location.Name)
		})
		for _, p := range t.Places {
			for _, e := range p.Entries {
				if p.Place == nil || (!p.Place.HasCoords && e.Location.HasCoords) {
					p.Place = e.Location
				}
			}
		}
	})
	wg.Wait()
	for _, m := range memos {
		maps.Copy(t.terms, m)
	}
	t.clean = len(ds) == 0
	return t, ds
}

// newEntry is the entry of article a, or of its event ev, its
// coordinates rounded as the site asks.
func (t *Timeline) newEntry(a *content.Article, ev *content.Event, slug string, f content.Fields) *Entry {
	e := &Entry{Slug: slug, Article: a, Event: ev, Fields: f}
	if l := e.Location; t.decimals >= 0 && l != nil && l.HasCoords {
		r := *l
		r.Lat, r.Lon = geo.Round(l.Lat, t.decimals), geo.Round(l.Lon, t.decimals)
		e.Location = &r
	}
	return e
}

// pos is where the entry's slug or event id is written.
func (e *Entry) pos() content.Pos {
	if e.Event != nil {
		return e.Event.IDPos
	}
	return e.Article.SlugPos
}

// Tags are the article's tags; its events share them.
func (e *Entry) Tags() []string { return e.Article.Tags }

func (t *Timeline) linkRelated(articles []*content.Article, ds *diag.List) {
	t.related = make([][]*Entry, len(t.All))
	link := func(a, b *Entry) {
		// Lists are short: a scan beats a set. A withdrawn entry is
		// listed nowhere, not even as related.
		if a == b || a.Withdrawal() != nil || b.Withdrawal() != nil || slices.Contains(t.related[a.Index], b) {
			return
		}
		t.related[a.Index] = append(t.related[a.Index], b)
	}
	for _, a := range articles {
		from := t.bySlug[a.Slug]
		if from == nil || from.Article != a {
			continue // a duplicate slug, already reported
		}
		for _, r := range a.Related {
			target, ok := t.resolve(r)
			if !ok && t.inUnreadable(r.Slug) {
				continue
			}
			if !ok {
				ds.Errorf(a.Path, r.Pos.Line, r.Pos.Col, "related: %s", t.Unresolved(r.Slug, r.EventID))
				continue
			}
			if target == from {
				ds.Warnf(a.Path, r.Pos.Line, r.Pos.Col, "related: %q is this entry itself", r.String())
				continue
			}
			link(from, target)
			link(target, from)
		}
	}
	for _, list := range t.related {
		slices.SortFunc(list, func(a, b *Entry) int { return cmp.Compare(a.Index, b.Index) })
	}
}

// resolve finds the entry a "slug" or "slug#event-id" names. A bare event
// id names the event too: slugs and event ids share one namespace.
func (t *Timeline) resolve(r content.Ref) (*Entry, bool) {
	e, ok := t.bySlug[r.Slug]
	if !ok || r.EventID == "" {
		return e, ok
	}
	ev, ok := t.bySlug[r.EventID]
	if !ok || !ev.IsEvent() || ev.Article != e.Article {
		return nil, false
	}
	return ev, true
}

// Resolve is resolve for wiki-links: "slug", "slug#event-id", "#event-id".
func (t *Timeline) Resolve(target string) (*Entry, error) {
	s, ev, _ := strings.Cut(target, "#")
	if s == "" {
		s, ev = ev, ""
	}
	if e, ok := t.resolve(content.Ref{Slug: s, EventID: ev}); ok {
		return e, nil
	}
	if t.inUnreadable(s) {
		return nil, ErrUnreadable
	}
	return nil, fmt.Errorf("%s", t.Unresolved(s, ev))
}

// inUnreadable reports whether slug s (and so s#event) may be defined by
// a file that could not be read, and by no other.
func (t *Timeline) inUnreadable(s string) bool {
	_, unreadable := t.unreadable[s]
	_, known := t.bySlug[s]
	return unreadable && !known
}

// Unresolved explains why slug#event names nothing, with a suggestion.
func (t *Timeline) Unresolved(s, event string) string {
	e, ok := t.bySlug[s]
	if path, draft := t.drafts[s]; draft && !ok {
		return fmt.Sprintf("%q is a draft (%s), left out without --drafts", s, path)
	}
	switch {
	case !ok:
		return fmt.Sprintf("no entry %q%s", s, diag.Suggest(s, t.Slugs()))
	case event == "":
		return fmt.Sprintf("no entry %q", s)
	}
	var ids []string
	for _, ev := range e.Article.Events {
		ids = append(ids, ev.ID)
	}
	return fmt.Sprintf("%s has no event %q%s", e.Article.Path, event, diag.Suggest(event, ids))
}

// index groups entries by the names key appends to its second
// argument. Names that make the same slug ("United States", "united
// states") share a page, shown under the name that sorts first. It
// returns each name's slug too.
func (tl *Timeline) index(key func(e *Entry, names []string) []string) ([]*Term, map[string]string) {
	// Each name is looked up once an entry, and its term found by slug
	// only the first time: byName holds its place in terms, or -1 for a
	// name that makes no slug. The terms' entries are counted first, then
	// placed in one block: lists grown an entry at a time were most of
	// what a save's model allocated.
	byName := map[string]int32{}
	bySlug := map[string]int32{}
	var terms []*Term
	var counts, lastSeen []int32 // by term; lastSeen is an entry's place + 1
	type pair struct{ entry, term int32 }
	var names []string
	n := 0
	for _, e := range tl.Entries {
		names = key(e, names[:0])
		n += len(names)
	}
	pairs := make([]pair, 0, n) // grown, it was 14 MB a save at 100,000 articles
	for i, e := range tl.Entries {
		names = key(e, names[:0])
		for _, name := range names {
			id, ok := byName[name]
			if !ok {
				id = -1
				if s := slug.Make(name); s != "" {
					if id, ok = bySlug[s]; !ok {
						id = int32(len(terms))
						bySlug[s] = id
						terms = append(terms, &Term{Slug: s, Name: name})
						counts, lastSeen = append(counts, 0), append(lastSeen, 0)
					} else if name < terms[id].Name {
						terms[id].Name = name
					}
				}
				byName[name] = id
			}
			if id < 0 || lastSeen[id] == int32(i)+1 {
				continue
			}
			lastSeen[id] = int32(i) + 1
			counts[id]++
			pairs = append(pairs, pair{int32(i), id})
		}
	}
	block := make([]*Entry, len(pairs))
	for id, t := range terms {
		n := counts[id]
		t.Entries, block = block[:0:n], block[n:]
	}
	for _, p := range pairs {
		t := terms[p.term]
		t.Entries = append(t.Entries, tl.Entries[p.entry])
	}
	memo := make(map[string]string, len(byName))
	for name, id := range byName {
		if id >= 0 {
			memo[name] = terms[id].Slug
		} else {
			memo[name] = ""
		}
	}
	// After the memo, which finds the terms by their place.
	slices.SortFunc(terms, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
	return terms, memo
}

// years groups entries, in time order, by year and month. A year's and
// a month's entries are side by side in entries: each is a part of it,
// with no room to grow into the next.
func years(entries []*Entry) []*Year {
	var ys []*Year
	start := 0 // the first entry of the last year
	for i := 0; i < len(entries); {
		y, m := entries[i].Date.MonthKey()
		j := i + 1
		for j < len(entries) {
			if ey, em := entries[j].Date.MonthKey(); ey != y || em != m {
				break
			}
			j++
		}
		if len(ys) == 0 || ys[len(ys)-1].Year != y {
			ys, start = append(ys, &Year{Year: y}), i
		}
		yr := ys[len(ys)-1]
		yr.Months = append(yr.Months, &Month{Month: m, Entries: entries[i:j:j]})
		yr.Entries = entries[start:j:j]
		i = j
	}
	return ys
}
