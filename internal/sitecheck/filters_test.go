package sitecheck

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen/internal/i18n"
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

// TestFiltersSpeakThePageLanguage opens the Ukrainian and Arabic home
// pages of a site of three languages in headless Chromium: the filter
// bar's labels, menus, button and status line are the language's
// (i18n's filter_ strings), the count in its plural form and digits.
func TestFiltersSpeakThePageLanguage(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := siteNamed(t, "languages")
	for _, code := range []string{"uk", "ar"} {
		l, _ := i18n.New(code, code)
		sctx := step(t, ctx, 60*time.Second)
		if err := chromedp.Do(sctx, chromedp.Navigate(s.url(code+"/index.html"))); err != nil {
			t.Fatal(err)
		}
		if !waitFor(sctx, `!!document.querySelector('form.filters select[name=kind]')`, 20*time.Second) {
			t.Fatalf("%s: no kind filter on the home page", code)
		}
		type bar struct {
			Form, Labels, Firsts, Clear, Line string
			Shown, Total                      int
		}
		got, err := chromedp.Run(sctx, chromedp.Evaluate[bar](`(() => {
			const form = document.querySelector('form.filters');
			const sel = form.querySelector('select[name=kind]');
			sel.value = sel.options[1].value;
			sel.dispatchEvent(new Event('change'));
			const cards = [...document.querySelectorAll('.timeline li.entry')];
			const line = form.querySelector('p.filter-status');
			return {
				form: form.getAttribute('aria-label'),
				labels: [...form.querySelectorAll('.filter-label')].map(e => e.textContent).join('|'),
				firsts: [...form.querySelectorAll('select')].map(s => s.options[0].textContent).join('|'),
				clear: form.querySelector('.filter-clear').textContent,
				line: line.firstChild ? line.firstChild.textContent : '',
				shown: cards.filter(c => !c.hidden).length, total: cards.length,
			};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		want := bar{
			Form:   l.T("filter_form"),
			Labels: strings.Join([]string{l.T("filter_kind"), l.T("filter_actor"), l.T("filter_status")}, "|"),
			Firsts: strings.Join([]string{l.T("filter_all_kinds"), l.T("filter_all_actors"), l.T("filter_any_status")}, "|"),
			Clear:  l.T("filter_show_all"),
			Shown:  got.Shown, Total: got.Total,
		}
		forms := strings.Split(l.T("filter_shown"), "|")
		form := forms[min(slices.Index(i18n.Categories(code), i18n.PluralCategory(code, got.Shown)), len(forms)-1)]
		want.Line = strings.Replace(strings.Replace(form, "%d", l.Number(got.Shown), 1), "%s", l.Number(got.Total), 1)
		if got != want {
			t.Errorf("/%s/: the filter bar says\n%+v\nwant\n%+v", code, got, want)
		}
	}
}
