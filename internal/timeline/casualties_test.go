package timeline

import (
	"fmt"
	"testing"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/content"
)

func fig(f casualty.Figure) *casualty.Figure { return &f }

// An article and the events it reports are never counted twice: the side
// whose figures are larger counts, the other is left out of totals, each
// figure (killed, injured) on its own.
func TestCountedNeverCountsTwice(t *testing.T) {
	withEvents := func(own *content.Casualties, events ...*content.Casualties) func(*content.Article) {
		return func(a *content.Article) {
			a.Casualties = own
			for i, c := range events {
				a.Events = append(a.Events, &content.Event{ID: a.Slug + string(rune('a'+i)), Fields: content.Fields{Title: "E", Date: a.Date, Kind: "military", Casualties: c}})
			}
		}
	}
	tl, ds := New([]*content.Article{
		// A summary: 5 killed in all, 2 and 2 in the events.
		art("sum", "Sum", "2025-05", withEvents(&content.Casualties{Killed: fig(casualty.Exact(5))},
			&content.Casualties{Killed: fig(casualty.Exact(2))}, &content.Casualties{Killed: fig(casualty.Exact(2)), Injured: fig(casualty.AtLeast(9))})),
		// Events that report more than the article: they count.
		art("more", "More", "2025-06", withEvents(&content.Casualties{Killed: fig(casualty.Exact(1))},
			&content.Casualties{Killed: fig(casualty.Estimate(10, 14, 20))})),
		// No figures on the article: every event counts.
		art("own", "Own", "2025-07", withEvents(nil, &content.Casualties{Killed: fig(casualty.Exact(3))})),
	}, []string{"military"})
	if len(ds) > 0 {
		t.Fatal(ds.Error())
	}
	killed := map[string]string{}
	injured := map[string]string{}
	for _, e := range tl.Entries {
		c := e.Counted()
		if c.Killed != nil {
			killed[e.Slug] = c.Killed.Text()
		}
		if c.Injured != nil {
			injured[e.Slug] = c.Injured.Text()
		}
	}
	want := map[string]string{"sum": "5", "morea": "14 (10–20)", "owna": "3"}
	if len(killed) != len(want) {
		t.Errorf("killed counted %v, want %v", killed, want)
	}
	for k, v := range want {
		if killed[k] != v {
			t.Errorf("killed counted %v, want %v", killed, want)
			break
		}
	}
	// The article gives no injured figure: its event's counts.
	if len(injured) != 1 || injured["sumb"] != "at least 9" {
		t.Errorf("injured counted %v, want sumb: at least 9", injured)
	}
}

// A qualified date sorts like the same date without its qualifier: by
// date, then title.
func TestQualifiedDatesSortAsWritten(t *testing.T) {
	tl, ds := New([]*content.Article{
		art("c", "C", "2025-03-11"),
		art("b", "B", "2025-03-11~"),
		art("a", "A", "2025-03-11?"),
		art("month", "Z", "2025-03%"),
		art("next", "0", "2025-03-12~"),
	}, []string{"military"})
	if len(ds) > 0 {
		t.Fatal(ds.Error())
	}
	if got := slugs(tl.Entries); fmt.Sprint(got) != "[month a b c next]" {
		t.Errorf("order %v, want [month a b c next]", got)
	}
}
