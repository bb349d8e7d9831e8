package sitecheck

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen/internal/browsertest"
)

// chromium is the one Chromium of the package's tests, started by the
// first that needs it and stopped by TestMain: twenty starts cost more
// processor time than the pages of most of these tests.
var chromium browsertest.Shared

// browser gives the test a tab in a browser context of its own (its own
// cache, cookies and storage), or skips it loudly.
func browser(t testing.TB) context.Context { return chromium.Tab(t) }

// step bounds one step of a browser test.
func step(t testing.TB, ctx context.Context, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, d)
	t.Cleanup(cancel)
	return ctx
}

// colorScheme makes the page prefer a light or a dark color scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// waitFor evaluates a JavaScript condition until it holds or d passes.
func waitFor(ctx context.Context, js string, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}
