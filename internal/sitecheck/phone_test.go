package sitecheck

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// phoneFirstEntryBound is how far down a 390×844 phone's window the home
// page's first entry title may start: 668 px before the filters folded
// behind one button (592 px after), so that the first entry's title and
// summary are in view without scrolling.
const phoneFirstEntryBound = 600

// TestPhoneFiltersFold opens the sample's home page on a phone (390×844):
// the filter menus fold behind one button (a <details>), which opens to
// menus wide enough to read (no choice cut to "Al"), and the first entry
// starts within phoneFirstEntryBound. On a desktop the menus show as they
// were, with no button.
func TestPhoneFiltersFold(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := siteNamed(t, "sample")
	type bar struct {
		Summary    bool    `json:"summary"`    // the button is shown
		Open       bool    `json:"open"`       // the menus are shown before a click
		FirstTop   float64 `json:"firstTop"`   // the first entry's title, from the top
		Narrowest  float64 `json:"narrowest"`  // the narrowest menu, once open
		Cut        int     `json:"cut"`        // menus whose chosen text does not fit, once open
		Wider      bool    `json:"wider"`      // the page is wider than the window
		SummaryTxt string  `json:"summaryTxt"` // the button's words
	}
	for _, vp := range []struct {
		name   string
		w, h   int
		mobile bool
	}{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}} {
		sctx := step(t, ctx, 60*time.Second)
		if err := chromedp.Do(sctx, viewport(vp.w, vp.h, vp.mobile), chromedp.Navigate(s.url("index.html"))); err != nil {
			t.Fatal(err)
		}
		if !waitFor(sctx, `!!document.querySelector('form.filters select') && !!document.querySelector('.vt[data-vt-ready]')`, 20*time.Second) {
			t.Fatal("no filters or no visual timeline on the home page")
		}
		got, err := chromedp.Run(sctx, chromedp.Evaluate[bar](`(() => {
			const form = document.querySelector('form.filters');
			const summary = form.querySelector('summary');
			const shown = el => el.checkVisibility();
			const sels = [...form.querySelectorAll('select')];
			const out = {
				summary: !!summary && shown(summary), summaryTxt: summary ? summary.textContent.trim() : '',
				open: sels.every(shown),
				firstTop: document.querySelector('.entries .entry-title').getBoundingClientRect().top + scrollY,
			};
			const details = form.querySelector('details');
			if (details) details.open = true;
			// A menu cuts its choice when the choice's text is wider than
			// the menu less its padding and arrow (about 2.2em).
			const c = document.createElement('canvas').getContext('2d');
			out.narrowest = Math.min(...sels.map(s => s.getBoundingClientRect().width));
			out.cut = sels.filter(s => { const cs = getComputedStyle(s); c.font = cs.font;
				const text = c.measureText(s.options[s.selectedIndex].textContent).width;
				return text > s.clientWidth - parseFloat(cs.fontSize) * 2.2; }).length;
			out.wider = document.documentElement.scrollWidth > document.documentElement.clientWidth;
			return out;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: first entry title at %.0f px; menus %+v", vp.name, got.FirstTop, got)
		if got.Cut > 0 || got.Wider {
			t.Errorf("%s: %d menus cut their choice (the narrowest %.0f px wide), page wider than the window: %v", vp.name, got.Cut, got.Narrowest, got.Wider)
		}
		if vp.name == "desktop" {
			if got.Summary || !got.Open {
				t.Errorf("desktop: the menus should show without a button: %+v", got)
			}
			continue
		}
		if !got.Summary || got.Open || got.SummaryTxt == "" {
			t.Errorf("phone: the menus should fold behind one button: %+v", got)
		}
		if got.FirstTop > phoneFirstEntryBound {
			t.Errorf("phone: the first entry's title starts at %.0f px, want at most %d", got.FirstTop, phoneFirstEntryBound)
		}
	}
}
