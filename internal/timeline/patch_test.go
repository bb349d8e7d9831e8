package timeline

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
)

// A model patched from the one before, save after save, is the model
// made afresh, and leaves the one before as it was. Saves that keep every
// entry's names and links are patched (the edits a desk or an editor
// makes most); the others make the model afresh.
func TestAPatchedModelIsTheModelMadeAfresh(t *testing.T) {
	kinds := []string{"military", "diplomatic"}
	opts := []Option{WithCoordinateDecimals(3)}
	as := patchSite(300)
	last, ds := New(as, kinds, opts...)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	r := rand.New(rand.NewPCG(1, 2))
	patched := map[string]int{}
	for step := range 150 {
		edit := patchEdits[r.IntN(len(patchEdits))]
		next := append([]*content.Article(nil), as...)
		for _, i := range r.Perm(len(next))[:1+r.IntN(2)] {
			c := copyArticle(next[i])
			edit.change(r, step, c)
			next[i] = c
		}
		before := describe(last)
		got, gotDs := New(next, kinds, append(opts, WithLast(last))...)
		fresh, freshDs := New(next, kinds, opts...)
		if !reflect.DeepEqual(got, fresh) || fmt.Sprint(gotDs) != fmt.Sprint(freshDs) {
			t.Fatalf("step %d (%s): made with the last:\n%s\nmade afresh:\n%s", step, edit.name, describe(got), describe(fresh))
		}
		if err := ownEntries(got); err != nil {
			t.Fatalf("step %d (%s): %v", step, edit.name, err)
		}
		if describe(last) != before {
			t.Fatalf("step %d (%s): the model before changed", step, edit.name)
		}
		if reflect.ValueOf(got.terms).UnsafePointer() == reflect.ValueOf(last.terms).UnsafePointer() {
			patched[edit.name]++
		} else if edit.patched == yes {
			t.Errorf("step %d (%s): made afresh", step, edit.name)
		}
		if len(gotDs) == 0 {
			as, last = next, got
		}
	}
	for _, e := range patchEdits {
		switch n := patched[e.name]; {
		case e.patched == no && n > 0:
			t.Errorf("%s: patched %d times", e.name, n)
		case e.patched == maybe && n == 0:
			t.Errorf("%s: never patched", e.name)
		}
	}
}

type patching int

const (
	no    patching = iota
	yes            // the entries that move are few
	maybe          // when few entries move
)

// patchEdits are what a save changes, and whether the model is patched
// for it.
var patchEdits = []struct {
	name    string
	patched patching
	change  func(r *rand.Rand, step int, a *content.Article)
}{
	{"a title, which may move the entry among its day's", yes, func(r *rand.Rand, _ int, a *content.Article) {
		a.Title = fmt.Sprintf("%c title %d", 'A'+r.IntN(26), r.IntN(1000))
	}},
	{"a date a day away", yes, func(_ *rand.Rand, _ int, a *content.Article) {
		if a.Date.Day < 10 {
			a.Date.Day++
		} else {
			a.Date.Day--
		}
	}},
	{"a date up to months away", maybe, func(r *rand.Rand, _ int, a *content.Article) { a.Date = patchDate(r) }},
	{"a summary", yes, func(r *rand.Rand, _ int, a *content.Article) { a.Summary = fmt.Sprint("Summary ", r.IntN(1000)) }},
	{"coordinates of the same place", yes, func(r *rand.Rand, _ int, a *content.Article) {
		if a.Location != nil {
			l := *a.Location
			l.HasCoords, l.Lat, l.Lon = r.IntN(2) == 0, float64(r.IntN(90)), float64(r.IntN(180))
			a.Location = &l
		}
	}},
	{"an event's title and date", maybe, func(r *rand.Rand, _ int, a *content.Article) {
		for i, ev := range a.Events {
			c := *ev
			c.Title, c.Date = fmt.Sprint("Event ", r.IntN(1000)), patchDate(r)
			a.Events[i] = &c
		}
	}},
	{"an actor", no, func(_ *rand.Rand, step int, a *content.Article) {
		a.Actors = append([]string{fmt.Sprint("Actor of step ", step)}, a.Actors...)
	}},
	{"a status", no, func(_ *rand.Rand, _ int, a *content.Article) {
		a.Status = map[string]string{"reported": "confirmed", "confirmed": "disputed", "disputed": "reported"}[a.Status]
	}},
	{"a withdrawal", no, func(_ *rand.Rand, _ int, a *content.Article) {
		if a.Withdrawn == nil {
			a.Withdrawn = &content.Withdrawal{Reason: "wrong"}
		} else {
			a.Withdrawn = nil
		}
	}},
	{"a related link", no, func(r *rand.Rand, _ int, a *content.Article) {
		a.Related = append(a.Related, content.Ref{Slug: fmt.Sprint("a", r.IntN(300))})
	}},
}

