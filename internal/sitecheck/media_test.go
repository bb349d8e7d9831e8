package sitecheck

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// requests records every request a page makes; requests to any host but
// the test server are blocked, so that none leaves the machine.
type requests struct {
	mu   sync.Mutex
	urls []string
}

func (r *requests) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	u := r.urls
	r.urls = nil
	return u
}

func recordRequests(t *testing.T, ctx context.Context) *requests {
	t.Helper()
	r := &requests{}
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			r.mu.Lock()
			r.urls = append(r.urls, e.Request.URL)
			r.mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
			{URLPattern: "http://127.0.0.1:*/*", Block: false},
			{URLPattern: "*://*/*", Block: true},
		}})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// settle scrolls a page to its end, so that lazy images load, and waits.
const settle = `new Promise(r => { window.scrollTo(0, document.body.scrollHeight); setTimeout(() => { window.scrollTo(0, 0); setTimeout(r, 300) }, 300) })`

// TestNoThirdPartyRequests reads the site's tour: every page of a layout
// in every language, and each page of the media site that shows media, as
// a reader opens it (the visual timeline drawn and moved, so that it
// fetches its data; the page scrolled to its end, so that lazy images
// load) asks for nothing outside the site: videos are placeholders until
// clicked.
func TestNoThirdPartyRequests(t *testing.T) {
	t.Parallel() // mostly waiting for lazy loads: it overlaps the others
	forEachSiteAtOnce(t, func(t *testing.T, s *site) {
		visits := s.tour(t)
		for _, v := range visits {
			for _, u := range v.requests {
				if !strings.HasPrefix(u, server.URL+"/") && !strings.HasPrefix(u, "data:") {
					t.Errorf("%s requests %s, outside the site", v.page, u)
				}
			}
		}
		t.Logf("%d pages, no request outside the site", len(visits))
	})
}

var clearImage = regexp.MustCompile(`/media/[0-9a-f]{16}-[0-9]+\.jpg$`)

// TestSensitiveImageLoadsOnlyWhenAsked opens a page whose only photo is
// sensitive: the browser fetches the blurred stand-in, and the clear photo
// only once the reader opens "Show image".
func TestSensitiveImageLoadsOnlyWhenAsked(t *testing.T) {
	ctx := browser(t)
	reqs := recordRequests(t, ctx)
	s := mediaSite(t)
	sctx := step(t, ctx, 30*time.Second)
	if err := chromedp.Do(sctx, chromedp.Navigate(s.url("events/graphic/index.html"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(sctx, chromedp.Evaluate[chromedp.Void](settle, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	blurred := false
	for _, u := range reqs.take() {
		if clearImage.MatchString(u) {
			t.Errorf("the clear sensitive photo %s was fetched before the reader asked", u)
		}
		blurred = blurred || strings.HasSuffix(u, "-blur.jpg")
	}
	if !blurred {
		t.Error("the blurred stand-in was not fetched")
	}
	if err := chromedp.Do(sctx, chromedp.Click(".media-reveal summary")); err != nil {
		t.Fatal(err)
	}
	if !waitFor(sctx, `(() => { const i = document.querySelector(".media-reveal img"); return i.complete && i.naturalWidth > 0 })()`, 5*time.Second) {
		t.Fatal("the clear photo did not load after Show image")
	}
	fetched := false
	for _, u := range reqs.take() {
		fetched = fetched || clearImage.MatchString(u)
	}
	if !fetched {
		t.Error("opening Show image fetched no clear photo")
	}
	if !waitFor(sctx, `getComputedStyle(document.querySelector(".media-blurred img")).display === "none"`, 2*time.Second) {
		t.Error("the blurred stand-in still shows beside the clear photo")
	}
}

// TestVideoPlayerLoadsOnClick clicks a video placeholder: only then is the
// provider's player made, from its privacy-enhanced host.
func TestVideoPlayerLoadsOnClick(t *testing.T) {
	ctx := browser(t)
	reqs := recordRequests(t, ctx)
	s := mediaSite(t)
	sctx := step(t, ctx, 30*time.Second)
	if err := chromedp.Do(sctx, chromedp.Navigate(s.url("events/talks/index.html"))); err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(sctx, chromedp.Evaluate[int](`document.querySelectorAll("iframe").length`)); n != 0 {
		t.Fatalf("the page has %d iframes before any click", n)
	}
	reqs.take()
	if err := chromedp.Do(sctx, chromedp.Click(`a.video-play[href*="youtube.com"]`)); err != nil {
		t.Fatal(err)
	}
	if !waitFor(sctx, `(() => { const f = document.querySelector("iframe.video-frame"); return !!f && f.src.startsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ") })()`, 5*time.Second) {
		t.Fatal("clicking the placeholder made no youtube-nocookie player")
	}
	if !waitFor(sctx, `location.pathname.endsWith("/events/talks/")`, time.Second) {
		t.Error("the click left the page instead of loading the player")
	}
	for _, u := range reqs.take() {
		if strings.Contains(u, "youtube.com/") && !strings.Contains(u, "youtube-nocookie.com/") {
			t.Errorf("the player was asked from %s, not the privacy-enhanced host", u)
		}
	}
}

// mediaSite is the site of photos and videos, built.
func mediaSite(t *testing.T) *site {
	t.Helper()
	for _, s := range sites {
		if s.name == "media" {
			s.build(t)
			return s
		}
	}
	t.Fatal("no media site")
	return nil
}
