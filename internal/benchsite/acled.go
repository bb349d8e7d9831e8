package benchsite

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/geo"
)

// ACLEDOptions describe a synthetic sheet in the shape of an ACLED export:
// its columns, its event types, short notes, thousands of places, mostly
// day precision. Nothing in it is a real event: the countries are the
// basemap's, but the places, actors, sources and notes are generated, and
// every note says so.
type ACLEDOptions struct {
	Events int   // rows (default 250,000)
	Places int   // the generated gazetteer (default 3,000)
	Seed   int64 // default 1
}

// ACLEDColumns are the columns of ACLED's export, in its order.
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
	"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location",
	"latitude", "longitude", "geo_precision", "source", "source_scale",
	"notes", "fatalities", "tags", "timestamp",
}

// acledTypes are ACLED's event types and sub-event types with how often
// each is drawn (per thousand), shelling and strikes the most, as in a war.
var acledTypes = []struct {
	event, sub, disorder, what string // what: a sentence of actor1 (%[1]s) and actor2 (%[2]s)
	weight                     int
}{
	{"Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence", "%[1]s shelled positions of %[2]s", 420},
	{"Explosions/Remote violence", "Air/drone strike", "Political violence", "%[1]s struck positions of %[2]s", 160},
	{"Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence", "a vehicle of %[1]s hit a mine", 20},
	{"Battles", "Armed clash", "Political violence", "%[1]s clashed with %[2]s", 190},
	{"Battles", "Government regains territory", "Political violence", "%[1]s retook ground from %[2]s", 5},
	{"Battles", "Non-state actor overtakes territory", "Political violence", "%[1]s took ground from %[2]s", 5},
	{"Violence against civilians", "Attack", "Political violence", "%[1]s attacked civilians", 40},
	{"Violence against civilians", "Abduction/forced disappearance", "Political violence", "%[1]s detained civilians", 10},
	{"Protests", "Peaceful protest", "Demonstrations", "protesters opposed to %[1]s gathered", 70},
	{"Protests", "Protest with intervention", "Demonstrations", "%[1]s dispersed a protest", 10},
	{"Riots", "Violent demonstration", "Demonstrations", "rioters clashed with %[1]s", 5},
	{"Strategic developments", "Agreement", "Strategic developments", "%[1]s and %[2]s reached an agreement", 10},
	{"Strategic developments", "Arrests", "Strategic developments", "%[1]s arrested members of %[2]s", 20},
	{"Strategic developments", "Disrupted weapons use", "Strategic developments", "%[1]s intercepted drones of %[2]s", 25},
	{"Strategic developments", "Looting/property destruction", "Strategic developments", "%[1]s destroyed property of %[2]s", 5},
	{"Strategic developments", "Other", "Strategic developments", "%[1]s reported an incident involving %[2]s", 5},
}

var (
	syllables    = []string{"ka", "ve", "lo", "mi", "ra", "no", "sta", "vi", "dre", "ko", "pa", "lu", "ze", "ny", "tor", "bel", "gra", "shi", "vo", "ma", "re", "din", "sk", "ol"}
	sourceScales = []string{"National", "Subnational", "Local partner-Other", "National-Regional", "New media"}
)

type acledPlace struct {
	name, admin1, admin2, country, iso string
	lat, lon                           float64
}

