package pages

import "github.com/timelinegen/timelinegen/internal/timeline"

// entryInputs is what entryPage(e) is made from: the entry, its
// neighbours, its related entries and its events with theirs. Its visual
// timeline is made from the entry's view.
func (p *Planner) entryInputs(e *timeline.Entry) Inputs {
	lists := make([][]*timeline.Entry, 4, 4+2*len(e.Article.Events))
	lists[0], lists[1], lists[2], lists[3] = p.entry(e), p.tl.Related(e), p.previous(e), p.next(e)
	for _, ev := range e.Article.Events {
		ee, ok := p.tl.Lookup(ev.ID)
		if !ok || ee.Event != ev {
			lists = append(lists, nil)
			continue
		}
		lists = append(lists, p.entry(ee), p.tl.Related(ee))
	}
	// Its slug is in the page's file name, which its key sums.
	return p.inputs(lists)
}

// entry, previous and next are the lists of e, and of its neighbours in
// time (Timeline.Previous, Next), as slices of the timeline's own.
func (p *Planner) entry(e *timeline.Entry) []*timeline.Entry {
	if l := p.one(p.tl.All, e.Index); l[0] == e {
		return l
	}
	return []*timeline.Entry{e}
}

func (p *Planner) previous(e *timeline.Entry) []*timeline.Entry {
	if e.Index <= 0 || e.Index >= len(p.tl.Entries) {
		return p.noEntry
	}
	return p.one(p.tl.Entries, e.Index-1)
}

func (p *Planner) next(e *timeline.Entry) []*timeline.Entry {
	return p.one(p.tl.Entries, e.Index+1)
}

// homeInputs is what home() is made from without drawing its charts: the
// entries it lists (on a large site the newest), the counts its charts
// draw (bins) and where each month is listed, which its summary of the
// years shows too. The home page is the largest: it is not made again
// for an edit that changes none of these.
func (p *Planner) homeInputs() Inputs {
	entries := p.tl.Entries
	values := []any{p.cfg.Title, p.cfg.Description, p.statusCounts(), p.months, p.bins(entries)}
	if len(entries) > p.cfg.Paginate {
		entries = entries[len(entries)-p.cfg.Paginate:]
		counts := make([][]int, len(p.tl.Years))
		for i, y := range p.tl.Years {
			counts[i] = []int{y.Year, len(y.Entries)}
			for _, m := range y.Months {
				counts[i] = append(counts[i], int(m.Month), len(m.Entries))
			}
		}
		values = append(values, counts)
	}
	return p.inputs([][]*timeline.Entry{entries}, values...)
}
