package sitecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/timelinegen/timelinegen/internal/export"
)

// vtState is what window.timelinegenVisual[0].state() reports of the
// visual timeline.
type vtState struct {
	T0, T1   float64
	Focus    int
	Slug     string
	Count    int
	Kind     string
	Actor    string
	Items    int
	Clusters int
	Binned   bool
	Live     string
}

func (v vtState) span() float64 { return v.T1 - v.T0 }

func state(t testing.TB, ctx context.Context) vtState {
	t.Helper()
	st, err := chromedp.Run(ctx, chromedp.Evaluate[vtState](`(() => { const s = window.timelinegenVisual[0].state(); return {T0: s.t0, T1: s.t1, Focus: s.focus, Slug: s.slug, Count: s.count, Kind: s.kind, Actor: s.actor, Items: s.items, Clusters: s.clusters, Binned: s.binned, Live: s.live}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// openWidget loads u and waits for its visual timeline to be drawn.
func openWidget(t testing.TB, ctx context.Context, u string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	if !waitFor(ctx, `!!document.querySelector('.vt[data-vt-ready]')`, 20*time.Second) {
		t.Fatalf("%s: the visual timeline was not drawn", u)
	}
}

// center is the middle of the widget's drawing, in CSS pixels of the page.
func center(t testing.TB, ctx context.Context) (x, y float64) {
	t.Helper()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const v = document.querySelector('.vt-view'); let r = v.getBoundingClientRect(); if (r.top < 0 || r.bottom > innerHeight) { scrollTo(0, scrollY + r.top - 100); r = v.getBoundingClientRect(); } return [r.left + r.width / 2, r.top + r.height / 3]; })()`))
	if err != nil || len(r) != 2 {
		t.Fatalf("the widget's place: %v", err)
	}
	return r[0], r[1]
}

func wheel(x, y, dx, dy float64) chromedp.Action[chromedp.Void] {
	return chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, x, y, func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = dx, dy })
}

func drag(x, y, dx float64) chromedp.Action[chromedp.Void] {
	left := func(p *input.DispatchMouseEventParams) {
		p.Button = input.MouseButtonLeft
		p.Buttons = 1
		p.ClickCount = 1
	}
	return chromedp.Steps(
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x, y, left),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x+dx/2, y, left),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x+dx, y, left),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x+dx, y, left),
	)
}

func key(k string, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	if len(mods) == 0 {
		return chromedp.KeyEvent(k)
	}
	return chromedp.KeyEvent(k, chromedp.KeyModifiers(mods...))
}

func reducedMotion(on bool) chromedp.Action[chromedp.Void] {
	v := "no-preference"
	if on {
		v = "reduce"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: v}},
		})
		return err
	})
}

// vtSettle waits for animations and the address to catch up.
func vtSettle() chromedp.Action[chromedp.Void] { return chromedp.Sleep(400 * time.Millisecond) }

