package sitecheck

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var statusAttrRE = regexp.MustCompile(`data-status="([a-z]+)"`)

// TestStatusFilter chooses a status in the home page's filter bar, in
// headless Chromium: only that status's cards stay shown, the URL says
// ?status=, and the status line links to the status's page, which lists
// the same entries without script.
func TestStatusFilter(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	forEachSite(t, func(t *testing.T, s *site) {
		statuses := map[string]bool{}
		for _, m := range statusAttrRE.FindAllSubmatch(s.files["index.html"], -1) {
			statuses[string(m[1])] = true
		}
		if len(statuses) < 2 {
			t.Skipf("the home page's cards have %d status: nothing to filter", len(statuses))
		}
		sctx := step(t, ctx, 60*time.Second)
		if err := chromedp.Do(sctx, chromedp.Navigate(s.url("index.html"))); err != nil {
			t.Fatal(err)
		}
		if !waitFor(sctx, `!!document.querySelector('form.filters select[name=status]')`, 20*time.Second) {
			t.Fatal("no status filter on the home page")
		}
		type state struct {
			Shown, Hidden []string
			Search, Line  string
			Link          string
		}
		st, err := chromedp.Run(sctx, chromedp.Evaluate[state](`(() => {
			const sel = document.querySelector('form.filters select[name=status]');
			sel.value = 'confirmed';
			sel.dispatchEvent(new Event('change'));
			const cards = [...document.querySelectorAll('.timeline li.entry')];
			const line = document.querySelector('p.filter-status');
			const link = [...line.querySelectorAll('a')].map(a => a.getAttribute('href')).find(h => h.includes('/status/')) || '';
			return {
				shown: cards.filter(c => !c.hidden).map(c => c.dataset.status),
				hidden: cards.filter(c => c.hidden).map(c => c.dataset.status),
				search: location.search, line: line.textContent, link: link,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Shown) == 0 || slices.ContainsFunc(st.Shown, func(s string) bool { return s != "confirmed" }) {
			t.Errorf("shown cards have statuses %v, want only confirmed", st.Shown)
		}
		if len(st.Hidden) == 0 || slices.Contains(st.Hidden, "confirmed") {
			t.Errorf("hidden cards have statuses %v, want none confirmed", st.Hidden)
		}
		if !strings.Contains(st.Search, "status=confirmed") {
			t.Errorf("location.search %q, want status=confirmed", st.Search)
		}
		if !strings.HasSuffix(st.Link, "status/confirmed/") {
			t.Errorf("the status line %q links to %q, want the status page", st.Line, st.Link)
		}
		if _, ok := s.files["status/confirmed/index.html"]; !ok {
			t.Error("no status/confirmed/ page for readers without script")
		}
	})
}
