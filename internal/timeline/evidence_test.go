package timeline

import (
	"slices"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
)

func day(s string) date.Date {
	d, err := date.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPublishersCountsEachOnce(t *testing.T) {
	e := &Entry{Fields: content.Fields{Evidence: content.Evidence{Sources: []content.Source{
		{Publisher: "Example Wire"},
		{Publisher: " example wire "},               // the same, whatever its case
		{URL: "https://www.news.example/a"},         // counted by its host
		{URL: "https://news.example/b"},             // the same host
		{Title: "A title alone"},                    // no publisher to count
		{ArchiveURL: "https://archive.example/x/y"}, // only an archived copy: its host
	}}}}
	if n := e.Publishers(); n != 3 {
		t.Errorf("%d publishers, want 3", n)
	}
}

func TestEventsRestOnTheirArticleUnlessTheyCiteTheirOwn(t *testing.T) {
	a := art("a", "A", "2025-03-11")
	a.Sources = []content.Source{{Publisher: "P1"}, {Publisher: "P2"}}
	own := &content.Event{ID: "own", Fields: content.Fields{Title: "Own", Date: day("2025-03-12"), Kind: "military"}}
	own.Sources = []content.Source{{Publisher: "P3"}}
	plain := &content.Event{ID: "plain", Fields: content.Fields{Title: "Plain", Date: day("2025-03-12"), Kind: "military"}}
	a.Events = []*content.Event{own, plain}
	tl, _ := New([]*content.Article{a}, []string{"military"})
	o, _ := tl.Lookup("own")
	p, _ := tl.Lookup("plain")
	if o.Publishers() != 1 || p.Publishers() != 2 {
		t.Errorf("publishers: own %d, want 1; plain %d, want 2", o.Publishers(), p.Publishers())
	}
}

func TestWithdrawnEntriesLeaveTheTimeline(t *testing.T) {
	w := art("w", "Withdrawn", "2025-03-11")
	w.Withdrawn = &content.Withdrawal{Date: day("2025-04-01"), Reason: "R"}
	w.Events = []*content.Event{{ID: "w-event", Fields: content.Fields{Title: "Its event", Date: day("2025-03-11"), Kind: "military"}}}
	w.Actors = []string{"Only here"}
	b := art("b", "B", "2025-03-10", func(a *content.Article) { a.Related = []content.Ref{{Slug: "w"}} })
	c := art("c", "C", "2025-03-12")
	tl, ds := New([]*content.Article{w, b, c}, []string{"military"})
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	if got := slugs(tl.Entries); !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf("entries %v, want [b c]", got)
	}
	if got := slugs(tl.Withdrawn); !slices.Equal(got, []string{"w-event", "w"}) { // in time order, then by title
		t.Errorf("withdrawn %v, want [w-event w]: an article takes its events with it", got)
	}
	for i, e := range tl.All {
		if e.Index != i {
			t.Errorf("%s: index %d at %d", e.Slug, e.Index, i)
		}
	}
	bEntry, _ := tl.Lookup("b")
	if tl.Next(bEntry).Slug != "c" || len(tl.Related(bEntry)) != 0 {
		t.Errorf("b's next %s, related %v: the withdrawn entry is skipped", tl.Next(bEntry).Slug, slugs(tl.Related(bEntry)))
	}
	wEntry, _ := tl.Lookup("w")
	if tl.Previous(wEntry) != nil || tl.Next(wEntry) != nil {
		t.Error("a withdrawn entry has neighbours")
	}
	if len(tl.Actors) != 0 {
		t.Errorf("actors %v: an actor only a withdrawn entry names has no page", tl.Actors)
	}
	if got := []int{len(tl.Statuses), len(tl.Statuses[0].Entries)}; got[0] != 1 || got[1] != 2 {
		t.Errorf("statuses %v", got)
	}
}

func TestModifiedIsTheLatestChange(t *testing.T) {
	e := &Entry{Fields: content.Fields{Date: day("2025-03-11")}}
	if e.Modified() != nil {
		t.Error("never changed, yet modified")
	}
	u := day("2025-03-13")
	e.Updated = &u
	e.Corrections = []content.Correction{{Date: day("2025-03-12")}, {Date: day("2025-03-14")}}
	if m := e.Modified(); m == nil || m.String() != "2025-03-14" {
		t.Errorf("modified %v, want the latest correction", m)
	}
	e.Withdrawn = &content.Withdrawal{Date: day("2025-04")}
	if m := e.Modified(); m.String() != "2025-04" {
		t.Errorf("modified %v, want the withdrawal", m)
	}
}

func TestNoticesNewestFirst(t *testing.T) {
	a := art("a", "A", "2025-03-11")
	a.Corrections = []content.Correction{{Date: day("2025-03-12"), Text: "a1"}, {Date: day("2025-03-20"), Text: "a2"}}
	a.Withdrawn = &content.Withdrawal{Date: day("2025-03-20"), Reason: "gone"}
	a.Events = []*content.Event{{ID: "ev", Fields: content.Fields{Title: "E", Date: day("2025-03-11"), Kind: "military"}}}
	b := art("b", "B", "2025-03-01")
	b.Corrections = []content.Correction{{Date: day("2025-03-15"), Text: "b1"}}
	tl, _ := New([]*content.Article{a, b}, []string{"military"})
	var got []string
	for _, n := range tl.Notices() {
		got = append(got, n.Text)
	}
	// The same day: the withdrawal after the correction, so shown first.
	if want := []string{"gone", "a2", "b1", "a1"}; !slices.Equal(got, want) {
		t.Errorf("notices %v, want %v (the withdrawn event is not listed again)", got, want)
	}
	if n := tl.CountNotices(); n != len(got) {
		t.Errorf("CountNotices() = %d, and Notices lists %d", n, len(got))
	}
}