func sampleEntries(t *testing.T, s *site) export.Events {
	t.Helper()
	var ev export.Events
	if err := json.Unmarshal(s.files["data/events.json"], &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestVisualTimelineZoomPanKeyboard drives the home page's visual
// timeline with real input events: wheel, buttons and keys zoom; a drag
// and Shift+arrows pan; arrows move from entry to entry in time order,
// read out with date, kind and title; Enter opens the entry.
func TestVisualTimelineZoomPanKeyboard(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := sites[0]
	s.build(t)
	ev := sampleEntries(t, s)
	sctx := step(t, ctx, 120*time.Second)
	if err := chromedp.Do(sctx, reducedMotion(true)); err != nil {
		t.Fatal(err)
	}
	openWidget(t, sctx, s.url("index.html"))
	start := state(t, sctx)
	if start.Count != len(ev.Entries) {
		t.Errorf("the widget shows %d entries, the site has %d", start.Count, len(ev.Entries))
	}
	x, y := center(t, sctx)

	// Zoom: the wheel, then the buttons, then the keys.
	must(t, chromedp.Do(sctx, wheel(x, y, 0.01, -400), vtSettle()))
	if st := state(t, sctx); st.span() >= start.span()*0.8 {
		t.Errorf("wheel up did not zoom in: span %v, was %v", st.span(), start.span())
	}
	before := state(t, sctx)
	must(t, chromedp.Do(sctx, chromedp.Click(chromedp.CSS(".vt-out")), vtSettle()))
	if st := state(t, sctx); st.span() <= before.span()*1.5 {
		t.Errorf("the − button did not zoom out: span %v, was %v", st.span(), before.span())
	}
	must(t, chromedp.Do(sctx, chromedp.Click(chromedp.CSS(".vt-all")), vtSettle()))
	all := state(t, sctx)
	must(t, chromedp.Do(sctx, chromedp.Focus(chromedp.CSS(".vt-view")), key("+"), vtSettle()))
	zoomed := state(t, sctx)
	if zoomed.span() >= all.span()*0.6 {
		t.Errorf("the + key did not zoom in: span %v, was %v", zoomed.span(), all.span())
	}

	// Pan: a drag to the left shows later dates; Shift+← earlier ones.
	x, y = center(t, sctx)
	must(t, chromedp.Do(sctx, drag(x, y, -150), vtSettle()))
	dragged := state(t, sctx)
	if dragged.T0 <= zoomed.T0 || abs(dragged.span()-zoomed.span()) > 1 {
		t.Errorf("dragging left did not pan to later dates: %v → %v", zoomed, dragged)
	}
	must(t, chromedp.Do(sctx, chromedp.Focus(chromedp.CSS(".vt-view")), key(kb.ArrowLeft, chromedp.ModifierShift), vtSettle()))
	if st := state(t, sctx); st.T0 >= dragged.T0 {
		t.Errorf("Shift+← did not pan to earlier dates: %v → %v", dragged, st)
	}

	// The widget is one tab stop.
	focusable, err := chromedp.Run(sctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.vt a, .vt button, .vt [tabindex], .vt canvas')].filter(e => e.tabIndex >= 0).length`))
	must(t, err)
	if focusable != 1 {
		t.Errorf("%d tab stops in the widget, want 1", focusable)
	}

	// Arrows: entry to entry, in time order, read out.
	must(t, chromedp.Do(sctx, chromedp.Click(chromedp.CSS(".vt-all")), vtSettle(), chromedp.Focus(chromedp.CSS(".vt-view"))))
	for i := range 3 {
		must(t, chromedp.Do(sctx, key(kb.ArrowRight), vtSettle()))
		st := state(t, sctx)
		e := ev.Entries[i]
		if st.Focus != i || st.Slug != e.Slug {
			t.Errorf("→ %d: focus %d (%s), want %d (%s)", i+1, st.Focus, st.Slug, i, e.Slug)
		}
		for _, want := range []string{e.Title, e.KindLabel} {
			if !strings.Contains(st.Live, want) {
				t.Errorf("→ %d: the live region reads %q, without %q", i+1, st.Live, want)
			}
		}
	}
	must(t, chromedp.Do(sctx, key(kb.ArrowLeft), vtSettle()))
	if st := state(t, sctx); st.Slug != ev.Entries[1].Slug {
		t.Errorf("←: focus %s, want %s", st.Slug, ev.Entries[1].Slug)
	}
	must(t, chromedp.Do(sctx, key(kb.End), vtSettle()))
	last := ev.Entries[len(ev.Entries)-1]
	if st := state(t, sctx); st.Slug != last.Slug {
		t.Errorf("End: focus %s, want %s", st.Slug, last.Slug)
	}
	live, err := chromedp.Run(sctx, chromedp.Evaluate[string](`document.querySelector('.vt-live').getAttribute('aria-live')`))
	must(t, err)
	if live != "polite" {
		t.Errorf("the read-out is not an aria-live region: %q", live)
	}
	visible, err := chromedp.Run(sctx, chromedp.Evaluate[bool](`document.activeElement.matches('.vt-view:focus-visible') && getComputedStyle(document.activeElement).outlineStyle !== 'none'`))
	must(t, err)
	if !visible {
		t.Error("the focused widget shows no focus outline")
	}
	// The address names the selected entry.
	loc, err := chromedp.Run(sctx, chromedp.Location())
	must(t, err)
	if !strings.HasSuffix(loc, "#"+last.Slug) {
		t.Errorf("the address %s does not name the selected entry %s", loc, last.Slug)
	}
	must(t, chromedp.Do(sctx, key(kb.Home), vtSettle(), key(kb.Enter)))
	if !waitFor(sctx, fmt.Sprintf(`location.href === %q`, ev.Entries[0].URL), 10*time.Second) {
		loc, _ := chromedp.Run(sctx, chromedp.Location())
		t.Errorf("Enter opened %s, want %s", loc, ev.Entries[0].URL)
	}
}

// TestVisualTimelineMotion checks that prefers-reduced-motion turns the
// zoom animation off, and that with motion the zoom still ends where it
// should.
func TestVisualTimelineMotion(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := sites[0]
	s.build(t)
	sctx := step(t, ctx, 60*time.Second)
	for _, reduce := range []bool{true, false} {
		must(t, chromedp.Do(sctx, reducedMotion(reduce)))
		openWidget(t, sctx, s.url("index.html"))
		before := state(t, sctx)
		// Right after the click, with reduced motion the view is already
		// the new one; else it is still on its way.
		span, err := chromedp.Run(sctx, chromedp.Evaluate[float64](`(() => { document.querySelector('.vt-in').click(); const s = window.timelinegenVisual[0].state(); return s.t1 - s.t0; })()`))
		must(t, err)
		immediate := abs(span-before.span()/2) < 1
		if immediate != reduce {
			t.Errorf("reduced motion %v: zoomed at once %v (span %v of %v)", reduce, immediate, span, before.span())
		}
		must(t, chromedp.Do(sctx, vtSettle()))
		if st := state(t, sctx); abs(st.span()-before.span()/2) > 1 {
			t.Errorf("reduced motion %v: span %v after zooming in, want %v", reduce, st.span(), before.span()/2)
		}
	}
}

// TestVisualTimelinePinch zooms with two fingers on a phone-sized screen.
func TestVisualTimelinePinch(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := sites[0]
	s.build(t)
	sctx := step(t, ctx, 60*time.Second)
	must(t, chromedp.Do(sctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateTouch, chromedp.EmulateMobile)))
	openWidget(t, sctx, s.url("index.html"))
	x, y := center(t, sctx)
	before := state(t, sctx)
	// Two fingers spread apart along the drawing, as a touch screen
	// sends them.
	touch := func(typ input.DispatchTouchEventType, gap float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
			if typ != input.DispatchTouchEventTypeTouchEnd {
				p.TouchPoints = []*input.TouchPoint{{X: x - gap, Y: y, ID: ptr(0)}, {X: x + gap, Y: y, ID: ptr(1)}}
			}
			_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, p)
			return err
		})
	}
	must(t, chromedp.Do(sctx, touch(input.DispatchTouchEventTypeTouchStart, 20)))
	for g := 30.0; g <= 120; g += 15 {
		must(t, chromedp.Do(sctx, touch(input.DispatchTouchEventTypeTouchMove, g), chromedp.Sleep(20*time.Millisecond)))
	}
	must(t, chromedp.Do(sctx, touch(input.DispatchTouchEventTypeTouchEnd, 0), vtSettle()))
	if st := state(t, sctx); st.span() > before.span()/2 {
		t.Errorf("spreading two fingers did not zoom in: span %v, was %v", st.span(), before.span())
	}
}

