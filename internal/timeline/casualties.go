package timeline

import (
	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/content"
)

// Counted is what e adds to casualty totals, so that an article and its
// own events are never counted twice. An article that gives a figure
// (killed or injured) and reports events that give the same figure may be
// summing them up, or telling of its own event apart from them: totals
// take whichever side is larger (by the figures' Values) and leave the
// other out, so that no one is counted twice and no total says less than
// any one entry.
func (e *Entry) Counted() content.Casualties {
	var out content.Casualties
	if e.Casualties == nil {
		return out
	}
	a := e.Article
	events := a.Events
	pick := func(own *casualty.Figure, of func(*content.Casualties) *casualty.Figure) *casualty.Figure {
		if own == nil {
			return nil
		}
		article := of(a.Casualties)
		if article == nil {
			return own
		}
		var sum casualty.Figure
		given := false
		for _, ev := range events {
			if ev.Casualties != nil {
				if f := of(ev.Casualties); f != nil {
					sum, given = sum.Add(*f), true
				}
			}
		}
		if !given {
			return own
		}
		articleWins := article.Value() >= sum.Value()
		if articleWins != e.IsEvent() {
			return own
		}
		return nil
	}
	out.Killed = pick(e.Casualties.Killed, func(c *content.Casualties) *casualty.Figure {
		if c == nil {
			return nil
		}
		return c.Killed
	})
	out.Injured = pick(e.Casualties.Injured, func(c *content.Casualties) *casualty.Figure {
		if c == nil {
			return nil
		}
		return c.Injured
	})
	return out
}
