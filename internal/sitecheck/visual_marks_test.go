package sitecheck

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// vtMark is a mark or cluster as window.timelinegenVisual[0].marks()
// reports it, with what the canvas holds there: Center is the alpha of
// the pixel at its middle (for a band, the palest of its inside, where no
// dot lies over it); Edge the alphas along a band's top edge or around a
// dot's rim; Dark the number of dark pixels inside a cluster's circle
// (its count, written in the text colour on the light circle).
type vtMark struct {
	Type         string
	X0, X1, XC   float64
	Y            float64
	N            int
	Soft         bool
	Center, Dark int
	Edge         []int
}

type vtMarks struct {
	Ticks []string
	Items []vtMark
}

// marksJS reads the marks and samples the canvas under each.
const marksJS = `(() => {
  const w = window.timelinegenVisual[0], m = w.marks(), c = document.querySelector('.vt canvas');
  const img = c.getContext('2d').getImageData(0, 0, c.width, c.height), r = m.ratio;
  const px = (x, y) => { const i = (Math.floor(y * r) * img.width + Math.floor(x * r)) * 4; return [img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]]; };
  const items = m.items.map(it => {
    const o = {Type: it.type, X0: it.x0, X1: it.x1, XC: it.xc, Y: it.y, N: it.n, Soft: it.soft, Center: 0, Dark: 0, Edge: []};
    if (it.type === 'band') {
      o.Center = 255;
      for (let x = Math.max(it.x0, 0) + 3; x < Math.min(it.x1, c.width / r) - 3; x++) {
        o.Center = Math.min(o.Center, px(x, it.y + 3)[3]);
        o.Edge.push(px(x, it.y - 5.5)[3]);
      }
    } else if (it.type === 'point') {
      o.Center = px(it.xc, it.y)[3];
      for (let a = 0; a < 32; a++) o.Edge.push(px(it.xc + 4.5 * Math.cos(a * Math.PI / 16), it.y + 4.5 * Math.sin(a * Math.PI / 16))[3]);
    } else if (it.type === 'cluster') {
      for (let dx = -5; dx <= 5; dx++) for (let dy = -4; dy <= 4; dy++) {
        const p = px(it.xc + dx, it.y + dy);
        if (p[3] > 200 && p[0] + p[1] + p[2] < 300) o.Dark++;
      }
    }
    return o;
  });
  return {Ticks: m.ticks, Items: items};
})()`

func readMarks(t *testing.T, ctx context.Context) vtMarks {
	t.Helper()
	m, err := chromedp.Run(ctx, chromedp.Evaluate[vtMarks](marksJS))
	must(t, err)
	return m
}

func siteNamed(t *testing.T, name string) *site {
	t.Helper()
	for _, s := range sites {
		if s.name == name {
			s.build(t)
			return s
		}
	}
	t.Fatalf("no site %q", name)
	return nil
}

