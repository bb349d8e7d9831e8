package charts

import (
	"encoding/xml"
	"flag"
	"fmt"
	"github.com/timelinegen/timelinegen/internal/casualty"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/geo"
)

var update = flag.Bool("update", false, "rewrite testdata/*.svg")

// element is a parsed SVG element.
type element struct {
	name  string
	attrs map[string]string
	text  string // the direct text content
	kids  []*element
}

// parse checks that s is well-formed XML with the expected root and
// returns its tree.
func parse(t *testing.T, s string) *element {
	t.Helper()
	if strings.HasPrefix(s, "<?xml") {
		t.Error("SVG starts with an XML declaration")
	}
	d := xml.NewDecoder(strings.NewReader(s))
	var stack []*element
	var root *element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					t.Fatal("more than one root element")
				}
				root = e
				if tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("root namespace %q", tok.Name.Space)
				}
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	if root == nil || root.name != "svg" {
		t.Fatal("no <svg> root")
	}
	return root
}

func (e *element) walk(f func(*element)) {
	f(e)
	for _, k := range e.kids {
		k.walk(f)
	}
}

func (e *element) all(name string) []*element {
	var out []*element
	e.walk(func(x *element) {
		if x.name == name {
			out = append(out, x)
		}
	})
	return out
}

func hasClass(e *element, c string) bool {
	return slices.Contains(strings.Fields(e.attrs["class"]), c)
}

func (e *element) title() string {
	for _, k := range e.kids {
		if k.name == "title" {
			return k.text
		}
	}
	return ""
}

// checkRoot checks the accessible root shared by all charts.
func checkRoot(t *testing.T, root *element, id, title, desc string) {
	t.Helper()
	links := len(root.all("a")) > 0
	if role := root.attrs["role"]; links && role != "group" || !links && role != "img" {
		t.Errorf("role %q with links %v", role, links)
	}
	if root.attrs["width"] != "100%" || !strings.HasPrefix(root.attrs["viewBox"], "0 0 ") {
		t.Errorf("root attributes %v", root.attrs)
	}
	if got, want := root.attrs["aria-labelledby"], id+"-title "+id+"-desc"; got != want {
		t.Errorf("aria-labelledby %q, want %q", got, want)
	}
	if len(root.kids) < 2 || root.kids[0].name != "title" || root.kids[1].name != "desc" {
		t.Fatal("<title> and <desc> must come first")
	}
	if root.kids[0].attrs["id"] != id+"-title" || root.kids[0].text != title {
		t.Errorf("title %v %q", root.kids[0].attrs, root.kids[0].text)
	}
	if root.kids[1].attrs["id"] != id+"-desc" || root.kids[1].text != desc {
		t.Errorf("desc %v %q", root.kids[1].attrs, root.kids[1].text)
	}
	ids := map[string]bool{}
	root.walk(func(e *element) {
		if v, ok := e.attrs["id"]; ok {
			if ids[v] {
				t.Errorf("duplicate id %q", v)
			}
			ids[v] = true
			if !strings.HasPrefix(v, id+"-") {
				t.Errorf("id %q without the prefix %q", v, id)
			}
		}
	})
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/charts -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (run go test ./internal/charts -update after an intended change)\ngot:\n%s", path, got)
	}
}

var (
	mil = KindCount{Kind: "military", Label: "Military", Color: "#b2182b"}
	dip = KindCount{Kind: "diplomatic", Label: "Diplomatic", Color: "#2166ac"}
	hum = KindCount{Kind: "humanitarian", Label: "Humanitarian", Color: "#1b7837"}
)

func kc(k KindCount, n int) KindCount { k.Count = n; return k }

func samplePoints() []MapPoint {
	return []MapPoint{
		{Lon: 30.52, Lat: 50.45, Label: "Kyiv", URL: "/places/kyiv/", Kinds: []KindCount{kc(mil, 5), kc(dip, 7)}},
		{Lon: 36.23, Lat: 49.99, Label: "Kharkiv", URL: "/places/kharkiv/", Kinds: []KindCount{kc(mil, 9)}},
		{Lon: 37.62, Lat: 55.75, Label: "Moscow", URL: "/places/moscow/", Kinds: []KindCount{kc(dip, 1)}},
		{Lon: 39.17, Lat: 21.54, Label: "Jeddah <Red Sea> & \"port\"", URL: "/places/jeddah/?a=1&b=2", Kinds: []KindCount{kc(dip, 2), kc(hum, 1)}},
		{Lon: 30.73, Lat: 46.48, Label: "Odesa", URL: "javascript:alert(1)", Kinds: []KindCount{kc(hum, 3)}},
	}
}

