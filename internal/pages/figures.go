package pages

import (
	"cmp"
	"html/template"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/geo"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Figure is a chart or map drawn at build time as SVG, with the numbers it
// draws also as a table, for readers who cannot see it.
type Figure struct {
	ID      string
	SVG     template.HTML // drawn inline; or
	Img     string        // the URL of an SVG file, described by Alt
	Alt     string
	Caption string // what it counts
	Table   *Table
	// Width is the width, in CSS pixels, the drawing is meant for: a chart
	// of a few months is drawn narrow instead of stretched into a few
	// giant bars. 0 is the width of the column.
	Width int
	// SectionLabel names a page's charts as a whole ("Charts"), for the
	// section that holds them.
	SectionLabel string
}

// mapLabels is how many of the busiest places a map names.
const mapLabels = 12

// A map page draws at most mapPoints circles (nearby places merged) and
// lists at most mapTableRows places in its table, the busiest first: with
// the thousands of places of an ACLED import, drawing and listing every
// one made a map page of 1.5 MB. Both caps keep a map page of any number
// of places in any language under about 600 KB; every place stays on the
// place pages and in the data files, which the table links to.
const (
	mapPoints    = 1000
	mapTableRows = 200
)

// onMap counts the entries with coordinates, which a map shows.
func onMap(entries []*timeline.Entry) int {
	n := 0
	for _, e := range entries {
		if l := e.Location; l != nil && l.HasCoords {
			n++
		}
	}
	return n
}

// chartWidth is the width of a chart of n months: about 48 pixels a
// month, between a phone's column and a desktop's.
func chartWidth(n int) int { return min(720, max(340, 100+48*n)) }

// Table is a figure's numbers.
type Table struct {
	Caption string
	Summary string // what opens the table: "Entries per month: the numbers"
	Head    []string
	Rows    [][]Cell
	// More, when set, follows a table that lists only its first rows:
	// how many it lists of how many, and where all of them are.
	More *TableMore
}

// TableMore says what a shortened table leaves out and links to the
// pages or files that hold every row.
type TableMore struct {
	Text  string // "The table lists the places with the most entries: 200 of 7,236."
	Label string // "Every place:"
	Links []Link
}

// table is a figure's table captioned by the string caption, with the
// strings head as its columns' headings.
func (p *Planner) table(caption string, head ...string) *Table {
	t := &Table{Caption: p.t(caption), Summary: p.f("the_numbers", p.t(caption))}
	for _, h := range head {
		t.Head = append(t.Head, p.t(h))
	}
	return t
}

// Cell is a table cell, linked where URL is set.
type Cell struct {
	Text string
	URL  string
}

// bin is one bar of an activity chart: a month's entries by kind, or a
// year's entries known only to the year (month 0).
type bin struct {
	year     int
	month    time.Month
	kinds    []int // by the site's kinds, in order
	killed   tally
	injured  tally
	casualty bool // some entry gives casualties
	url      string
}

func (b *bin) total() int {
	n := 0
	for _, k := range b.kinds {
		n += k
	}
	return n
}

func (p *Planner) label(b *bin, long bool) string {
	switch {
	case b.month == 0:
		return p.f("month_unknown", p.loc.Year(b.year))
	case long:
		return p.loc.MonthYear(b.year, b.month)
	}
	return p.loc.ShortMonth(b.month) + " " + p.loc.Year(b.year)
}

// bins counts entries per month and kind, every month from the first to
// the last, with a bar for entries known only to the year before that
// year's January: such entries are never put on an invented month.
func (p *Planner) bins(entries []*timeline.Entry) []bin {
	if len(entries) == 0 {
		return nil
	}
	// Entries come in time order, so a month's entries are together; a
	// bin starts where the month changes (no map: this runs for every
	// actor and place on every rebuild).
	var found []bin
	for _, e := range entries {
		y, m := e.Date.MonthKey()
		if n := len(found); n == 0 || found[n-1].year != y || found[n-1].month != m {
			found = append(found, bin{year: y, month: m, kinds: make([]int, len(p.cfg.Kinds))})
		}
		b := &found[len(found)-1]
		if i := p.kindIndex(e.Kind); i >= 0 {
			b.kinds[i]++
		}
		if c := e.Counted(); c.Killed != nil || c.Injured != nil {
			b.casualty = true
			b.killed.add(c.Killed)
			b.injured.add(c.Injured)
		}
	}
	// Entries out of time order would split a month: put bins in order
	// and merge such splits, so that nothing is lost.
	if !slices.IsSortedFunc(found, cmpBin) {
		slices.SortStableFunc(found, cmpBin)
		merged := found[:1]
		for _, b := range found[1:] {
			if last := &merged[len(merged)-1]; cmpBin(*last, b) == 0 {
				for k := range b.kinds {
					last.kinds[k] += b.kinds[k]
				}
				last.killed.merge(b.killed)
				last.injured.merge(b.injured)
				last.casualty = last.casualty || b.casualty
				continue
			}
			merged = append(merged, b)
		}
		found = merged
	}
	// Every month from the first to the last, empty ones too; a year's
	// entries known only to the year come before its January.
	var out []bin
	i := 0
	y, m := found[0].year, max(found[0].month, 1)
	last := found[len(found)-1]
	for y < last.year || (y == last.year && m <= max(last.month, 1)) {
		if m == 1 && i < len(found) && found[i].year == y && found[i].month == 0 {
			found[i].url = p.monthURL(y, 0)
			out = append(out, found[i])
			i++
		}
		if i < len(found) && found[i].year == y && found[i].month == m {
			found[i].url = p.monthURL(y, m)
			out = append(out, found[i])
			i++
		} else {
			out = append(out, bin{year: y, month: m, kinds: make([]int, len(p.cfg.Kinds)), url: p.monthURL(y, m)})
		}
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

func cmpBin(a, b bin) int { return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.month, b.month)) }

// kindIndex is the position of a kind among the site's kinds, or -1.
func (p *Planner) kindIndex(name string) int {
	for i, k := range p.cfg.Kinds {
		if k.Name == name {
			return i
		}
	}
	return -1
}

// monthURL is where a month's entries are listed: the year page, or the
// page of it that holds the month's first entry, at the month's anchor.
func (p *Planner) monthURL(y int, m time.Month) string {
	if u, ok := p.months[[2]int{y, int(m)}]; ok {
		return u
	}
	return ""
}

// indexMonths finds the page and anchor of every month of every year.
// MonthURLs are where each month's entries are listed: {year, month} →
// its year listing's page and the month's anchor. Charts link their
// months there.
type MonthURLs map[[2]int]string

func (p *Planner) indexMonths() {
	p.months = MonthURLs{}
	for _, y := range p.tl.Years {
		// The months split the year's entries, in time order: where a
		// month starts on the year's pages is counted, not looked up in
		// a map of every entry, made on every save.
		before := 0
		for _, m := range y.Months {
			i := before
			if p.cfg.Descending {
				i = len(y.Entries) - before - len(m.Entries)
			}
			before += len(m.Entries)
			u := p.URL(permalink.YearPath(y.Year))
			if page := i/p.cfg.Paginate + 1; page > 1 {
				u = p.URL(permalink.PagedPath(permalink.YearPath(y.Year), page))
			}
			id := permalink.MonthID(y.Year, int(m.Month))
			p.months[[2]int{y.Year, int(m.Month)}] = u + "#" + id
		}
	}
}

func (p *Planner) segments(b *bin) []charts.Segment {
	var segs []charts.Segment
	for i, k := range p.cfg.Kinds {
		if b.kinds[i] > 0 {
			segs = append(segs, charts.Segment{Kind: k.Name, Label: p.loc.Kind(k.Name, k.Label), Color: k.Color, Count: b.kinds[i]})
		}
	}
	return segs
}

func (p *Planner) monthBars(bins []bin) []charts.MonthBar {
	bars := make([]charts.MonthBar, len(bins))
	for i := range bins {
		b := &bins[i]
		bars[i] = charts.MonthBar{Label: p.label(b, false), Title: p.label(b, true), URL: b.url, Unplaced: b.month == 0, Segments: p.segments(b)}
	}
	return bars
}

// activityFigures are the charts of a timeline: events per month by kind,
// and casualties per month where the entries give them.
func (p *Planner) activityFigures(id, what string, entries []*timeline.Entry) []Figure {
	bins := p.bins(entries)
	if len(bins) == 0 {
		return nil
	}
	total := len(entries)
	act := Figure{
		ID:      id + "-activity",
		Caption: p.f("fig_activity_caption", what, p.num(total)),
		SVG: template.HTML(charts.Activity(charts.ActivityOptions{
			IDPrefix: id + "-activity",
			Title:    p.f("fig_activity_title", what),
			Desc:     p.f("fig_activity_desc", p.label(&bins[0], true), p.label(&bins[len(bins)-1], true)),
			Words:    p.chartWords(), UnplacedNote: p.t("chart_unplaced"),
			Months: p.monthBars(bins),
			Width:  chartWidth(len(bins)),
		})),
		Table: p.table("fig_activity_table", "col_month"),
		Width: chartWidth(len(bins)),
	}
	for _, k := range p.cfg.Kinds {
		act.Table.Head = append(act.Table.Head, p.loc.Kind(k.Name, k.Label))
	}
	act.Table.Head = append(act.Table.Head, p.t("col_total"))
	var cas []charts.CasualtyMonth
	casTable := p.table("fig_cas_table", "col_month", "col_killed", "col_injured")
	var allKilled, allInjured tally
	for i := range bins {
		b := &bins[i]
		if n := b.total(); n > 0 {
			row := []Cell{{Text: p.label(b, true), URL: b.url}}
			for _, k := range b.kinds {
				row = append(row, Cell{Text: p.num(k)})
			}
			act.Table.Rows = append(act.Table.Rows, append(row, Cell{Text: p.num(n)}))
		}
		if b.casualty {
			cas = append(cas, charts.CasualtyMonth{Label: p.label(b, false), Title: p.label(b, true), URL: b.url, Unplaced: b.month == 0,
				Killed: b.killed.figure(), Injured: b.injured.figure()})
			casTable.Rows = append(casTable.Rows, []Cell{{Text: p.label(b, true), URL: b.url}, {Text: p.figureText(ptr(b.killed.figure()))}, {Text: p.figureText(ptr(b.injured.figure()))}})
			allKilled.merge(b.killed)
			allInjured.merge(b.injured)
		} else {
			cas = append(cas, charts.CasualtyMonth{Label: p.label(b, false), Title: p.label(b, true), URL: b.url, Unplaced: b.month == 0})
		}
	}
	act.SectionLabel = p.t("charts")
	figs := []Figure{act}
	if len(casTable.Rows) > 1 {
		// The total says "at least" when a minimum is in it, as each
		// month does.
		casTable.Rows = append(casTable.Rows, []Cell{{Text: p.t("all_months")}, {Text: p.figureText(ptr(allKilled.figure()))}, {Text: p.figureText(ptr(allInjured.figure()))}})
	}
	if len(casTable.Rows) > 0 {
		figs = append(figs, Figure{
			ID:      id + "-casualties",
			Caption: p.f("fig_cas_caption", what),
			SVG: template.HTML(charts.Casualties(charts.CasualtiesOptions{
				IDPrefix: id + "-casualties",
				Title:    p.f("fig_cas_title", what),
				Desc:     p.t("fig_cas_desc"),
				Words:    p.chartWords(), UnplacedNote: p.t("chart_unplaced"),
				KilledLabel: p.legend("col_killed"), InjuredLabel: p.legend("col_injured"),
				Months: cas,
				Width:  chartWidth(len(bins)),
			})),
			Width: chartWidth(len(bins)),
			Table: casTable,

			SectionLabel: p.t("charts"),
		})
	}
	return figs
}

// strip is the small activity chart of an actor's or place's page.
func (p *Planner) strip(id, what string, entries []*timeline.Entry) []Figure {
	bins := p.bins(entries)
	if len(bins) == 0 {
		return nil
	}
	fig := Figure{
		ID:      id + "-strip",
		Caption: p.f("fig_strip_caption", what, p.label(&bins[0], true), p.label(&bins[len(bins)-1], true)),
		SVG: template.HTML(charts.Strip(charts.StripOptions{
			IDPrefix: id + "-strip",
			Title:    p.f("fig_strip_title", what),
			Desc:     p.t("fig_strip_desc"),
			Words:    p.chartWords(),
			Width:    480, Height: 48,
			Months: p.monthBars(bins),
		})),
		Table: p.table("fig_strip_table", "col_month", "col_entries"),

		SectionLabel: p.t("charts"),
	}
	for i := range bins {
		if n := bins[i].total(); n > 0 {
			fig.Table.Rows = append(fig.Table.Rows, []Cell{{Text: p.label(&bins[i], true), URL: bins[i].url}, {Text: p.num(n)}})
		}
	}
	return []Figure{fig}
}

// locator is the figure showing a place's locator map.
func (p *Planner) locator(name string, pl *content.Place) *Figure {
	where := p.loc.Place(name)
	if pl.Country != "" && pl.Country != name {
		where += p.t("list_sep") + p.loc.Place(pl.Country)
	}
	alt := p.f("locator_alt", where, p.coords(pl.Lat, pl.Lon))
	if pl.IsArea() {
		alt += p.f("locator_area", p.t("known_to_"+pl.Precision))
	}
	return &Figure{
		ID:      "locator",
		Img:     p.URL(permalink.PlaceMapFile(p.tl.TermSlug(name))), // the map's words are the page's
		Alt:     alt,
		Caption: where,
	}
}

// LocatorMap is what a place's locator map file (PlaceMapFile, under the
// language's root) shows, in the pages' language: the file's key is its
// sum, and LocatorSVG draws it.
func (p *Planner) LocatorMap(t *timeline.Term) charts.LocatorOptions {
	pl := t.Place
	name := p.loc.Place(t.Name)
	d := func(v float64) string { return strconv.FormatFloat(v, 'f', p.coordDecimals(), 64) }
	desc := p.f("locator_desc", name, d(pl.Lat), d(pl.Lon))
	if pl.IsArea() {
		desc += p.f("locator_desc_area", p.t("known_to_"+pl.Precision), p.num(int(math.Round(2*charts.PrecisionRadiusKm(pl.Precision)))))
	}
	opts := charts.LocatorOptions{
		IDPrefix: "locator",
		Title:    p.f("locator_title", name),
		Desc:     desc,
		Point:    geo.Point{Lon: pl.Lon, Lat: pl.Lat},
		Label:    name,
		RadiusKm: charts.PrecisionRadiusKm(pl.Precision),
	}
	// The country shaded is the one the editor wrote (content warns of
	// one it does not know); none is guessed from the point.
	if n, ok := geo.LookupNation(pl.Country); ok {
		opts.Country = n.Basemap
	}
	if !p.english() {
		opts.AreaNote = p.t("map_point_area")
	}
	return opts
}

// LocatorSVG draws a locator map file, its basemap once for every
// language.
func (p *Planner) LocatorSVG(opts charts.LocatorOptions) []byte {
	return []byte(p.basemaps.Locator(opts))
}

// mapFigure draws entries with coordinates on a map: one point a place
// (the same coordinates), linked to its one entry or its place page.
func (p *Planner) mapFigure(id, what string, entries []*timeline.Entry) *Figure {
	type place struct {
		name, country string
		lat, lon      float64
		radius        float64 // km; 0 for an exact place
		kinds         []int
		entries       []*timeline.Entry
	}
	kinds := map[string]int{}
	for i, k := range p.cfg.Kinds {
		kinds[k.Name] = i
	}
	byCoords := map[[3]float64]*place{}
	var places []*place
	for _, e := range entries {
		l := e.Location
		if l == nil || !l.HasCoords {
			continue
		}
		// An area and a pin at the same coordinates are different places.
		r := charts.PrecisionRadiusKm(l.Precision)
		k := [3]float64{math.Round(l.Lat*1e4) / 1e4, math.Round(l.Lon*1e4) / 1e4, r}
		pl := byCoords[k]
		if pl == nil {
			pl = &place{name: l.Name, country: l.Country, lat: l.Lat, lon: l.Lon, radius: r, kinds: make([]int, len(p.cfg.Kinds))}
			byCoords[k] = pl
			places = append(places, pl)
		}
		if i, ok := kinds[e.Kind]; ok {
			pl.kinds[i]++
		}
		pl.entries = append(pl.entries, e)
	}
	fig := &Figure{
		ID:    id,
		Table: p.table("map_table", "col_place", "col_country", "col_known_to", "col_entries"),
	}
	var points []charts.MapPoint
	for _, pl := range places {
		url := p.URL(permalink.TermPath("places", p.tl.TermSlug(pl.name)))
		if len(pl.entries) == 1 {
			url = p.EntryURL(pl.entries[0])
		}
		pt := charts.MapPoint{Lon: pl.lon, Lat: pl.lat, Label: p.loc.Place(pl.name), URL: url, RadiusKm: pl.radius}
		for i, k := range p.cfg.Kinds {
			if pl.kinds[i] > 0 {
				pt.Kinds = append(pt.Kinds, charts.KindCount{Kind: k.Name, Label: p.loc.Kind(k.Name, k.Label), Color: k.Color, Count: pl.kinds[i]})
			}
		}
		points = append(points, pt)
	}
	slices.SortStableFunc(places, func(a, b *place) int {
		return cmp.Or(cmp.Compare(len(b.entries), len(a.entries)), cmp.Compare(a.name, b.name))
	})
	located := 0
	for i, pl := range places {
		located += len(pl.entries)
		if i >= mapTableRows {
			continue
		}
		fig.Table.Rows = append(fig.Table.Rows, []Cell{
			{Text: p.loc.Place(pl.name), URL: p.URL(permalink.TermPath("places", p.tl.TermSlug(pl.name)))},
			{Text: p.loc.Place(pl.country)},
			{Text: p.precisionLabel(pl.radius, pl.entries[0].Location.Precision)},
			{Text: p.num(len(pl.entries))},
		})
	}
	if len(places) > mapTableRows {
		fig.Table.More = &TableMore{
			Text:  p.f("map_table_more", p.num(mapTableRows), p.num(len(places))),
			Label: p.t("map_table_all"),
			Links: []Link{
				{Name: p.t("places"), URL: p.URL(permalink.SectionPath("places"))},
				{Name: "events.csv", URL: p.urls.Shared(permalink.EventsCSV)},
				{Name: "events.geojson", URL: p.urls.Shared(permalink.EventsGeoJSON)},
			},
		}
	}
	fig.Caption = p.f("map_caption", upperFirst(what), p.num(located), p.num(len(places)), p.num(len(entries)-located))
	desc := p.t("map_desc")
	if slices.ContainsFunc(places, func(pl *place) bool { return pl.radius > 0 }) {
		desc += p.t("map_desc_areas")
	}
	fig.SVG = template.HTML(p.basemaps.Map(charts.MapOptions{
		IDPrefix:  id,
		Title:     p.f("map_of", what),
		Desc:      desc,
		Points:    points,
		MaxPoints: mapPoints,
		Legend:    true,
		Words:     p.chartWords(),
		Labels:    mapLabels,
	}))
	return fig
}

// chartWords are what the charts say, in the page's language; nil in
// English, which the charts speak.
func (p *Planner) chartWords() *charts.Words {
	if p.english() {
		return nil
	}
	return &charts.Words{
		Events: func(n int) string { return p.loc.N("chart_events", n) },
		Casualties: func(m charts.CasualtyMonth) string {
			return p.casualtiesText(&m.Killed, &m.Injured)
		},
		Nearby:   func(n int) string { return p.loc.N("chart_nearby", n) },
		Number:   p.num,
		AreaNote: p.t("map_point_area"),
		Exact:    p.t("precision_exact"),
		Area:     p.t("map_legend_area"),
		Size: func(n int) string {
			if n <= 1 {
				return p.t("map_legend_size_one")
			}
			return p.loc.N("map_legend_size", n)
		},
	}
}

// legend is a chart key's label: the charts' own in English.
func (p *Planner) legend(key string) string {
	if p.english() {
		return ""
	}
	return p.t(key)
}

// precisionLabel is what a map's table says of a place's precision: "exact
// place" when exact, else "the region" and so on.
func (p *Planner) precisionLabel(radius float64, precision string) string {
	if radius == 0 || precision == "" {
		return p.t("precision_exact")
	}
	return p.t("precision_" + precision)
}

func ptr(f casualty.Figure) *casualty.Figure { return &f }
