package sitecheck

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// screenshotFile is the README's picture of the sample's home page.
var screenshotFile = filepath.Join(repoRoot, "docs", "screenshot.png")

// TestScreenshot opens the sample's home page at 1366×900 in headless
// Chromium, as docs/screenshot.png shows it: the language switcher, the
// status counts, the filter bar with its status menu and the visual
// timeline are in the window, above the first entries. With
// UPDATE_SCREENSHOT=1 (make screenshot) it writes docs/screenshot.png
// from what it sees; always, the picture in docs/ has this size.
func TestScreenshot(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := siteNamed(t, "sample")
	sctx := step(t, ctx, 60*time.Second)
	if err := chromedp.Do(sctx, viewport(1366, 900, false), colorScheme("light"), chromedp.Navigate(s.url("index.html"))); err != nil {
		t.Fatal(err)
	}
	if !waitFor(sctx, `!!document.querySelector('.vt[data-vt-ready]') && !!document.querySelector('form.filters select[name=status]')`, 20*time.Second) {
		t.Fatal("the visual timeline or the filters are not drawn")
	}
	missing, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](`(() => {
		const inView = q => { const e = document.querySelector(q); if (!e) return false; const r = e.getBoundingClientRect();
			return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; };
		return ['nav.languages', '.status-counts', 'form.filters select[name=status]', '.vt canvas', '.entries .entry-title']
			.filter(q => !inView(q));
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("not in the window of the screenshot: %v", missing)
	}
	if os.Getenv("UPDATE_SCREENSHOT") == "1" {
		// Let the canvas settle, and no caret or focus ring show.
		time.Sleep(300 * time.Millisecond)
		shot, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(screenshotFile, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", screenshotFile, len(shot))
	}
	b, err := os.ReadFile(screenshotFile)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 1366 || cfg.Height != 900 {
		t.Errorf("%s: %dx%d (%v), want a 1366x900 PNG: run make screenshot", screenshotFile, cfg.Width, cfg.Height, err)
	}
}