func sampleMap() MapOptions {
	pts := samplePoints()
	ll := make([]geo.Point, len(pts))
	for i, p := range pts {
		ll[i] = geo.Point{Lon: p.Lon, Lat: p.Lat}
	}
	return MapOptions{
		IDPrefix: "map1", Title: "Where it happened", Desc: "Places of 28 events",
		Width: 480, Box: geo.Extent(ll, 0.1, 10), Points: pts, Legend: true,
	}
}

func TestMap(t *testing.T) {
	opts := sampleMap()
	s := Map(opts)
	golden(t, "map.svg", s)
	root := parse(t, s)
	checkRoot(t, root, "map1", opts.Title, opts.Desc)
	if s != Map(opts) {
		t.Error("not deterministic")
	}
	// Every point drawn once, with its count and title, linked where the
	// URL is safe.
	byTitle := map[string]*element{}
	root.walk(func(e *element) {
		if hasClass(e, "tg-map-point") {
			byTitle[e.title()] = e
		}
	})
	if len(byTitle) != len(opts.Points) {
		t.Errorf("%d points drawn, want %d", len(byTitle), len(opts.Points))
	}
	for _, p := range opts.Points {
		title := p.Label + ": " + (*Words)(nil).events(p.Count()) + breakdown(segmentsOf(p.Kinds), nil)
		e := byTitle[title]
		if e == nil {
			t.Errorf("no point titled %q", title)
			continue
		}
		if e.attrs["data-count"] != strconv.Itoa(p.Count()) {
			t.Errorf("%s: data-count %q, want %d", p.Label, e.attrs["data-count"], p.Count())
		}
		if strings.HasPrefix(p.URL, "javascript:") {
			if e.name != "g" || e.attrs["href"] != "" {
				t.Errorf("%s: unsafe link kept", p.Label)
			}
		} else if e.name != "a" || e.attrs["href"] != p.URL {
			t.Errorf("%s: link %s %q, want %q", p.Label, e.name, e.attrs["href"], p.URL)
		}
		if c := e.all("circle"); len(c) != 1 || c[0].attrs["fill"] != dominant(p.Kinds).Color {
			t.Errorf("%s: circle %v", p.Label, c)
		}
	}
	if !strings.Contains(s, "Kyiv: 12 events — 5 Military, 7 Diplomatic") {
		t.Error("Kyiv's title")
	}
	// Count labels for places with more than one event.
	var labels []string
	root.walk(func(g *element) {
		if hasClass(g, "tg-map-counts") {
			for _, e := range g.all("text") {
				labels = append(labels, e.text)
			}
		}
	})
	slices.Sort(labels)
	if want := []string{"12", "3", "3", "9"}; !slices.Equal(labels, want) {
		t.Errorf("count labels %v, want %v", labels, want)
	}
	// Countries are drawn: Ukraine is in the box.
	if n := len(root.all("path")); n < 10 {
		t.Errorf("only %d country paths", n)
	}
}

// The busiest places are named on the map; a name that would overlap
// another is left out (the circle's title still names it).
func TestMapLabelsTheBusiestPlaces(t *testing.T) {
	opts := sampleMap()
	opts.Labels = 2
	names := mapLabels(t, Map(opts))
	if want := []string{"Kyiv", "Kharkiv"}; !slices.Equal(names, want) {
		t.Errorf("labels %v, want %v", names, want)
	}
	near := []MapPoint{
		{Lon: 30.52, Lat: 50.45, Label: "Kyiv", Kinds: []KindCount{kc(mil, 4)}},
		{Lon: 30.60, Lat: 50.40, Label: "Brovary", Kinds: []KindCount{kc(mil, 2)}},
		{Lon: 36.23, Lat: 49.99, Label: "Kharkiv", Kinds: []KindCount{kc(mil, 1)}},
	}
	names = mapLabels(t, Map(MapOptions{IDPrefix: "m", Width: 480, Points: near, Labels: 5}))
	if want := []string{"Kyiv", "Kharkiv"}; !slices.Equal(names, want) {
		t.Errorf("labels of crowded places %v, want %v (Brovary would overlap Kyiv)", names, want)
	}
}

func mapLabels(t *testing.T, s string) []string {
	t.Helper()
	var names []string
	parse(t, s).walk(func(g *element) {
		if hasClass(g, "tg-map-labels") {
			for _, e := range g.all("text") {
				names = append(names, e.text)
			}
		}
	})
	return names
}

