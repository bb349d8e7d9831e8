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

// TestVisualLevels checks the counts a large scope carries: by year, and
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
	if v.Shards != 8 || len(v.Levels) != 2 {
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
