package geo

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed countries.txt
var countriesTxt string

// Country is one country of the basemap. Its slices are shared by every
// caller of Countries and must not be modified.
type Country struct {
	// ID is the ISO 3166-1 numeric code ("804"); empty for the few
	// territories that have none (Kosovo, N. Cyprus, Somaliland).
	ID string
	// Name is Natural Earth's short name ("Ukraine", "Russia",
	// "United States of America").
	Name string
	// Rings are the outlines: outer rings and holes alike, to be filled
	// with the even-odd rule. Rings are open (the last point is not the
	// first repeated).
	Rings [][]Point
	// RingBounds[i] is the bounding box of Rings[i].
	RingBounds []Box
	// Bounds is the bounding box of all rings.
	Bounds Box
}

var countries = sync.OnceValue(func() []Country {
	cs, err := parseCountries(countriesTxt)
	if err != nil {
		panic("geo: embedded basemap: " + err.Error())
	}
	return cs
})

// Countries is the world basemap, sorted by name, parsed once from the
// embedded data. The returned slice is a fresh copy; the countries' rings
// are shared and read-only.
func Countries() []Country {
	return append([]Country(nil), countries()...)
}

// CountryNamed is the country with exactly this name.
func CountryNamed(name string) (Country, bool) {
	for _, c := range countries() {
		if c.Name == name {
			return c, true
		}
	}
	return Country{}, false
}

// CountryAt is the country whose outline holds p, if any. At 1:110m a
// point near a border often falls in its neighbour (Geneva in France), so
// no map shades a country found so: it shades the one an editor wrote
// (LookupNation).
func CountryAt(p Point) (Country, bool) {
	for _, c := range countries() {
		if c.Contains(p) {
			return c, true
		}
	}
	return Country{}, false
}

// Contains reports whether p lies inside the country (even-odd rule over
// all its rings).
func (c Country) Contains(p Point) bool {
	if !c.Bounds.Contains(p) {
		return false
	}
	in := false
	for i, r := range c.Rings {
		if c.RingBounds[i].Contains(p) && ringContains(r, p) {
			in = !in
		}
	}
	return in
}

func ringContains(r []Point, p Point) bool {
	in := false
	j := len(r) - 1
	for i := range r {
		a, b := r[i], r[j]
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) &&
			p.Lon < (b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
			in = !in
		}
		j = i
	}
	return in
}

// parseCountries reads the format written by tools/basemap/convert.mjs:
// '#' comment lines, then one country a line: id TAB name TAB rings joined
// by '|', each ring a space-separated list of integers in hundredths of a
// degree, the first point absolute and the others deltas.
func parseCountries(s string) ([]Country, error) {
	var out []Country
	for n, line := range strings.Split(s, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		id, rest, ok1 := strings.Cut(line, "\t")
		name, rings, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || name == "" {
			return nil, fmt.Errorf("line %d: want id, name and rings separated by tabs", n+1)
		}
		c := Country{ID: id, Name: name}
		for ri, rs := range strings.Split(rings, "|") {
			f := strings.Fields(rs)
			if len(f) < 6 || len(f)%2 != 0 {
				return nil, fmt.Errorf("line %d (%s): ring %d: want at least 3 coordinate pairs", n+1, name, ri+1)
			}
			ring := make([]Point, 0, len(f)/2)
			var x, y int
			for i := 0; i < len(f); i += 2 {
				dx, err1 := strconv.Atoi(f[i])
				dy, err2 := strconv.Atoi(f[i+1])
				if err1 != nil || err2 != nil {
					return nil, fmt.Errorf("line %d (%s): ring %d: bad number near %q %q", n+1, name, ri+1, f[i], f[i+1])
				}
				x += dx
				y += dy
				ring = append(ring, Point{Lon: float64(x) / 100, Lat: float64(y) / 100})
			}
			c.Rings = append(c.Rings, ring)
			rb := Bounds(ring)
			c.RingBounds = append(c.RingBounds, rb)
			if ri == 0 {
				c.Bounds = rb
			} else {
				c.Bounds = union(c.Bounds, rb)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func union(a, b Box) Box {
	return Box{min(a.MinLon, b.MinLon), min(a.MinLat, b.MinLat), max(a.MaxLon, b.MaxLon), max(a.MaxLat, b.MaxLat)}
}