// The legend explains every mark: a colour for each kind, and the size of
// a circle of one event and of the busiest place, with its number.
func TestMapLegendExplainsSizes(t *testing.T) {
	root := parse(t, Map(sampleMap()))
	var legend *element
	root.walk(func(e *element) {
		if hasClass(e, "tg-map-legend") {
			legend = e
		}
	})
	if legend == nil {
		t.Fatal("no legend")
	}
	var texts []string
	for _, e := range legend.all("text") {
		texts = append(texts, e.text)
	}
	if want := []string{"Military", "Diplomatic", "Humanitarian", "12", "size: 1 to 12 events"}; !slices.Equal(texts, want) {
		t.Errorf("legend %v, want %v", texts, want)
	}
	if n := len(legend.all("circle")); n != 5 {
		t.Errorf("%d circles in the legend, want 3 kinds and 2 sizes", n)
	}
}

func TestMapSamePlaceMerged(t *testing.T) {
	p := MapPoint{Lon: 30.52, Lat: 50.45, Label: "Kyiv", URL: "/k/", Kinds: []KindCount{kc(mil, 1)}}
	q := p
	q.Kinds = []KindCount{kc(dip, 2)}
	s := Map(MapOptions{IDPrefix: "m", Points: []MapPoint{p, q}})
	root := parse(t, s)
	var pts []*element
	root.walk(func(e *element) {
		if hasClass(e, "tg-map-point") {
			pts = append(pts, e)
		}
	})
	if len(pts) != 1 || pts[0].attrs["data-count"] != "3" || pts[0].title() != "Kyiv: 3 events — 1 Military, 2 Diplomatic" {
		t.Fatalf("same place: %d points", len(pts))
	}
}

func TestWorldMap(t *testing.T) {
	start := time.Now()
	s := Map(MapOptions{IDPrefix: "w", Title: "World", Box: geo.World, Width: 960})
	el := time.Since(start)
	root := parse(t, s)
	if got := root.attrs["viewBox"]; got != "0 0 960 480" {
		t.Errorf("viewBox %q", got)
	}
	if n := len(root.all("path")); n < 170 {
		t.Errorf("%d countries drawn, want ≥ 170", n)
	}
	t.Logf("world basemap: %d bytes in %v", len(s), el)
	// Path data: only commands, numbers and separators.
	re := regexp.MustCompile(`^(M[-0-9. ]+l[-0-9. ]+z)+$`)
	for _, p := range root.all("path") {
		if !re.MatchString(p.attrs["d"]) {
			t.Fatalf("bad path data %.200q", p.attrs["d"])
		}
	}
}

func TestLocator(t *testing.T) {
	opts := LocatorOptions{IDPrefix: "loc", Title: "Location of Kyiv", Desc: "Kyiv, Ukraine", Point: geo.Point{Lon: 30.52, Lat: 50.45}, Label: "Kyiv", Country: "Ukraine"}
	s := Locator(opts)
	golden(t, "locator.svg", s)
	root := parse(t, s)
	checkRoot(t, root, "loc", opts.Title, opts.Desc)
	if strings.Count(s, "tg-map-focus") != 1 {
		t.Error("Ukraine should be highlighted once")
	}
	// The marker is at the centre of the frame.
	c := root.all("circle")
	if len(c) != 2 || c[0].attrs["cx"] != "120" || c[0].attrs["cy"] != "80" {
		t.Errorf("marker %v", c[0].attrs)
	}
	// At the edge of the world it still renders.
	parse(t, Locator(LocatorOptions{Point: geo.Point{Lon: 179, Lat: -89}}))
}

