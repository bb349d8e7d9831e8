package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen/internal/browsertest"
)

// browser starts a headless Chromium for the test, or skips it loudly,
// bounded as a whole: a serve test is a few steps.
func browser(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(browsertest.Start(t), 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitFor evaluates a JavaScript condition until it holds.
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	html, _ := chromedp.Run(ctx, chromedp.OuterHTML("body"))
	t.Fatalf("timed out waiting for %s; the page body is:\n%s", what, html)
}

// waitForClients waits until a page listens for rebuilds.
func waitForClients(t *testing.T, s *Server) {
	t.Helper()
	for range 300 {
		s.mu.Lock()
		n := len(s.clients)
		s.mu.Unlock()
		if n > 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the page never opened its live-reload connection")
}

// TestBrowserReloadsOnSaveAndShowsErrors drives a real headless Chromium:
// open an entry page, edit its file, see the page reload with the change;
// break the file, see the overlay; fix it, see the overlay go.
func TestBrowserReloadsOnSaveAndShowsErrors(t *testing.T) {
	ctx := browser(t)
	dir := newSite(t)
	s := newServer(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(run(t, s)+"events/talks/")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Text("h1"))
	if err != nil {
		t.Fatal(err)
	}
	if title != "Talks in Jeddah" {
		t.Fatalf("h1 = %q", title)
	}
	// Mark this page load: a reload replaces the window and its marker.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.loadMarker = 1`)); err != nil {
		t.Fatal(err)
	}
	waitForClients(t, s)

	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah resume\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks resumed.\n")
	waitFor(t, ctx, "the page to reload with the new title", `document.querySelector("h1").textContent === "Talks in Jeddah resume" && window.loadMarker === undefined`)

	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah resume\ndate: 2025-02-30\nkind: diplomatic\n---\nThe talks resumed.\n")
	waitFor(t, ctx, "the error overlay", `(document.getElementById("timelinegen-errors")||{}).textContent?.includes("content/talks.md:3:7: date: \"2025-02-30\" is not a real day")`)
	if h1, err := chromedp.Run(ctx, chromedp.Text("h1")); err != nil || !strings.Contains(h1, "Talks in Jeddah resume") {
		t.Fatalf("the last good page should stay under the overlay; h1 = %q, %v", h1, err)
	}

	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah end\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks ended.\n")
	waitFor(t, ctx, "the overlay to go and the fix to show", `!document.getElementById("timelinegen-errors") && document.querySelector("h1").textContent === "Talks in Jeddah end"`)
}

// openTalks serves a new site and opens its entry page in Chromium, which
// listens for rebuilds; it returns the tab and the site's folder.
func openTalks(t *testing.T) (context.Context, string) {
	ctx := browser(t)
	dir := newSite(t)
	s := newServer(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(run(t, s)+"events/talks/")); err != nil {
		t.Fatal(err)
	}
	waitForClients(t, s)
	return ctx, dir
}

// TestBrowserShowsWarnings drives headless Chromium: a typo that only
// warns (loaction:) shows in the page, marked as a warning and with its
// file, line and "did you mean", over a page that stays readable; many
// warnings fold behind their count; a save without them clears the box.
func TestBrowserShowsWarnings(t *testing.T) {
	ctx, dir := openTalks(t)

	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah\ndate: 2025-03-11\nkind: diplomatic\nloaction: {name: Jeddah}\n---\nThe talks began.\n")
	waitFor(t, ctx, "the warning in the page", `(() => {
		const box = document.getElementById("timelinegen-warnings");
		if (!box) return false;
		const text = box.textContent, r = box.getBoundingClientRect();
		return text.includes("1 warning") && text.includes("content/talks.md:5:1: warning: unknown key \"loaction\"") &&
			text.includes("location") && box.querySelector("details").open && r.height < innerHeight / 2;
	})()`)

	var many strings.Builder
	many.WriteString("---\ntitle: Talks in Jeddah\ndate: 2025-03-11\nkind: diplomatic\n")
	for _, k := range []string{"loaction", "sumary", "actor", "tag", "sorces"} {
		many.WriteString(k + ": x\n")
	}
	many.WriteString("---\nThe talks began.\n")
	writeFile(t, dir, "content/talks.md", many.String())
	waitFor(t, ctx, "many warnings folded", `(() => {
		const box = document.getElementById("timelinegen-warnings");
		return !!box && box.textContent.includes("5 warnings") && !box.querySelector("details").open;
	})()`)

	// A broken save shows the errors, and the warnings under them.
	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah\ndate: 2025-02-30\nkind: diplomatic\nloaction: {name: Jeddah}\n---\nThe talks began.\n")
	waitFor(t, ctx, "errors with the warning under them", `(() => {
		const o = document.getElementById("timelinegen-errors");
		return !!o && o.textContent.includes("is not a real day") && o.querySelector("details.timelinegen-warnings").textContent.includes("loaction");
	})()`)

	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah end\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks ended.\n")
	waitFor(t, ctx, "the box to go", `!document.getElementById("timelinegen-warnings") && !document.getElementById("timelinegen-errors") && document.querySelector("h1").textContent === "Talks in Jeddah end"`)
}
