package linkcheck

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testServer answers as the sites sources point at do. Every test runs
// against servers it starts: none reaches the internet.
type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string][]string // path → methods, in order
}

func newTestServer(t *testing.T, tls bool) *testServer {
	ts := &testServer{hits: map[string][]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/target", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/target", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved-twice", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved-again", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/moved-again", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/target", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/temporary", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/target", http.StatusFound) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	mux.HandleFunc("/no-head", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	var limited atomic.Int32
	mux.HandleFunc("/limited", func(w http.ResponseWriter, r *http.Request) {
		if limited.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/never", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.mu.Lock()
		ts.hits[r.URL.Path] = append(ts.hits[r.URL.Path], r.Method)
		ts.mu.Unlock()
		mux.ServeHTTP(w, r)
	})
	ts.Server = httptest.NewUnstartedServer(h)
	// An untrusting client's failed handshake is expected, not news.
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	if tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) methods(path string) []string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return slices.Clone(ts.hits[path])
}

// waits records the Retry-After waits instead of sleeping.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) wait(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.d = append(w.d, d)
	return nil
}

var checked = time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)

func check(t *testing.T, c *Checker, urls ...string) map[string]Result {
	t.Helper()
	return c.Check(context.Background(), urls)
}

func TestCheckStates(t *testing.T) {
	ts := newTestServer(t, false)
	w := &waits{}
	c := New(WithClock(func() time.Time { return checked }, w.wait), WithTimeout(200*time.Millisecond))
	cases := []struct {
		path    string
		state   State
		status  int
		movedTo string
		err     string
	}{
		{"/ok", OK, 200, "", ""},
		{"/temporary", OK, 200, "", ""},
		{"/moved", Moved, 200, "/target", ""},
		{"/moved-twice", Moved, 200, "/target", ""},
		{"/missing", Dead, 404, "", "HTTP 404"},
		{"/gone", Dead, 410, "", "HTTP 410"},
		{"/broken", Failed, 500, "", "HTTP 500"},
		{"/no-head", OK, 200, "", ""},
		{"/limited", OK, 200, "", ""},
		{"/busy", Failed, 503, "", "HTTP 503 after 2 retries"},
		{"/never", Failed, 0, "", "no answer within 200ms"},
	}
	var urls []string
	for _, tc := range cases {
		urls = append(urls, ts.URL+tc.path)
	}
	got := check(t, c, urls...)
	for _, tc := range cases {
		r := got[ts.URL+tc.path]
		movedTo := ""
		if tc.movedTo != "" {
			movedTo = ts.URL + tc.movedTo
		}
		if r.State != tc.state || r.Status != tc.status || r.MovedTo != movedTo || r.Error != tc.err || !r.Checked.Equal(checked) {
			t.Errorf("%s: got %+v, want state %s, status %d, moved to %q, error %q", tc.path, r, tc.state, tc.status, movedTo, tc.err)
		}
	}
	if r := got[ts.URL+"/moved-twice"]; r.Moved != 308 {
		t.Errorf("moved-twice: first redirect %d, want 308", r.Moved)
	}
	// HEAD first; GET only when HEAD is refused.
	if m := ts.methods("/ok"); !slices.Equal(m, []string{"HEAD"}) {
		t.Errorf("/ok: requests %v, want [HEAD]", m)
	}
	if m := ts.methods("/no-head"); !slices.Equal(m, []string{"HEAD", "GET"}) {
		t.Errorf("/no-head: requests %v, want [HEAD GET]", m)
	}
	if m := ts.methods("/missing"); !slices.Equal(m, []string{"HEAD", "GET"}) {
		t.Errorf("/missing: requests %v, want [HEAD GET]", m)
	}
	// 429 and 503 are asked again after their Retry-After, twice at most.
	if m := ts.methods("/limited"); !slices.Equal(m, []string{"HEAD", "HEAD"}) {
		t.Errorf("/limited: requests %v, want [HEAD HEAD]", m)
	}
	if m := ts.methods("/busy"); len(m) != 3 {
		t.Errorf("/busy: requests %v, want 3", m)
	}
	slices.Sort(w.d)
	if want := []time.Duration{time.Second, 2 * time.Second, 2 * time.Second}; !slices.Equal(w.d, want) {
		t.Errorf("waited %v, want %v", w.d, want)
	}
}