// A locator shades the country the editor wrote, never the one the point
// falls in on the 1:110m basemap: near a border that is often the wrong
// one (Geneva falls in France, Narva in Russia, Uzhhorod close to
// Slovakia). Without a country nothing is shaded.
func TestLocatorShadesTheCountryGiven(t *testing.T) {
	for _, tc := range []struct {
		place, country string
		p              geo.Point
	}{
		{"Geneva", "Switzerland", geo.Point{Lon: 6.1432, Lat: 46.2044}},
		{"Basel", "Switzerland", geo.Point{Lon: 7.5886, Lat: 47.5596}},
		{"Uzhhorod", "Ukraine", geo.Point{Lon: 22.2879, Lat: 48.6208}},
		{"Narva", "Estonia", geo.Point{Lon: 28.1903, Lat: 59.3772}},
		{"Ivangorod", "Russia", geo.Point{Lon: 28.2150, Lat: 59.3717}},
		{"Sudzha", "Russia", geo.Point{Lon: 35.2722, Lat: 51.1908}},
		{"Tetkino", "Russia", geo.Point{Lon: 34.3001, Lat: 51.2734}},
		{"Kerch", "Ukraine", geo.Point{Lon: 36.4742, Lat: 45.3563}},
		{"Kerch", "Russia", geo.Point{Lon: 36.4742, Lat: 45.3563}},
	} {
		opts := LocatorOptions{Point: tc.p, Label: tc.place, Country: tc.country}
		s := Locator(opts)
		root := parse(t, s)
		var focus []*element
		for _, p := range root.all("path") {
			if strings.Contains(p.attrs["class"], "tg-map-focus") {
				focus = append(focus, p)
			}
		}
		c, ok := geo.CountryNamed(tc.country)
		if !ok {
			t.Fatalf("no %s on the basemap", tc.country)
		}
		proj, _, _, _ := locatorFrame(opts)
		var want svgWriter
		newCountryDrawer(&want, proj).draw(c, true)
		if len(focus) != 1 || !strings.Contains(s, want.String()) {
			t.Errorf("%s, %s: %d countries shaded, want %s's outline shaded", tc.place, tc.country, len(focus), tc.country)
		}
		// The marker is on the point, in the frame.
		x, y := proj.Project(tc.p)
		if c := root.all("circle"); len(c) != 2 || c[0].attrs["cx"] != fmt.Sprint(math.Round(x*10)/10) || c[0].attrs["cy"] != fmt.Sprint(math.Round(y*10)/10) {
			t.Errorf("%s: marker %v, want at %.1f,%.1f", tc.place, c[0].attrs, x, y)
		}
		if strings.Count(Locator(LocatorOptions{Point: tc.p}), "tg-map-focus") != 0 {
			t.Errorf("%s: a country is shaded although none was given", tc.place)
		}
	}
}

func sampleMonths() []MonthBar {
	seg := func(k KindCount, n int) Segment {
		return Segment{Kind: k.Kind, Label: k.Label, Color: k.Color, Count: n}
	}
	return []MonthBar{
		{Label: "2025", Title: "2025 (month unknown)", URL: "/2025/#unknown", Unplaced: true, Segments: []Segment{seg(mil, 2), seg(dip, 1)}},
		{Label: "Jan 2025", Title: "January 2025", URL: "/2025/#2025-01", Segments: []Segment{seg(mil, 3)}},
		{Label: "Feb 2025", Title: "February 2025", URL: "/2025/#2025-02"},
		{Label: "Mar 2025", Title: "March 2025", URL: "/2025/#2025-03", Segments: []Segment{seg(mil, 5), seg(dip, 7)}},
		{Label: "Apr 2025", Title: "April 2025", URL: "/2025/#2025-04", Segments: []Segment{seg(dip, 4), seg(hum, 1)}},
	}
}

// checkBars checks one bar per month with its count, title and link, and
// that the segments add up.
func checkBars(t *testing.T, root *element, months []MonthBar) {
	t.Helper()
	var bars []*element
	root.walk(func(e *element) {
		if hasClass(e, "tg-bar") {
			bars = append(bars, e)
		}
	})
	if len(bars) != len(months) {
		t.Fatalf("%d bars, want %d", len(bars), len(months))
	}
	for i, m := range months {
		b := bars[i]
		total := 0
		for _, s := range m.Segments {
			total += s.Count
		}
		if b.attrs["data-count"] != strconv.Itoa(total) {
			t.Errorf("%s: data-count %q, want %d", m.Label, b.attrs["data-count"], total)
		}
		if want := label(m.Title, m.Label) + ": " + (*Words)(nil).events(total) + breakdown(m.Segments, nil); b.title() != want {
			t.Errorf("title %q, want %q", b.title(), want)
		}
		if b.name != "a" || b.attrs["href"] != m.URL {
			t.Errorf("%s: link %s %q", m.Label, b.name, b.attrs["href"])
		}
		if strings.Contains(b.attrs["class"], "tg-bar-unplaced") != m.Unplaced {
			t.Errorf("%s: class %q", m.Label, b.attrs["class"])
		}
		sum := 0
		for _, r := range b.all("rect") {
			if n, err := strconv.Atoi(r.attrs["data-count"]); err == nil {
				sum += n
			}
		}
		if sum != total {
			t.Errorf("%s: segments add up to %d, want %d", m.Label, sum, total)
		}
	}
}