// TestVisualTimelineURLState filters and places the view from the address,
// and the address follows the reader's zoom: a view can be cited.
func TestVisualTimelineURLState(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := sites[0]
	s.build(t)
	sctx := step(t, ctx, 60*time.Second)
	must(t, chromedp.Do(sctx, reducedMotion(true)))
	openWidget(t, sctx, s.url("index.html")+"?from=2025-03&to=2025-03&kind=military&actor=russia")
	if !waitFor(sctx, `window.timelinegenVisual[0].state().actor === 'russia'`, 5*time.Second) {
		t.Fatal("the actor filter did not apply")
	}
	st := state(t, sctx)
	march, april := float64(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).Unix()/60), float64(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC).Unix()/60)
	if st.T0 != march || st.T1 != april || st.Kind != "military" {
		t.Errorf("?from=2025-03&to=2025-03&kind=military: view %v–%v kind %q, want %v–%v military", st.T0, st.T1, st.Kind, march, april)
	}
	// Military entries with Russia in March 2025, in the sample: the
	// missile attack on Kryvyi Rih and the drone strike near Moscow.
	if !waitFor(sctx, `window.timelinegenVisual[0].state().count === 2`, 5*time.Second) {
		t.Errorf("the widget shows %d entries, want the 2 military ones with Russia in March", state(t, sctx).Count)
	}
	shown, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.timeline li.entry')].filter(li => !li.hidden).map(li => li.querySelector('h3 a').textContent)`))
	must(t, err)
	if len(shown) != 2 {
		t.Errorf("the list shows %d entries, want 2: %q", len(shown), shown)
	}
	// Zoom in: the address follows; load it again: the same view.
	must(t, chromedp.Do(sctx, chromedp.Focus(chromedp.CSS(".vt-view")), key("+"), vtSettle()))
	cited, err := chromedp.Run(sctx, chromedp.Location())
	must(t, err)
	u, _ := url.Parse(cited)
	q := u.Query()
	if q.Get("kind") != "military" || q.Get("actor") != "russia" || !regexp.MustCompile(`^2025-03-\d\d$`).MatchString(q.Get("from")) || q.Get("from") == "2025-03-01" && q.Get("to") == "2025-03-31" {
		t.Fatalf("after zooming in, the address is %s", cited)
	}
	zoomed := state(t, sctx)
	openWidget(t, sctx, cited)
	again := state(t, sctx)
	if abs(again.T0-zoomed.T0) > 1440 || abs(again.T1-zoomed.T1) > 1440 || again.Kind != "military" {
		t.Errorf("the cited view %s came back as %v–%v, was %v–%v", cited, again.T0, again.T1, zoomed.T0, zoomed.T1)
	}
	must(t, chromedp.Do(sctx, vtSettle()))
	if loc, _ := chromedp.Run(sctx, chromedp.Location()); loc != cited {
		t.Errorf("loading %s rewrote the address to %s", cited, loc)
	}
}

