package sitecheck

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// visualEntries is the size of the timeline TestVisualTimelineSpeed draws:
// VISUAL_ENTRIES, 10,000 by default (make bench sets 100,000).
func visualEntries() int {
	if n, err := strconv.Atoi(os.Getenv("VISUAL_ENTRIES")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// syntheticTimeline is n entries over ten years, as a large site has them:
// mostly days, some months, years, times and spans, five kinds, forty
// actors.
func syntheticTimeline(n int) (*timeline.Timeline, config.Config) {
	cfg := config.Default()
	rng := rand.New(rand.NewPCG(uint64(n), 18))
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	articles := make([]*content.Article, n)
	for i := range articles {
		day := start.AddDate(0, 0, rng.IntN(3650))
		var d date.Date
		switch r := rng.IntN(100); {
		case r < 80:
			d = date.Date{Year: day.Year(), Month: day.Month(), Day: day.Day(), Precision: date.Day}
		case r < 90:
			d = date.Date{Year: day.Year(), Month: day.Month(), Precision: date.Month}
		case r < 94:
			d = date.Date{Year: day.Year(), Precision: date.Year}
		default:
			clock := day.Add(time.Duration(rng.IntN(1440)) * time.Minute)
			d = date.Date{Year: clock.Year(), Month: clock.Month(), Day: clock.Day(), Clock: clock, Precision: date.Time}
		}
		a := &content.Article{Path: fmt.Sprintf("content/%d.md", i), Slug: fmt.Sprintf("entry-%06d", i)}
		a.Title = fmt.Sprintf("Entry %d: talks, strikes and statements in the region, as reported", i)
		a.Date = d
		a.Kind = cfg.Kinds[rng.IntN(len(cfg.Kinds))].Name
		a.Actors = []string{fmt.Sprintf("Actor %d", rng.IntN(40)), fmt.Sprintf("Actor %d", rng.IntN(40))}
		a.Status = "reported"
		if rng.IntN(50) == 0 && d.Precision == date.Day {
			end := day.AddDate(0, 0, 1+rng.IntN(60))
			a.End = &date.Date{Year: end.Year(), Month: end.Month(), Day: end.Day(), Precision: date.Day}
		}
		articles[i] = a
	}
	tl, _ := timeline.New(articles, cfg.KindNames())
	return tl, cfg
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestVisualTimelineSpeed draws a timeline of visualEntries() entries in
// headless Chromium and reports, from the page's Performance API marks,
// how long after the start of navigation it was first drawn and how long
// each redraw of a zoom, pan or keyboard step took. With VISUAL_BUDGET=1
// (make bench) it holds them to the budgets: drawn within 300 ms at 10,000
// entries and 1 s at 100,000, and steps redrawn in under 16 ms: 95% of
// them, since on a shared machine the slowest few measure the scheduler
// (the maximum is reported). The data's size is always held to its
// budget: under 2 MB gzipped at 100,000 entries.
func TestVisualTimelineSpeed(t *testing.T) {
	t.Parallel()
	n := visualEntries()
	tl, cfg := syntheticTimeline(n)
	files := export.Visual(&export.Input{Config: &cfg, Timeline: tl})
	all := files[export.VisualFile("")]
	total, totalGz := 0, 0
	for _, b := range files {
		total += len(b)
		totalGz += gzipSize(b)
	}
	allGz := gzipSize(all)
	t.Logf("%d entries: data/visual/all.json %d KB (%d KB gzipped); all %d files of data/visual/ %d KB (%d KB gzipped)", n, len(all)>>10, allGz>>10, len(files), total>>10, totalGz>>10)
	if limit := 2 << 20 * n / 100000; n >= 10000 && allGz > max(limit, 20<<10) {
		t.Errorf("all.json is %d bytes gzipped for %d entries, over the budget of %d", allGz, n, limit)
	}

	// The sample site's pages, with the large timeline's data.
	ctx := browser(t)
	dir := t.TempDir()
	base := server.URL + "/speed/"
	if _, ds, err := build.Build(build.Options{Source: repoRoot, Theme: timelinegen.Theme, Generator: "sitecheck", BaseURL: base}, dir); err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	os.RemoveAll(filepath.Join(dir, "data", "visual"))
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, b, 0o644))
	}
	mux.Handle("/speed/", http.StripPrefix("/speed/", http.FileServer(http.Dir(dir))))

	sctx := step(t, ctx, 180*time.Second)
	var firsts []float64
	for range 3 {
		must(t, chromedp.Do(sctx, chromedp.Navigate("about:blank")))
		openWidget(t, sctx, base)
		first, err := chromedp.Run(sctx, chromedp.Evaluate[float64](`performance.getEntriesByName('timelinegen:vt-drawn')[0].startTime`))
		must(t, err)
		firsts = append(firsts, first)
	}
	slices.Sort(firsts)
	if st := state(t, sctx); st.Count != n {
		t.Errorf("the widget shows %d entries, want %d", st.Count, n)
	}

	// Steps: zoom in with the wheel down to a few days, pan by dragging,
	// step through entries with the keys, zoom out again.
	must(t, chromedp.Do(sctx, chromedp.Evaluate[chromedp.Void](`performance.clearMeasures('timelinegen:vt-draw')`)))
	x, y := center(t, sctx)
	for range 24 {
		must(t, chromedp.Do(sctx, wheel(x, y, 0.01, -120), chromedp.Sleep(30*time.Millisecond)))
	}
	for range 12 {
		must(t, chromedp.Do(sctx, drag(x, y, -60), chromedp.Sleep(30*time.Millisecond)))
	}
	must(t, chromedp.Do(sctx, chromedp.Focus(chromedp.CSS(".vt-view"))))
	for range 12 {
		must(t, chromedp.Do(sctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.Sleep(30*time.Millisecond)))
	}
	for range 24 {
		must(t, chromedp.Do(sctx, wheel(x, y, 0.01, 120), chromedp.Sleep(30*time.Millisecond)))
	}
	must(t, chromedp.Do(sctx, vtSettle()))
	draws, err := chromedp.Run(sctx, chromedp.Evaluate[[]float64](`performance.getEntriesByName('timelinegen:vt-draw').map(m => m.duration)`))
	must(t, err)
	if len(draws) < 10 {
		t.Fatalf("only %d redraws for 72 steps (a step that comes before the last is drawn shares its frame)", len(draws))
	}
	slow, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](`performance.getEntriesByName('timelinegen:vt-draw').filter(m => m.duration >= 8).map(m => m.duration.toFixed(1) + ' ms (' + m.detail.entries + ' entries, ' + (m.detail.binned ? 'counted' : m.detail.marks + ' marks') + ')')`))
	must(t, err)
	if len(slow) > 0 {
		t.Logf("redraws of 8 ms or more: %s", strings.Join(slow, "; "))
	}
	slices.Sort(draws)
	p := func(q float64) float64 { return draws[int(q*float64(len(draws)-1))] }
	t.Logf("%d entries: first drawn %.0f ms after navigation (median of 3: %s ms); %d redraws: median %.1f ms, p95 %.1f ms, max %.1f ms",
		n, firsts[1], strings.Trim(strings.ReplaceAll(fmt.Sprint(firsts), " ", ", "), "[]"), len(draws), p(0.5), p(0.95), draws[len(draws)-1])
	if os.Getenv("VISUAL_BUDGET") != "1" {
		return
	}
	budget := 300.0
	if n > 10000 {
		budget = 1000
	}
	if firsts[1] > budget {
		t.Errorf("first drawn after %.0f ms at %d entries, over the budget of %.0f ms", firsts[1], n, budget)
	}
	if m := p(0.95); m >= 16 {
		t.Errorf("95%% of redraws took up to %.1f ms, over the budget of 16 ms", m)
	}
}
