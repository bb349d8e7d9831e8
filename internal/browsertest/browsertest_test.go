package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/chromedp"
)

// The browser Start gives runs pages, and a step's deadline stops only
// that step.
func TestStartRunsAPage(t *testing.T) {
	ctx := Start(t)
	for range 2 {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		n, err := chromedp.Run(sctx, chromedp.Evaluate[int](`1 + 1`))
		cancel()
		if err != nil || n != 2 {
			t.Fatalf("1 + 1 = %d, %v", n, err)
		}
	}
}

// Tabs of a Shared browser are as separate as browsers of their own: what
// a page stores in one is not in the other, and each has the 1280×900
// window Start gives.
func TestSharedTabsAreSeparate(t *testing.T) {
	var s Shared
	defer s.Close()
	a, b := s.Tab(t), s.Tab(t)
	for _, ctx := range []context.Context{a, b} {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		size, err := chromedp.Run(sctx, chromedp.Evaluate[[]int](`[innerWidth, outerHeight]`))
		cancel()
		if err != nil || len(size) != 2 || size[0] != 1280 || size[1] != 900 {
			t.Errorf("window %v, %v; want 1280×900", size, err)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><title>t</title>")
	}))
	defer srv.Close()
	sctx, cancel := context.WithTimeout(a, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(sctx, chromedp.Evaluate[chromedp.Void](`localStorage.setItem("k", "a"); document.cookie = "c=a"`)); err != nil {
		t.Fatal(err)
	}
	sctx, cancel = context.WithTimeout(b, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(sctx, chromedp.Evaluate[string](`(localStorage.getItem("k") || "") + document.cookie`))
	if err != nil || got != "" {
		t.Errorf("the second tab sees %q (%v) of what the first stored", got, err)
	}
}

// A Shared browser is Chromium's headless shell, which has no browser
// windows to draw (shellPath says what that saves).
func TestSharedIsTheHeadlessShell(t *testing.T) {
	if _, err := exec.LookPath("chromium-headless-shell"); err != nil {
		Require(t, "Chromium's headless shell", "apt-get install -y chromium-headless-shell")
	}
	var s Shared
	defer s.Close()
	ctx, cancel := context.WithTimeout(s.Tab(t), 30*time.Second)
	defer cancel()
	var v browser.GetVersionResult
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) (err error) {
		v, err = cdp.Call(ctx, chromedp.FromContext(ctx).Browser, browser.GetVersion, cdp.Empty{})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v.Product, "HeadlessChrome/") {
		t.Errorf("the shared browser is %s, want the headless shell (HeadlessChrome/...)", v.Product)
	}
}

// No tab keeps the CSS domain on (disableCSS says what it costs): a page's
// style sheet is not reported to the test.
func TestTabsHaveNoCSSDomain(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><title>t</title><style>p { color: red }</style><p>p")
	}))
	defer srv.Close()
	var s Shared
	defer s.Close()
	for name, ctx := range map[string]context.Context{"Start": Start(t), "Shared": s.Tab(t)} {
		var sheets atomic.Int64
		if err := chromedp.Listen(ctx, func(ev any) {
			if _, ok := ev.(*css.EventStyleSheetAdded); ok {
				sheets.Add(1)
			}
		}); err != nil {
			t.Fatal(err)
		}
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(sctx, chromedp.Navigate(srv.URL))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if n := sheets.Load(); n != 0 {
			t.Errorf("%s: %d style sheets reported: the tab's CSS domain is on", name, n)
		}
	}
}
