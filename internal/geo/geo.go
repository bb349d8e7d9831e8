// Package geo holds the world basemap shipped with timelinegen and the small
// amount of geometry needed to draw it: bounding boxes, an equirectangular
// projection with a cos(mid-latitude) correction, and rectangle clipping of
// polygon rings.
//
// The basemap (countries.txt, embedded) is Natural Earth's 1:110m Admin 0
// countries, which are in the public domain, as redistributed by Mike
// Bostock's world-atlas 2.0.2 (countries-110m.json, ISC licence). It was
// converted once by tools/basemap/convert.mjs; see README.md in this folder.
// Nothing is fetched at run time.
//
// Coordinates are degrees; longitudes in [-180, 180], latitudes in [-90, 90].
// Boxes never cross the antimeridian.
package geo

import "math"

// Point is a position in degrees.
type Point struct{ Lon, Lat float64 }

// Box is a longitude/latitude rectangle in degrees.
type Box struct{ MinLon, MinLat, MaxLon, MaxLat float64 }

// World is the whole globe.
var World = Box{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}

// Width is the box's longitude span in degrees.
func (b Box) Width() float64 { return b.MaxLon - b.MinLon }

// Height is the box's latitude span in degrees.
func (b Box) Height() float64 { return b.MaxLat - b.MinLat }

// Center is the middle of the box.
func (b Box) Center() Point { return Point{(b.MinLon + b.MaxLon) / 2, (b.MinLat + b.MaxLat) / 2} }

// Empty reports whether the box has no area (the zero Box is empty).
func (b Box) Empty() bool { return !(b.MaxLon > b.MinLon && b.MaxLat > b.MinLat) }

// Contains reports whether p lies in the box, edges included.
func (b Box) Contains(p Point) bool {
	return p.Lon >= b.MinLon && p.Lon <= b.MaxLon && p.Lat >= b.MinLat && p.Lat <= b.MaxLat
}

// ContainsBox reports whether o lies entirely in b.
func (b Box) ContainsBox(o Box) bool {
	return o.MinLon >= b.MinLon && o.MaxLon <= b.MaxLon && o.MinLat >= b.MinLat && o.MaxLat <= b.MaxLat
}

// Intersects reports whether the two boxes overlap (touching counts).
func (b Box) Intersects(o Box) bool {
	return o.MinLon <= b.MaxLon && o.MaxLon >= b.MinLon && o.MinLat <= b.MaxLat && o.MaxLat >= b.MinLat
}

// Bounds is the smallest box holding all points (the zero Box for none).
func Bounds(points []Point) Box {
	if len(points) == 0 {
		return Box{}
	}
	b := Box{points[0].Lon, points[0].Lat, points[0].Lon, points[0].Lat}
	for _, p := range points[1:] {
		b.MinLon = min(b.MinLon, p.Lon)
		b.MaxLon = max(b.MaxLon, p.Lon)
		b.MinLat = min(b.MinLat, p.Lat)
		b.MaxLat = max(b.MaxLat, p.Lat)
	}
	return b
}

// Extent is the box to show for a site's events: the points' bounds grown
// by marginFrac of their span on every side, at least minSpanDeg wide and
// high (grown about its centre), moved back inside the world where it
// sticks out, and clamped to the world. Points with invalid coordinates
// (NaN, out of range) are ignored; with no valid point it is World.
func Extent(points []Point, marginFrac float64, minSpanDeg float64) Box {
	first := true
	var b Box
	for _, p := range points {
		if !valid(p) {
			continue
		}
		if first {
			b = Box{p.Lon, p.Lat, p.Lon, p.Lat}
			first = false
			continue
		}
		b.MinLon = min(b.MinLon, p.Lon)
		b.MaxLon = max(b.MaxLon, p.Lon)
		b.MinLat = min(b.MinLat, p.Lat)
		b.MaxLat = max(b.MaxLat, p.Lat)
	}
	if first {
		return World
	}
	if marginFrac > 0 {
		mx, my := b.Width()*marginFrac, b.Height()*marginFrac
		b.MinLon -= mx
		b.MaxLon += mx
		b.MinLat -= my
		b.MaxLat += my
	}
	if !(minSpanDeg > 0) { // also NaN
		minSpanDeg = 0
	}
	if w := b.Width(); w < minSpanDeg {
		b.MinLon -= (minSpanDeg - w) / 2
		b.MaxLon = b.MinLon + minSpanDeg
	}
	if h := b.Height(); h < minSpanDeg {
		b.MinLat -= (minSpanDeg - h) / 2
		b.MaxLat = b.MinLat + minSpanDeg
	}
	return clampShift(b)
}

