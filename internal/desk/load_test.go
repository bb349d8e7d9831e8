package desk_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/browsertest"
	"github.com/timelinegen/timelinegen/internal/desk"
)

// TestDeskOpensALargeSite measures how long the desk takes to show the
// newest year's entries of a site of DESK_ARTICLES articles (the
// benchmark site of cmd/benchgen; 10000 in docs/performance.md), cold
// (the first load of the bundle) and warm; it fails over 2 seconds warm.
// It runs only when DESK_ARTICLES is set: writing the site takes a while.
func TestDeskOpensALargeSite(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DESK_ARTICLES"))
	if n == 0 {
		t.Skip("set DESK_ARTICLES=10000 to measure the desk on a large site")
	}
	dir := t.TempDir()
	if err := benchsite.Write(dir, benchsite.Options{Articles: n}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// serve gives the names from the site it built: no reading of every
	// article while the desk opens.
	d := desk.New(desk.Options{Source: dir, Hosts: []string{ln.Addr().String()}, Names: func() (desk.Names, bool) { return desk.Names{}, true }})
	srv := &http.Server{Handler: d}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	stored, unpacked := desk.BundleSize()
	t.Logf("the CMS bundle: %.1f MB sent (gzipped), %.1f MB unpacked", float64(stored)/1e6, float64(unpacked)/1e6)

	ctx, cancel := context.WithTimeout(browsertest.Start(t), 3*time.Minute)
	defer cancel()
	open := func() time.Duration {
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+desk.AdminPath)); err != nil {
			t.Fatal(err)
		}
		for time.Since(start) < time.Minute {
			// An entry card of the first (newest) year's collection.
			if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll("a[href*='/entries/']").length > 0`)); ok {
				took := time.Since(start)
				// Where the time went, for the report.
				steps, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType("resource").map(function(r){ return r.name.replace(location.origin, "").slice(0, 40) + " " + Math.round(r.startTime) + "–" + Math.round(r.responseEnd) + " ms, " + r.encodedBodySize + " B"; }).join("\n") + "\nentries shown at " + Math.round(performance.now()) + " ms"`))
				t.Log(steps)
				return took
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal("the desk did not show the entries within a minute")
		return 0
	}
	cold := open()
	warm := open()
	t.Logf("%d articles: the desk shows the newest year's entries in %s cold, %s warm", n, cold.Round(time.Millisecond), warm.Round(time.Millisecond))
	if warm > 2*time.Second {
		t.Errorf("the desk took %s to open, more than 2 s", warm)
	}
}