// Only an HTTP answer makes a link dead. A host not found, a connection
// refused or no answer in time is what a computer offline sees of every
// link: the link could not be checked, and when no link answered, the
// network is unreachable.
func TestNoAnswerIsNeverDead(t *testing.T) {
	ts := newTestServer(t, false)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/a"
	l.Close()
	nowhere := "http://www.timelinegen-test.invalid/a" // .invalid never resolves (RFC 6761)
	never := ts.URL + "/never"
	c := New(WithClock(func() time.Time { return checked }, (&waits{}).wait), WithTimeout(200*time.Millisecond))
	got := check(t, c, closed, nowhere, never)
	for _, u := range []string{closed, nowhere, never} {
		if r := got[u]; r.State != Failed || !r.NoAnswer || r.Status != 0 {
			t.Errorf("%s: got %+v, want failed with no answer", u, r)
		}
	}
	if e := got[nowhere].Error; strings.Contains(e, "no such host") && !strings.Contains(e, "offline") {
		t.Errorf("a host not found does not say the computer may be offline: %s", e)
	}
	if !Unreachable(got) {
		t.Error("no link answered, but the network is not said to be unreachable")
	}
	missing := ts.URL + "/missing"
	got = check(t, c, closed, nowhere, missing)
	if r := got[missing]; r.State != Dead || r.NoAnswer {
		t.Errorf("%s: got %+v, want dead", missing, r)
	}
	if Unreachable(got) {
		t.Error("one link answered 404, but the network is said to be unreachable")
	}
	if Unreachable(nil) {
		t.Error("no link at all is not an unreachable network")
	}
}

func TestRetryAfterTooLongFails(t *testing.T) {
	ts := newTestServer(t, false)
	w := &waits{}
	c := New(WithClock(nil, w.wait), WithRetries(2, time.Second))
	r := check(t, c, ts.URL+"/busy")[ts.URL+"/busy"]
	if r.State != Failed || !strings.Contains(r.Error, "Retry-After asks to wait 2s") || len(w.d) != 0 {
		t.Errorf("got %+v, waited %v", r, w.d)
	}
}

func TestRetryAfterDate(t *testing.T) {
	now := time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC)
	if d := parseRetryAfter("Fri, 14 Mar 2025 12:00:30 GMT", now); d != 30*time.Second {
		t.Errorf("HTTP date: %s, want 30s", d)
	}
	if d := parseRetryAfter("7", now); d != 7*time.Second {
		t.Errorf("seconds: %s", d)
	}
}

func TestCheckTLS(t *testing.T) {
	ts := newTestServer(t, true)
	// Trusting the test server's certificate, as a system trusts a CA.
	c := New(WithTransport(ts.Client().Transport))
	if r := check(t, c, ts.URL+"/ok")[ts.URL+"/ok"]; r.State != OK || r.Status != 200 {
		t.Errorf("trusted TLS: %+v", r)
	}
	if r := check(t, c, ts.URL+"/gone")[ts.URL+"/gone"]; r.State != Dead {
		t.Errorf("trusted TLS, gone: %+v", r)
	}
	// Not trusting it: a certificate error, no verdict on the page.
	plain := New(WithTransport(&http.Transport{}))
	if r := check(t, plain, ts.URL+"/ok")[ts.URL+"/ok"]; r.State != Failed || !strings.Contains(r.Error, "certificate") {
		t.Errorf("untrusted TLS: %+v", r)
	}
}

// gauge counts requests in flight and remembers the most.
type gauge struct {
	mu       sync.Mutex
	now, top int
}

func (g *gauge) handler(hold time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		g.now++
		g.top = max(g.top, g.now)
		g.mu.Unlock()
		time.Sleep(hold)
		g.mu.Lock()
		g.now--
		g.mu.Unlock()
	})
}

func TestAtMostTwoRequestsAtATimePerHost(t *testing.T) {
	g := &gauge{}
	srv := httptest.NewServer(g.handler(20 * time.Millisecond))
	defer srv.Close()
	var urls []string
	for i := range 12 {
		urls = append(urls, srv.URL+"/page/"+string(rune('a'+i)))
	}
	got := check(t, New(), urls...)
	if len(got) != 12 {
		t.Fatalf("%d results", len(got))
	}
	if g.top != 2 {
		t.Errorf("at most %d requests at a time to one host, want 2", g.top)
	}
}

func TestAtMostSixteenRequestsAtATime(t *testing.T) {
	g := &gauge{}
	var urls []string
	for range 12 {
		srv := httptest.NewServer(g.handler(40 * time.Millisecond))
		defer srv.Close()
		urls = append(urls, srv.URL+"/a", srv.URL+"/b", srv.URL+"/c")
	}
	got := check(t, New(), urls...)
	if len(got) != len(urls) {
		t.Fatalf("%d results", len(got))
	}
	if g.top > 16 || g.top <= 2 {
		t.Errorf("at most %d requests at a time in all, want more than 2 and at most 16", g.top)
	}
}

func TestProgress(t *testing.T) {
	ts := newTestServer(t, false)
	var seen []int
	c := New(WithProgress(func(done, total int) {
		if total != 3 {
			t.Errorf("total %d", total)
		}
		seen = append(seen, done)
	}))
	check(t, c, ts.URL+"/ok", ts.URL+"/missing", ts.URL+"/moved")
	if !slices.Equal(seen, []int{1, 2, 3}) {
		t.Errorf("progress %v", seen)
	}
}
