package sitecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// viewport makes the page w×h CSS pixels, as a phone (mobile) or a desktop.
func viewport(w, h int, mobile bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(w), Height: int64(h), DeviceScaleFactor: 1, Mobile: mobile,
		})
		return err
	})
}

// aboveTheFold is what a reader sees of a timeline page before scrolling.
type aboveTheFold struct {
	FirstTop     float64 `json:"firstTop"`     // the first entry's title, from the top of the page
	Visible      int     `json:"visible"`      // entry titles wholly in the window
	Total        int     `json:"total"`        // entry titles on the page
	TitlesShown  int     `json:"titlesShown"`  // visible elements reading the site's title
	ChartsBefore bool    `json:"chartsBefore"` // a chart stands above the first entry
	WidgetBottom float64 `json:"widgetBottom"` // the visual timeline's end, from the top; 0 without one
	WidgetRight  float64 `json:"widgetRight"`  // its right edge
	ClientWidth  float64 `json:"clientWidth"`  // the page's width, without a scroll bar
}

const aboveTheFoldJS = `(() => {
	const shown = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
		return r.width > 2 && r.height > 2 && s.visibility !== 'hidden' && el.closest('.visually-hidden') === null; };
	const titles = [...document.querySelectorAll('.entries .entry-title')];
	const first = titles[0];
	const title = document.querySelector('.site-title').textContent.trim();
	const chart = document.querySelector('main figure.chart:not(.locator)');
	const vt = document.querySelector('.vt');
	const w = vt ? vt.getBoundingClientRect() : {bottom: 0, right: 0};
	return {
		widgetBottom: w.bottom + (vt ? scrollY : 0), widgetRight: w.right,
		clientWidth: document.documentElement.clientWidth,
		firstTop: first ? first.getBoundingClientRect().top + scrollY : -1,
		total: titles.length,
		visible: titles.filter(t => { const r = t.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length,
		titlesShown: [...document.querySelectorAll('body *')].filter(el => el.children.length === 0 && el.textContent.trim() === title && shown(el)).length,
		chartsBefore: !!(chart && first && (chart.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)),
	};
})()`

// TestFirstEntriesAboveTheFold opens the home page, each year page and a
// term of each taxonomy on a desktop (1366×900) and a phone (390×844),
// with the visual timeline drawn: the first entries are in the window
// without scrolling, under the widget, which stays within the screen; no
// chart stands above them, and the site's title is shown once.
func TestFirstEntriesAboveTheFold(t *testing.T) {
	t.Parallel()
	forEachSiteInTab(t, func(t *testing.T, ctx context.Context, s *site) {
		pages := []string{"index.html"}
		for _, p := range s.pages() {
			if strings.HasPrefix(p, "years/") && strings.Count(p, "/") == 2 {
				pages = append(pages, p)
			}
		}
		for _, section := range []string{"kinds/", "actors/", "places/", "tags/"} {
			if p := s.firstPage(section); p != "" {
				pages = append(pages, p)
			}
		}
		for _, vp := range []struct {
			name    string
			w, h    int
			mobile  bool
			entries int // at least this many entry titles in the window
		}{{"desktop", 1366, 900, false, 3}, {"phone", 390, 844, true, 1}} {
			for page, got := range inFrames[aboveTheFold](t, ctx, s, vp.w, vp.h, vp.mobile, pages, aboveTheFoldJS) {
				where := fmt.Sprintf("%s at %dx%d", page, vp.w, vp.h)
				t.Logf("%s: first entry at %.0f px, %d in view", where, got.FirstTop, got.Visible)
				// A page of fewer entries than the bar shows them all.
				if want := min(vp.entries, got.Total); got.FirstTop < 0 || got.Visible < want {
					t.Errorf("%s: %d entry titles in the window (the first at %.0f px, the widget ending at %.0f), want at least %d", where, got.Visible, got.FirstTop, got.WidgetBottom, want)
				}
				if got.ChartsBefore {
					t.Errorf("%s: a chart stands above the first entry", where)
				}
				if page == "index.html" && got.TitlesShown != 1 {
					t.Errorf("%s: the site's title is shown %d times, want once", where, got.TitlesShown)
				}
				if !strings.Contains(string(s.files[page]), `class="vt"`) {
					continue
				}
				if got.FirstTop < got.WidgetBottom {
					t.Errorf("%s: the first entry starts at %.0f px, above the widget's end at %.0f", where, got.FirstTop, got.WidgetBottom)
				}
				if got.WidgetRight > got.ClientWidth+1 {
					t.Errorf("%s: the widget reaches %.0f px, past the screen's %.0f", where, got.WidgetRight, got.ClientWidth)
				}
			}
		}
	})
}

