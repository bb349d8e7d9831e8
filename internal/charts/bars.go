package charts

import (
	"github.com/timelinegen/timelinegen/internal/casualty"
	"math"
	"strings"
)

// Segment is one kind's share of a bar.
type Segment struct {
	Kind  string // the kind's key: class tg-kind-<kind>
	Label string // its display name ("Military"); Kind when empty
	Color string // "#rrggbb"
	Count int
}

// MonthBar is one bar: a month's events by kind, stacked in the given
// order from the bottom.
type MonthBar struct {
	Label string // the axis label ("Mar 2025")
	Title string // the name in the hover title ("March 2025"); Label when empty
	URL   string // the month's anchor on the year page; may be empty
	// Unplaced marks entries known only to the year (the caller's bar
	// "2025 (month unknown)"): drawn hatched and outlined, and explained
	// in the legend. Never put such entries on an invented month.
	Unplaced bool
	Segments []Segment
}

// ActivityOptions are the options of Activity.
type ActivityOptions struct {
	IDPrefix     string
	Title, Desc  string
	Width        int // default 720
	Height       int // default 240
	Months       []MonthBar
	NoLegend     bool   // leave out the key of kinds
	UnplacedNote string // the legend's note for hatched bars; default "month unknown"
	Words        *Words // nil: English
}

// Activity draws events per month stacked by kind: one bar per MonthBar,
// each an <a href=URL> (a <g> without URL) with the title
// "March 2025: 12 events — 5 Military, 7 Diplomatic", a y axis with a few
// gridlines, x labels thinned to fit, and a key of the kinds on top.
//
// Classes: tg-activity, tg-axis, tg-grid, tg-bars, tg-bar (tg-bar-unplaced),
// tg-seg tg-kind-<kind>, tg-hit (the bar's full-height hit area),
// tg-axis-x, tg-legend. data-count is on each bar and segment.
func Activity(opts ActivityOptions) string {
	c := barsConfig{
		id: ID(opts.IDPrefix), w: opts.Width, h: opts.Height, class: "tg-activity",
		title: opts.Title, desc: opts.Desc, axes: true, legend: !opts.NoLegend,
		unplacedNote: opts.UnplacedNote, words: opts.Words,
	}
	c.bars, c.keys = monthBars(opts.Months, opts.Words)
	if c.w <= 0 {
		c.w = 720
	}
	if c.h <= 0 {
		c.h = 240
	}
	return c.draw()
}

// StripOptions are the options of Strip.
type StripOptions struct {
	IDPrefix    string
	Title, Desc string
	Width       int // default 240
	Height      int // default 40
	Months      []MonthBar
	Words       *Words // nil: English
}

// Strip draws a compact activity strip for actor and place pages: the
// stacked bars of Activity without axes or key, on a baseline, with the
// first and last labels under it when the strip is at least 36 high.
// Bars link and have titles as in Activity.
//
// Classes: tg-strip, tg-bars, tg-bar, tg-seg tg-kind-<kind>, tg-hit,
// tg-axis-x.
func Strip(opts StripOptions) string {
	c := barsConfig{
		id: ID(opts.IDPrefix), w: opts.Width, h: opts.Height, class: "tg-strip",
		title: opts.Title, desc: opts.Desc, words: opts.Words,
	}
	c.bars, c.keys = monthBars(opts.Months, opts.Words)
	if c.w <= 0 {
		c.w = 240
	}
	if c.h <= 0 {
		c.h = 40
	}
	return c.draw()
}

// CasualtyMonth is one month of casualty figures.
type CasualtyMonth struct {
	Label    string // the axis label ("Mar 2025")
	Title    string // the name in the hover title; Label when empty
	URL      string
	Unplaced bool // figures known only to the year (see MonthBar)
	// Killed and Injured are the month's sums: each bar is a figure's
	// Value (best, else minimum), with a line up to its maximum when it
	// is a range and a caret above it when it is only a minimum.
	Killed  casualty.Figure
	Injured casualty.Figure
}