func TestActivity(t *testing.T) {
	opts := ActivityOptions{IDPrefix: "act", Title: "Events per month", Desc: "2025", Width: 480, Height: 200, Months: sampleMonths()}
	s := Activity(opts)
	golden(t, "activity.svg", s)
	root := parse(t, s)
	checkRoot(t, root, "act", opts.Title, opts.Desc)
	checkBars(t, root, opts.Months)
	if !strings.Contains(s, "<title>March 2025: 12 events — 5 Military, 7 Diplomatic</title>") {
		t.Error("March's title")
	}
	if !strings.Contains(s, ">month unknown</text>") || !strings.Contains(s, `id="act-hatch"`) {
		t.Error("no legend note or hatch for the unplaced bar")
	}
	// Stacked bars are as high as their totals: March (12) is the highest.
	var ticks []string
	root.walk(func(e *element) {
		if hasClass(e, "tg-axis") {
			for _, x := range e.all("text") {
				ticks = append(ticks, x.text)
			}
		}
	})
	if !slices.Contains(ticks, "15") {
		t.Errorf("y ticks should go up to 15: %v", ticks)
	}
}

func TestActivityManyMonths(t *testing.T) {
	var months []MonthBar
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 120 {
		m := time.Month(i%12 + 1)
		months = append(months, MonthBar{
			Label: m.String()[:3] + " " + strconv.Itoa(2015+i/12), URL: fmt.Sprintf("/y/#m%d", i),
			Segments: []Segment{{Kind: "a", Color: "#123456", Count: rng.IntN(1000)}, {Kind: "b b", Color: "#abc", Count: rng.IntN(50)}},
		})
	}
	opts := ActivityOptions{IDPrefix: "many", Width: 720, Months: months}
	s := Activity(opts)
	root := parse(t, s)
	checkBars(t, root, months)
	var xl int
	root.walk(func(e *element) {
		if e.attrs["class"] == "tg-axis-x" {
			xl = len(e.kids)
		}
	})
	if xl == 0 || xl > 15 {
		t.Errorf("%d x labels for 120 months: not thinned", xl)
	}
	if !strings.Contains(s, "tg-kind-b-b") {
		t.Error("kind class token")
	}
}

func TestStrip(t *testing.T) {
	opts := StripOptions{IDPrefix: "strip", Title: "Activity", Desc: "Events per month", Months: sampleMonths()}
	s := Strip(opts)
	golden(t, "strip.svg", s)
	root := parse(t, s)
	checkRoot(t, root, "strip", opts.Title, opts.Desc)
	checkBars(t, root, opts.Months)
}

func TestCasualties(t *testing.T) {
	opts := CasualtiesOptions{
		IDPrefix: "cas", Title: "Casualties", Desc: "Killed and injured per month", Width: 480, Height: 200,
		Months: []CasualtyMonth{
			{Label: "2025", Title: "2025 (month unknown)", URL: "/2025/#unknown", Unplaced: true, Killed: casualty.Exact(4), Injured: casualty.Exact(0)},
			{Label: "Jan 2025", Title: "January 2025", URL: "/2025/#2025-01", Killed: casualty.Exact(12), Injured: casualty.Exact(30)},
			{Label: "Feb 2025", Title: "February 2025", URL: "/2025/#2025-02", Killed: casualty.Exact(0), Injured: casualty.Exact(0)},
			{Label: "Mar 2025", Title: "March 2025", URL: "/2025/#2025-03", Killed: casualty.Exact(1204), Injured: casualty.Exact(2)},
		},
	}
	s := Casualties(opts)
	golden(t, "casualties.svg", s)
	root := parse(t, s)
	checkRoot(t, root, "cas", opts.Title, opts.Desc)
	for _, want := range []string{
		"<title>January 2025: 12 killed, 30 injured</title>",
		"<title>March 2025: 1,204 killed, 2 injured</title>",
		"<title>2025 (month unknown): 4 killed, 0 injured</title>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s", want)
		}
	}
	killed, injured := 0, 0
	for _, r := range root.all("rect") {
		n, _ := strconv.Atoi(r.attrs["data-count"])
		switch {
		case strings.Contains(r.attrs["class"], "tg-killed"):
			killed += n
		case strings.Contains(r.attrs["class"], "tg-injured"):
			injured += n
		}
	}
	if killed != 1220 || injured != 32 {
		t.Errorf("drawn %d killed, %d injured; want 1220, 32", killed, injured)
	}
}

