package pages

import "github.com/timelinegen/timelinegen/internal/timeline"

// entryInputs is what entryPage(e) is made from: the entry, its
// neighbours, its related entries and its events with theirs; and its
// visual timeline.
func (p *Planner) entryInputs(e *timeline.Entry) Inputs {
	lists := [][]*timeline.Entry{{e}, p.tl.Related(e), {p.tl.Previous(e)}, {p.tl.Next(e)}}
	for _, ev := range e.Article.Events {
		ee, ok := p.tl.Lookup(ev.ID)
		if !ok || ee.Event != ev {
			lists = append(lists, nil)
			continue
		}
		lists = append(lists, []*timeline.Entry{ee}, p.tl.Related(ee))
	}
	return p.inputs(lists, e.Slug, p.entryVisual(e))
}

// homeInputs is what home() is made from without drawing its charts: they
// count entries by month and kind (bins); the listing shows the entries,
// or on a large site the newest and a summary of the years.
func (p *Planner) homeInputs() Inputs {
	values := []any{p.cfg.Title, p.cfg.Description, p.bins(p.tl.Entries), p.visual("", p.site.Title), p.statusCounts()}
	entries := p.tl.Entries
	if len(entries) > p.cfg.Paginate {
		entries = entries[len(entries)-p.cfg.Paginate:]
		type month struct {
			Month, Entries int
			URL            string
		}
		type year struct {
			Year, Entries int
			Months        []month
		}
		years := make([]year, len(p.tl.Years))
		for i, y := range p.tl.Years {
			years[i] = year{Year: y.Year, Entries: len(y.Entries)}
			for _, m := range y.Months {
				years[i].Months = append(years[i].Months, month{int(m.Month), len(m.Entries), p.monthURL(y.Year, m.Month)})
			}
		}
		values = append(values, years)
	}
	return p.inputs([][]*timeline.Entry{entries}, values...)
}
