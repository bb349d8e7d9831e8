package charts

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/timelinegen/timelinegen/internal/geo"
)

// Default map colours.
const (
	DefaultSea    = "#f4f7fa"
	DefaultLand   = "#e4e4e0"
	DefaultBorder = "#ffffff"
	DefaultFocus  = "#c9c9c0"
	defaultKind   = "#777777"
	defaultMarker = "#c0392b"
)

// MapOptions are the options of Map.
type MapOptions struct {
	IDPrefix    string // unique on the page; ids are IDPrefix-title, IDPrefix-desc
	Title, Desc string
	// Width is the viewBox width (default 960). Height is the viewBox
	// height; 0 means the box's undistorted height at that width (kept
	// between Width/4 and Width).
	Width, Height int
	// Box is the area to show (see geo.Extent); it is grown to the frame's
	// shape. The zero Box means geo.Extent(points, 0.1, 10).
	Box    geo.Box
	Points []MapPoint
	Words  *Words // nil: English
	// MaxPoints caps the circles drawn: with more distinct places, they
	// are merged with Aggregate. 0 means 1500 (which keeps a world map of
	// any number of entries under 300 KB).
	MaxPoints int
	// Legend draws a key in the bottom-left corner: the kinds (by total
	// count, at most 8), and what a circle's size and number mean.
	Legend bool
	// Labels names the busiest places (at most this many) beside their
	// circles, leaving out names that would overlap one already placed.
	Labels int
	// Colours, "#rrggbb"; empty for the defaults.
	Sea, Land, Border string
}

// Map draws country outlines clipped to the box and, above them, one
// circle per place, linked to its URL, with the hover title
// "Label: N events — a Kind, b Kind" (or "Label and P nearby places: …" for
// merged points). The circle's area grows with the count (r = 3 + 2√n,
// scaled down when the largest would exceed 8% of the frame), its colour is
// the dominant kind's (the first of the largest counts), and places with
// more than one event show the count. Points at exactly the same position
// are merged; points outside the frame, with invalid coordinates or with no
// events are left out.
//
// Classes: tg-map, tg-map-sea, tg-map-land, tg-country, tg-map-points,
// tg-map-point tg-kind-<kind> (on each <a>/<g>, with data-count), tg-map-counts,
// tg-map-legend.
func Map(opts MapOptions) string { return (*Basemaps)(nil).Map(opts) }

// Basemaps keeps the basemaps (sea and countries) a build has drawn, so
// that maps of the same frame, such as a map page in each of a site's
// languages, draw the countries once: the words differ, the geometry does
// not. Safe for concurrent use; a nil *Basemaps draws every time.
type Basemaps struct {
	mu    sync.Mutex
	drawn map[basemapKey]string
}

// NewBasemaps is an empty Basemaps, for one build.
func NewBasemaps() *Basemaps { return &Basemaps{drawn: map[basemapKey]string{}} }

type basemapKey struct {
	proj              geo.Projection
	w, h              int
	sea, land, border string
	focus             string
}

// draw writes the basemap of proj into sw, drawn once per key.
func (b *Basemaps) draw(sw *svgWriter, proj geo.Projection, w, h int, sea, land, border, focus string) {
	if b == nil {
		drawBasemap(sw, proj, w, h, sea, land, border, focus)
		return
	}
	k := basemapKey{proj: proj, w: w, h: h, sea: sea, land: land, border: border, focus: focus}
	b.mu.Lock()
	s, ok := b.drawn[k]
	b.mu.Unlock()
	if !ok {
		var bw svgWriter
		drawBasemap(&bw, proj, w, h, sea, land, border, focus)
		s = bw.String()
		b.mu.Lock()
		b.drawn[k] = s
		b.mu.Unlock()
	}
	sw.WriteString(s)
}