// CasualtiesOptions are the options of Casualties.
type CasualtiesOptions struct {
	IDPrefix     string
	Title, Desc  string
	Width        int // default 720
	Height       int // default 240
	Months       []CasualtyMonth
	KilledColor  string // default "#b2182b"
	InjuredColor string // default "#ef8a62"
	KilledLabel  string // default "killed"
	InjuredLabel string // default "injured"
	NoLegend     bool
	UnplacedNote string
	Words        *Words // nil: English
}

// Casualties draws killed and injured per month as paired bars (killed
// left), each month one link titled "March 2025: 12 killed, at least 30
// injured", with the axes and key of Activity. A bar is the best figure
// (else the minimum); a range adds a line up to its maximum (tg-range), a
// minimum without maximum a caret above the bar (tg-open): no bar looks
// more certain than its figure.
//
// Classes: tg-casualties, tg-bar, tg-seg tg-killed / tg-injured, tg-range,
// tg-open, and those of Activity.
func Casualties(opts CasualtiesOptions) string {
	c := barsConfig{
		id: ID(opts.IDPrefix), w: opts.Width, h: opts.Height, class: "tg-casualties",
		title: opts.Title, desc: opts.Desc, axes: true, legend: !opts.NoLegend,
		unplacedNote: opts.UnplacedNote, grouped: true, words: opts.Words,
	}
	if c.w <= 0 {
		c.w = 720
	}
	if c.h <= 0 {
		c.h = 240
	}
	kl, il := label(opts.KilledLabel, "killed"), label(opts.InjuredLabel, "injured")
	kc, ic := color(opts.KilledColor, "#b2182b"), color(opts.InjuredColor, "#ef8a62")
	c.keys = []key{{"tg-killed", kl, kc}, {"tg-injured", il, ic}}
	for _, m := range opts.Months {
		k, i := figurePart("tg-killed", kc, m.Killed), figurePart("tg-injured", ic, m.Injured)
		c.bars = append(c.bars, bar{
			label: m.Label, url: m.URL, unplaced: m.Unplaced, total: k.count + i.count,
			title: label(m.Title, m.Label) + ": " + casualtiesTitle(opts.Words, m, kl, il),
			parts: []part{k, i},
		})
	}
	return c.draw()
}

// breakdown is " — 5 Military, 7 Diplomatic" (kinds with events only).
func breakdown(segs []Segment, w *Words) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Count <= 0 {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(" — ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(w.num(s.Count))
		b.WriteByte(' ')
		b.WriteString(label(s.Label, s.Kind))
	}
	return b.String()
}

func monthBars(months []MonthBar, words *Words) ([]bar, []key) {
	bars := make([]bar, 0, len(months))
	var keys []key
	for _, m := range months {
		b := bar{label: m.Label, url: m.URL, unplaced: m.Unplaced}
		for _, s := range m.Segments {
			n := max(s.Count, 0)
			b.total += n
			cl := kindClass(s.Kind)
			col := color(s.Color, defaultKind)
			b.parts = append(b.parts, part{class: "tg-seg " + cl, color: col, count: n})
			found := false
			for _, k := range keys {
				if k.class == cl {
					found = true
					break
				}
			}
			if !found && n > 0 {
				keys = append(keys, key{cl, label(s.Label, s.Kind), col})
			}
		}
		b.title = label(m.Title, m.Label) + ": " + words.events(b.total) + breakdown(m.Segments, words)
		bars = append(bars, b)
	}
	return bars, keys
}

type bar struct {
	label, title, url string
	unplaced          bool
	total             int
	parts             []part
}

type part struct {
	class, color string
	count        int
	high         int  // a range's maximum, above count; 0 if none
	open         bool // count is a minimum with no maximum
}

func figurePart(class, color string, f casualty.Figure) part {
	p := part{class: class, color: color, count: max(f.Value(), 0), open: f.IsOpen() && f.Min > 0}
	if f.HasMax() && f.Max > p.count {
		p.high = f.Max
	}
	return p
}

type key struct{ class, label, color string }

type barsConfig struct {
	id, class, title, desc string
	w, h                   int
	bars                   []bar
	keys                   []key
	grouped                bool // side by side, not stacked
	axes                   bool // y axis, gridlines, x labels (else: a strip)
	legend                 bool
	unplacedNote           string
	words                  *Words
}

