package sitecheck

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
)

// TestRelativeSiteWorksAnywhere builds the sample site without an address
// (base_url "/") and opens it in Chromium from file:// and under a deep
// sub-path of a server: each time the stylesheet applies, following the
// site title, the navigation and an entry's links lands on pages of the
// site, and on the server search finds entries.
func TestRelativeSiteWorksAnywhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if _, ds, err := build.Build(build.Options{Source: repoRoot, Theme: timelinegen.Theme, Generator: "sitecheck", BaseURL: "/"}, dir); err != nil {
		t.Fatalf("build: %v\n%v", err, ds)
	}
	const sub = "/relative/deep/sub/path/"
	mux.Handle(sub, http.StripPrefix(sub, http.FileServer(http.Dir(dir))))
	ctx := browser(t)
	for _, root := range []string{"file://" + filepath.ToSlash(dir) + "/", server.URL + sub} {
		t.Run(strings.SplitN(root, ":", 2)[0], func(t *testing.T) {
			start := root + "events/jeddah-talks/index.html"
			sctx := step(t, ctx, time.Minute)
			if err := chromedp.Do(sctx, chromedp.Navigate(start)); err != nil {
				t.Fatalf("open %s: %v", start, err)
			}
			links, err := chromedp.Run(sctx, chromedp.Evaluate[[]string](`[
				document.querySelector('.site-title').href,
				...[...document.querySelectorAll('.site-nav a, .facts a, .breadcrumbs a')].map(a => a.href)]`))
			if err != nil || len(links) < 5 {
				t.Fatalf("links of %s: %v %v", start, links, err)
			}
			for _, link := range append([]string{start}, links...) {
				if !strings.HasPrefix(link, root) {
					t.Errorf("%s links to %s, outside the site at %s", start, link, root)
					continue
				}
				if err := chromedp.Do(sctx, chromedp.Navigate(link)); err != nil {
					t.Errorf("open %s: %v", link, err)
					continue
				}
				// The theme sets the body's margin to 0 (a browser's is 8px)
				// and every page has its <main>.
				ok, err := chromedp.Run(sctx, chromedp.Evaluate[bool](`!!document.querySelector('main#main') && getComputedStyle(document.body).marginTop === '0px'`))
				if err != nil || !ok {
					t.Errorf("%s: not a page of the site with its stylesheet (%v)", link, err)
				}
			}
			if strings.HasPrefix(root, "file:") {
				return // browsers do not let a page fetch files, so search needs a server
			}
			if err := chromedp.Do(sctx, chromedp.Navigate(root+"search/?q=jeddah")); err != nil {
				t.Fatal(err)
			}
			if !waitFor(sctx, `document.querySelectorAll('#search-results li a[href*="events/"]').length > 0`, 20*time.Second) {
				t.Error("search under a sub-path found nothing for \"jeddah\"")
			}
		})
	}
}
