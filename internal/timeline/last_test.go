package timeline

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/slug"
)

// A model made with the one before is the model made afresh; it shares
// the entries that did not change nor move, and leaves the one before as
// it was.
func TestAModelMadeWithTheLastIsTheModelMadeAfresh(t *testing.T) {
	withdrawn := func(a *content.Article) { a.Withdrawn = &content.Withdrawal{Reason: "wrong"} }
	located := func(a *content.Article) {
		a.Location = &content.Place{Name: "Kyiv", HasCoords: true, Lat: 50.450001, Lon: 30.523333}
		a.Actors = []string{"Ukraine"}
	}
	evented := func(a *content.Article) {
		a.Events = []*content.Event{{ID: a.Slug + "-ev", Fields: content.Fields{Title: "Event", Date: must("2025-03-20"), Kind: "military"}}}
	}
	before := []*content.Article{
		art("a", "A", "2025-03-01", located),
		art("b", "B", "2025-03-02", evented),
		art("c", "C", "2025-03-02"),
		art("d", "D", "2025-03-03", withdrawn),
		art("e", "E", "2025-03-04", located),
	}
	edits := map[string]func([]*content.Article) []*content.Article{
		"a title that moves the entry": func(as []*content.Article) []*content.Article {
			return replace(as, 1, art("b", "Z", "2025-03-02", evented))
		},
		"a title that does not": func(as []*content.Article) []*content.Article {
			return replace(as, 4, art("e", "E2", "2025-03-04", located))
		},
		"a withdrawal": func(as []*content.Article) []*content.Article {
			return replace(as, 0, art("a", "A", "2025-03-01", located, withdrawn))
		},
		"an article added first": func(as []*content.Article) []*content.Article {
			return append([]*content.Article{art("0", "0", "2025-01-01")}, as...)
		},
		"an article removed": func(as []*content.Article) []*content.Article {
			return append(as[:2:2], as[3:]...)
		},
		"nothing": func(as []*content.Article) []*content.Article { return as },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			opts := []Option{WithCoordinateDecimals(2)}
			last, _ := New(before, []string{"military"}, opts...)
			lastEntries := make([]Entry, len(last.All))
			for i, e := range last.All {
				lastEntries[i] = *e
			}
			after := edit(before)
			fresh, _ := New(after, []string{"military"}, opts...)
			got, _ := New(after, []string{"military"}, append(opts, WithLast(last))...)
			if got.last != nil {
				t.Error("the model holds the one before it")
			}
			if !reflect.DeepEqual(got, fresh) {
				t.Errorf("made with the last:\n%#v\nmade afresh:\n%#v", slugs(got.All), slugs(fresh.All))
			}
			for i, e := range last.All {
				if !reflect.DeepEqual(*e, lastEntries[i]) {
					t.Errorf("the last model's %s changed", e.Slug)
				}
			}
			shared := 0
			for _, e := range got.All {
				if l, ok := last.bySlug[e.Slug]; ok && l == e {
					shared++
					if l.Index != e.Index {
						t.Errorf("%s is shared but has moved", e.Slug)
					}
				}
			}
			if name == "nothing" && shared != len(got.All) {
				t.Errorf("nothing changed, and %d of %d entries are shared", shared, len(got.All))
			}
		})
	}
}

func replace(as []*content.Article, i int, a *content.Article) []*content.Article {
	out := append([]*content.Article(nil), as...)
	out[i] = a
	return out
}

// Every name of an actor, tag or place leads to its term's slug, however
// many terms there are and in whatever order they were met.
func TestEveryNameLeadsToItsTerm(t *testing.T) {
	var as []*content.Article
	names := []string{"Zeta", "alpha", "Alpha", "Mid", "!!!", "Beta"}
	for i, n := range names {
		as = append(as, art(fmt.Sprintf("a%d", i), "T", "2025-03-01", func(a *content.Article) {
			a.Actors = []string{n, "Beta"}
			a.Tags = []string{n}
		}))
	}
	tl, _ := New(as, []string{"military"})
	for _, terms := range [][]*Term{tl.Actors, tl.Tags} {
		for _, term := range terms {
			for _, e := range term.Entries {
				if !slices.ContainsFunc(append(slices.Clone(e.Actors), e.Tags()...), func(n string) bool { return tl.TermSlug(n) == term.Slug }) {
					t.Errorf("%s is listed under %s, and none of its names leads there", e.Slug, term.Slug)
				}
			}
		}
	}
	for _, n := range names {
		if got, want := tl.TermSlug(n), slug.Make(n); got != want {
			t.Errorf("TermSlug(%q) = %q, want %q", n, got, want)
		}
	}
	if got := slugs(tl.Actors[0].Entries); tl.Actors[0].Name != "Alpha" || !slices.Equal(got, []string{"a1", "a2"}) {
		t.Errorf("first actor %q with %v, want Alpha with a1, a2", tl.Actors[0].Name, got)
	}
}