const charW = 6.2 // the width of a character at font-size 11, roughly

func (c *barsConfig) draw() string {
	var sw svgWriter
	sw.Grow(4096 + 400*len(c.bars))
	links := false
	for _, b := range c.bars {
		links = links || safeURL(b.url) != ""
	}
	sw.open(c.id, c.w, c.h, c.class, c.title, c.desc, links)
	unplaced := false
	maxV := 0
	for _, b := range c.bars {
		unplaced = unplaced || b.unplaced
		if c.grouped {
			for _, p := range b.parts {
				maxV = max(maxV, p.count, p.high)
			}
		} else {
			maxV = max(maxV, b.total)
		}
	}
	if unplaced {
		sw.WriteString(`<defs><pattern id="`)
		sw.WriteString(c.id)
		sw.WriteString(`-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.5" height="5" fill="#fff" fill-opacity=".75"/></pattern></defs>`)
	}
	W, H := float64(c.w), float64(c.h)

	// Layout.
	top, left, right, bottom := 4.0, 2.0, 2.0, 2.0
	var ticks []int
	if c.axes {
		ticks = niceTicks(maxV)
		maxV = ticks[len(ticks)-1]
		wl := 0
		for _, t := range ticks {
			wl = max(wl, len([]rune(c.words.num(t))))
		}
		left = float64(wl)*charW + 8
		right, bottom, top = 8, 20, 8
	} else if c.h >= 36 && len(c.bars) > 0 {
		bottom = 13
	}
	var legendRows [][]legendItem
	if c.legend {
		legendRows = c.layoutLegend(unplaced, W-left-right)
		top += 18 * float64(len(legendRows))
	}
	x0, x1, y0, y1 := left, W-right, top, H-bottom
	plotH := max(y1-y0, 1)
	yOf := func(v float64) float64 {
		if maxV == 0 {
			return y1
		}
		return y1 - v/float64(maxV)*plotH
	}

	// Legend.
	for r, row := range legendRows {
		y := 4 + 18*float64(r)
		sw.WriteString(`<g class="tg-legend">`)
		for _, it := range row {
			sw.WriteString(`<rect x="`)
			sw.n(x0 + it.x)
			sw.WriteString(`" y="`)
			sw.n(y + 2)
			sw.WriteString(`" width="10" height="10" fill="`)
			sw.WriteString(it.color)
			if it.hatch {
				sw.WriteString(`" stroke="currentColor" stroke-dasharray="2 1"/><rect x="`)
				sw.n(x0 + it.x)
				sw.WriteString(`" y="`)
				sw.n(y + 2)
				sw.WriteString(`" width="10" height="10" fill="url(#`)
				sw.WriteString(c.id)
				sw.WriteString(`-hatch)"/>`)
			} else {
				sw.WriteString(`" class="`)
				sw.WriteString(it.class)
				sw.WriteString(`"/>`)
			}
			sw.WriteString(`<text x="`)
			sw.n(x0 + it.x + 14)
			sw.WriteString(`" y="`)
			sw.n(y + 11)
			sw.WriteString(`" fill="currentColor">`)
			sw.text(it.label)
			sw.WriteString(`</text>`)
		}
		sw.WriteString(`</g>`)
	}

	// Axis and gridlines.
	if c.axes {
		sw.WriteString(`<g class="tg-axis" fill="currentColor" text-anchor="end">`)
		for _, t := range ticks {
			y := yOf(float64(t))
			sw.WriteString(`<line class="tg-grid" x1="`)
			sw.n(x0)
			sw.WriteString(`" x2="`)
			sw.n(x1)
			sw.WriteString(`" y1="`)
			sw.n(y)
			sw.WriteString(`" y2="`)
			sw.n(y)
			sw.WriteString(`" stroke="currentColor" stroke-opacity="`)
			if t == 0 {
				sw.WriteString(`.5`)
			} else {
				sw.WriteString(`.15`)
			}
			sw.WriteString(`"/><text x="`)
			sw.n(x0 - 5)
			sw.WriteString(`" y="`)
			sw.n(y + 4)
			sw.WriteString(`">`)
			sw.text(c.words.num(t))
			sw.WriteString(`</text>`)
		}
		sw.WriteString(`</g>`)
	} else if len(c.bars) > 0 {
		sw.WriteString(`<line class="tg-axis" x1="0" x2="`)
		sw.i(c.w)
		sw.WriteString(`" y1="`)
		sw.n(y1)
		sw.WriteString(`" y2="`)
		sw.n(y1)
		sw.WriteString(`" stroke="currentColor" stroke-opacity=".4"/>`)
	}

	if len(c.bars) == 0 {
		sw.WriteString(`<text class="tg-empty" x="`)
		sw.n(W / 2)
		sw.WriteString(`" y="`)
		sw.n((y0 + y1) / 2)
		sw.WriteString(`" text-anchor="middle" fill="currentColor">No events</text></svg>`)
		return sw.String()
	}

	// Bars.
	slot := (x1 - x0) / float64(len(c.bars))
	gap := 0.0
	if slot >= 3 {
		gap = min(max(slot*0.2, 1), 12)
	}
	bw := slot - gap
	sw.WriteString(`<g class="tg-bars">`)
	for i, b := range c.bars {
		bx := x0 + slot*float64(i) + gap/2
		cls := "tg-bar"
		if b.unplaced {
			cls = "tg-bar tg-bar-unplaced"
		}
		end := sw.openLink(b.url, cls, b.total, b.title)
		// A transparent full-height hit area: small bars stay easy to
		// point at.
		sw.WriteString(`<rect class="tg-hit" x="`)
		sw.n(x0 + slot*float64(i))
		sw.WriteString(`" y="`)
		sw.n(y0)
		sw.WriteString(`" width="`)
		sw.n(slot)
		sw.WriteString(`" height="`)
		sw.n(y1 - y0)
		sw.WriteString(`" fill="#000" fill-opacity="0"/>`)
		acc := 0
		pw := bw
		if c.grouped && len(b.parts) > 0 {
			pw = bw / float64(len(b.parts))
		}
		topY := y1
		for j, p := range b.parts {
			if p.count <= 0 {
				continue
			}
			px := bx
			var ya, yb float64
			if c.grouped {
				px = bx + pw*float64(j)
				ya, yb = yOf(float64(p.count)), y1
			} else {
				ya, yb = yOf(float64(acc+p.count)), yOf(float64(acc))
				acc += p.count
			}
			topY = min(topY, ya)
			sw.WriteString(`<rect class="`)
			sw.WriteString(p.class)
			sw.WriteString(`" data-count="`)
			sw.i(p.count)
			sw.WriteString(`" x="`)
			sw.n(px)
			sw.WriteString(`" y="`)
			sw.n(ya)
			sw.WriteString(`" width="`)
			sw.n(pw)
			sw.WriteString(`" height="`)
			sw.n(yb - ya)
			sw.WriteString(`" fill="`)
			sw.WriteString(p.color)
			sw.WriteString(`"/>`)
			if c.grouped {
				drawUncertainty(&sw, p, px+pw/2, ya, yOf(float64(p.high)))
			}
		}
		if b.unplaced && b.total > 0 {
			sw.WriteString(`<rect x="`)
			sw.n(bx)
			sw.WriteString(`" y="`)
			sw.n(topY)
			sw.WriteString(`" width="`)
			sw.n(bw)
			sw.WriteString(`" height="`)
			sw.n(y1 - topY)
			sw.WriteString(`" fill="url(#`)
			sw.WriteString(c.id)
			sw.WriteString(`-hatch)" stroke="currentColor" stroke-dasharray="3 2"/>`)
		}
		sw.WriteString(end)
	}
	sw.WriteString(`</g>`)

	// X labels, thinned.
	if c.axes {
		wl := 0
		for _, b := range c.bars {
			wl = max(wl, len([]rune(b.label)))
		}
		step := max(int(math.Ceil((float64(wl)*charW+8)/slot)), 1)
		sw.WriteString(`<g class="tg-axis-x" fill="currentColor" text-anchor="middle">`)
		for i := 0; i < len(c.bars); i += step {
			c.xLabel(&sw, x0+slot*(float64(i)+0.5), y1+14, c.bars[i].label)
		}
		sw.WriteString(`</g>`)
	} else if bottom > 2 {
		sw.WriteString(`<g class="tg-axis-x" fill="currentColor" font-size="9">`)
		first, last := c.bars[0], c.bars[len(c.bars)-1]
		sw.WriteString(`<text x="0" y="`)
		sw.n(H - 2)
		sw.WriteString(`">`)
		sw.text(first.label)
		sw.WriteString(`</text>`)
		if len(c.bars) > 1 {
			sw.WriteString(`<text x="`)
			sw.i(c.w)
			sw.WriteString(`" y="`)
			sw.n(H - 2)
			sw.WriteString(`" text-anchor="end">`)
			sw.text(last.label)
			sw.WriteString(`</text>`)
		}
		sw.WriteString(`</g>`)
	}
	sw.WriteString(`</svg>`)
	return sw.String()
}