// Around is the box spanDeg degrees wide and high centred on c (20 when
// spanDeg is not positive), moved and clamped into the world. Fit it to the
// frame before drawing.
func Around(c Point, spanDeg float64) Box {
	if !(spanDeg > 0) {
		spanDeg = 20
	}
	h := spanDeg / 2
	return clampShift(Box{c.Lon - h, c.Lat - h, c.Lon + h, c.Lat + h})
}

func valid(p Point) bool {
	return p.Lon >= -180 && p.Lon <= 180 && p.Lat >= -90 && p.Lat <= 90
}

// clampShift moves a box that sticks out of the world back in where it fits,
// then clamps it to the world.
func clampShift(b Box) Box {
	b.MinLon, b.MaxLon = shift(b.MinLon, b.MaxLon, -180, 180)
	b.MinLat, b.MaxLat = shift(b.MinLat, b.MaxLat, -90, 90)
	return b
}

func shift(lo, hi, min, max float64) (float64, float64) {
	if hi-lo >= max-min {
		return min, max
	}
	if lo < min {
		hi += min - lo
		lo = min
	}
	if hi > max {
		lo -= hi - max
		hi = max
	}
	return lo, hi
}

// cosMid is the horizontal scale factor of the box: the cosine of its middle
// latitude, kept away from zero for boxes at the poles.
func cosMid(b Box) float64 {
	return max(math.Cos((b.MinLat+b.MaxLat)/2*math.Pi/180), 0.1)
}

// Fit grows b (about its centre, within the world) so that it has the
// aspect ratio of a width×height frame under the projection, so that the
// map fills the frame undistorted. If the world is too small for that, the
// result is clamped and Projection letterboxes it.
func Fit(b Box, width, height float64) Box {
	if b.Empty() {
		b = World
	}
	if !(width > 0 && height > 0) {
		return b
	}
	want := width / height
	for range 3 { // the mid-latitude moves a little when latitude grows
		c := cosMid(b)
		got := b.Width() * c / b.Height()
		switch {
		case got < want: // too narrow: more longitude
			w := b.Height() * want / c
			m := (b.MinLon + b.MaxLon) / 2
			b.MinLon, b.MaxLon = shift(m-w/2, m+w/2, -180, 180)
		case got > want: // too wide: more latitude
			h := b.Width() * c / want
			m := (b.MinLat + b.MaxLat) / 2
			b.MinLat, b.MaxLat = shift(m-h/2, m+h/2, -90, 90)
		}
	}
	return b
}

// NaturalHeight is the frame height that shows b undistorted at the given
// width.
func NaturalHeight(b Box, width float64) float64 {
	if b.Empty() {
		b = World
	}
	return width * b.Height() / (b.Width() * cosMid(b))
}

// Projection maps lon/lat to frame coordinates (x right, y down): an
// equirectangular projection whose horizontal scale is corrected by the
// cosine of the box's middle latitude. The box is scaled uniformly to fit
// the frame and centred in it; when the box has the frame's shape (see Fit)
// its corners map to the frame's corners.
type Projection struct {
	box    Box
	kx, ky float64 // frame units per degree
	ox, oy float64 // frame offset of the box's top-left corner
	w, h   float64
}

// NewProjection is the projection of box b onto a width×height frame.
func NewProjection(b Box, width, height float64) Projection {
	if b.Empty() {
		b = World
	}
	c := cosMid(b)
	k := min(width/(b.Width()*c), height/b.Height())
	p := Projection{box: b, kx: k * c, ky: k, w: width, h: height}
	p.ox = (width - b.Width()*p.kx) / 2
	p.oy = (height - b.Height()*p.ky) / 2
	return p
}

// Box is the box the projection was made for.
func (p Projection) Box() Box { return p.box }

// Project maps a point to frame coordinates.
func (p Projection) Project(pt Point) (x, y float64) {
	return p.ox + (pt.Lon-p.box.MinLon)*p.kx, p.oy + (p.box.MaxLat-pt.Lat)*p.ky
}

// Unproject maps frame coordinates back to a point.
func (p Projection) Unproject(x, y float64) Point {
	return Point{p.box.MinLon + (x-p.ox)/p.kx, p.box.MaxLat - (y-p.oy)/p.ky}
}

// Frame is the lon/lat box the whole frame shows, grown by pad frame units
// on every side (not clamped to the world). Clip outlines to it: with a pad
// of a few units the clipped edges fall outside the visible frame.
func (p Projection) Frame(pad float64) Box {
	tl := p.Unproject(-pad, -pad)
	br := p.Unproject(p.w+pad, p.h+pad)
	return Box{MinLon: tl.Lon, MinLat: br.Lat, MaxLon: br.Lon, MaxLat: tl.Lat}
}
