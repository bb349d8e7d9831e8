package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

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