// Map is the package's Map, with the basemap drawn once per frame.
func (b *Basemaps) Map(opts MapOptions) string {
	id := ID(opts.IDPrefix)
	w := opts.Width
	if w <= 0 {
		w = 960
	}
	pts := make([]MapPoint, 0, len(opts.Points))
	lonlat := make([]geo.Point, 0, len(opts.Points))
	for _, p := range opts.Points {
		if p.Count() > 0 && p.Lon >= -180 && p.Lon <= 180 && p.Lat >= -90 && p.Lat <= 90 {
			pts = append(pts, p)
			lonlat = append(lonlat, geo.Point{Lon: p.Lon, Lat: p.Lat})
			// An area is shown whole: its north, south, east and west.
			lonlat = append(lonlat, areaExtent(p)...)
		}
	}
	box := opts.Box
	if box.Empty() {
		box = geo.Extent(lonlat, 0.1, 10)
	}
	h := opts.Height
	if h <= 0 {
		h = int(math.Round(geo.NaturalHeight(box, float64(w))))
		h = min(max(h, w/4), w)
	}
	box = geo.Fit(box, float64(w), float64(h))
	proj := geo.NewProjection(box, float64(w), float64(h))

	var sw svgWriter
	sw.Grow(64 << 10)
	links := false
	for _, p := range pts {
		links = links || safeURL(p.URL) != ""
	}
	sw.open(id, w, h, "tg-map", opts.Title, opts.Desc, links)
	b.draw(&sw, proj, w, h, opts.Sea, opts.Land, opts.Border, "")

	// Keep the points inside the frame, merge same places, cap.
	frame := proj.Frame(0)
	in := pts[:0]
	for _, p := range pts {
		if frame.Contains(geo.Point{Lon: p.Lon, Lat: p.Lat}) {
			in = append(in, p)
		}
	}
	maxPoints := opts.MaxPoints
	if maxPoints <= 0 {
		maxPoints = 1500
	}
	in = Aggregate(in, maxPoints)
	radius := drawPoints(&sw, proj, w, h, in, opts.Words)
	if opts.Labels > 0 {
		drawMapLabels(&sw, proj, w, h, in, opts.Labels, radius)
	}
	if opts.Legend {
		drawMapLegend(&sw, h, in, radius, opts.Words)
	}
	sw.WriteString(`</svg>`)
	return sw.String()
}

// drawBasemap writes the sea and the countries clipped to the frame; the
// country named focus (a geo.Country's Name; "" for none) gets class
// tg-map-focus.
func drawBasemap(sw *svgWriter, proj geo.Projection, w, h int, sea, land, border, focus string) {
	sw.WriteString(`<rect class="tg-map-sea" width="`)
	sw.i(w)
	sw.WriteString(`" height="`)
	sw.i(h)
	sw.WriteString(`" fill="`)
	sw.WriteString(color(sea, DefaultSea))
	sw.WriteString(`"/><g class="tg-map-land" fill="`)
	sw.WriteString(color(land, DefaultLand))
	sw.WriteString(`" stroke="`)
	sw.WriteString(color(border, DefaultBorder))
	sw.WriteString(`" stroke-width=".6" stroke-linejoin="round" fill-rule="evenodd">`)
	cd := newCountryDrawer(sw, proj)
	for _, c := range geo.Countries() {
		cd.draw(c, c.Name == focus)
	}
	sw.WriteString(`</g>`)
}

// countryDrawer writes countries as paths clipped to a projection's frame.
type countryDrawer struct {
	sw   *svgWriter
	proj geo.Projection
	clip geo.Box
	buf  []geo.Point
	pb   pathBuilder
}

func newCountryDrawer(sw *svgWriter, proj geo.Projection) *countryDrawer {
	// Clip a little outside the frame so that clipped edges are not seen.
	return &countryDrawer{sw: sw, proj: proj, clip: proj.Frame(3), pb: pathBuilder{sw: sw}}
}

// draw writes c's path, if any of it is in the frame; focus shades it.
func (cd *countryDrawer) draw(c geo.Country, focus bool) {
	if !cd.clip.Intersects(c.Bounds) {
		return
	}
	sw, started := cd.sw, false
	for i, r := range c.Rings {
		if !cd.clip.Intersects(c.RingBounds[i]) {
			continue
		}
		cr := geo.ClipRing(cd.buf, r, cd.clip)
		if len(cr) < 3 {
			continue
		}
		if &cr[0] != &r[0] {
			cd.buf = cr
		}
		if !cd.pb.project(cd.proj, cr) {
			continue
		}
		if !started {
			sw.WriteString(`<path class="tg-country`)
			if focus {
				sw.WriteString(` tg-map-focus" fill="`)
				sw.WriteString(DefaultFocus)
			}
			sw.WriteString(`" d="`)
			started = true
		}
		cd.pb.emit()
	}
	if started {
		sw.WriteString(`"/>`)
	}
}

