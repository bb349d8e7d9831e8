// Package browsertest starts the headless Chromium that the browser tests
// of every package drive, and says loudly when a tool they need is
// missing: such a test skips, or fails with REQUIRE_BROWSER=1, as in CI.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Require skips the test loudly, or fails it with REQUIRE_BROWSER=1, for
// a missing tool; install says how to get it.
func Require(t testing.TB, what, install string) {
	t.Helper()
	if os.Getenv("REQUIRE_BROWSER") == "1" {
		t.Fatalf("REQUIRE_BROWSER=1 but %s is missing (%s)", what, install)
	}
	t.Skipf("\n\n*** SKIPPED: %s is missing; %s did not run (%s) ***\n", what, t.Name(), install)
}

// Path is the Chromium to drive; without one the test skips or fails.
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Require(t, "Chromium", "apt-get install -y chromium")
	return ""
}

// Start starts a headless Chromium of its own for the test, with a
// 1280×900 window, and returns the context of its first tab; the browser
// stops when the test ends. The context has no deadline: bound each step
// with context.WithTimeout, since a deadline on the first run would stop
// the whole browser.
func Start(t testing.TB) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}
