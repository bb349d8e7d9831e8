package build_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
)

var (
	barRE = regexp.MustCompile(`<(?:a href="[^"#]*#([0-9-]+)"|g) class="tg-bar[^"]*" data-count="(\d+)">`)
	segRE = regexp.MustCompile(`<rect class="tg-seg tg-kind-([a-z0-9-]+)" data-count="(\d+)"`)
)

// TestActivityChartsCountTheEntries reads the bars of the home page's and
// a year page's activity charts and checks them against the entries: per
// month and kind, with entries known only to the year in a bar of their
// own, never on an invented month.
func TestActivityChartsCountTheEntries(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "site")
	if err := benchsite.Write(dir, benchsite.Options{Articles: 300, Words: 40}); err != nil {
		t.Fatal(err)
	}
	site, ds := build.Compile(options(dir))
	if site == nil {
		t.Fatal(ds.Error())
	}

	want := map[string]map[string]int{} // "2023-05" or "2023" → kind → count
	years := map[int]bool{}
	for _, e := range site.Timeline.Entries {
		y, m := e.Date.MonthKey()
		key := fmt.Sprintf("%04d-%02d", y, int(m))
		if m == 0 {
			key = fmt.Sprintf("%04d", y)
		}
		if want[key] == nil {
			want[key] = map[string]int{}
		}
		want[key][e.Kind]++
		years[y] = true
	}
	check := func(page string, in func(key string) bool) {
		b, ok := build.File(site, page)
		if !ok {
			t.Fatalf("no %s", page)
		}
		html := string(b)
		start := strings.Index(html, `class="tg-chart tg-activity"`)
		end := strings.Index(html[start:], "</svg>")
		if start < 0 || end < 0 {
			t.Fatalf("%s: no activity chart", page)
		}
		svg := html[start : start+end]
		bars := barRE.FindAllStringSubmatchIndex(svg, -1)
		got := map[string]map[string]int{}
		for i, b := range bars {
			key, total := "", 0
			if b[2] >= 0 {
				key = svg[b[2]:b[3]]
			}
			total, _ = strconv.Atoi(svg[b[4]:b[5]])
			stop := len(svg)
			if i+1 < len(bars) {
				stop = bars[i+1][0]
			}
			sum := 0
			for _, s := range segRE.FindAllStringSubmatch(svg[b[1]:stop], -1) {
				n, _ := strconv.Atoi(s[2])
				if got[key] == nil {
					got[key] = map[string]int{}
				}
				got[key][s[1]] += n
				sum += n
			}
			if sum != total {
				t.Errorf("%s: bar %q says %d but its segments add up to %d", page, key, total, sum)
			}
			if total > 0 && key == "" {
				t.Errorf("%s: a bar of %d entries links nowhere", page, total)
			}
		}
		for key, kinds := range want {
			if !in(key) {
				continue
			}
			for kind, n := range kinds {
				if got[key][kind] != n {
					t.Errorf("%s: %s %s: chart shows %d, the timeline has %d", page, key, kind, got[key][kind], n)
				}
			}
		}
		for key, kinds := range got {
			for kind, n := range kinds {
				if want[key][kind] != n {
					t.Errorf("%s: %s %s: chart shows %d entries the timeline does not have", page, key, kind, n)
				}
			}
		}
	}
	check("index.html", func(string) bool { return true })
	check("years/2020/index.html", func(key string) bool { return strings.HasPrefix(key, "2020") })
	if _, ok := want["2020"]; !ok {
		t.Log("note: no year-only entry in 2020 in this site")
	}
}