// A range draws its best figure (else its minimum) with a line up to its
// maximum; a minimum draws a caret; titles say the figures in words.
func TestCasualtiesShowUncertainty(t *testing.T) {
	s := Casualties(CasualtiesOptions{
		IDPrefix: "cas", Title: "Casualties", Desc: "d", Width: 480, Height: 200,
		Months: []CasualtyMonth{
			{Label: "Jan 2025", Title: "January 2025", Killed: casualty.Estimate(10, 14, 20), Injured: casualty.AtLeast(9)},
			{Label: "Feb 2025", Title: "February 2025", Killed: casualty.Range(2, 6), Injured: casualty.Exact(1)},
		},
	})
	root := parse(t, s)
	for _, want := range []string{
		"<title>January 2025: 14 (10–20) killed, at least 9 injured</title>",
		"<title>February 2025: 2–6 killed, 1 injured</title>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s", want)
		}
	}
	var counts []string
	for _, r := range root.all("rect") {
		if c := r.attrs["data-count"]; c != "" {
			counts = append(counts, c)
		}
	}
	if strings.Join(counts, " ") != "14 9 2 1" {
		t.Errorf("bars drawn %v, want the best figures or minimums 14 9 2 1", counts)
	}
	var ranges, opens int
	for _, p := range root.all("path") {
		switch p.attrs["class"] {
		case "tg-range":
			ranges++
		case "tg-open":
			opens++
		}
	}
	if ranges != 2 || opens != 1 {
		t.Errorf("%d range lines and %d carets, want 2 and 1", ranges, opens)
	}
}

func TestEmptyAndOdd(t *testing.T) {
	for name, s := range map[string]string{
		"activity": Activity(ActivityOptions{}),
		"strip":    Strip(StripOptions{}),
		"cas":      Casualties(CasualtiesOptions{}),
		"map":      Map(MapOptions{}),
		"zeros":    Activity(ActivityOptions{IDPrefix: "9 bad id\"<", Months: []MonthBar{{Label: "<x>"}}}),
		"badcolor": Map(MapOptions{Points: []MapPoint{{Lon: 1, Lat: 1, Kinds: []KindCount{{Kind: "k", Color: `red" onload="x`, Count: 1}}}}, Land: "url(x)"}),
	} {
		t.Run(name, func(t *testing.T) {
			root := parse(t, s)
			if strings.Contains(s, "onload") || strings.Contains(s, "url(x)") {
				t.Error("unvalidated colour")
			}
			_ = root
		})
	}
	if got := ID("9 bad id\"<"); got != "c9-bad-id--" {
		t.Errorf("ID = %q", got)
	}
}

