package timeline

import (
	"fmt"
	"slices"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
)

func art(slug, title, d string, f ...func(*content.Article)) *content.Article {
	dt, err := date.Parse(d)
	if err != nil {
		panic(err)
	}
	a := &content.Article{Path: "content/" + slug + ".md", Slug: slug, SlugPos: content.Pos{Line: 1, Col: 1}, Fields: content.Fields{Title: title, Date: dt, Kind: "military", Status: "reported"}}
	for _, fn := range f {
		fn(a)
	}
	return a
}

func slugs(es []*Entry) []string {
	var s []string
	for _, e := range es {
		s = append(s, e.Slug)
	}
	return s
}

func TestOrderMonthBeforeDaysYearBeforeMonthsThenTitle(t *testing.T) {
	tl, ds := New([]*content.Article{
		art("day-b", "B", "2025-03-11"),
		art("day-a", "A", "2025-03-11"),
		art("timed", "A timed", "2025-03-11T09:00:00+02:00"),
		art("month", "March", "2025-03"),
		art("year", "Year", "2025"),
		art("feb", "Feb", "2025-02-28"),
		art("prev-year", "Old", "2024-12-31"),
	}, []string{"military"})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := []string{"prev-year", "year", "feb", "month", "day-a", "day-b", "timed"}
	if got := slugs(tl.Entries); !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	if tl.Previous(tl.Entries[0]) != nil || tl.Next(tl.Entries[6]) != nil || tl.Next(tl.Entries[1]).Slug != "feb" {
		t.Error("neighbours wrong")
	}
}

func TestEventsAreEntriesOfTheirOwn(t *testing.T) {
	a := art("talks", "Talks", "2025-03", func(a *content.Article) {
		a.Events = []*content.Event{{ID: "strike", Fields: content.Fields{Title: "Strike", Date: must("2025-03-11"), Kind: "military"}}}
	})
	tl, _ := New([]*content.Article{a}, []string{"military"})
	e, ok := tl.Lookup("strike")
	if !ok || !e.IsEvent() || e.Article != a {
		t.Fatalf("event entry = %+v", e)
	}
	if got := slugs(tl.Entries); !slices.Equal(got, []string{"talks", "strike"}) {
		t.Errorf("order %v", got)
	}
}

func must(s string) date.Date {
	d, err := date.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestRelatedShowsOnBothSidesOnce(t *testing.T) {
	a := art("a", "A", "2025-01-01", func(a *content.Article) { a.Related = []content.Ref{{Slug: "b"}, {Slug: "c", EventID: "c-ev"}} })
	b := art("b", "B", "2025-01-02", func(a *content.Article) { a.Related = []content.Ref{{Slug: "a"}} })
	c := art("c", "C", "2025-01-03", func(a *content.Article) {
		a.Events = []*content.Event{{ID: "c-ev", Fields: content.Fields{Title: "Ev", Date: must("2025-01-04"), Kind: "military"}}}
	})
	tl, ds := New([]*content.Article{a, b, c}, []string{"military"})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	ea, _ := tl.Lookup("a")
	eb, _ := tl.Lookup("b")
	ev, _ := tl.Lookup("c-ev")
	if got := slugs(tl.Related(ea)); !slices.Equal(got, []string{"b", "c-ev"}) {
		t.Errorf("a related %v", got)
	}
	if got := slugs(tl.Related(eb)); !slices.Equal(got, []string{"a"}) {
		t.Errorf("b related %v (declared on both sides, shown once)", got)
	}
	if got := slugs(tl.Related(ev)); !slices.Equal(got, []string{"a"}) {
		t.Errorf("event related %v: backlinks reach events too", got)
	}
}

func TestIndexesMergeNamesOfOneSlugAndListEveryKind(t *testing.T) {
	tl, _ := New([]*content.Article{
		art("a", "A", "2025-01-01", func(a *content.Article) {
			a.Actors = []string{"United States", "Україна"}
			a.Location = &content.Place{Name: "Kyiv"}
			a.Tags = []string{"aid"}
		}),
		art("b", "B", "2024-05", func(a *content.Article) {
			a.Actors = []string{"united states"}
			a.Location = &content.Place{Name: "Kyiv", Country: "Ukraine", HasCoords: true, Lat: 50.45, Lon: 30.52}
		}),
	}, []string{"military", "diplomatic"})
	var names []string
	for _, a := range tl.Actors {
		names = append(names, a.Slug+"="+a.Name)
	}
	if !slices.Equal(names, []string{"ukraina=Україна", "united-states=United States"}) {
		t.Errorf("actors %v", names)
	}
	if len(tl.Places) != 1 || !tl.Places[0].Place.HasCoords || len(tl.Places[0].Entries) != 2 {
		t.Errorf("places %+v: one page with the coordinates some entry gives", tl.Places[0])
	}
	if len(tl.Kinds) != 2 || tl.Kinds[1].Slug != "diplomatic" || len(tl.Kinds[1].Entries) != 0 {
		t.Errorf("every configured kind has a page, in config order: %+v", tl.Kinds)
	}
	if len(tl.Years) != 2 || tl.Years[0].Year != 2024 || tl.Years[0].Months[0].Month != 5 {
		t.Errorf("years %+v", tl.Years)
	}
}

func TestDuplicateSlugNamesBothFiles(t *testing.T) {
	a := art("talks", "A", "2025")
	b := art("talks", "B", "2025")
	b.Path = "content/other/talks.md"
	_, ds := New([]*content.Article{a, b}, nil)
	if len(ds) != 1 || ds[0].Path != "content/other/talks.md" || ds[0].Message != `duplicate slug "talks": already used by content/talks.md:1` {
		t.Errorf("got %v", ds)
	}
}

// TestSortMatchesCompare checks the fast sort against Compare on dates of
// every precision, times with offsets and equal dates.
func TestSortMatchesCompare(t *testing.T) {
	dates := []string{"2025", "2025-03", "2025-03-11", "2025-03-11T09:00:00+02:00", "2025-03-11T07:30:00Z", "2024-12", "2025-03-11T07:00:00+00:00", "0500", "9999-12-31"}
	var es []*Entry
	for i := range 200 {
		d := must(dates[(i*7)%len(dates)])
		es = append(es, &Entry{Slug: fmt.Sprintf("e%03d", i), Fields: content.Fields{Title: fmt.Sprintf("T%d", i%5), Date: d}})
	}
	got := slices.Clone(es)
	sortEntries(got)
	if !slices.IsSortedFunc(got, Compare) {
		t.Fatal("sortEntries disagrees with Compare")
	}
}
