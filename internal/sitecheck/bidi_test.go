package sitecheck

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fullStopJS finds, in each element of a selector, where its text's last
// full stop is drawn against its first Latin letter: in an English run the
// full stop is at the logical end, right of the letters, even on a page
// written right to left (".the 30-day ceasefire proposal" is the fault).
const fullStopJS = `((sel) => [...document.querySelectorAll(sel)].map(el => {
	const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
	let first = null, stop = null;
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		const t = n.nodeValue;
		if (!first) { const i = t.search(/[A-Za-z]/); if (i >= 0) first = [n, i]; }
		const j = t.lastIndexOf('.');
		if (j >= 0) stop = [n, j];
	}
	if (!first || !stop) return null;
	const rect = ([n, i]) => { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1); return r.getBoundingClientRect(); };
	const a = rect(first), b = rect(stop);
	return {text: el.textContent.trim().slice(0, 60), letter: a.left, stop: b.left, sameLine: Math.abs(a.top - b.top) < 2};
}).filter(x => x))`

// TestMixedDirectionTextKeepsItsFullStop opens Arabic pages with English
// words not yet translated (titles, summaries, the place "Washington,
// D.C.") in headless Chromium: each English run keeps its full stop at its
// end, right of its first letter, and a control an editor left open in a
// summary is closed at the field's end where markup cannot isolate it.
func TestMixedDirectionTextKeepsItsFullStop(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := siteNamed(t, "languages")
	type run struct {
		Text         string
		Letter, Stop float64
		SameLine     bool
	}
	checked := 0
	for page, sel := range map[string]string{
		"ar/index.html":                            `.entries .summary[lang=en], .entries .entry-title[lang=en], .fact-place a`,
		"ar/events/bidi-test/index.html":           `h1#title, .lede`,
		"ar/events/oval-office-dispute/index.html": `.facts dd a`,
	} {
		if _, ok := s.files[page]; !ok {
			t.Fatalf("no page %s", page)
		}
		sctx := step(t, ctx, 30*time.Second)
		if err := chromedp.Do(sctx, viewport(1280, 900, false), chromedp.Navigate(s.url(page))); err != nil {
			t.Fatal(err)
		}
		runs, err := chromedp.Run(sctx, chromedp.Evaluate[[]run](fullStopJS+`(`+jsString(sel)+`)`))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			if !r.SameLine {
				continue // wrapped: the two are on different lines
			}
			checked++
			if r.Stop < r.Letter {
				t.Errorf("%s: %q: the full stop is drawn at %.0f px, left of the first letter at %.0f px: its text is not isolated", page, r.Text, r.Stop, r.Letter)
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d English runs with a full stop were checked", checked)
	}
	// Where no markup can isolate it (an attribute, <title>), the
	// control is closed at the field's end.
	page := string(s.files["ar/events/bidi-test/index.html"])
	if !strings.Contains(page, "<meta name=\"description\" content=\"A test summary \u202Ewith an override left open\u202C\">") {
		t.Errorf("the page's description does not close the override its summary leaves open")
	}
	// In <title> the site's name after the page's title keeps its order:
	// the override is closed, and the title isolated (FSI … PDI), before
	// the separator.
	if page := string(s.files["ar/events/bidi-title/index.html"]); !strings.Contains(page, "<title>\u2068An override \u202Eleft open in a title\u202C\u2069 · ") {
		t.Errorf("<title> leaves the title's override open over the site's name")
	}
}
