package sitecheck

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// serveVisual serves the sample site's pages with files as its
// data/visual/ (a large synthetic timeline's), and returns its address.
// While slow is set, the slugs' shards (data/visual/s/) take a second to
// come, as on a slow connection: a deep link is then still being looked up.
func serveVisual(t testing.TB, files map[string][]byte, slow *atomic.Bool) string {
	t.Helper()
	dir := t.TempDir()
	// The folder's name is the address's: unique, however often the test runs.
	prefix := "/" + filepath.Base(dir) + "/"
	base := server.URL + prefix
	if _, ds, err := build.Build(build.Options{Source: repoRoot, Theme: timelinegen.Theme, Generator: "sitecheck", BaseURL: base}, dir); err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	os.RemoveAll(filepath.Join(dir, "data", "visual"))
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, data, 0o644))
	}
	fs := http.StripPrefix(prefix, http.FileServer(http.Dir(dir)))
	mux.Handle(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Revalidated each time, so that a page opened again asks again.
		w.Header().Set("Cache-Control", "no-cache")
		if slow != nil && slow.Load() && strings.HasPrefix(r.URL.Path, prefix+"data/visual/s/") {
			time.Sleep(time.Second)
		}
		fs.ServeHTTP(w, r)
	}))
	return base
}

// extents are where each entry's marks lie: its first minute and the
// minute after its date (or its span) ends, an instant's its first.
func extents(entries []*timeline.Entry) (start, end []int64) {
	for _, e := range entries {
		s, last := e.Date.Earliest(), e.Date.Latest()
		if e.End != nil {
			last = e.End.Latest()
		}
		start = append(start, s.Unix()/60)
		if e.End == nil && e.Date.Precision == date.Time {
			end = append(end, s.Unix()/60)
		} else {
			end = append(end, last.Add(time.Nanosecond).Unix()/60)
		}
	}
	return start, end
}

