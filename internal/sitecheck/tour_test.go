package sitecheck

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/timelinegen/timelinegen/internal/browsertest"
)

// A visit is what one page of a site showed in Chromium, opened as a
// reader opens it at a desktop's width: its visual timeline drawn and an
// entry selected, the search page with results, scrolled to its end so
// that lazy images load.
type visit struct {
	page     string
	requests []string       // every URL the page asked for
	axe      []axeViolation // axe-core's serious and critical findings; axed pages only
	axed     bool           // axe checked the page (axePages)
	dark     []axeViolation // the same in the dark color scheme, where inTheDark
	darkAxed bool
}

// tour loads each page the page-by-page checks of the desktop read (every
// layout in every language, the pages with the visual timeline) once, for
// the site, and returns the visits in order. A load costs Chromium 0.1 to
// 0.2 CPU-seconds whatever is checked (a load of robots.txt, 0.09), and
// accessibility, third-party requests and the widget's requests were three
// loads of the same pages.
func (s *site) tour(t *testing.T) []visit {
	t.Helper()
	axeJS := validatorFile(t, "axe-core/axe.min.js") // skips loudly, outside the Once
	browsertest.Path(t)
	s.tourOnce.Do(func() { s.visits, s.tourErr = takeTour(t, s, axeJS) })
	if s.tourErr != nil {
		t.Fatal(s.tourErr)
	}
	if s.visits == nil {
		t.Fatal("the tour of the site's pages stopped in the test that took it")
	}
	return s.visits
}

func takeTour(t *testing.T, s *site, axeJS string) ([]visit, error) {
	src, err := os.ReadFile(axeJS)
	if err != nil {
		return nil, err
	}
	axed := axePages(s)
	pages := axed
	for _, p := range visualPages(s) {
		if !slices.Contains(pages, p) {
			pages = append(pages, p)
		}
	}
	out := make([]visit, len(pages))
	errs := make([]error, len(pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(tourTabs, len(pages)) {
		ctx := browser(t)
		reqs := recordRequests(t, ctx)
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pages) {
					return
				}
				page := pages[i]
				isAxed := slices.Contains(axed, page)
				v, err := visitPage(ctx, s, page, isAxed, isAxed && inTheDark(s, page), string(src), reqs)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %v", page, err)
					return
				}
				out[i] = v
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// tourTabs is how many tabs take a site's tour at once, each page in one
// of them (its requests recorded by its tab). A visit mostly waits: for
// lazy loads, the visual timeline's frames and fetches, the scroll's
// pauses. One tab took the languages site's tour in 110 of the package's
// 129 s, its longest test by far.
const tourTabs = 3

func visitPage(ctx context.Context, s *site, page string, axed, dark bool, axeJS string, reqs *requests) (visit, error) {
	v := visit{page: page, axed: axed, darkAxed: dark}
	// axe's two runs on a large site's home page took longer than a
	// minute once, with make test's other packages on both cores: the
	// limit is for a page that hangs, not a slow machine.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := openAsAReader(ctx, s, page); err != nil {
		return v, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](settle, chromedp.EvalAwaitPromise)); err != nil {
		return v, err
	}
	v.requests = reqs.take()
	if !axed {
		return v, nil
	}
	if err := injectAxe(ctx, axeJS); err != nil {
		return v, err
	}
	var err error
	if v.axe, err = runAxe(ctx, ""); err != nil || !dark {
		return v, err
	}
	// The reader's system turns dark: the stylesheet follows at once,
	// the widget at its next frame.
	if err := chromedp.Do(ctx, colorScheme("dark")); err != nil {
		return v, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))`, chromedp.EvalAwaitPromise)); err != nil {
		return v, err
	}
	v.dark, err = runAxe(ctx, darkRules)
	return v, err
}

// openAsAReader opens the page in the light color scheme as a reader uses it:
// its visual timeline drawn with an entry selected (its data is fetched
// as the reader moves), the search page with the results of a word of
// the first entry's title.
func openAsAReader(ctx context.Context, s *site, page string) error {
	u := s.url(page)
	search := strings.HasSuffix(page, "search/index.html")
	if search {
		word, err := firstTitleWord(s)
		if err != nil {
			return err
		}
		u += "?q=" + url.QueryEscape(word)
	}
	if err := chromedp.Do(ctx, colorScheme("light"), chromedp.Navigate(u)); err != nil {
		return err
	}
	if strings.Contains(string(s.files[page]), `class="vt"`) {
		if !waitFor(ctx, `!!document.querySelector('.vt[data-vt-ready]')`, 10*time.Second) {
			return fmt.Errorf("the visual timeline was not drawn")
		}
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(".vt-view")), chromedp.KeyEvent(kb.ArrowRight), chromedp.Sleep(300*time.Millisecond)); err != nil {
			return err
		}
	}
	// When no results show, the page is checked as it is: the search
	// tests say why.
	if search {
		waitFor(ctx, `document.querySelectorAll('main a[href*="/events/"]').length > 0`, 10*time.Second)
	}
	return nil
}