// TestVisualTimelineDrawing checks what the canvas shows, in one browser,
// one page load a check: approximate and uncertain dates are drawn paler
// and dashed; crowded stretches are clusters with their counts written
// in, which come apart on zoom; the axis labels are in the page's
// language.
func TestVisualTimelineDrawing(t *testing.T) {
	t.Parallel()
	ctx := browser(t)

	t.Run("approximate dates pale and dashed", func(t *testing.T) {
		// March to May 2025 of the uncertain site: "2025-03-11~" and
		// "2025-05-09~" are soft dots, "2025-05-02" a firm one; "2025-04?"
		// a soft month band, "2025-05" a firm one.
		s := siteNamed(t, "uncertain")
		sctx := step(t, ctx, 60*time.Second)
		openWidget(t, sctx, s.url("index.html")+"?from=2025-03&to=2025-05")
		var soft, firm [2][]vtMark // points, bands
		for _, m := range readMarks(t, sctx).Items {
			i := map[string]int{"point": 0, "band": 1}
			k, ok := i[m.Type]
			if !ok {
				continue
			}
			if m.Soft {
				soft[k] = append(soft[k], m)
			} else {
				firm[k] = append(firm[k], m)
			}
		}
		for k, what := range []string{"dot", "band"} {
			if len(soft[k]) == 0 || len(firm[k]) == 0 {
				t.Fatalf("want a soft and a firm %s in view: soft %v, firm %v", what, soft[k], firm[k])
			}
		}
		for _, f := range firm[0] {
			for _, s := range soft[0] {
				if s.Center*10 > f.Center*6 {
					t.Errorf("an approximate dot (alpha %d) is not paler than a firm one (%d)", s.Center, f.Center)
				}
			}
		}
		for _, s := range soft[0] {
			lo, hi := spread(s.Edge)
			if hi-lo < 80 {
				t.Errorf("an approximate dot's rim is not dashed: alphas %v", s.Edge)
			}
		}
		for _, f := range firm[1] {
			for _, s := range soft[1] {
				if s.Center >= f.Center {
					t.Errorf("an uncertain month (alpha %d) is not paler than a known one (%d)", s.Center, f.Center)
				}
			}
			if gaps(f.Edge) > 0 {
				t.Errorf("a known month's band has a dashed edge: %v", f.Edge)
			}
		}
		for _, s := range soft[1] {
			if gaps(s.Edge) < 5 || gaps(s.Edge) > len(s.Edge)*3/4 {
				t.Errorf("an uncertain month's band edge is not dashed: %v", s.Edge)
			}
		}
	})

	t.Run("clusters with counts", func(t *testing.T) {
		s := siteNamed(t, "generated")
		sctx := step(t, ctx, 60*time.Second)
		must(t, chromedp.Do(sctx, reducedMotion(true)))
		openWidget(t, sctx, s.url("index.html"))
		st := state(t, sctx)
		var biggest vtMark
		total := 0
		for _, m := range readMarks(t, sctx).Items {
			total += m.N
			if m.Type != "cluster" {
				continue
			}
			if m.Dark < 3 {
				t.Errorf("a cluster of %d entries at x=%.0f has no count written in", m.N, m.XC)
			}
			if m.N > biggest.N {
				biggest = m
			}
		}
		if biggest.N < 2 {
			t.Fatalf("zoomed out on %d entries, no cluster of two or more (state %+v)", st.Count, st)
		}
		if total != st.Count {
			t.Errorf("the marks hold %d entries, the view %d", total, st.Count)
		}
		// Clicking the biggest cluster zooms until it comes apart.
		must(t, chromedp.Do(sctx, chromedp.MouseClickXY(clusterOnPage(t, sctx, biggest)), vtSettle()))
		after := state(t, sctx)
		if after.span() >= st.span()/2 {
			t.Errorf("clicking a cluster did not zoom in: span %v, was %v", after.span(), st.span())
		}
		for _, m := range readMarks(t, sctx).Items {
			if m.Type == "cluster" && m.N >= biggest.N {
				t.Errorf("after zooming on a cluster of %d, a cluster of %d is left", biggest.N, m.N)
			}
		}
	})

	// The languages site: Ukrainian and Arabic pages write their axis in
	// their own script (Intl.DateTimeFormat with the page's lang), and the
	// widget's words are the language's.
	latin := regexp.MustCompile(`[A-Za-z]`)
	for _, c := range []struct {
		page, script, region, zoomIn, dir string
	}{
		{"uk/index.html", `\p{Cyrillic}`, "Візуальна хронологія", "Збільшити", "ltr"},
		{"ar/index.html", `[\p{Arabic}]`, "الخط الزمني المرئي", "تكبير", "rtl"},
	} {
		t.Run("axis in "+c.page, func(t *testing.T) {
			s := siteNamed(t, "languages")
			sctx := step(t, ctx, 60*time.Second)
			openWidget(t, sctx, s.url(c.page))
			m := readMarks(t, sctx)
			script := regexp.MustCompile(c.script)
			if len(m.Ticks) < 2 || !script.MatchString(strings.Join(m.Ticks, " ")) {
				t.Errorf("the axis labels %q are not in the page's script", m.Ticks)
			}
			for _, l := range m.Ticks {
				if latin.MatchString(l) {
					t.Errorf("axis label %q is in Latin letters", l)
				}
			}
			words, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](`[document.documentElement.dir, document.querySelector('.vt').getAttribute('aria-label'), document.querySelector('.vt-in').getAttribute('aria-label')]`))
			must(t, err)
			if want := []string{c.dir, c.region, c.zoomIn}; strings.Join(words, "|") != strings.Join(want, "|") {
				t.Errorf("dir, region and zoom button say %q, want %q", words, want)
			}
		})
	}
}

// clusterOnPage is where a mark is on the page, in CSS pixels.
func clusterOnPage(t *testing.T, ctx context.Context, m vtMark) (x, y float64) {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector('.vt canvas').getBoundingClientRect(); return [r.left, r.top]; })()`))
	must(t, err)
	return r[0] + m.XC, r[1] + m.Y
}

func spread(v []int) (lo, hi int) {
	lo, hi = 255, 0
	for _, a := range v {
		lo, hi = min(lo, a), max(hi, a)
	}
	return lo, hi
}

// gaps counts the pixels of an edge where no stroke is drawn.
func gaps(edge []int) int {
	n := 0
	for _, a := range edge {
		if a < 100 {
			n++
		}
	}
	return n
}
