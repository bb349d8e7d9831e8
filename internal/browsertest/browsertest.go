// Package browsertest starts the headless Chromium that the browser tests
// of every package drive, and says loudly when a tool they need is
// missing: such a test skips, or fails with REQUIRE_BROWSER=1, as in CI.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
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

// shellPath is Chromium's headless shell when it is installed, else the
// Chromium of Path. The shell is the same Blink and V8 without the
// browser's windows (tab strip, toolbar, loading throbber), which the
// full browser draws and composites for every tab even when headless:
// internal/sitecheck took 176 and 186 CPU-s in it against 254 and 251 in
// the full browser (TestNoPageWiderThanAPhone alone 41 against 66).
func shellPath(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("chromium-headless-shell"); err == nil {
		return p
	}
	return Path(t)
}

// launch starts a headless Chromium with a 1280×900 window and its profile
// in dir, and returns the context of its first tab, on about:blank.
func launch(path, dir string) (context.Context, context.CancelFunc, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// A frame of another site is a process (and a target) of its
		// own, as in a reader's browser: the full browser isolates sites
		// whatever chromedp's defaults say, the headless shell only when
		// asked.
		chromedp.Flag("site-per-process", true),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(dir),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	stop := func() { cancelTab(); cancelAlloc() }
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), disableCSS); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start Chromium: %v", err)
	}
	return ctx, stop, nil
}

// disableCSS turns off the CSS domain that chromedp enables in every tab:
// no test asks it anything (they read styles with getComputedStyle), and
// while it is on, Blink reports every style sheet of every frame and keeps
// track of them, a sixth of Chromium's processor time for the pages of
// TestNoPageWiderThanAPhone.
var disableCSS = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	return t.Call(ctx, "CSS.disable", cdp.Empty{}, nil)
})

// Start starts a headless Chromium of its own for the test (the headless
// shell when installed, as Shared), with a 1280×900 window, and returns
// the context of its first tab; the browser
// stops when the test ends. The context has no deadline: bound each step
// with context.WithTimeout, since a deadline on the first run would stop
// the whole browser.
func Start(t testing.TB) context.Context {
	t.Helper()
	ctx, stop, err := launch(shellPath(t), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return ctx
}

// Shared is one headless Chromium for many tests, started by the first
// that asks: each test gets a tab in a browser context of its own (its
// own cache, cookies and storage), as if it had started the browser
// itself, without the processor time of a start. It is the headless shell
// when installed (shellPath). The zero Shared is ready; Close it when the
// tests are done (in TestMain).
type Shared struct {
	mu   sync.Mutex
	ctx  context.Context // the browser's first tab, once started
	stop context.CancelFunc
	dir  string // its profile
	err  error
}

// Tab returns the context of a new tab, in a browser context of its own
// that is disposed of when the test ends; like Start's, it has no
// deadline.
func (s *Shared) Tab(t testing.TB) context.Context {
	t.Helper()
	path := shellPath(t)
	s.mu.Lock()
	if s.ctx == nil && s.err == nil {
		if s.dir, s.err = os.MkdirTemp("", "browsertest-"); s.err == nil {
			s.ctx, s.stop, s.err = launch(path, s.dir)
		}
	}
	parent, err := s.ctx, s.err
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), disableCSS); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

// Close stops the browser, if a test started it, and removes its profile.
func (s *Shared) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		s.stop()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}
