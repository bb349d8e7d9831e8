package export

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

type visualScope struct {
	Format  string      `json:"format"`
	Entries int         `json:"entries"`
	Site    int         `json:"site"`
	Chunk   int         `json:"chunk"`
	Shards  int         `json:"shards"`
	Kinds   [][3]string `json:"kinds"`
	Start   []int64     `json:"start"`
	Width   []int64     `json:"width"`
	Flags   []int       `json:"flags"`
	Index   []int       `json:"index"`
	Min     int64       `json:"min"`
	Max     int64       `json:"max"`
	Piece   int         `json:"piece"`
	Pieces  [][4]int64  `json:"pieces"`
	First   int         `json:"first"`
	Levels  []struct {
		Unit string    `json:"unit"`
		Bins [][]int64 `json:"bins"`
	} `json:"levels"`
}

func decodeScope(t *testing.T, files map[string][]byte, name string) visualScope {
	t.Helper()
	var v visualScope
	if err := json.Unmarshal(files[name], &v); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, files[name])
	}
	for i := 1; i < len(v.Start); i++ {
		v.Start[i] += v.Start[i-1]
	}
	for i := 1; i < len(v.Index); i++ {
		v.Index[i] += v.Index[i-1]
	}
	return v
}

func minute(y int, m time.Month, d, h, min int) int64 {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC).Unix() / 60
}

