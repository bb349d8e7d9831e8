package rebuild

import (
	"strings"
	"testing"
)

// benchView is shaped like an entry's view: short fields, a body, lists.
type benchView struct {
	Slug, Title, Summary, Date, Kind string
	Body                             string
	Actors, Tags                     []string
	Sources                          []struct{ Name, URL string }
	Killed, Injured                  int
	Lat, Lon                         float64
}

// BenchmarkSumView sums a view of about 5 KB, as a build does for each
// entry (its version) and a page's data.
func BenchmarkSumView(b *testing.B) {
	v := benchView{Slug: "e000123-strike-reported", Title: "Strike reported near the rail hub", Summary: strings.Repeat("A sentence of a summary. ", 8),
		Date: "2024-02-29", Kind: "military", Body: strings.Repeat("<p>Words of the body of an article, as rendered.</p>\n", 80),
		Actors: []string{"Ukraine", "Russia", "Armed Forces of Ukraine"}, Tags: []string{"rail", "energy", "drones"}, Killed: 3, Injured: 12, Lat: 48.1, Lon: 37.7}
	for range 4 {
		v.Sources = append(v.Sources, struct{ Name, URL string }{"Reuters", "https://example.org/a/very/long/path/to/an/article"})
	}
	h := NewHasher()
	b.SetBytes(int64(len(v.Body) + 400))
	for b.Loop() {
		h.Sum(v)
	}
}
