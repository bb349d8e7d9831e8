package charts

import (
	"math"

	"github.com/timelinegen/timelinegen/internal/geo"
)

// PrecisionRadiusKm is the radius of the area a place of a
// location.precision may lie in: 0 for "exact" (a pin), then a town's
// (5 km), a district's (25 km), a region's (100 km) and a country's
// (300 km) typical reach.
func PrecisionRadiusKm(precision string) float64 {
	switch precision {
	case "town":
		return 5
	case "district":
		return 25
	case "region":
		return 100
	case "country":
		return 300
	}
	return 0
}

// kmPerDegree is the length of a degree of latitude.
const kmPerDegree = 111.32

// areaRadius is p's RadiusKm in the projection's units, measured north
// and south of the point (at least 3 units, so that it can be seen and
// pointed at).
func areaRadius(proj geo.Projection, p MapPoint) float64 {
	d := p.RadiusKm / kmPerDegree
	_, yn := proj.Project(geo.Point{Lon: p.Lon, Lat: min(p.Lat+d, 90)})
	_, ys := proj.Project(geo.Point{Lon: p.Lon, Lat: max(p.Lat-d, -90)})
	return max(math.Abs(ys-yn)/2, 3)
}

// drawArea draws a place known only to an area: a translucent disc with
// a dashed rim and no centre dot, so that it never reads as an exact pin.
func drawArea(sw *svgWriter, x, y, r float64, fill string) {
	sw.WriteString(`<circle class="tg-map-area" cx="`)
	sw.n(x)
	sw.WriteString(`" cy="`)
	sw.n(y)
	sw.WriteString(`" r="`)
	sw.n(r)
	sw.WriteString(`" fill="`)
	sw.WriteString(fill)
	sw.WriteString(`" fill-opacity=".22" stroke="`)
	sw.WriteString(fill)
	sw.WriteString(`" stroke-width="1.2" stroke-dasharray="3 2"/>`)
}

// areaExtent is the north, south, east and west edges of p's area, none
// for an exact place, so that a map's extent shows areas whole.
func areaExtent(p MapPoint) []geo.Point {
	if p.RadiusKm <= 0 {
		return nil
	}
	d := p.RadiusKm / kmPerDegree
	dlon := d / max(math.Cos(p.Lat*math.Pi/180), 0.1)
	clamp := func(lon, lat float64) geo.Point {
		return geo.Point{Lon: min(max(lon, -180), 180), Lat: min(max(lat, -90), 90)}
	}
	return []geo.Point{clamp(p.Lon, p.Lat+d), clamp(p.Lon, p.Lat-d), clamp(p.Lon+dlon, p.Lat), clamp(p.Lon-dlon, p.Lat)}
}