// TestEmbedInIframe hosts an embed page in an iframe on another origin
// (a second server, at localhost where the site is at 127.0.0.1) with the
// snippet from the page's "Embed" disclosure: the #slug deep link selects
// that entry and scrolls to it inside the iframe, links open in the top
// window, the height message sizes the iframe, and nothing is requested
// from outside the site.
func TestEmbedInIframe(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := sites[0]
	s.build(t)
	page := string(s.files["events/jeddah-talks/index.html"])
	codes := regexp.MustCompile(`(?s)<details class="embed-code".*?<pre><code>(.*?)</code></pre>.*?<pre><code>(.*?)</code></pre>`).FindStringSubmatch(page)
	if codes == nil {
		t.Fatal("events/jeddah-talks/: no Embed disclosure with two snippets")
	}
	// The built site's base URL is on the test server; the snippet on an
	// entry page embeds its year with the entry selected.
	frame, script := html.UnescapeString(codes[1]), html.UnescapeString(codes[2])
	src := regexp.MustCompile(`src="([^"]+)"`).FindStringSubmatch(frame)
	if src == nil || !strings.HasSuffix(src[1], "/embed/years/2025/#jeddah-talks") {
		t.Fatalf("the iframe snippet %s does not embed the year at #jeddah-talks", frame)
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// /sized has the two-line snippet; /fixed only the iframe, made
		// small so that its list must scroll to the entry.
		body := frame + "\n" + script
		if r.URL.Path == "/fixed" {
			body = strings.Replace(frame, `height="480"`, `height="200"`, 1)
		}
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><title>A news article</title><body><h1>A story</h1>
<script>window.messages = []; addEventListener("message", e => window.messages.push({origin: e.origin, data: e.data}));</script>
%s
</body></html>`, strings.Replace(body, "<iframe ", `<iframe id="embed" `, 1))
	}))
	defer host.Close()
	hostURL := strings.Replace(host.URL, "127.0.0.1", "localhost", 1)
	sctx := step(t, ctx, 60*time.Second)
	must(t, chromedp.Do(sctx, chromedp.Navigate(hostURL+"/sized")))
	if !waitFor(sctx, `window.messages.some(m => m.data && m.data.type === 'timelinegen:height' && m.data.slug === 'jeddah-talks')`, 20*time.Second) {
		msgs, _ := chromedp.Run(sctx, chromedp.Evaluate[any](`window.messages`))
		t.Fatalf("no height message naming the selected entry jeddah-talks; messages: %v", msgs)
	}
	origin := strings.TrimSuffix(server.URL, "/")
	bad, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](fmt.Sprintf(`window.messages.filter(m => m.origin !== %q).map(m => m.origin)`, origin)))
	must(t, err)
	if len(bad) > 0 {
		t.Errorf("messages from %v, want only from the site's origin %s", bad, origin)
	}
	if !waitFor(sctx, `(() => { const f = document.getElementById('embed'); const last = window.messages.filter(m => m.data.type === 'timelinegen:height').pop(); return f.style.height === last.data.height + 'px' && last.data.height > 300; })()`, 10*time.Second) {
		h, _ := chromedp.Run(sctx, chromedp.Evaluate[string](`document.getElementById('embed').style.height`))
		t.Errorf("the snippet did not size the iframe to its content: height %q", h)
	}

	// Inside the small iframe, a target of its own (another site).
	must(t, chromedp.Do(sctx, chromedp.Navigate(hostURL+"/fixed")))
	// The iframe's target is listed once Chromium has attached it: half a
	// second was not always enough with make test on both cores.
	own := chromedp.FromContext(ctx).BrowserContextID // the other tests' tabs are in the browser too
	var embeds []*target.Info
	for deadline := time.Now().Add(20 * time.Second); len(embeds) == 0 && time.Now().Before(deadline); {
		time.Sleep(250 * time.Millisecond)
		targets, err := chromedp.Targets(sctx)
		must(t, err)
		for _, info := range targets {
			if info.Type == "iframe" && info.BrowserContextID == own && strings.HasPrefix(info.URL, s.base+"embed/") {
				embeds = append(embeds, info)
			}
		}
	}
	var frames []context.Context
	for _, info := range embeds {
		fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID))
		t.Cleanup(cancel)
		frames = append(frames, fctx)
	}
	if len(frames) != 1 {
		t.Fatalf("%d embed iframes as targets of their own, want 1 (is the host on another site?)", len(frames))
	}
	for _, fctx := range frames {
		fctx := step(t, fctx, 30*time.Second)
		if !waitFor(fctx, `!!document.querySelector('.vt[data-vt-ready]') && window.timelinegenVisual[0].state().slug === 'jeddah-talks'`, 10*time.Second) {
			t.Fatal("in the iframe, #jeddah-talks did not select the entry")
		}
		if !waitFor(fctx, `(() => { const li = document.getElementById('jeddah-talks'); const r = li.getBoundingClientRect(); return li.classList.contains('is-selected') && r.top >= 0 && r.bottom <= innerHeight; })()`, 5*time.Second) {
			t.Error("in the iframe, the list did not scroll to #jeddah-talks")
		}
		top, err := chromedp.Run(fctx, chromedp.Evaluate[string](`document.querySelector('base').target`))
		must(t, err)
		if top != "_top" {
			t.Errorf("links in the embed open in %q, want _top", top)
		}
		outside, err := chromedp.Run(fctx, chromedp.Evaluate[[]string](fmt.Sprintf(`performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(%q))`, origin+"/")))
		must(t, err)
		if len(outside) > 0 {
			t.Errorf("the embed requested from outside the site: %v", outside)
		}
		chrome, err := chromedp.Run(fctx, chromedp.Evaluate[int](`document.querySelectorAll('.site-header, .site-footer, .site-nav').length`))
		must(t, err)
		if chrome != 0 {
			t.Errorf("the embed has %d pieces of site chrome", chrome)
		}
	}
}

// visualPages are pages with the widget: the home page, a year, a term of
// each taxonomy, and embed pages.
func visualPages(s *site) []string {
	first := s.firstPage
	var out []string
	for _, p := range []string{"index.html", first("years/"), first("kinds/"), first("actors/"), first("places/"), first("tags/"), "embed/index.html", first("embed/kinds/"), first("embed/years/")} {
		if _, ok := s.files[p]; ok && p != "" {
			out = append(out, p)
		}
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func ptr(f float64) *float64 { return &f }

// TestVisualShardsAgree checks that the widget finds a slug's file as the
// build wrote it: the same FNV-1a hash in JavaScript (under Node) as in Go.
func TestVisualShardsAgree(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		require(t, "Node.js", "apt-get install -y nodejs")
	}
	slugs := []string{"jeddah-talks", "e000001-world-bank-envoy-visits-nusa-dua", "a", "2025-03", "битва-за-київ", "moscow-drone-strike"}
	js, _ := json.Marshal(slugs)
	out, err := exec.Command(node, "-e", fmt.Sprintf(`const v = require(%q); console.log(JSON.stringify(%s.map(s => v.fnv1a(s) %% 256)))`, filepath.Join(repoRoot, "static", "js", "timeline.js"), js)).Output()
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	for i, s := range slugs {
		if want := export.VisualShard(s, 256); got[i] != want {
			t.Errorf("%q: the widget looks in slug file %d, the build wrote it in %d", s, got[i], want)
		}
	}
}

// firstPage is the site's first page right under prefix ("years/"), or "".
func (s *site) firstPage(prefix string) string {
	for _, p := range s.pages() {
		if strings.HasPrefix(p, prefix) && strings.Count(p, "/") == strings.Count(prefix, "/")+1 {
			return p
		}
	}
	return ""
}