// TestVisualTimelineLoadsWhatTheZoomDraws opens a home page of 20,000
// entries: its first drawing (counted by month) fetches the summary and the
// widget's words, no entry's position; zoomed into one month, it fetches
// the pieces whose entries can lie in that month or half a month either
// side, and draws the month's entries; a #slug deep link selects an entry
// far from the view, and End and Home reach entries in pieces not loaded.
func TestVisualTimelineLoadsWhatTheZoomDraws(t *testing.T) {
	t.Parallel()
	const n = 20000
	tl, cfg := syntheticTimeline(n)
	// An actor of more than 2,000 entries, whose file is in pieces too.
	var everyOther []*timeline.Entry
	for i := 0; i < 8000; i += 2 {
		everyOther = append(everyOther, tl.Entries[i])
	}
	tl.Actors = append(tl.Actors, &timeline.Term{Slug: "every-other", Name: "Every other", Entries: everyOther})
	files := export.Visual(&export.Input{Config: &cfg, Timeline: tl})
	summary := files[permalink.VisualFile("")]
	var sum struct {
		Pieces [][4]int64
	}
	must(t, json.Unmarshal(summary, &sum))
	ctx := browser(t)
	var slow atomic.Bool
	base := serveVisual(t, files, &slow)
	sctx := step(t, ctx, 60*time.Second)
	fetched := func() []string {
		t.Helper()
		got, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](fmt.Sprintf(`performance.getEntriesByType('resource').map(e => e.name).filter(n => n.startsWith(%q)).map(n => n.slice(%d))`, base+"data/visual/", len(base+"data/visual/"))))
		must(t, err)
		return got
	}
	pieces := func(names []string) (out []string) {
		for _, name := range names {
			if strings.HasPrefix(name, "all/") {
				out = append(out, name)
			}
		}
		slices.Sort(out)
		return out
	}

	openWidget(t, sctx, base)
	must(t, chromedp.Do(sctx, vtSettle()))
	first := fetched()
	slices.Sort(first)
	if st := state(t, sctx); !slices.Equal(first, []string{"all.json", "words.json"}) || !st.Binned || st.Count != n {
		t.Errorf("the first drawing fetched %q (want all.json and words.json), drawn counted: %v, %d entries (want %d)", first, st.Binned, st.Count, n)
	}
	if len(summary) > 16<<10 {
		t.Errorf("the first drawing's data is %d bytes for %d entries, want at most 16 KB", len(summary), n)
	}

	// One month, and half a month on each side, by the pieces' bounds.
	t0 := time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC).Unix() / 60
	t1 := time.Date(2019, 4, 1, 0, 0, 0, 0, time.UTC).Unix() / 60
	var want []string
	for k, p := range sum.Pieces {
		if p[2] >= t0-(t1-t0)/2 && p[1] <= t1+(t1-t0)/2 {
			want = append(want, fmt.Sprintf("all/%d.json", k))
		}
	}
	slices.Sort(want)
	starts, ends := extents(tl.Entries)
	inMonth := 0
	for i := range starts {
		if ends[i] >= t0 && starts[i] <= t1 {
			inMonth++
		}
	}
	must(t, chromedp.Do(sctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const w = window.timelinegenVisual[0]; w.setView([%d, %d]); w.changed(); })()`, t0, t1))))
	if !waitFor(sctx, `(() => { const s = window.timelinegenVisual[0].state(); return !s.binned && s.items > 0; })()`, 10*time.Second) {
		t.Fatalf("zoomed into March 2019, the widget draws no marks: %+v", state(t, sctx))
	}
	if got := pieces(fetched()); !slices.Equal(got, want) || len(got) > len(sum.Pieces)/3 {
		t.Errorf("zoomed into March 2019, the widget fetched the pieces %q, want %q (of %d)", got, want, len(sum.Pieces))
	}
	if st := state(t, sctx); st.Count != inMonth {
		t.Errorf("zoomed into March 2019, the widget shows %d entries, want %d", st.Count, inMonth)
	}

	// A deep link to an entry of 2022 from a view of January 2015; then
	// the last and the first entry, from the keyboard.
	far := 7*2048 + 5
	slug := tl.Entries[far].Slug
	openWidget(t, sctx, base+"?from=2015-01&to=2015-01#"+slug)
	if !waitFor(sctx, fmt.Sprintf(`window.timelinegenVisual[0].state().slug === %q`, slug), 10*time.Second) {
		t.Fatalf("#%s did not select the entry: %+v", slug, state(t, sctx))
	}
	if st := state(t, sctx); st.Focus != far || !strings.Contains(st.Live, tl.Entries[far].Title) || float64(starts[far]) > st.T1 || float64(ends[far]) < st.T0 {
		t.Errorf("#%s: focus %d (want %d), read out %q, view %v–%v", slug, st.Focus, far, st.Live, st.T0, st.T1)
	}
	if got := pieces(fetched()); !slices.Contains(got, "all/7.json") || len(got) > 4 {
		t.Errorf("#%s fetched the pieces %q, want all/7.json and few others", slug, got)
	}
	// On a kind's page, whose file numbers its entries, the same.
	var military []*timeline.Entry
	for _, k := range tl.Kinds {
		if k.Slug == "military" {
			military = k.Entries
		}
	}
	if len(military) <= 2100 {
		t.Fatalf("%d military entries, want more than 2,100", len(military))
	}
	mslug := military[2048+10].Slug
	openWidget(t, sctx, base+"kinds/military/#"+mslug)
	if !waitFor(sctx, fmt.Sprintf(`window.timelinegenVisual[0].state().slug === %q && window.timelinegenVisual[0].state().focus === %d`, mslug, 2048+10), 10*time.Second) {
		t.Errorf("kinds/military/#%s did not select the entry: %+v", mslug, state(t, sctx))
	}
	if got := fetched(); !slices.Contains(got, "kinds/military/1.json") {
		t.Errorf("kinds/military/#%s fetched %q, not the piece of its entry", mslug, got)
	}

	// The keys are pressed while the deep link is still being looked up:
	// the reader's keys win, and the deep link, come later, moves nothing.
	slow.Store(true)
	openWidget(t, sctx, base+"?from=2015-01&to=2015-01#"+tl.Entries[far].Slug)
	must(t, chromedp.Do(sctx, chromedp.Focus(chromedp.CSS(".vt-view"))))
	for _, k := range []struct {
		key  string
		want int
	}{{kb.End, n - 1}, {kb.Home, 0}, {kb.ArrowRight, 1}} {
		must(t, chromedp.Do(sctx, key(k.key)))
		if !waitFor(sctx, fmt.Sprintf(`window.timelinegenVisual[0].state().focus === %d && window.timelinegenVisual[0].state().slug === %q`, k.want, tl.Entries[k.want].Slug), 10*time.Second) {
			t.Errorf("%q: focus %+v, want entry %d (%s)", k.key, state(t, sctx), k.want, tl.Entries[k.want].Slug)
		}
	}
	time.Sleep(1500 * time.Millisecond)
	slow.Store(false)
	if st := state(t, sctx); st.Focus != 1 {
		t.Errorf("the deep link, found after the reader pressed End, Home and →, moved the focus to %d, want 1", st.Focus)
	}

	// The actor's entries, in the first half of 2015, then all of them.
	t0 = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 60
	t1 = time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC).Unix() / 60
	inView := 0
	for i := 0; i < 8000; i += 2 {
		if ends[i] >= t0 && starts[i] <= t1 {
			inView++
		}
	}
	openWidget(t, sctx, base+"?from=2015-01&to=2015-06&actor=every-other")
	if !waitFor(sctx, fmt.Sprintf(`window.timelinegenVisual[0].state().count === %d`, inView), 10*time.Second) {
		t.Errorf("?actor=every-other in the first half of 2015: %d entries shown, want %d", state(t, sctx).Count, inView)
	}
	must(t, chromedp.Do(sctx, chromedp.Focus(chromedp.CSS(".vt-view")), key("0")))
	if !waitFor(sctx, fmt.Sprintf(`window.timelinegenVisual[0].state().count === %d`, len(everyOther)), 10*time.Second) {
		t.Errorf("?actor=every-other, the whole timeline: %d entries shown, want %d", state(t, sctx).Count, len(everyOther))
	}
	// The home page draws the actor's own file: its counts, its pieces.
	got := fetched()
	if p := pieces(got); len(p) > 0 || !slices.Contains(got, "actors/every-other/0.json") || slices.Contains(got, "actors/every-other/1.json") {
		t.Errorf("?actor=every-other in the first half of 2015, then the whole timeline, fetched %q: want the actor's first piece, and no piece of all.json", got)
	}
	// Without the filter, the page's entries again, the focus kept.
	must(t, chromedp.Do(sctx, key(kb.End)))
	last := everyOther[len(everyOther)-1].Slug
	if !waitFor(sctx, fmt.Sprintf(`window.timelinegenVisual[0].state().slug === %q`, last), 10*time.Second) {
		t.Errorf("End with ?actor=every-other: %+v, want %s", state(t, sctx), last)
	}
	must(t, chromedp.Do(sctx, chromedp.Evaluate[chromedp.Void](`document.dispatchEvent(new CustomEvent('timelinegen:filter', {detail: {kind: '', actor: ''}}))`)))
	if !waitFor(sctx, fmt.Sprintf(`window.timelinegenVisual[0].state().count === %d && window.timelinegenVisual[0].state().focus === %d`, n, 7998), 10*time.Second) {
		t.Errorf("the filter cleared: %+v, want %d entries and the focus on entry 7998", state(t, sctx), n)
	}
}
