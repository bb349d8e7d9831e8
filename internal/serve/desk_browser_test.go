package serve

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/browsertest"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

// deskSite is a two-language site with one article and its translation.
func deskSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "timeline.yaml", "title: Desk test\nlanguages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n")
	writeFile(t, dir, "content/2025/talks.md", "---\ntitle: Talks in Jeddah\ndate: 2025-03-11\nkind: diplomatic\nactors: [Ukraine, United States]\nlocation: {name: Jeddah, country: Saudi Arabia}\n---\nThe talks began.\n")
	if _, err := scaffold.NewTranslation(dir, "uk", "content/2025/talks.md"); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runDesk serves the site at dir with its desk, as `serve` does on
// loopback, and returns the server and its address.
func runDesk(t *testing.T, dir string) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/"
	s := New(Options{Build: build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: base}})
	if _, ds, _ := s.Rebuild(nil); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	s.EnableDesk(DeskHosts(ln.Addr().(*net.TCPAddr), ""))
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return s, base
}

// fieldJS finds the input of the desk's form field whose label starts
// with label; nth counts from the end when negative (the last "Title" is
// a source's, the first the article's).
const fieldJS = `(function(label, nth){
  var ls = Array.prototype.filter.call(document.querySelectorAll("label"), function(l){ return l.textContent.trim().indexOf(label) === 0 && l.offsetParent !== null; });
  var l = ls[nth < 0 ? ls.length + nth : nth];
  if (!l) return "";
  return l.htmlFor || "";
})`

// deskType types text into the field labelled label.
func deskType(t *testing.T, ctx context.Context, label string, nth int, text string) {
	t.Helper()
	var id string
	deadline := time.Now().Add(10 * time.Second)
	for id == "" && time.Now().Before(deadline) {
		id, _ = chromedp.Run(ctx, chromedp.Evaluate[string](fieldJS+`(`+jsString(label)+`,`+itoa(nth)+`)`))
		if id == "" {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if id == "" {
		deskFail(t, ctx, "no field labelled "+label)
	}
	sel := "#" + cssID(id)
	var err error
	for range 20 {
		_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ var e = document.querySelector(`+jsString(sel)+`); if (e) { e.scrollIntoView({block: "center"}); e.focus(); } return !!e; })()`))
		if err = chromedp.Do(ctx, chromedp.SendKeys(sel, text)); err == nil {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	deskFail(t, ctx, "type into "+label+": "+err.Error())
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	return string(rune('0' + n))
}

func cssID(id string) string { return strings.NewReplacer(".", `\.`, ":", `\:`).Replace(id) }

// click clicks the first button whose text starts with text.
func click(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	waitForDesk(t, ctx, "a button "+text, `Array.prototype.some.call(document.querySelectorAll("button, [role=button], [role=menuitem], a"), function(b){ return b.textContent.trim().indexOf(`+jsString(text)+`) === 0 && b.offsetParent !== null; })`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ var b = Array.prototype.find.call(document.querySelectorAll("button, [role=button], [role=menuitem], a"), function(b){ return b.textContent.trim().indexOf(`+jsString(text)+`) === 0 && b.offsetParent !== null; }); b.click(); return true; })()`)); err != nil {
		deskFail(t, ctx, "click "+text+": "+err.Error())
	}
}

func waitForDesk(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	deskFail(t, ctx, "timed out waiting for "+what)
}

// deskFail stops the test with a screenshot and the page's text.
func deskFail(t *testing.T, ctx context.Context, msg string) {
	t.Helper()
	if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		p := filepath.Join(os.TempDir(), strings.ReplaceAll(t.Name(), "/", "_")+".png")
		if os.WriteFile(p, shot, 0o644) == nil {
			msg += "\nscreenshot: " + p
		}
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	t.Fatalf("%s\nthe page says:\n%s", msg, text)
}

func readSite(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDeskInTheBrowser drives the desk in a real headless Chromium:
// create an article through the form, see it on disk in the shape of
// `new article` and in the served site; then break the date beside a
// translation and see the build's errors in the desk while the site
// stays as it was.
func TestDeskInTheBrowser(t *testing.T) {
	ctx, cancel := context.WithTimeout(browsertest.Start(t), 3*time.Minute)
	defer cancel()
	dir := deskSite(t)
	_, base := runDesk(t, dir)

	// Nothing the desk loads comes from another host.
	var mu sync.Mutex
	var foreign []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			u := e.Request.URL
			if !strings.HasPrefix(u, base) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
				mu.Lock()
				foreign = append(foreign, u)
				mu.Unlock()
			}
		}
	}); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"admin/")); err != nil {
		t.Fatal(err)
	}
	waitForDesk(t, ctx, "the desk's collections", `document.body.innerText.indexOf("Talks in Jeddah") >= 0`)
	t.Logf("the desk opened with its entries in %s", time.Since(start).Round(time.Millisecond))

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"admin/#/collections/y2025/new")); err != nil {
		t.Fatal(err)
	}
	deskType(t, ctx, "Title", 0, "Strike on Sumy")
	deskType(t, ctx, "Date", 0, "2025-03")
	deskType(t, ctx, "Kind", 0, "Military"+kb.Enter)
	deskType(t, ctx, "Actors", 0, "Russia"+kb.Enter)
	deskType(t, ctx, "Actors", 0, "Ukraine"+kb.Enter)
	deskType(t, ctx, "Place", 0, "Sumy")
	deskType(t, ctx, "Country", 0, "Ukraine")
	deskType(t, ctx, "Latitude", 0, "50.9077")
	deskType(t, ctx, "Longitude", 0, "34.7981")
	deskType(t, ctx, "Injured", 0, "at least 9")
	click(t, ctx, "Add sources")
	deskType(t, ctx, "Publisher", 0, "Example News")
	deskType(t, ctx, "Link", 0, "https://example.org/sumy")
	deskType(t, ctx, "Published", 0, "2025-03-12")
	click(t, ctx, "Publish")
	click(t, ctx, "Publish now")
	waitForDesk(t, ctx, "the save", `document.body.innerText.indexOf("CHANGES SAVED") >= 0`)
	t.Log(readSite(t, dir, "content/2025/strike-on-sumy.md"))
	if _, err := os.Stat(filepath.Join(dir, "content/2025/strike-on-sumy.uk.md")); err == nil {
		t.Log(readSite(t, dir, "content/2025/strike-on-sumy.uk.md"))
	}
	deskFail(t, ctx, "explore")
}
