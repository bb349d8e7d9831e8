package serve

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen/internal/browsertest"
)

// TestDeskScreenshots takes the screenshots of docs/desk.md, of the
// repository's sample timeline, when DESK_SHOTS names the folder to write
// them to: DESK_SHOTS=$PWD/docs go test -run TestDeskScreenshots ./internal/serve/
func TestDeskScreenshots(t *testing.T) {
	out := os.Getenv("DESK_SHOTS")
	if out == "" {
		t.Skip("set DESK_SHOTS to a folder to take the desk's screenshots")
	}
	ctx, cancel := context.WithTimeout(browsertest.Start(t), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	// The sample timeline of the repository.
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	yml, err := os.ReadFile("../../timeline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "timeline.yaml", string(yml))
	_, base := runDesk(t, dir)
	shot := func(name string) {
		time.Sleep(1500 * time.Millisecond)
		b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	navigate := func(url string) {
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
	}
	navigate(base + "admin/")
	waitForDesk(t, ctx, "list", `document.body.innerText.indexOf("Jeddah") >= 0`)
	shot("desk-list.png")
	navigate("about:blank")
	navigate(base + "admin/#/collections/y2025/entries/03/jeddah-talks")
	waitForDesk(t, ctx, "entry", `document.body.innerText.indexOf("Writing in UK") >= 0`)
	shot("desk-translation.png")
	// Without the translation beside it, the preview: the site's page.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ var b = document.querySelector("[title*='i18n' i]"); if (b) b.click(); return !!b; })()`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.prototype.map.call(document.querySelectorAll("button[title]"), function(b){ if (/preview/i.test(b.title)) b.click(); return b.title; }).join(",")`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * time.Second)
	shot("desk-preview.png")
	deskReplace(t, ctx, "Date", 0, "2025-02-30")
	click(t, ctx, "Publish")
	click(t, ctx, "Publish now")
	waitForDesk(t, ctx, "errors", `!!document.getElementById("desk-diagnostics")`)
	shot("desk-errors.png")
}
