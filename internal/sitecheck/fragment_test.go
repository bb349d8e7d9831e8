package sitecheck

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestMalformedFragmentSaysNothing opens the timeline at addresses whose
// fragment is no slug, such as a reader's mistyped "#%": the widget draws,
// selects nothing and writes nothing to the console (no URIError).
func TestMalformedFragmentSaysNothing(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	s := sites[0]
	s.build(t)
	for _, frag := range []string{"#%", "#%E0%A4%A", "#jeddah-talks%"} {
		sctx := step(t, ctx, 60*time.Second)
		listen, stop := context.WithCancel(sctx)
		var (
			mu       sync.Mutex
			messages []chromedp.ConsoleMessage
			done     = make(chan struct{})
		)
		console := chromedp.Console(listen)
		go func() {
			defer close(done)
			for m, err := range console {
				if err != nil {
					return
				}
				mu.Lock()
				messages = append(messages, m)
				mu.Unlock()
			}
		}()
		// From a blank page each time: a change of fragment alone would
		// not load the page again.
		must(t, chromedp.Do(sctx, chromedp.Navigate("about:blank")))
		openWidget(t, sctx, s.url("index.html")+frag)
		must(t, chromedp.Do(sctx, vtSettle()))
		if st := state(t, sctx); st.Slug != "" || st.Focus >= 0 {
			t.Errorf("%s selected %q (focus %d), want nothing", frag, st.Slug, st.Focus)
		}
		stop()
		<-done
		mu.Lock()
		for _, m := range messages {
			// The browser's own log (Source "network": the test server
			// has no favicon.ico) is not the page's doing.
			if m.IsException() || m.Type == chromedp.ConsoleError && m.Source == "" {
				t.Errorf("%s: the console says %s (%s)", frag, m, m.URL)
			}
		}
		mu.Unlock()
	}
}