// TestNoPageWiderThanAPhone opens every page of the sample site (and a
// sample of the generated one) 390 px wide: none is wider than the window.
func TestNoPageWiderThanAPhone(t *testing.T) {
	t.Parallel()
	forEachSiteInTab(t, func(t *testing.T, ctx context.Context, s *site) {
		pages := s.samplePages()
		wide := inFrames[[]string](t, ctx, s, 390, 844, true, pages, `(() => {
			const w = document.documentElement.clientWidth;
			if (document.documentElement.scrollWidth <= w) return [];
			return [String(document.documentElement.scrollWidth), ...[...document.querySelectorAll('body *')]
				.filter(el => el.getBoundingClientRect().right > w + 1 && !el.closest('.chart-svg, .table-wrap, pre, .body table'))
				.slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''))];
		})()`)
		for _, page := range pages {
			if w := wide[page]; len(w) > 0 {
				t.Errorf("%s is %s px wide at 390 px; too wide: %v", page, w[0], w[1:])
			}
		}
		t.Logf("%d pages, none wider than 390 px", len(pages))
	})
}

// inFrames opens the pages in frames of w×h CSS pixels, eight at a time,
// in a page of the site on a screen of that size (a phone's when mobile),
// waits for each page's visual timeline to be drawn, and returns what
// the JavaScript expression js gives in each page, by page. A frame lays
// a page out as a window of its size does (the stylesheet asks only the
// window's width), and costs Chromium half the processor time of opening
// the page itself (0.08 against 0.17 CPU-s). The frames overlap, all on
// the screen, so that none is left undrawn for being out of view.
func inFrames[T any](t *testing.T, ctx context.Context, s *site, w, h int, mobile bool, pages []string, js string) map[string]T {
	t.Helper()
	out := map[string]T{}
	const per = 40 // pages a step
	for i := 0; i < len(pages); i += per {
		urls := map[string]string{} // page by URL
		var list []string
		for _, p := range pages[i:min(i+per, len(pages))] {
			urls[s.url(p)] = p
			list = append(list, s.url(p))
		}
		arg, err := json.Marshal(list)
		if err != nil {
			t.Fatal(err)
		}
		expr, _ := json.Marshal(js)
		sctx := step(t, ctx, 90*time.Second)
		if err := chromedp.Do(sctx, viewport(w, h, mobile), chromedp.Navigate(s.url("404.html"))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(sctx, chromedp.Evaluate[map[string]struct {
			Value T
			Error string
		}](fmt.Sprintf(`(async (urls, w, h, js) => {
			document.body.innerHTML = '';
			const out = {};
			const drawn = f => new Promise(done => {
				const start = Date.now();
				const poll = () => {
					const vt = f.contentDocument.querySelector('.vt');
					if (!vt || vt.hasAttribute('data-vt-ready')) return done(true);
					if (Date.now() - start > 20000) return done(false);
					setTimeout(poll, 50);
				};
				poll();
			});
			for (let i = 0; i < urls.length; i += 8) {
				await Promise.all(urls.slice(i, i + 8).map(u => new Promise(done => {
					const f = document.createElement('iframe');
					f.style.cssText = 'position: absolute; top: 0; left: 0; border: 0; width: ' + w + 'px; height: ' + h + 'px';
					f.onload = async () => {
						try {
							out[u] = await drawn(f) ? {Value: f.contentWindow.eval(js)} : {Error: 'the visual timeline was not drawn'};
						} catch (e) {
							out[u] = {Error: String(e)};
						}
						f.remove();
						done();
					};
					f.src = u;
					document.body.append(f);
				})));
			}
			return out;
		})(%s, %d, %d, %s)`, arg, w, h, expr), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range list {
			r, ok := got[u]
			switch {
			case !ok:
				t.Errorf("%s: no result", urls[u])
			case r.Error != "":
				t.Errorf("%s at %dx%d: %s", urls[u], w, h, r.Error)
			default:
				out[urls[u]] = r.Value
			}
		}
	}
	return out
}