// pathBuilder writes rings as path data in tenths of a unit: an absolute
// moveto, relative linetos between rounded points (so no error builds up),
// dropping points closer than half a unit to the last one kept.
type pathBuilder struct {
	sw   *svgWriter
	last byte
	xy   []int // the kept points of the current ring, in tenths
}

// project keeps the ring's points in pb.xy and reports whether enough are
// left to draw (rings smaller than about a unit are dropped).
func (pb *pathBuilder) project(proj geo.Projection, r []geo.Point) bool {
	pb.xy = pb.xy[:0]
	var px, py int
	for i, p := range r {
		fx, fy := proj.Project(p)
		x, y := int(math.Round(fx*10)), int(math.Round(fy*10))
		if i > 0 && abs(x-px)+abs(y-py) < 5 {
			continue
		}
		pb.xy = append(pb.xy, x, y)
		px, py = x, y
	}
	return len(pb.xy) >= 6
}

// emit writes the ring kept by project.
func (pb *pathBuilder) emit() {
	xy := pb.xy
	pb.cmd('M')
	pb.num(xy[0])
	pb.num(xy[1])
	pb.cmd('l')
	for i := 2; i < len(xy); i += 2 {
		pb.num(xy[i] - xy[i-2])
		pb.num(xy[i+1] - xy[i-1])
	}
	pb.cmd('z')
}

func (pb *pathBuilder) cmd(c byte) {
	pb.sw.WriteByte(c)
	pb.last = c
}

// num writes v tenths: "12", "1.5", ".5", "-.5", with a space before it
// only where needed.
func (pb *pathBuilder) num(v int) {
	b := pb.sw.num[:0]
	if v < 0 {
		b = append(b, '-')
		v = -v
	} else if pb.last >= '0' && pb.last <= '9' || pb.last == '.' {
		b = append(b, ' ')
	}
	if v >= 10 {
		b = appendInt(b, v/10)
	}
	if d := v % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	} else if v < 10 {
		b = append(b, '0')
	}
	pb.sw.Write(b)
	pb.last = b[len(b)-1]
	pb.sw.num = b
}

