package geo

import (
	"math"
	"strconv"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) < 170 {
		t.Fatalf("%d countries, want ≥ 170", len(cs))
	}
	for _, name := range []string{"Ukraine", "Russia", "Israel", "Sudan", "United States of America"} {
		if _, ok := CountryNamed(name); !ok {
			t.Errorf("no country %q", name)
		}
	}
	for i, c := range cs {
		if i > 0 && cs[i-1].Name >= c.Name {
			t.Errorf("not sorted by name: %q then %q", cs[i-1].Name, c.Name)
		}
		if len(c.Rings) == 0 || len(c.Rings) != len(c.RingBounds) {
			t.Errorf("%s: %d rings, %d ring bounds", c.Name, len(c.Rings), len(c.RingBounds))
		}
		for _, r := range c.Rings {
			for _, p := range r {
				if !valid(p) {
					t.Fatalf("%s: point %v out of the world", c.Name, p)
				}
			}
		}
	}
	// Countries returns a copy of the list.
	cs[0].Name = "changed"
	if Countries()[0].Name == "changed" {
		t.Error("Countries shares its slice")
	}
}

func TestCountryAt(t *testing.T) {
	for _, tc := range []struct {
		p    Point
		want string
	}{
		{Point{30.52, 50.45}, "Ukraine"}, // Kyiv
		{Point{37.62, 55.75}, "Russia"},  // Moscow
		{Point{2.35, 48.86}, "France"},   // Paris
		{Point{-77.04, 38.9}, "United States of America"},
		{Point{27.5, -29.5}, "Lesotho"}, // inside South Africa's hole
		{Point{25, -30}, "South Africa"},
	} {
		c, ok := CountryAt(tc.p)
		if !ok || c.Name != tc.want {
			t.Errorf("CountryAt(%v) = %q, %v; want %q", tc.p, c.Name, ok, tc.want)
		}
	}
	if c, ok := CountryAt(Point{-30, 30}); ok { // mid-Atlantic
		t.Errorf("CountryAt(ocean) = %q", c.Name)
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{
		"004\tA\n",
		"004\tA\t1 2 3 4\n",
		"004\tA\t1 2 3 4 5 x\n",
		"004\tA\t1 2 3 4 5\n",
	} {
		if _, err := parseCountries(s); err == nil {
			t.Errorf("parseCountries(%q): no error", s)
		}
	}
	cs, err := parseCountries("# c\n\n001\tA B\t100 200 100 0 0 100|0 0 1 0 0 1\n")
	if err != nil || len(cs) != 1 || cs[0].Name != "A B" || len(cs[0].Rings) != 2 {
		t.Fatalf("parseCountries = %+v, %v", cs, err)
	}
	if got := cs[0].Rings[0][2]; got != (Point{2, 3}) {
		t.Errorf("third point %v, want {2 3}", got)
	}
	if b := cs[0].Bounds; b != (Box{0, 0, 2, 3}) {
		t.Errorf("bounds %v", b)
	}
}

func TestExtent(t *testing.T) {
	if got := Extent(nil, 0.1, 5); got != World {
		t.Errorf("Extent(nil) = %v, want World", got)
	}
	// One point: the minimum span about it.
	got := Extent([]Point{{30, 50}}, 0.1, 10)
	if got != (Box{25, 45, 35, 55}) {
		t.Errorf("one point: %v", got)
	}
	// Margin.
	got = Extent([]Point{{0, 0}, {20, 10}}, 0.1, 1)
	if !near(got.MinLon, -2) || !near(got.MaxLon, 22) || !near(got.MinLat, -1) || !near(got.MaxLat, 11) {
		t.Errorf("margin: %v", got)
	}
	// Near the edge of the world: shifted in, not cut.
	got = Extent([]Point{{179, 89}}, 0, 10)
	if got != (Box{170, 80, 180, 90}) {
		t.Errorf("edge: %v", got)
	}
	// Too large: clamped. Invalid points ignored.
	got = Extent([]Point{{-170, -80}, {170, 80}, {math.NaN(), 0}, {500, 0}}, 0.5, 10)
	if got != World {
		t.Errorf("large: %v", got)
	}
}

func TestProjection(t *testing.T) {
	for _, tc := range []struct {
		b    Box
		w, h float64
	}{
		{World, 960, 480},
		{Box{22, 44, 40, 53}, 600, 400},
		{Box{-10, 60, 30, 75}, 300, 300},
		{Around(Point{30, 50}, 20), 200, 150},
	} {
		b := Fit(tc.b, tc.w, tc.h)
		if !b.ContainsBox(tc.b) {
			t.Errorf("Fit(%v) = %v does not hold the box", tc.b, b)
		}
		p := NewProjection(b, tc.w, tc.h)
		corner := func(pt Point, wx, wy float64) {
			x, y := p.Project(pt)
			if math.Abs(x-wx) > 1e-6 || math.Abs(y-wy) > 1e-6 {
				t.Errorf("%v in %v: (%.3f, %.3f), want (%v, %v)", pt, b, x, y, wx, wy)
			}
		}
		corner(Point{b.MinLon, b.MaxLat}, 0, 0)
		corner(Point{b.MaxLon, b.MaxLat}, tc.w, 0)
		corner(Point{b.MinLon, b.MinLat}, 0, tc.h)
		corner(Point{b.MaxLon, b.MinLat}, tc.w, tc.h)
		c := b.Center()
		x0, y0 := p.Project(c)
		x1, _ := p.Project(Point{c.Lon + 1, c.Lat})
		_, y1 := p.Project(Point{c.Lon, c.Lat + 1})
		if !(x1 > x0) || !(y1 < y0) {
			t.Errorf("lon should grow right, lat up: %v %v %v %v", x0, x1, y0, y1)
		}
		// cos(mid-latitude) correction: a degree of longitude is shorter.
		if want := (y0 - y1) * math.Cos(c.Lat*math.Pi/180); math.Abs((x1-x0)-want) > 1e-6 {
			t.Errorf("degree of longitude %.4f, want %.4f", x1-x0, want)
		}
		u := p.Unproject(x0, y0)
		if !near(u.Lon, c.Lon) || !near(u.Lat, c.Lat) {
			t.Errorf("Unproject(Project(%v)) = %v", c, u)
		}
		f := p.Frame(0)
		if !near(f.MinLon, b.MinLon) || !near(f.MaxLat, b.MaxLat) {
			t.Errorf("Frame(0) = %v, want %v", f, b)
		}
	}
	// A box that cannot be fitted (the world in a square) is letterboxed,
	// centred, undistorted.
	p := NewProjection(Fit(World, 400, 400), 400, 400)
	x, y := p.Project(Point{-180, 90})
	if !near(x, 0) || !near(y, 100) {
		t.Errorf("letterbox top-left (%v, %v), want (0, 100)", x, y)
	}
	if h := NaturalHeight(World, 960); !near(h, 480) {
		t.Errorf("NaturalHeight(World, 960) = %v", h)
	}
}

func TestClipRing(t *testing.T) {
	sq := []Point{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	b := Box{5, 5, 20, 20}
	got := ClipRing(nil, sq, b)
	if area(got) != 25 {
		t.Errorf("clipped area %v (%v), want 25", area(got), got)
	}
	for _, p := range got {
		if !b.Contains(p) {
			t.Errorf("point %v outside %v", p, b)
		}
	}
	if got := ClipRing(nil, sq, Box{-1, -1, 11, 11}); &got[0] != &sq[0] {
		t.Error("a ring inside the box should be returned as is")
	}
	if got := ClipRing(nil, sq, Box{20, 20, 30, 30}); got != nil {
		t.Errorf("disjoint: %v", got)
	}
	// A box inside the ring: the box itself.
	if got := ClipRing(nil, sq, Box{2, 2, 4, 4}); area(got) != 4 {
		t.Errorf("box in ring: area %v", area(got))
	}
	// Concave ring (a U) clipped through both arms keeps its area.
	u := []Point{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}}
	if got := ClipRing(nil, u, Box{-1, 2, 4, 4}); area(got) != 2 {
		t.Errorf("U: area %v (%v)", area(got), got)
	}
}

func area(r []Point) float64 {
	s := 0.0
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		s += a.Lon*b.Lat - b.Lon*a.Lat
	}
	return math.Abs(s / 2)
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := parseCountries(countriesTxt); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRound(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		d    int
		want string
	}{
		{47.9105, 2, "47.91"}, {33.3918, 2, "33.39"}, {-0.125, 2, "-0.12"}, {48.456789, 0, "48"}, {30.523456, 6, "30.523456"}, {179.99, 1, "180"},
	} {
		if got := strconv.FormatFloat(Round(tt.v, tt.d), 'f', -1, 64); got != tt.want {
			t.Errorf("Round(%v, %d) = %s, want %s", tt.v, tt.d, got, tt.want)
		}
	}
}