// patchSite is n articles crowded into a few months, so that many share
// a day: with events, withdrawals, related links, places with and
// without coordinates.
func patchSite(n int) []*content.Article {
	r := rand.New(rand.NewPCG(3, 4))
	as := make([]*content.Article, n)
	for i := range as {
		slug := fmt.Sprint("a", i)
		a := &content.Article{Path: "content/" + slug + ".md", Slug: slug, Fields: content.Fields{
			Title: fmt.Sprintf("%c article %d", 'A'+r.IntN(26), i), Date: patchDate(r), Kind: []string{"military", "diplomatic"}[i%2],
			Status: []string{"reported", "confirmed", "disputed"}[i%3], Actors: []string{fmt.Sprint("Actor ", i%7), fmt.Sprint("Actor ", i%11)},
		}, Tags: []string{fmt.Sprint("tag ", i%5)}}
		if i%4 != 0 {
			a.Location = &content.Place{Name: fmt.Sprint("Place ", i%13), HasCoords: i%3 != 0, Lat: float64(i % 50), Lon: float64(i % 70)}
		}
		if i%6 == 0 {
			a.Events = []*content.Event{{ID: slug + "-ev", Fields: content.Fields{Title: "Event", Date: patchDate(r), Kind: "military", Status: "reported"}}}
		}
		if i%17 == 0 {
			a.Withdrawn = &content.Withdrawal{Reason: "wrong"}
		}
		if i > 0 && i%3 == 0 {
			a.Related = []content.Ref{{Slug: fmt.Sprint("a", r.IntN(i))}}
		}
		if i > 6 && i%6 == 0 {
			a.Related = append(a.Related, content.Ref{Slug: fmt.Sprint("a", i-6), EventID: fmt.Sprint("a", i-6, "-ev")})
		}
		as[i] = a
	}
	return as
}

func patchDate(r *rand.Rand) date.Date {
	return date.Date{Year: 2024, Month: time.Month(1 + r.IntN(3)), Day: 1 + r.IntN(10), Precision: date.Day}
}

func copyArticle(a *content.Article) *content.Article {
	c := *a
	c.Events = append([]*content.Event(nil), a.Events...)
	return &c
}

// describe is what a model says, entry by entry and term by term, to tell
// it changed.
func describe(t *Timeline) string {
	var b strings.Builder
	list := func(es []*Entry) {
		for _, e := range es {
			fmt.Fprintf(&b, " %s@%d:%s", e.Slug, e.Index, e.Title)
		}
		b.WriteString("\n")
	}
	list(t.All)
	for i := range t.All {
		list(t.related[i])
	}
	for _, terms := range [][]*Term{t.Kinds, t.Actors, t.Tags, t.Places, t.Statuses} {
		for _, term := range terms {
			fmt.Fprintf(&b, "%s %v:", term.Slug, term.Place)
			list(term.Entries)
		}
	}
	for _, y := range t.Years {
		for _, m := range y.Months {
			fmt.Fprintf(&b, "%d-%d:", y.Year, m.Month)
			list(m.Entries)
		}
	}
	return b.String()
}

// ownEntries says which list of t names an entry that is not t's own.
func ownEntries(t *Timeline) error {
	own := func(what string, es []*Entry) error {
		for _, e := range es {
			if e.Index >= len(t.All) || t.All[e.Index] != e || t.bySlug[e.Slug] != e {
				return fmt.Errorf("%s lists %s, which is not the model's", what, e.Slug)
			}
		}
		return nil
	}
	var errs []error
	errs = append(errs, own("All", t.All))
	for i, r := range t.related {
		errs = append(errs, own(t.All[i].Slug+"'s related", r))
	}
	for _, terms := range [][]*Term{t.Kinds, t.Actors, t.Tags, t.Places, t.Statuses} {
		for _, term := range terms {
			errs = append(errs, own(term.Slug, term.Entries))
		}
	}
	for _, y := range t.Years {
		for _, m := range y.Months {
			errs = append(errs, own(fmt.Sprint(y.Year, "-", m.Month), m.Entries))
		}
	}
	return errors.Join(errs...)
}