func appendInt(b []byte, v int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for v >= 10 {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	i--
	tmp[i] = byte('0' + v)
	return append(b, tmp[i:]...)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// dominant is the kind with the most events (the first such).
func dominant(kinds []KindCount) KindCount {
	var best KindCount
	for i, k := range kinds {
		if i == 0 || k.Count > best.Count {
			best = k
		}
	}
	return best
}

// pointTitle is "Label: N events — a Kind, b Kind".
func pointTitle(p MapPoint, n int, w *Words) string {
	label := p.Label
	switch {
	case p.Places > 1 && w != nil && w.Nearby != nil:
		label += w.Nearby(p.Places - 1)
	case p.Places > 1:
		label += " and " + w.num(p.Places-1) + " nearby place"
		if p.Places > 2 {
			label += "s"
		}
	}
	return label + ": " + w.events(n) + breakdown(segmentsOf(p.Kinds), w)
}

func segmentsOf(kinds []KindCount) []Segment {
	s := make([]Segment, len(kinds))
	for i, k := range kinds {
		s[i] = Segment(k)
	}
	return s
}

// drawPoints draws the circles and returns the radius of a circle of n
// entries.
func drawPoints(sw *svgWriter, proj geo.Projection, w, h int, pts []MapPoint, words *Words) func(n int) float64 {
	counts := make([]int, len(pts))
	order := make([]int, len(pts))
	nmax := 0
	for i, p := range pts {
		counts[i] = p.Count()
		order[i] = i
		nmax = max(nmax, counts[i])
	}
	// Largest first, so that small circles stay on top and clickable.
	slices.SortStableFunc(order, func(a, b int) int { return counts[b] - counts[a] })
	k := 2.0
	rmax := max(float64(min(w, h))*0.08, 10)
	if nmax > 0 && 3+k*math.Sqrt(float64(nmax)) > rmax {
		k = (rmax - 3) / math.Sqrt(float64(nmax))
	}
	radius := func(n int) float64 { return 3 + k*math.Sqrt(float64(n)) }

	sw.WriteString(`<g class="tg-map-points" stroke="#fff" stroke-width=".8" fill-opacity=".85">`)
	for _, i := range order {
		p := pts[i]
		n := counts[i]
		d := dominant(p.Kinds)
		x, y := proj.Project(geo.Point{Lon: p.Lon, Lat: p.Lat})
		if p.RadiusKm > 0 {
			end := sw.openLink(p.URL, "tg-map-point tg-map-area-point "+kindClass(d.Kind), n, pointTitle(p, n, words)+words.areaNote())
			drawArea(sw, x, y, max(areaRadius(proj, p), radius(n)), color(d.Color, defaultKind))
			sw.WriteString(end)
			continue
		}
		end := sw.openLink(p.URL, "tg-map-point "+kindClass(d.Kind), n, pointTitle(p, n, words))
		sw.WriteString(`<circle cx="`)
		sw.n(x)
		sw.WriteString(`" cy="`)
		sw.n(y)
		sw.WriteString(`" r="`)
		sw.n(radius(n))
		sw.WriteString(`" fill="`)
		sw.WriteString(color(d.Color, defaultKind))
		sw.WriteString(`"/>`)
		sw.WriteString(end)
	}
	sw.WriteString(`</g><g class="tg-map-counts" fill="#fff" font-size="9" font-weight="bold" text-anchor="middle" pointer-events="none" aria-hidden="true">`)
	for _, i := range order {
		n := counts[i]
		if n < 2 || pts[i].RadiusKm > 0 {
			continue
		}
		r := radius(n)
		s := words.short(n)
		if float64(len([]rune(s)))*5.5 > 2*r+1 {
			continue // does not fit
		}
		x, y := proj.Project(geo.Point{Lon: pts[i].Lon, Lat: pts[i].Lat})
		sw.WriteString(`<text x="`)
		sw.n(x)
		sw.WriteString(`" y="`)
		sw.n(y + 3.2)
		sw.WriteString(`">`)
		sw.WriteString(s)
		sw.WriteString(`</text>`)
	}
	sw.WriteString(`</g>`)
	return radius
}

// drawMapLabels names up to max of the busiest points beside their
// circles (right of it, or left near the right edge), skipping a name that
// would overlap a circle's name already placed or leave the frame. The
// names are for the eye: each circle's link carries its title already.
func drawMapLabels(sw *svgWriter, proj geo.Projection, w, h int, pts []MapPoint, most int, radius func(int) float64) {
	order := make([]int, len(pts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if d := pts[b].Count() - pts[a].Count(); d != 0 {
			return d
		}
		return strings.Compare(pts[a].Label, pts[b].Label)
	})
	type rect struct{ x0, y0, x1, y1 float64 }
	var placed []rect
	overlaps := func(r rect) bool {
		return slices.ContainsFunc(placed, func(o rect) bool {
			return r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1
		})
	}
	sw.WriteString(`<g class="tg-map-labels" font-size="11" fill="#1f2328" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke" pointer-events="none" aria-hidden="true">`)
	for _, i := range order {
		if most == 0 {
			break
		}
		p := pts[i]
		if p.Label == "" {
			continue
		}
		x, y := proj.Project(geo.Point{Lon: p.Lon, Lat: p.Lat})
		r := radius(p.Count())
		tw := float64(len([]rune(p.Label))) * charW
		lx, anchor := x+r+3, ""
		if lx+tw > float64(w)-2 {
			lx, anchor = x-r-3, "end"
		}
		box := rect{lx, y - 8, lx + tw, y + 5}
		if anchor != "" {
			box.x0, box.x1 = lx-tw, lx
		}
		if box.x0 < 2 || box.y0 < 2 || box.y1 > float64(h)-2 || overlaps(box) {
			continue
		}
		placed = append(placed, box)
		most--
		sw.WriteString(`<text x="`)
		sw.n(lx)
		sw.WriteString(`" y="`)
		sw.n(y + 4)
		if anchor != "" {
			sw.WriteString(`" text-anchor="end`)
		}
		sw.WriteString(`">`)
		sw.text(p.Label)
		sw.WriteString(`</text>`)
	}
	sw.WriteString(`</g>`)
}

// drawMapLegend draws the kinds by total count, when some places are known
// only to an area what a pin and an area mean, then what a circle's size
// and number mean.
func drawMapLegend(sw *svgWriter, h int, pts []MapPoint, radius func(int) float64, words *Words) {
	var kinds []KindCount
	areas := false
	for _, p := range pts {
		areas = areas || p.RadiusKm > 0
		for _, k := range p.Kinds {
			j := slices.IndexFunc(kinds, func(c KindCount) bool { return c.Kind == k.Kind })
			if j < 0 {
				kinds = append(kinds, k)
			} else {
				kinds[j].Count += k.Count
			}
		}
	}
	slices.SortStableFunc(kinds, func(a, b KindCount) int { return b.Count - a.Count })
	kinds = kinds[:min(len(kinds), 8)]
	if len(kinds) == 0 {
		return
	}
	lh := 15.0
	width := 0
	for _, k := range kinds {
		width = max(width, len([]rune(label(k.Label, k.Kind))))
	}
	// The sizes: one entry, and the most at one place when more.
	nmax := 0
	for _, p := range pts {
		nmax = max(nmax, p.Count())
	}
	sizes := []int{1}
	if nmax > 1 {
		sizes = append(sizes, nmax)
	}
	// The size of a circle says how many events a place has; the number
	// in it, when it fits, says it too.
	pinLabel, areaLabel, sizeText := words.legend(nmax)
	sizeRow := 2*radius(nmax) + 6
	width = max(width, len([]rune(sizeText))+int((2*radius(nmax)+2*radius(1)+6)/charW))
	rows := len(kinds)
	if areas {
		rows += 2
		width = max(width, len([]rune(areaLabel)))
	}
	bh := lh*float64(rows) + sizeRow + 10
	y0 := float64(h) - bh - 6
	sw.WriteString(`<g class="tg-map-legend"><rect x="6" y="`)
	sw.n(y0)
	sw.WriteString(`" width="`)
	sw.n(float64(width)*6.2 + 28)
	sw.WriteString(`" height="`)
	sw.n(bh)
	sw.WriteString(`" rx="3" fill="#fff" fill-opacity=".85"/>`)
	text := func(y float64, s string) {
		sw.WriteString(`<text x="26" y="`)
		sw.n(y + 4)
		sw.WriteString(`" fill="#333">`)
		sw.text(s)
		sw.WriteString(`</text>`)
	}
	for i, k := range kinds {
		y := y0 + 4 + lh*float64(i) + lh/2
		sw.WriteString(`<circle class="`)
		sw.WriteString(kindClass(k.Kind))
		sw.WriteString(`" cx="16" cy="`)
		sw.n(y)
		sw.WriteString(`" r="4.5" fill="`)
		sw.WriteString(color(k.Color, defaultKind))
		sw.WriteString(`"/>`)
		text(y, label(k.Label, k.Kind))
	}
	if areas {
		y := y0 + 4 + lh*float64(len(kinds)) + lh/2
		sw.WriteString(`<circle class="tg-map-legend-pin" cx="16" cy="`)
		sw.n(y)
		sw.WriteString(`" r="4.5" fill="#555" stroke="#fff" stroke-width=".8"/>`)
		text(y, pinLabel)
		y += lh
		sw.WriteString(`<g class="tg-map-legend-area">`)
		drawArea(sw, 16, y, 6, "#555")
		sw.WriteString(`</g>`)
		text(y, areaLabel)
	}
	// Sizes: hollow circles of one entry and of the most, side by side.
	cy := y0 + 4 + lh*float64(rows) + sizeRow/2 + 2
	x := 11.5
	sw.WriteString(`<g class="tg-map-legend-sizes" fill="#777" stroke="#fff" stroke-width=".8">`)
	for _, n := range sizes {
		r := radius(n)
		sw.WriteString(`<circle cx="`)
		sw.n(x + r)
		sw.WriteString(`" cy="`)
		sw.n(cy)
		sw.WriteString(`" r="`)
		sw.n(r)
		sw.WriteString(`"/>`)
		if s := words.short(n); n > 1 && float64(len([]rune(s)))*5.5 <= 2*r+1 {
			sw.WriteString(`<text x="`)
			sw.n(x + r)
			sw.WriteString(`" y="`)
			sw.n(cy + 3.2)
			sw.WriteString(`" fill="#fff" stroke="none" font-size="9" font-weight="bold" text-anchor="middle">`)
			sw.WriteString(s)
			sw.WriteString(`</text>`)
		}
		x += 2*r + 4
	}
	sw.WriteString(`</g><text x="`)
	sw.n(x + 2)
	sw.WriteString(`" y="`)
	sw.n(cy + 4)
	sw.WriteString(`" fill="#333">`)
	sw.text(sizeText)
	sw.WriteString(`</text></g>`)
}

func label(l, kind string) string {
	if l != "" {
		return l
	}
	return kind
}

// LocatorOptions are the options of Locator.
type LocatorOptions struct {
	IDPrefix    string
	Title, Desc string
	Width       int // default 240
	Height      int // default 160
	Point       geo.Point
	Label       string  // the marker's hover title (e.g. the place name)
	SpanDeg     float64 // degrees of longitude around the point (at least); default 20
	Color       string  // the marker's colour; default dark red
	// RadiusKm, when more than 0, draws the place as an area of that
	// radius (see PrecisionRadiusKm) instead of a pin.
	RadiusKm float64
	// Colours of the basemap; empty for the defaults.
	Sea, Land, Border string
	// AreaNote follows Label for an area; default " (somewhere in this area)".
	AreaNote string
	// Country is the country to shade: a name on the basemap
	// (geo.Country's Name, see geo.LookupNation), or "" for none.
	Country string
}

// Locator draws a small map centred on one point (moved off-centre only at
// the edges of the world), the place's country shaded (class
// tg-map-focus), with a marker (class tg-map-marker). The country is the
// one given, never guessed from the point: at the basemap's 1:110m scale
// a point near a border often falls on the wrong side (Geneva in France,
// Narva in Russia).
func Locator(opts LocatorOptions) string { return (*Basemaps)(nil).Locator(opts) }

// Locator is the package's Locator, with the basemap drawn once per frame.
func (b *Basemaps) Locator(opts LocatorOptions) string {
	id := ID(opts.IDPrefix)
	proj, w, h, p := locatorFrame(opts)
	var sw svgWriter
	sw.Grow(16 << 10)
	sw.open(id, w, h, "tg-map tg-locator", opts.Title, opts.Desc, false)
	b.draw(&sw, proj, w, h, opts.Sea, opts.Land, opts.Border, opts.Country)
	x, y := proj.Project(p)
	if opts.RadiusKm > 0 {
		sw.WriteString(`<g class="tg-map-marker tg-map-marker-area">`)
		if opts.Label != "" {
			sw.WriteString(`<title>`)
			sw.text(opts.Label + (&Words{AreaNote: opts.AreaNote}).areaNote())
			sw.WriteString(`</title>`)
		}
		drawArea(&sw, x, y, max(areaRadius(proj, MapPoint{Lon: p.Lon, Lat: p.Lat, RadiusKm: opts.RadiusKm}), 6), color(opts.Color, defaultMarker))
		sw.WriteString(`</g></svg>`)
		return sw.String()
	}
	sw.WriteString(`<g class="tg-map-marker" fill="`)
	sw.WriteString(color(opts.Color, defaultMarker))
	sw.WriteString(`" stroke="#fff" stroke-width="1.5">`)
	if opts.Label != "" {
		sw.WriteString(`<title>`)
		sw.text(opts.Label)
		sw.WriteString(`</title>`)
	}
	sw.WriteString(`<circle cx="`)
	sw.n(x)
	sw.WriteString(`" cy="`)
	sw.n(y)
	sw.WriteString(`" r="5"/><circle cx="`)
	sw.n(x)
	sw.WriteString(`" cy="`)
	sw.n(y)
	sw.WriteString(`" r="10" fill="none" stroke="`)
	sw.WriteString(color(opts.Color, defaultMarker))
	sw.WriteString(`" stroke-opacity=".6"/></g></svg>`)
	return sw.String()
}

// locatorFrame is a locator's projection, size and point (clamped to the
// world).
func locatorFrame(opts LocatorOptions) (proj geo.Projection, w, h int, p geo.Point) {
	w, h = opts.Width, opts.Height
	if w <= 0 {
		w = 240
	}
	if h <= 0 {
		h = 160
	}
	p = opts.Point
	p.Lon = min(max(p.Lon, -180), 180)
	p.Lat = min(max(p.Lat, -90), 90)
	box := geo.Fit(geo.Around(p, opts.SpanDeg), float64(w), float64(h))
	return geo.NewProjection(box, float64(w), float64(h)), w, h, p
}
