package timeline

import (
	"cmp"
	"maps"
	"slices"
	"sort"

	"github.com/timelinegen/timelinegen/internal/content"
)

// patch makes t, its options set, from last, where the articles differ
// from last's as a save usually makes them: in a few articles, each
// keeping its file, slug, event ids, related links and withdrawal, and
// each of its entries its kind, actors, tags, place name and status. Its
// words, date, sources and the rest may change. Every entry then stays
// under the same terms and linked to the same entries, and only the
// entries between an entry's old and new place in time move: New
// need not index the whole site again (at 100,000 articles a third of a
// save's rebuild). The entries that neither changed nor moved are
// last's, as with New, and so are the terms none of the changed or moved
// entries is under. It reports false, having changed nothing of t or
// last, where New must make the model afresh.
func (t *Timeline) patch(last *Timeline, articles []*content.Article) bool {
	if !last.clean || len(last.articles) != len(articles) || !slices.Equal(last.kinds, t.kinds) {
		return false
	}
	// repl are last's entries this model has another of: a changed one,
	// or a copy of one that moved.
	repl := map[*Entry]*Entry{}
	var listed, withdrawn []*Entry // the changed entries, by where they go
	for i, a := range articles {
		if a == last.articles[i] {
			continue // most: found without a look-up
		}
		old := last.bySlug[a.Slug]
		if old != nil && old.Article == a {
			continue // and its events, which are the article's
		}
		if old == nil || old.Event != nil || old.Article.Path != a.Path || !sameLinks(old.Article, a) {
			return false
		}
		for k := -1; k < len(a.Events); k++ { // the article's entry, then its events'
			o, e := old, (*Entry)(nil)
			if k < 0 {
				e = t.newEntry(a, nil, a.Slug, a.Fields)
			} else {
				ev := a.Events[k]
				if o = last.bySlug[ev.ID]; o == nil || o.Event != old.Article.Events[k] {
					return false
				}
				e = t.newEntry(a, ev, ev.ID, ev.Fields)
			}
			if !sameNames(o, e) {
				return false
			}
			e.Index = -1 // placed below
			repl[o] = e
			if e.Withdrawal() == nil {
				listed = append(listed, e)
			} else {
				withdrawn = append(withdrawn, e)
			}
		}
	}
	n := len(last.Entries)
	all := append(place(last.Entries, listed, repl), place(last.Withdrawn, withdrawn, repl)...)
	// An entry of last's that moved is copied, since last may still be
	// read. When many moved (a date moved years on a large site), New
	// indexes the site as fast.
	moved := 0
	for i, e := range all {
		switch {
		case e.Index == -1:
			e.Index = i
		case e.Index != i:
			if moved++; moved > 64+len(all)/8 {
				return false
			}
			c := *e
			c.Index = i
			all[i], repl[e] = &c, &c
		}
	}
	now := func(e *Entry) *Entry {
		if r, ok := repl[e]; ok {
			return r
		}
		return e
	}

	bySlug := maps.Clone(last.bySlug)
	related := slices.Clone(last.related)
	// The lists to remap are those that list an entry of repl: as an
	// entry lists those that list it, theirs.
	var touched []int
	for o, e := range repl {
		bySlug[e.Slug] = e
		related[e.Index] = last.related[o.Index] // its list moves with it
		for _, r := range last.related[o.Index] {
			touched = append(touched, now(r).Index)
		}
	}
	slices.Sort(touched)
	for _, i := range slices.Compact(touched) {
		related[i] = remap(related[i], now)
	}

	// The terms the changed and moved entries are under: the same for
	// both, since their names are.
	under := func(terms []*Term, slugs func(e *Entry, add func(string))) []*Term {
		affected := map[string]bool{}
		for o := range repl {
			if o.Withdrawal() == nil { // a withdrawn entry is under none
				slugs(o, func(s string) { affected[s] = true })
			}
		}
		if len(affected) == 0 {
			return terms
		}
		out := slices.Clone(terms)
		for i, term := range out {
			if !affected[term.Slug] {
				continue
			}
			c := *term
			c.Entries = replaced(term.Entries, repl)
			if c.Place != nil {
				c.Place = nil
				for _, e := range c.Entries {
					if c.Place == nil || (!c.Place.HasCoords && e.Location.HasCoords) {
						c.Place = e.Location
					}
				}
			}
			out[i] = &c
		}
		return out
	}
	names := func(names func(e *Entry) []string) func(*Entry, func(string)) {
		return func(e *Entry, add func(string)) {
			for _, name := range names(e) {
				if s := last.terms[name]; s != "" {
					add(s)
				}
			}
		}
	}
	t.Kinds = under(last.Kinds, names(func(e *Entry) []string { return []string{e.Kind} }))
	t.Actors = under(last.Actors, names(func(e *Entry) []string { return e.Actors }))
	t.Tags = under(last.Tags, names(func(e *Entry) []string { return e.Tags() }))
	t.Places = under(last.Places, names(func(e *Entry) []string {
		if e.Location == nil || e.Location.Name == "" {
			return nil
		}
		return []string{e.Location.Name}
	}))
	t.Statuses = under(last.Statuses, func(e *Entry, add func(string)) { add(e.Status) })

	t.All, t.Entries, t.Withdrawn = all, all[:n:n], all[n:]
	t.bySlug, t.related, t.terms = bySlug, related, last.terms
	t.Years = years(t.Entries)
	t.clean = true
	return true
}

