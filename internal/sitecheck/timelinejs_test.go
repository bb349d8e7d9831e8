package sitecheck

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/timelinegen/timelinegen/internal/export"
)

// harnessState is window.harness of tools/validators/timelinejs.html.
type harnessState struct {
	Ready      bool   `json:"ready"`
	DataLoaded bool   `json:"dataloaded"`
	Error      string `json:"error"`
	Message    string `json:"message"` // TimelineJS's own error message, if it shows one
	Slides     []struct {
		ID       string `json:"id"`
		Headline string `json:"headline"`
		Date     string `json:"date"`
	} `json:"slides"`
	Markers int `json:"markers"`
}

// TestTimelineJSLoadsTimelineJSON loads each site's /data/timeline.json in
// the real TimelineJS (npm @knight-lab/timelinejs, from local files) in
// headless Chromium, by its URL as a reader would: TimelineJS must show a
// slide with the site's title and one for every entry of events.json, with
// its title as the headline, and a marker for every entry on the time nav.
func TestTimelineJSLoadsTimelineJSON(t *testing.T) {
	t.Parallel() // the slow ones overlap: Java, and Chromium
	validatorFile(t, "@knight-lab/timelinejs/dist/js/timeline.js")
	ctx := browser(t)
	forEachSite(t, func(t *testing.T, s *site) {
		if s.within != "" {
			t.Skipf("its timeline.json's entries are %s's, loaded there", s.within)
		}
		var events export.Events
		if err := json.Unmarshal(s.files["data/events.json"], &events); err != nil {
			t.Fatalf("data/events.json: %v", err)
		}
		events.Entries = listed(events) // the withdrawn are not on the timeline
		for _, prefix := range s.prefixes() {
			lang := strings.TrimSuffix(prefix, "/")
			t.Run("lang="+lang, func(t *testing.T) { timelineJSLoads(t, ctx, s, &events, lang, prefix) })
		}
	})
}

// timelineJSLoads loads the timeline.json of the language at prefix ("" for
// the default) in TimelineJS, in that language: its headlines are the
// entries' titles in it.
func timelineJSLoads(t *testing.T, ctx context.Context, s *site, events *export.Events, lang, prefix string) {
	{
		start := time.Now()
		timeout := 30*time.Second + time.Duration(len(events.Entries))*20*time.Millisecond
		sctx := step(t, ctx, timeout+10*time.Second)
		harness := server.URL + "/validators/timelinejs.html?data=" + url.QueryEscape(s.base+prefix+"data/timeline.json")
		if lang != "" {
			harness += "&lang=" + url.QueryEscape(lang)
		}
		if err := chromedp.Do(sctx, chromedp.Navigate(harness)); err != nil {
			t.Fatal(err)
		}
		// TimelineJS's loading message is in the timeline's language
		// ("Loading...", "Завантаження..."): it ends in dots, and is no
		// message to stop waiting for. Another message is TimelineJS's
		// last word once it has stood for a second: one seen for a moment
		// while the language loads (the Arabic run once stopped at 0.32 s
		// and found "Loading..." again) is not.
		if !waitFor(sctx, `(() => {
			if (window.harness.ready || window.harness.error) return true;
			const m = document.querySelector(".tl-message-container .tl-message-content")?.textContent || "";
			if (!/\S/.test(m.replace(/^\s*\S.*(\.\.\.|…)\s*$/s, ""))) { window.lastMessage = undefined; return false; }
			if (window.lastMessage !== m) { window.lastMessage = m; window.lastMessageSince = performance.now(); return false; }
			return performance.now() - window.lastMessageSince > 1000;
		})()`, timeout) {
			t.Fatalf("TimelineJS did not get ready in %v", timeout)
		}
		st, err := chromedp.Run(sctx, chromedp.Evaluate[harnessState](`({
			...window.harness,
			message: document.querySelector(".tl-message-container .tl-message-content")?.textContent || "",
			slides: [...document.querySelectorAll(".tl-storyslider .tl-slide")].map(el => ({
				id: el.id,
				headline: (el.querySelector(".tl-headline") || {}).textContent || "",
				date: (el.querySelector(".tl-headline-date") || {}).textContent || "",
			})),
			markers: document.querySelectorAll(".tl-timenav .tl-timemarker").length,
		})`))
		if err != nil {
			t.Fatal(err)
		}
		if st.Error != "" || !st.Ready {
			t.Fatalf("TimelineJS failed: error %q, message %q, ready %v", st.Error, st.Message, st.Ready)
		}
		// The title slide is the site's title in the language, as its home
		// page has it.
		title := events.Title
		if m := titleRE.FindStringSubmatch(string(s.files[prefix+"index.html"])); m != nil && prefix != "" {
			title = html.UnescapeString(m[1])
		}
		headlines := map[string]string{} // unique_id → headline
		var titleSlide bool
		for _, sl := range st.Slides {
			headlines[sl.ID] = strings.TrimSpace(sl.Headline)
			if strings.TrimSpace(sl.Headline) == title {
				titleSlide = true
			}
		}
		if !titleSlide {
			t.Errorf("no title slide with headline %q", title)
		}
		var problems []string
		for _, e := range events.Entries {
			got, ok := headlines[e.Slug]
			want := e.Title
			if tr, ok := e.Translations[lang]; ok {
				want = tr.Title
			}
			switch {
			case !ok:
				problems = append(problems, "no slide for entry "+e.Slug)
			case got != want:
				problems = append(problems, "slide "+e.Slug+": headline "+quote(got)+", want "+quote(want))
			}
		}
		report(t, "TimelineJS", problems)
		if len(st.Slides) != len(events.Entries)+1 {
			t.Errorf("%d slides, want %d entries and the title slide", len(st.Slides), len(events.Entries))
		}
		if st.Markers != len(events.Entries) {
			t.Errorf("%d markers on the time nav, want %d", st.Markers, len(events.Entries))
		}
		t.Logf("TimelineJS showed %d slides and %d markers in %v", len(st.Slides), st.Markers, time.Since(start).Round(time.Millisecond))
	}
}

var titleRE = regexp.MustCompile(`<title>([^<]*)</title>`)

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
