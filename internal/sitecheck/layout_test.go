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
			for _, page := range pages {
				sctx := step(t, ctx, 30*time.Second)
				if err := chromedp.Do(sctx, viewport(vp.w, vp.h, vp.mobile), chromedp.Navigate(s.url(page))); err != nil {
					t.Fatalf("%s: %v", page, err)
				}
				where := fmt.Sprintf("%s at %dx%d", page, vp.w, vp.h)
				widget := strings.Contains(string(s.files[page]), `class="vt"`)
				if widget && !waitFor(sctx, `!!document.querySelector('.vt[data-vt-ready]')`, 20*time.Second) {
					t.Fatalf("%s: the visual timeline was not drawn", where)
				}
				got, err := chromedp.Run(sctx, chromedp.Evaluate[aboveTheFold](aboveTheFoldJS))
				if err != nil {
					t.Fatalf("%s: %v", page, err)
				}
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
				if !widget {
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
// The pages are opened eight at a time in frames 390×844 of a page of the
// site on a phone's screen: a frame lays the page out as a phone's window
// does (the stylesheet asks only the width of the window), and costs
// Chromium half the processor time of opening the page itself (0.08
// against 0.17 CPU-s).
func TestNoPageWiderThanAPhone(t *testing.T) {
	t.Parallel()
	forEachSiteInTab(t, func(t *testing.T, ctx context.Context, s *site) {
		pages := s.samplePages()
		const per = 40 // pages a step
		for i := 0; i < len(pages); i += per {
			var urls []string
			page := map[string]string{} // by URL
			for _, p := range pages[i:min(i+per, len(pages))] {
				urls = append(urls, s.url(p))
				page[s.url(p)] = p
			}
			arg, err := json.Marshal(urls)
			if err != nil {
				t.Fatal(err)
			}
			sctx := step(t, ctx, 60*time.Second)
			if err := chromedp.Do(sctx, viewport(390, 844, true), chromedp.Navigate(s.url("404.html"))); err != nil {
				t.Fatal(err)
			}
			wide, err := chromedp.Run(sctx, chromedp.Evaluate[map[string][]string](fmt.Sprintf(`(async (urls) => {
				document.body.innerHTML = '';
				const wide = {};
				const check = (u, doc) => {
					const w = doc.documentElement.clientWidth;
					if (doc.documentElement.scrollWidth <= w) return;
					wide[u] = [String(doc.documentElement.scrollWidth), ...[...doc.querySelectorAll('body *')]
						.filter(el => el.getBoundingClientRect().right > w + 1 && !el.closest('.chart-svg, .table-wrap, pre, .body table'))
						.slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''))];
				};
				for (let i = 0; i < urls.length; i += 8) {
					await Promise.all(urls.slice(i, i + 8).map(u => new Promise(done => {
						const f = document.createElement('iframe');
						f.style.cssText = 'width: 390px; height: 844px; border: 0; display: block';
						f.onload = () => { check(u, f.contentDocument); f.remove(); done(); };
						f.src = u;
						document.body.append(f);
					})));
				}
				return wide;
			})(%s)`, arg), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range urls {
				if w, ok := wide[u]; ok {
					t.Errorf("%s is %s px wide at 390 px; too wide: %v", page[u], w[0], w[1:])
				}
			}
		}
		t.Logf("%d pages, none wider than 390 px", len(pages))
	})
}