func (c *barsConfig) xLabel(sw *svgWriter, x, y float64, s string) {
	sw.WriteString(`<text x="`)
	sw.n(x)
	sw.WriteString(`" y="`)
	sw.n(y)
	sw.WriteString(`">`)
	sw.text(s)
	sw.WriteString(`</text>`)
}

type legendItem struct {
	x            float64
	class, label string
	color        string
	hatch        bool
}

// layoutLegend lays the keys (and the note on hatched bars) out in rows
// that fit the width.
func (c *barsConfig) layoutLegend(unplaced bool, width float64) [][]legendItem {
	items := make([]legendItem, 0, len(c.keys)+1)
	for _, k := range c.keys {
		items = append(items, legendItem{class: k.class, label: k.label, color: k.color})
	}
	if unplaced {
		items = append(items, legendItem{label: label(c.unplacedNote, "month unknown"), color: "#999", hatch: true})
	}
	var rows [][]legendItem
	var row []legendItem
	x := 0.0
	for _, it := range items {
		w := 14 + float64(len([]rune(it.label)))*charW + 12
		if x > 0 && x+w > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		it.x = x
		row = append(row, it)
		x += w
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// niceTicks is 0 up to the first multiple of a 1-2-5 step at or above max,
// in 3 to 6 steps (0, 1 for max 0).
func niceTicks(maxV int) []int {
	if maxV <= 0 {
		return []int{0, 1}
	}
	step := 1
	for mag := 0; ; mag++ {
		found := false
		for _, m := range []int{1, 2, 5} {
			step = m * pow10(mag)
			if maxV/step <= 5 {
				found = true
				break
			}
		}
		if found {
			break
		}
	}
	ticks := []int{0}
	for v := step; ; v += step {
		ticks = append(ticks, v)
		if v >= maxV {
			break
		}
	}
	return ticks
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

func casualtiesTitle(w *Words, m CasualtyMonth, kl, il string) string {
	if w != nil && w.Casualties != nil {
		return w.Casualties(m)
	}
	return m.Killed.Text() + " " + kl + ", " + m.Injured.Text() + " " + il
}

// drawUncertainty draws what a bar at x, topped at y, does not know: a
// line with caps up to yHigh for a range, a caret for a minimum.
func drawUncertainty(sw *svgWriter, p part, x, y, yHigh float64) {
	if p.high > p.count {
		sw.WriteString(`<path class="tg-range" d="M`)
		sw.n(x)
		sw.WriteByte(' ')
		sw.n(y)
		sw.WriteString(`V`)
		sw.n(yHigh)
		sw.WriteString(`m-3 0h6" stroke="#333" stroke-width="1.2" fill="none"/>`)
	}
	if p.open {
		sw.WriteString(`<path class="tg-open" d="M`)
		sw.n(x - 3.5)
		sw.WriteByte(' ')
		sw.n(y - 2)
		sw.WriteString(`l3.5 -4 3.5 4" stroke="#333" stroke-width="1.2" fill="none"/>`)
	}
}
