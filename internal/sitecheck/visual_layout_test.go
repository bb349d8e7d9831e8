package sitecheck

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// vtOverlaps lists what overlaps on the visual timeline as drawn, in the
// canvas's CSS pixels: the controls' box ("12 entries − + All") against
// every axis label and mark count drawn, the labels against each other,
// and a band's count that is not clear of its band's edges by 5 px.
const vtOverlapsJS = `(() => {
  const w = window.timelinegenVisual[0], m = w.marks(), c = document.querySelector('.vt canvas').getBoundingClientRect();
  const z = document.querySelector('.vt .vt-zoom').getBoundingClientRect();
  const zoom = {x: z.left - c.left, y: z.top - c.top, w: z.width, h: z.height, name: 'the controls'};
  const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const boxes = [...m.tickBoxes.map((b, i) => Object.assign({name: 'axis label ' + JSON.stringify(m.ticks[i])}, b)),
    ...m.labelBoxes.map(b => Object.assign({name: (b.band ? 'band' : 'cluster') + ' count'}, b))];
  const out = [];
  boxes.forEach((b, i) => {
    if (meets(b, zoom)) out.push(b.name + ' under the controls');
    boxes.slice(i + 1).forEach(o => { if (meets(b, o)) out.push(b.name + ' over ' + o.name); });
    if (b.x < 0 || b.x + b.w > c.width) out.push(b.name + ' cut at the edge');
  });
  m.labelBoxes.filter(b => b.band).forEach(b => {
    const band = m.items.find(it => it.type === 'band' && it.x0 <= b.x && b.x < it.x1 && Math.abs(it.y - (b.y + 5)) < 1);
    if (!band) { out.push('a band count with no band'); return; }
    if (b.x - Math.max(band.x0, 0) < 5 || Math.min(band.x1, c.width) - (b.x + b.w) < 5) out.push('band count cramped: ' + JSON.stringify([b, band.x0, band.x1]));
  });
  return {overlaps: out, ticks: m.tickBoxes.length, counts: m.labelBoxes.length, labels: m.ticks};
})()`

// TestVisualTimelineNothingOverlaps opens the sample's home page and a
// kind's page at 1280 and 390 px: on the visual timeline, no axis label or
// count lies under the controls or over another label, and a month-only
// band's count is clear of the band's edges; an Arabic page's axis
// writes Arabic-Indic digits, as the page does.
func TestVisualTimelineNothingOverlaps(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	for _, name := range []string{"sample", "languages"} {
		s := siteNamed(t, name)
		pages := []string{"index.html", "kinds/diplomatic/index.html"}
		if s.name == "languages" {
			pages = []string{"ar/index.html"}
		}
		for _, page := range pages {
			for _, vp := range []struct {
				w, h   int
				mobile bool
			}{{1280, 900, false}, {390, 844, true}} {
				where := fmt.Sprintf("%s/%s at %d px", s.name, page, vp.w)
				sctx := step(t, ctx, 60*time.Second)
				if err := chromedp.Do(sctx, viewport(vp.w, vp.h, vp.mobile), chromedp.Navigate(s.url(page))); err != nil {
					t.Fatal(err)
				}
				if !waitFor(sctx, `!!document.querySelector('.vt[data-vt-ready]')`, 20*time.Second) {
					t.Fatalf("%s: the visual timeline is not drawn", where)
				}
				type result struct {
					Overlaps      []string
					Ticks, Counts int
					Labels        []string
				}
				got, err := chromedp.Run(sctx, chromedp.Evaluate[result](vtOverlapsJS))
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: %d axis labels, %d counts drawn", where, got.Ticks, got.Counts)
				// A phone's narrow drawing has room for one label beside the
				// controls.
				if want := map[int]int{1280: 3, 390: 1}[vp.w]; got.Ticks < want {
					t.Errorf("%s: %d axis labels drawn, want at least %d", where, got.Ticks, want)
				}
				// The axis writes the page's digits (i18n.Locale.Numbering), as
				// its dates do: not "1 مارس" beside "٢٨ فبراير".
				if strings.HasPrefix(page, "ar/") && strings.ContainsAny(strings.Join(got.Labels, " "), "0123456789") {
					t.Errorf("%s: axis labels %q in Latin digits, want the page's Arabic-Indic ones", where, got.Labels)
				}
				if len(got.Overlaps) > 0 {
					t.Errorf("%s: %s", where, strings.Join(got.Overlaps, "; "))
				}
			}
		}
	}
}

// TestEmbedTitlesBesideTheirDates opens the sample's /embed/ page at the
// widths an article's column gives an iframe: every line of a title that
// wraps stays beside its date and kind, never under them.
func TestEmbedTitlesBesideTheirDates(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := siteNamed(t, "sample")
	for _, w := range []int{320, 390, 600} {
		sctx := step(t, ctx, 60*time.Second)
		if err := chromedp.Do(sctx, viewport(w, 800, w < 600), chromedp.Navigate(s.url("embed/index.html"))); err != nil {
			t.Fatal(err)
		}
		type result struct {
			Wrapped int
			Under   []string
		}
		got, err := chromedp.Run(sctx, chromedp.Evaluate[result](`(() => {
			const out = {wrapped: 0, under: []};
			const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
			for (const li of document.querySelectorAll('.embed-list li.entry')) {
				const title = li.querySelector('.embed-title'), dot = li.querySelector('.kind-dot');
				const r = document.createRange();
				r.selectNodeContents(title);
				const lines = [...r.getClientRects()];
				if (new Set(lines.map(l => Math.round(l.top))).size > 1) out.wrapped++;
				const edge = dot.getBoundingClientRect();
				for (const l of lines) {
					if (rtl ? l.right > edge.left + 1 : l.left < edge.right - 1) {
						out.under.push(title.textContent.slice(0, 40) + ': a line at ' + Math.round(l.left) + ' px, the date and kind end at ' + Math.round(edge.right));
						break;
					}
				}
			}
			return out;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d px: %d titles wrap", w, got.Wrapped)
		if w == 320 && got.Wrapped == 0 {
			t.Errorf("%d px: no title wraps: the test shows nothing", w)
		}
		if len(got.Under) > 0 {
			t.Errorf("%d px: titles wrap under their dates:\n%s", w, strings.Join(got.Under, "\n"))
		}
	}
}