// sameLinks reports whether article a has the event ids and related
// links of old.
func sameLinks(old, a *content.Article) bool {
	return slices.EqualFunc(old.Events, a.Events, func(x, y *content.Event) bool { return x.ID == y.ID }) &&
		slices.EqualFunc(old.Related, a.Related, func(x, y content.Ref) bool { return x.Slug == y.Slug && x.EventID == y.EventID })
}

// sameNames reports whether entry e is under the terms o is, and as
// withdrawn.
func sameNames(o, e *Entry) bool {
	place := func(e *Entry) string {
		if e.Location == nil {
			return ""
		}
		return e.Location.Name
	}
	return o.Kind == e.Kind && o.Status == e.Status && place(o) == place(e) &&
		slices.Equal(o.Actors, e.Actors) && slices.Equal(o.Tags(), e.Tags()) &&
		(o.Withdrawal() == nil) == (e.Withdrawal() == nil)
}

// place gives list, in time order, with the entries repl replaces taken
// out and the entries of add put in their places in time.
func place(list, add []*Entry, repl map[*Entry]*Entry) []*Entry {
	sortEntries(add)
	// list is in time order with its old entries too: each is found
	// among them in a few comparisons.
	at := make([]int, len(add))
	for i, e := range add {
		at[i] = sort.Search(len(list), func(j int) bool { return Compare(list[j], e) > 0 })
	}
	out := make([]*Entry, 0, len(list))
	k := 0
	for j, e := range list {
		for ; k < len(add) && at[k] == j; k++ {
			out = append(out, add[k])
		}
		if _, gone := repl[e]; !gone {
			out = append(out, e)
		}
	}
	return append(out, add[k:]...)
}

// remap is es with each entry as now gives it, in place order; nil for
// none.
func remap(es []*Entry, now func(*Entry) *Entry) []*Entry {
	if len(es) == 0 {
		return es
	}
	out := make([]*Entry, len(es))
	for i, e := range es {
		out[i] = now(e)
	}
	slices.SortFunc(out, func(a, b *Entry) int { return cmp.Compare(a.Index, b.Index) })
	return out
}

// replaced is es, last's entries in place order, with those repl replaces
// replaced, in place order. A term may list a third of the site: each is
// found by its place, and the few that moved are moved back into order.
func replaced(es []*Entry, repl map[*Entry]*Entry) []*Entry {
	out := slices.Clone(es)
	moved := false
	for o, e := range repl {
		i, found := slices.BinarySearchFunc(es, o.Index, func(x *Entry, i int) int { return cmp.Compare(x.Index, i) })
		if found && es[i] == o {
			out[i] = e
			moved = moved || e.Index != o.Index
		}
	}
	if moved {
		// Insertion: each entry moved a few places at most.
		for i := 1; i < len(out); i++ {
			for j := i; j > 0 && out[j-1].Index > out[j].Index; j-- {
				out[j-1], out[j] = out[j], out[j-1]
			}
		}
	}
	return out
}
