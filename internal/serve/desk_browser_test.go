package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
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
	writeFile(t, dir, "i18n/uk.yaml", "title: Тест редакції\nkinds: {diplomatic: Дипломатія, military: Військові події, political: Політика, humanitarian: Гуманітарні питання, economic: Економіка}\n")
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
	s := built(t, Options{Build: build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: base}})
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

// fieldID waits for the field labelled label and returns its id.
func fieldID(t *testing.T, ctx context.Context, label string, nth int) string {
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
	return id
}

// deskType types text into the field labelled label.
func deskType(t *testing.T, ctx context.Context, label string, nth int, text string) {
	t.Helper()
	sel := "#" + cssID(fieldID(t, ctx, label, nth))
	// The field is focused here and typed into with KeyEvent: SendKeys
	// queries the node and reads its attributes unlocked while chromedp
	// updates them from the page's DOM events, which -race reports.
	err := errors.New("no such field, or it takes no focus")
	for range 20 {
		focused, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ var e = document.querySelector(`+jsString(sel)+`); if (e) { e.scrollIntoView({block: "center"}); e.focus(); } return !!e && document.activeElement === e; })()`))
		if focused {
			if err = chromedp.Do(ctx, chromedp.KeyEvent(text)); err == nil {
				return
			}
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
	ctx, cancel := context.WithTimeout(browsertest.Start(t), 5*time.Minute)
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
	// It opens on the articles changed last, whose entries open for
	// editing from there, with their translations.
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ var a = Array.prototype.find.call(document.querySelectorAll("a[href*='/collections/recent/entries/']"), function(a){ return a.textContent.indexOf("Talks in Jeddah") >= 0; }); if (a) a.click(); return !!a; })()`)); err != nil || !ok {
		deskFail(t, ctx, "no entry of Talks in Jeddah among the recently changed")
	}
	waitForDesk(t, ctx, "the article opened from the recently changed", `location.hash.indexOf("/collections/recent/entries/2025/talks") > 0 && document.body.innerText.indexOf("Writing in UK") >= 0 && Array.prototype.filter.call(document.querySelectorAll("input"), function(i){ return i.value === "Talks in Jeddah"; }).length === 2`)

	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"admin/#/collections/y2025/new")); err != nil {
		t.Fatal(err)
	}
	deskReplace(t, ctx, "Title", 0, "Strike on Sumy")
	deskReplace(t, ctx, "Date", 0, "2025-03")
	deskType(t, ctx, "Kind", 0, "Military"+kb.Enter)
	deskType(t, ctx, "Actors", 0, "Russia"+kb.Enter)
	deskType(t, ctx, "Actors", 0, "Ukraine"+kb.Enter)
	deskReplace(t, ctx, "Place", 0, "Sumy")
	deskReplace(t, ctx, "Country", 0, "Ukraine")
	deskReplace(t, ctx, "Latitude", 0, "50.9077")
	deskReplace(t, ctx, "Longitude", 0, "34.7981")
	waitForDesk(t, ctx, "the point on the map", `!!document.querySelector('[data-desk-point="50.9077,34.7981"]')`)
	deskReplace(t, ctx, "Injured", 0, "at least 9")
	click(t, ctx, "Add sources")
	deskReplace(t, ctx, "Publisher", 0, "Example News")
	deskReplace(t, ctx, "Link", 0, "https://example.org/sumy")
	deskReplace(t, ctx, "Published", 0, "2025-03-12")
	click(t, ctx, "Publish")
	click(t, ctx, "Publish now")
	waitForDesk(t, ctx, "the save", `document.body.innerText.indexOf("CHANGES SAVED") >= 0`)

	t.Logf("%s: saved", time.Since(start).Round(time.Millisecond))
	// The file is as `new article` writes one, with only what was typed.
	want := `---
title: Strike on Sumy
date: 2025-03
kind: military
actors: [Russia, Ukraine]
location: {name: Sumy, country: Ukraine, lat: 50.9077, lon: 34.7981}
casualties: {injured: {min: 9}}
sources:
  - {publisher: Example News, url: "https://example.org/sumy", date: 2025-03-12}
---
`
	if got := readSite(t, dir, "content/2025/strike-on-sumy.md"); got != want {
		t.Errorf("the saved article is\n%s\nwant\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/2025/strike-on-sumy.uk.md")); err == nil {
		t.Error("a translation nobody wrote was saved")
	}
	// serve rebuilt before the desk was told it saved; check passes.
	if page := httpGet(t, base+"events/strike-on-sumy/"); !strings.Contains(page, "Strike on Sumy") || !strings.Contains(page, "at least 9") {
		t.Errorf("the served page lacks the new article:\n%s", page)
	}
	if _, ds := build.Check(build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}); ds.HasErrors() || len(ds) > 0 {
		t.Errorf("check after the save: %v", ds)
	}

	// The preview is the site's own page of the entry.
	toggle := func(what string) {
		t.Helper()
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ var b = Array.prototype.find.call(document.querySelectorAll("button[title]"), function(b){ return /`+what+`/i.test(b.title); }); if (b) b.click(); return !!b; })()`)); err != nil || !ok {
			deskFail(t, ctx, "no button to toggle "+what)
		}
	}
	toggle("i18n")
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("iframe").length > 0`)); !ok {
		toggle("preview")
	}
	waitForDesk(t, ctx, "the site's page in the preview", `Array.prototype.some.call(document.querySelectorAll("iframe"), function(f){
	  var inner = f.contentDocument && f.contentDocument.querySelector("iframe");
	  var h1 = inner && inner.contentDocument && inner.contentDocument.querySelector("h1");
	  return inner && /\/events\/strike-on-sumy\/$/.test(inner.src) && h1 && h1.textContent.indexOf("Strike on Sumy") >= 0;
	})`)
	toggle("i18n") // the translation beside the original again

	// Beside its translation, the original gets a date that is no day.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"admin/#/collections/y2025/entries/talks")); err != nil {
		t.Fatal(err)
	}
	waitForDesk(t, ctx, "the article and its translation", `document.body.innerText.indexOf("Writing in UK") >= 0 && Array.prototype.some.call(document.querySelectorAll("input"), function(i){ return i.value === "Talks in Jeddah"; })`)
	deskReplace(t, ctx, "Title", 1, "Переговори в Джидді тривають")
	deskReplace(t, ctx, "Date", 0, "2025-02-30")
	t.Logf("%s: typed beside the translation", time.Since(start).Round(time.Millisecond))
	click(t, ctx, "Publish")
	click(t, ctx, "Publish now")
	waitForDesk(t, ctx, "the build's errors in the desk", `(document.getElementById("desk-diagnostics")||{innerText:""}).innerText.indexOf('content/2025/talks.md:3:7: date: "2025-02-30" is not a real day') >= 0`)
	// Nothing typed is lost, and the served site is the last good one.
	if got := readSite(t, dir, "content/2025/talks.md"); !strings.Contains(got, "date: 2025-02-30\n") {
		t.Errorf("the original on disk lost the edit:\n%s", got)
	}
	if got := readSite(t, dir, "content/2025/talks.uk.md"); !strings.Contains(got, "title: Переговори в Джидді тривають\n") || !strings.Contains(got, "translation_of: ") || strings.Contains(got, "kind:") {
		t.Errorf("the translation on disk:\n%s", got)
	}
	if page := httpGet(t, base+"uk/events/talks/"); strings.Contains(page, "тривають") || !strings.Contains(page, "11") {
		t.Errorf("the served site changed after a save that does not build:\n%s", page)
	}

	t.Logf("%s: the errors showed", time.Since(start).Round(time.Millisecond))
	// The API refuses a path out of content/, even from the desk's page.
	refused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async function(){
	  var cfg = JSON.parse(document.getElementById("desk-config").textContent);
	  var r = await fetch(cfg.backend.proxy_url, {method: "POST", headers: {"Content-Type": "application/json"},
	    body: JSON.stringify({action: "persistEntry", params: {branch: "main", entry: {slug: "x", path: "content/../timeline.yaml", raw: "{}"}, assets: [], options: {}}})});
	  return r.status + " " + (await r.json()).error;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(refused, "403 ") {
		t.Errorf("a path out of content/: %q, %v", refused, err)
	}

	// A page of another origin, which may know the token, is refused.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "<!DOCTYPE html><title>elsewhere</title>")
	}))
	defer other.Close()
	token, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.parse(document.getElementById("desk-config").textContent).backend.proxy_url`))
	// In a tab of its own: the desk's tab holds unsaved changes, and
	// would ask before it is left.
	tab, closeTab := chromedp.NewContext(ctx)
	defer closeTab()
	if err := chromedp.Do(tab, chromedp.Navigate(other.URL)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`fetch(`+jsString(strings.TrimSuffix(base, "/")+token)+`, {method: "POST", mode: "no-cors", body: JSON.stringify({action: "persistEntry", params: {branch: "main", entry: {slug: "evil", path: "content/evil.md", raw: "{\"title\": \"x\"}\n"}, assets: [], options: {}}})}).then(function(){ return true; }, function(){ return true; })`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/evil.md")); err == nil {
		t.Error("a page of another origin wrote content/evil.md")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(foreign) > 0 {
		t.Errorf("the desk loaded from other hosts: %v", foreign)
	}
}

// deskReplace replaces the text of a field.
func deskReplace(t *testing.T, ctx context.Context, label string, nth int, text string) {
	t.Helper()
	id := fieldID(t, ctx, label, nth)
	// Keys can be lost while the form renders: type until the field
	// holds the text, giving the form longer to settle each time (on a
	// loaded machine five tries in a row were not enough).
	var v string
	for try := range 6 {
		time.Sleep(time.Duration(try*try) * 50 * time.Millisecond)
		_, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){ var e = document.getElementById(`+jsString(id)+`); e.scrollIntoView({block: "center"}); e.focus(); e.select(); return true; })()`))
		deskType(t, ctx, label, nth, text)
		if v, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById(`+jsString(id)+`).value`)); v == text {
			return
		}
	}
	deskFail(t, ctx, fmt.Sprintf("could not type %q into %s: it holds %q", text, label, v))
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}
