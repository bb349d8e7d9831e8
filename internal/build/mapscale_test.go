package build_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// TestNoMapPagePasses1MiB builds a timeline of thousands of places, as an
// ACLED import has, in two languages: every page, the map pages above all,
// stays under 1 MiB. A map page draws its busiest places and lists the
// busiest in its table; every place stays on the place pages and in the
// data files. The visual timeline's data of both languages comes in
// pieces, as at 100,000 articles.
func TestNoMapPagePasses1MiB(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if raceDetector {
		// 6,000 places under -race took 45 s; the build's goroutines are
		// those of every other build here. make test runs it without.
		t.Skip("runs without -race (make test's WHOLE)")
	}
	t.Parallel()
	const places = 6000
	files := map[string]string{
		"timeline.yaml": "title: Places\nlanguages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n",
	}
	syllables := []string{"bel", "dre", "kor", "vy", "sta", "mir", "zel", "nov", "pol", "gra", "ost", "lu"}
	for i := range places {
		// Distinct names of a gazetteer's length, spread over the
		// east of Ukraine and beyond, two kinds.
		name := "Novo" + syllables[i%12] + syllables[i/12%12] + syllables[i/144%12] + fmt.Sprintf("ivka %d", i)
		kind := []string{"military", "diplomatic"}[i%2]
		files[fmt.Sprintf("content/p%04d.md", i)] = fmt.Sprintf("---\ntitle: Shelling near %s\ndate: 2024-%02d-%02d\nkind: %s\nlocation: {name: %s, country: Ukraine, lat: %.4f, lon: %.4f}\n---\nA synthetic record.\n",
			name, 1+i%12, 1+i%28, kind, name, 46+float64(i%67)*0.1, 22+float64(i/67)*0.2)
	}
	out := buildMemory(t, options(sitetest.New(t, files)))
	maps, largest := 0, 0
	for name, b := range out {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if strings.Contains(name, "map/") {
			maps++
			largest = max(largest, len(b))
		}
		if len(b) > 1<<20 {
			t.Errorf("%s is %d bytes, over 1 MiB", name, len(b))
		}
	}
	t.Logf("%d map pages, the largest %d bytes", maps, largest)
	if maps < 2*3 {
		t.Fatalf("%d map pages, want the map and its filters in both languages", maps)
	}
	for _, name := range []string{"map/index.html", "uk/map/index.html"} {
		page := string(out[name])
		// Every place is still reachable without the table: the map
		// links to the places and the data files.
		for _, link := range []string{"places/index.html", "data/events.geojson", "data/events.csv"} {
			if !strings.Contains(page, link+`"`) {
				t.Errorf("%s does not link to %s", name, link)
			}
		}
	}
	// The visual timeline's data of both languages is a summary and its
	// pieces, which hold every entry once, in order.
	for _, lang := range []string{"", "uk/"} {
		var sum struct {
			Entries int        `json:"entries"`
			Pieces  [][4]int64 `json:"pieces"`
		}
		if err := json.Unmarshal(out[lang+"data/visual/all.json"], &sum); err != nil || sum.Entries != places || len(sum.Pieces) != (places+2047)/2048 {
			t.Fatalf("%sdata/visual/all.json: %d entries in %d pieces (%v), want %d in %d", lang, sum.Entries, len(sum.Pieces), err, places, (places+2047)/2048)
		}
		seen := 0
		for n, p := range sum.Pieces {
			name := fmt.Sprintf("%sdata/visual/all/%d.json", lang, n)
			var piece struct {
				First int     `json:"first"`
				Start []int64 `json:"start"`
			}
			if err := json.Unmarshal(out[name], &piece); err != nil || piece.First != seen || int64(len(piece.Start)) != p[0] {
				t.Fatalf("%s: first entry %d, %d entries (%v); want %d, %d", name, piece.First, len(piece.Start), err, seen, p[0])
			}
			if lang != "" && !bytes.Equal(out[name], out[strings.TrimPrefix(name, lang)]) {
				t.Errorf("%s differs from the default language's: the entries' places on the timeline are the same", name)
			}
			seen += len(piece.Start)
		}
		if seen != places {
			t.Errorf("%sdata/visual/all.json: the pieces hold %d entries, want %d", lang, seen, places)
		}
	}
}