func TestNumbers(t *testing.T) {
	for x, want := range map[float64]string{0: "0", -0.04: "0", 1.25: "1.3", -1.25: "-1.3", 12: "12", 12.04: "12", 3.96: "4", 0.5: "0.5", math.NaN(): "0"} {
		if got := string(appendNum(nil, x)); got != want {
			t.Errorf("appendNum(%v) = %q, want %q", x, got, want)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{12: "12", 1250: "1.2k", 12500: "12k", 2_500_000: "2.5M"} {
		if got := short(n); got != want {
			t.Errorf("short(%d) = %q, want %q", n, got, want)
		}
	}
	if got := niceTicks(12); !slices.Equal(got, []int{0, 5, 10, 15}) {
		t.Errorf("niceTicks(12) = %v", got)
	}
	if got := niceTicks(3); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Errorf("niceTicks(3) = %v", got)
	}
}

func randomPoints(n int, seed uint64) []MapPoint {
	rng := rand.New(rand.NewPCG(seed, 7))
	kinds := []KindCount{mil, dip, hum}
	pts := make([]MapPoint, n)
	for i := range pts {
		var lon, lat float64
		if i%2 == 0 { // half clustered around Ukraine, half anywhere
			lon, lat = 22+rng.Float64()*18, 44+rng.Float64()*9
		} else {
			lon, lat = rng.Float64()*360-180, rng.Float64()*140-60
		}
		k := kinds[rng.IntN(3)]
		k.Count = 1 + rng.IntN(3)
		pts[i] = MapPoint{Lon: math.Round(lon*100) / 100, Lat: math.Round(lat*100) / 100, Label: fmt.Sprintf("Place %d", i), URL: fmt.Sprintf("/places/place-%d/", i), Kinds: []KindCount{k}}
	}
	return pts
}

func total(pts []MapPoint) (n, places int) {
	for _, p := range pts {
		n += p.Count()
		places += p.places()
	}
	return
}

func TestAggregate(t *testing.T) {
	pts := randomPoints(20_000, 1)
	wantN, _ := total(pts)
	distinct := map[[2]float64]bool{}
	for _, p := range pts {
		distinct[[2]float64{p.Lon, p.Lat}] = true
	}
	wantPlaces := len(distinct)
	for _, maxPoints := range []int{0, 1, 3, 10, 100, 2000, 50_000} {
		got := Aggregate(pts, maxPoints)
		if len(got) > max(maxPoints, 1) {
			t.Errorf("Aggregate(%d): %d points", maxPoints, len(got))
		}
		if n, places := total(got); n != wantN || places != wantPlaces {
			t.Errorf("Aggregate(%d): %d events in %d places, want %d in %d", maxPoints, n, places, wantN, wantPlaces)
		}
		for _, p := range got {
			if p.URL == "" || p.Label == "" {
				t.Fatalf("merged point without URL or label: %+v", p)
			}
		}
		if !slices.EqualFunc(got, Aggregate(pts, maxPoints), func(a, b MapPoint) bool {
			return a.Lon == b.Lon && a.Lat == b.Lat && a.URL == b.URL && a.Places == b.Places && slices.Equal(a.Kinds, b.Kinds)
		}) {
			t.Errorf("Aggregate(%d) not deterministic", maxPoints)
		}
	}
	// Same place: merged even under the cap; the largest member leads.
	a := MapPoint{Lon: 1, Lat: 2, Label: "a", URL: "/a", Kinds: []KindCount{kc(mil, 1)}}
	b := MapPoint{Lon: 1, Lat: 2, Label: "b", URL: "/b", Kinds: []KindCount{kc(dip, 3), kc(mil, 1)}}
	got := Aggregate([]MapPoint{a, b}, 10)
	if len(got) != 1 || got[0].URL != "/b" || got[0].Places != 1 || !slices.Equal(got[0].Kinds, []KindCount{kc(mil, 2), kc(dip, 3)}) {
		t.Errorf("same place: %+v", got)
	}
	if a.Kinds[0].Count != 1 || b.Kinds[0].Count != 3 {
		t.Error("input modified")
	}
	if got := pointTitle(got[0], 5, nil); got != "b: 5 events — 2 Military, 3 Diplomatic" {
		t.Errorf("merged title %q", got)
	}
	c := MapPoint{Lon: 1.001, Lat: 2, Label: "c", URL: "/c", Kinds: []KindCount{kc(mil, 1)}}
	got = Aggregate([]MapPoint{a, b, c}, 1)
	if len(got) != 1 || got[0].Places != 2 || got[0].Count() != 6 {
		t.Errorf("nearby: %+v", got)
	}
	if got := pointTitle(got[0], 6, nil); got != "b and 1 nearby place: 6 events — 3 Military, 3 Diplomatic" {
		t.Errorf("merged title %q", got)
	}
}

func TestMapLarge(t *testing.T) {
	pts := randomPoints(100_000, 42)
	wantN, _ := total(pts)
	for _, box := range []geo.Box{geo.World, {}} {
		start := time.Now()
		s := Map(MapOptions{IDPrefix: "big", Title: "All events", Width: 960, Box: box, Points: pts})
		el := time.Since(start)
		t.Logf("100,000 points, box %v: %d bytes in %v", box, len(s), el)
		if len(s) > 300_000 {
			t.Errorf("%d bytes, want ≤ 300 KB", len(s))
		}
		root := parse(t, s)
		n, drawn := 0, 0
		root.walk(func(e *element) {
			if hasClass(e, "tg-map-point") {
				c, _ := strconv.Atoi(e.attrs["data-count"])
				n += c
				drawn++
			}
		})
		if n != wantN {
			t.Errorf("drawn counts add up to %d, want %d", n, wantN)
		}
		if drawn > 1500 {
			t.Errorf("%d points drawn", drawn)
		}
	}
}

func BenchmarkMapWorld(b *testing.B) {
	geo.Countries()
	for b.Loop() {
		Map(MapOptions{Box: geo.World, Width: 960})
	}
}

func BenchmarkMapWorld100k(b *testing.B) {
	pts := randomPoints(100_000, 42)
	for b.Loop() {
		Map(MapOptions{Box: geo.World, Width: 960, Points: pts})
	}
}

func BenchmarkLocator(b *testing.B) {
	geo.Countries()
	for b.Loop() {
		Locator(LocatorOptions{Point: geo.Point{Lon: 30.5, Lat: 50.4}})
	}
}

func BenchmarkActivity120(b *testing.B) {
	var months []MonthBar
	for i := range 120 {
		months = append(months, MonthBar{Label: "Jan 2025", URL: "/x/", Segments: []Segment{{Kind: "a", Count: i}, {Kind: "b", Count: 3}}})
	}
	for b.Loop() {
		Activity(ActivityOptions{Months: months})
	}
}

func TestWordsSayTitlesInAnotherLanguage(t *testing.T) {
	w := &Words{
		Events: func(n int) string { return strconv.Itoa(n) + " подій" },
		Casualties: func(m CasualtyMonth) string {
			return "загиблих " + m.Killed.Text() + ", поранених " + m.Injured.Text()
		},
	}
	months := []MonthBar{{Label: "бер. 2025", Title: "березень 2025", Segments: []Segment{{Kind: "military", Label: "Військові", Color: "#b91c1c", Count: 5}}}}
	if svg := Activity(ActivityOptions{IDPrefix: "a", Months: months, Words: w}); !strings.Contains(svg, "березень 2025: 5 подій") {
		t.Errorf("activity: %s", svg)
	}
	cas := []CasualtyMonth{{Label: "бер. 2025", Title: "березень 2025", Killed: casualty.Exact(3), Injured: casualty.Exact(18)}}
	if svg := Casualties(CasualtiesOptions{IDPrefix: "c", Months: cas, Words: w}); !strings.Contains(svg, "березень 2025: загиблих 3, поранених 18") {
		t.Errorf("casualties: %s", svg)
	}
}

// A place known only to a region is a translucent area about 100 km
// across its radius, never a pin; the legend says what pins and areas are.
func TestMapDrawsAreasForImprecisePlaces(t *testing.T) {
	exact := MapPoint{Lon: 33.39, Lat: 47.91, Label: "Kryvyi Rih", URL: "/k/", Kinds: []KindCount{kc(mil, 1)}}
	region := MapPoint{Lon: 34.98, Lat: 48.45, Label: "Dnipropetrovsk Oblast", URL: "/d/", Kinds: []KindCount{kc(mil, 1)}, RadiusKm: PrecisionRadiusKm("region")}
	town := MapPoint{Lon: 30.52, Lat: 50.45, Label: "Kyiv", URL: "/t/", Kinds: []KindCount{kc(mil, 1)}, RadiusKm: PrecisionRadiusKm("town")}
	s := Map(MapOptions{IDPrefix: "m", Points: []MapPoint{exact, region, town}, Legend: true, Width: 480})
	// The legend's hollow size circles are no pins.
	sizes := regexp.MustCompile(`<g class="tg-map-legend-sizes".*?</g>`)
	root := parse(t, sizes.ReplaceAllString(s, ""))
	var areas []float64
	pins := 0
	for _, c := range root.all("circle") {
		switch {
		case c.attrs["class"] == "tg-map-area":
			if c.attrs["fill-opacity"] != ".22" {
				t.Errorf("area not translucent: %v", c.attrs)
			}
			r, _ := strconv.ParseFloat(c.attrs["r"], 64)
			areas = append(areas, r)
		case c.attrs["class"] == "" && c.attrs["r"] != "":
			pins++
		}
	}
	// Two areas on the map and one in the legend.
	if len(areas) != 3 {
		t.Fatalf("%d areas, want 3:\n%s", len(areas), s)
	}
	if areas[0] <= areas[1] {
		t.Errorf("the region's area (r=%g) is not larger than the town's (r=%g)", areas[0], areas[1])
	}
	if pins != 1 {
		t.Errorf("%d pins, want 1 (the exact place)", pins)
	}
	if !strings.Contains(s, "place known only to an area") || !strings.Contains(s, "exact place") {
		t.Errorf("the legend does not explain pins and areas")
	}
	if !strings.Contains(s, "Dnipropetrovsk Oblast: 1 event — 1 Military (somewhere in this area)") {
		t.Errorf("the area's title does not say it is an area")
	}
}

func TestPrecisionRadius(t *testing.T) {
	prev := -1.0
	for _, p := range []string{"exact", "town", "district", "region", "country"} {
		r := PrecisionRadiusKm(p)
		if r <= prev {
			t.Errorf("%s: radius %g not above %g", p, r, prev)
		}
		prev = r
	}
}