// TestVisual checks the visual timeline's data of the test site: each
// entry's first minute and extent at its precision (a year-only entry
// covers its year, a span runs to the end of its end date, a time is an
// instant), flags, titles and refs, slugs, and a kind's scope by entry
// number.
func TestVisual(t *testing.T) {
	files := Visual(testSite(t))
	all := decodeScope(t, files, "data/visual/all.json")
	if all.Format != VisualFormat || all.Entries != 4 || all.Site != 4 || all.Chunk != 512 || all.Shards != 1 || all.Index != nil || all.Levels != nil {
		t.Errorf("all.json head: %+v", all)
	}
	// year-of-war (2024), russia-open (2025-03), jeddah-talks (11-14 March),
	// moscow-drone-strike (04:30 at +03:00).
	wantStart := []int64{minute(2024, 1, 1, 0, 0), minute(2025, 3, 1, 0, 0), minute(2025, 3, 11, 0, 0), minute(2025, 3, 11, 1, 30)}
	wantWidth := []int64{366 * 1440, 31 * 1440, 4 * 1440, 0}
	wantFlags := []int{0 | 1<<6, 1, 2 | 4 | 2<<4, 3 | 1<<6}
	if !reflect.DeepEqual(all.Start, wantStart) || !reflect.DeepEqual(all.Width, wantWidth) || !reflect.DeepEqual(all.Flags, wantFlags) {
		t.Errorf("start %v width %v flags %v\nwant    %v width %v flags %v", all.Start, all.Width, all.Flags, wantStart, wantWidth, wantFlags)
	}
	if all.Kinds[0] != [3]string{"diplomatic", "Diplomatic", "#1d4ed8"} || len(all.Kinds) != len(config.Default().Kinds) {
		t.Errorf("kinds %v", all.Kinds)
	}
	var titles struct{ Titles, Refs []string }
	if err := json.Unmarshal(files["data/visual/t/0.json"], &titles); err != nil {
		t.Fatal(err)
	}
	if want := []string{"year-of-war", "russia-open", "jeddah-talks", "jeddah-talks#moscow-drone-strike"}; !reflect.DeepEqual(titles.Refs, want) || titles.Titles[3] != "Drones hit oil assets near Moscow" {
		t.Errorf("t/0.json: %+v", titles)
	}
	var slugs map[string]int
	if err := json.Unmarshal(files["data/visual/s/0.json"], &slugs); err != nil {
		t.Fatal(err)
	}
	if slugs["moscow-drone-strike"] != 3 || slugs["year-of-war"] != 0 || len(slugs) != 4 {
		t.Errorf("s/0.json: %v", slugs)
	}
	military := decodeScope(t, files, "data/visual/kinds/military.json")
	if military.Entries != 2 || !reflect.DeepEqual(military.Index, []int{0, 3}) || military.Start[1] != wantStart[3] {
		t.Errorf("kinds/military.json: %+v", military)
	}
	for _, name := range []string{"data/visual/years/2024.json", "data/visual/years/2025.json", "data/visual/actors/russia.json", "data/visual/places/jeddah.json", "data/visual/tags/ceasefire.json"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
}

// TestVisualLevels checks the counts a large scope's summary carries: by year, and
// by month, where entries known only to the year are counted in a bin as
// wide as the year, never in a guessed month.
func TestVisualLevels(t *testing.T) {
	cfg := config.Default()
	var articles []*content.Article
	for i := range 2100 {
		d := "2025-03-11"
		switch {
		case i%3 == 1:
			d = "2025"
		case i%3 == 2:
			d = "2024-12"
		}
		articles = append(articles, &content.Article{Path: fmt.Sprintf("content/%d.md", i), Slug: fmt.Sprintf("e%d", i),
			Fields: content.Fields{Title: "E", Date: mustDate(t, d), Kind: "military", Status: "reported"}})
	}
	tl, ds := timeline.New(articles, cfg.KindNames())
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	files := Visual(&Input{Config: &cfg, Timeline: tl})
	v := decodeScope(t, files, "data/visual/all.json")
	if v.Shards != 8 || len(v.Levels) != 2 || v.Start != nil {
		t.Fatalf("shards %d, levels %d", v.Shards, len(v.Levels))
	}
	row := func(start, width int64, military int) []int64 {
		return []int64{start, width, 0, int64(military), 0, 0, 0}
	}
	years := [][]int64{row(minute(2024, 1, 1, 0, 0), 366*1440, 700), row(minute(2025, 1, 1, 0, 0), 365*1440, 1400)}
	months := [][]int64{row(minute(2024, 12, 1, 0, 0), 31*1440, 700), row(minute(2025, 1, 1, 0, 0), 365*1440, 700), row(minute(2025, 3, 1, 0, 0), 31*1440, 700)}
	if v.Levels[0].Unit != "year" || !reflect.DeepEqual(v.Levels[0].Bins, years) {
		t.Errorf("year level %+v, want %v", v.Levels[0], years)
	}
	if v.Levels[1].Unit != "month" || !reflect.DeepEqual(v.Levels[1].Bins, months) {
		t.Errorf("month level %+v, want %v", v.Levels[1], months)
	}
	n := 0
	for i := range v.Shards {
		var m map[string]int
		if err := json.Unmarshal(files[fmt.Sprintf("data/visual/s/%d.json", i)], &m); err != nil {
			t.Fatal(err)
		}
		for slug := range m {
			if VisualShard(slug, v.Shards) != i {
				t.Errorf("%s in slug file %d, hashes to %d", slug, i, VisualShard(slug, v.Shards))
			}
		}
		n += len(m)
	}
	if n != 2100 {
		t.Errorf("%d slugs in the slug files, want 2100", n)
	}
}

// TestVisualPieces checks how a large scope is split: its file is a
// summary (no entry's position), and its pieces, in order, hold the
// position and number of every entry of the scope, 2,048 at most each,
// within the bounds the summary gives them.
func TestVisualPieces(t *testing.T) {
	cfg := config.Default()
	var articles []*content.Article
	for i := range 7000 {
		// Days of 2023 (a fifth) and 2024, some known to the month or year
		// only, and every 97th a span into 2025.
		year := 2024
		if i%5 == 0 {
			year = 2023
		}
		d := fmt.Sprintf("%d-%02d-%02d", year, 1+i%12, 1+i%28)
		switch {
		case i%10 == 3:
			d = d[:7]
		case i%50 == 7:
			d = d[:4]
		}
		a := &content.Article{Path: fmt.Sprintf("content/%d.md", i), Slug: fmt.Sprintf("e%d", i),
			Fields: content.Fields{Title: "E", Date: mustDate(t, d), Kind: cfg.Kinds[i%3].Name, Status: "reported"}}
		if i%97 == 0 && len(d) == 10 {
			end := mustDate(t, fmt.Sprintf("%d-%02d-01", 2025, 1+i%12))
			a.End = &end
		}
		articles = append(articles, a)
	}
	tl, ds := timeline.New(articles, cfg.KindNames())
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	files := Visual(&Input{Config: &cfg, Timeline: tl})
	for _, tc := range []struct {
		name    string
		entries []*timeline.Entry
		indexed bool
	}{
		{"data/visual/all.json", tl.Entries, false},
		{"data/visual/kinds/military.json", tl.Kinds[1].Entries, true},
		{"data/visual/years/2024.json", tl.Years[1].Entries, true},
	} {
		v := decodeScope(t, files, tc.name)
		if v.Entries != len(tc.entries) || v.Start != nil || v.Piece != 2048 || len(v.Pieces) != (len(tc.entries)+2047)/2048 || len(v.Levels) != 2 {
			t.Fatalf("%s: entries %d (want %d), piece %d, %d pieces, %d levels, start given: %v", tc.name, v.Entries, len(tc.entries), v.Piece, len(v.Pieces), len(v.Levels), v.Start != nil)
		}
		var start, width []int64
		var flags, index []int
		for n, p := range v.Pieces {
			piece := decodeScope(t, files, fmt.Sprintf("%s/%d.json", tc.name[:len(tc.name)-5], n))
			if piece.Format != VisualFormat || piece.First != len(start) || int(p[0]) != len(piece.Start) || len(piece.Start) > 2048 || len(piece.Width) != len(piece.Start) || len(piece.Flags) != len(piece.Start) {
				t.Fatalf("%s piece %d: first %d (want %d), %d entries (summary: %d)", tc.name, n, piece.First, len(start), len(piece.Start), p[0])
			}
			if tc.indexed != (piece.Index != nil) || tc.indexed && int64(piece.Index[0]) != p[3] || !tc.indexed && int64(piece.First) != p[3] {
				t.Errorf("%s piece %d: first entry number %v, summary %d", tc.name, n, piece.Index, p[3])
			}
			for i := range piece.Start {
				if piece.Start[i] < p[1] || piece.Start[i]+piece.Width[i] > p[2] {
					t.Errorf("%s piece %d: entry %d at %d+%d, outside the piece's %d..%d", tc.name, n, i, piece.Start[i], piece.Width[i], p[1], p[2])
				}
			}
			start, width, flags, index = append(start, piece.Start...), append(width, piece.Width...), append(flags, piece.Flags...), append(index, piece.Index...)
		}
		lo, hi := start[0], start[0]+width[0]
		for i, e := range tc.entries {
			s, w, f := extent(e)
			if start[i] != s || width[i] != w || flags[i]&63 != f || tc.indexed && index[i] != e.Index {
				t.Fatalf("%s entry %d: %d+%d flags %d, want %d+%d flags %d", tc.name, i, start[i], width[i], flags[i], s, w, f)
			}
			lo, hi = min(lo, s), max(hi, s+w)
		}
		if len(start) != len(tc.entries) || v.Min != lo || v.Max != hi {
			t.Errorf("%s: %d entries in the pieces, want %d; min %d max %d, want %d %d", tc.name, len(start), len(tc.entries), v.Min, v.Max, lo, hi)
		}
		for _, level := range v.Levels {
			n := int64(0)
			for _, bin := range level.Bins {
				for _, c := range bin[2:] {
					n += c
				}
			}
			if n != int64(len(tc.entries)) {
				t.Errorf("%s: the %s level counts %d entries, want %d", tc.name, level.Unit, n, len(tc.entries))
			}
		}
	}
	if _, ok := files["data/visual/years/2023/0.json"]; ok || len(tl.Years[0].Entries) > 2000 {
		t.Errorf("a scope of %d entries has pieces", len(tl.Years[0].Entries))
	}
}