// WriteACLED writes the sheet to w as CSV. Deterministic: the same
// options give the same bytes.
func WriteACLED(w io.Writer, opts ACLEDOptions) error {
	opts.Events = cmp.Or(max(opts.Events, 0), 250_000)
	opts.Places = cmp.Or(max(opts.Places, 0), 3000)
	opts.Seed = cmp.Or(opts.Seed, 1)
	r := rand.New(rand.NewPCG(uint64(opts.Seed), 0x41434c4544)) // "ACLED"
	places := gazetteer(r, opts.Places)
	actors := make([]string, 120)
	for i := range actors {
		actors[i] = fmt.Sprintf("Synthetic Group %d", i+1)
	}
	total := 0
	for _, t := range acledTypes {
		total += t.weight
	}

	bw := bufio.NewWriterSize(w, 1<<20)
	cw := csv.NewWriter(bw)
	if err := cw.Write(ACLEDColumns); err != nil {
		return err
	}
	start := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	const days = 1400
	rec := make([]string, len(ACLEDColumns))
	for i := range opts.Events {
		day := start.AddDate(0, 0, i*days/opts.Events)
		w := r.IntN(total)
		t := acledTypes[0]
		for _, c := range acledTypes {
			if w < c.weight {
				t = c
				break
			}
			w -= c.weight
		}
		p := places[zipf(r, len(places))]
		a1, a2 := r.IntN(len(actors)), r.IntN(len(actors))
		if a2 == a1 {
			a2 = (a1 + 1) % len(actors)
		}
		precision := "1" // mostly the day
		switch n := r.IntN(100); {
		case n < 6:
			precision = "2"
		case n < 8:
			precision = "3"
		}
		geoPrecision := []string{"1", "1", "1", "2", "2", "3"}[r.IntN(6)]
		fatalities := 0
		if t.event != "Protests" && t.event != "Strategic developments" && r.IntN(4) == 0 {
			fatalities = 1 + r.IntN(5)
		}
		assoc := ""
		if r.IntN(5) == 0 {
			assoc = actors[r.IntN(len(actors))]
		}
		note := fmt.Sprintf("On %s, %s near %s (%s). Synthetic record for benchmarks, not a real event.",
			day.Format("2 January 2006"), fmt.Sprintf(t.what, actors[a1], actors[a2]), p.name, p.admin2)
		if fatalities > 0 {
			note += fmt.Sprintf(" %d fatalities reported.", fatalities)
		}
		tags := ""
		if r.IntN(10) == 0 {
			tags = "synthetic; crowd size=no report"
		}
		copy(rec, []string{
			fmt.Sprintf("SYN%06d", i+1), day.Format("2006-01-02"), strconv.Itoa(day.Year()), precision, t.disorder,
			t.event, t.sub, actors[a1], assoc, "1",
			actors[a2], "", "1", "11", "",
			p.iso, "Synthetic region", p.country, p.admin1, p.admin2, "", p.name,
			strconv.FormatFloat(p.lat, 'f', 4, 64), strconv.FormatFloat(p.lon, 'f', 4, 64), geoPrecision,
			fmt.Sprintf("Synthetic Wire %d", 1+r.IntN(40)), sourceScales[r.IntN(len(sourceScales))],
			note, strconv.Itoa(fatalities), tags, strconv.FormatInt(day.Unix()+86400*30, 10),
		})
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// gazetteer makes n places with generated names, spread over a dozen of
// the basemap's countries, each at a point inside its country.
func gazetteer(r *rand.Rand, n int) []acledPlace {
	var countries []geo.Country
	for _, c := range geo.Countries() {
		if c.ID != "" && len(c.Rings) > 0 {
			countries = append(countries, c)
		}
	}
	r.Shuffle(len(countries), func(i, j int) { countries[i], countries[j] = countries[j], countries[i] })
	countries = countries[:min(12, len(countries))]
	seen := map[string]bool{}
	name := func(parts int) string {
		for {
			var b strings.Builder
			for range parts {
				b.WriteString(syllables[r.IntN(len(syllables))])
			}
			s := b.String()
			s = strings.ToUpper(s[:1]) + s[1:]
			if !seen[s] {
				seen[s] = true
				return s
			}
			parts++
		}
	}
	out := make([]acledPlace, n)
	for i := range out {
		c := countries[i%len(countries)]
		b := c.Bounds
		pt := geo.Point{Lon: (b.MinLon + b.MaxLon) / 2, Lat: (b.MinLat + b.MaxLat) / 2}
		for range 50 {
			try := geo.Point{Lon: b.MinLon + r.Float64()*(b.MaxLon-b.MinLon), Lat: b.MinLat + r.Float64()*(b.MaxLat-b.MinLat)}
			if c.Contains(try) {
				pt = try
				break
			}
		}
		out[i] = acledPlace{
			name: name(3), admin1: name(2) + " Region", admin2: name(2) + " District",
			country: c.Name, iso: c.ID, lat: pt.Lat, lon: pt.Lon,
		}
	}
	return out
}

// zipf picks an index below n, the first ones far more often: a few
// places see most of the events, as on a front line.
func zipf(r *rand.Rand, n int) int {
	f := r.Float64()
	return min(n-1, int(float64(n)*f*f*f))
}
