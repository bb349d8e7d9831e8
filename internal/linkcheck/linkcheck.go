// Package linkcheck checks that web addresses still answer: HEAD, then
// GET when HEAD is refused; redirects followed, a permanent one reported
// as a move; at most a few requests at a time to one host and in all;
// 429 and 503 retried after their Retry-After. Results are kept in a
// Cache with the time they were checked, so that a daily run rechecks only
// what has grown old.
//
// Checker and Cache know nothing of sites; Links finds the URLs an
// article's sources cite, and Diagnose says what the results mean for
// each, at the line of its source.
package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// State is what a check found.
type State string

const (
	OK    State = "ok"    // it answers 2xx, directly or through temporary redirects
	Moved State = "moved" // a permanent redirect (301, 308) leads elsewhere
	Dead  State = "dead"  // the server answered 404 or 410
	// Failed: no verdict: no answer (the host not found, the connection
	// refused, no answer in time: see NoAnswer), a server or TLS error,
	// still rate-limited after retrying, or refused (401, 403). Only an
	// HTTP answer makes a link dead: offline, every host is "not found".
	Failed State = "failed"
)

// Result is the outcome of checking one URL.
type Result struct {
	URL     string `json:"url"`
	State   State  `json:"state"`
	Status  int    `json:"status,omitempty"`   // the last HTTP status, 0 without an answer
	MovedTo string `json:"moved_to,omitempty"` // for Moved: where the permanent redirects lead
	Moved   int    `json:"moved,omitempty"`    // for Moved: the first redirect's status, 301 or 308
	Error   string `json:"error,omitempty"`    // for Failed and Dead: why, in words
	// NoAnswer, for Failed: nothing answered, not even a TLS handshake:
	// the host was not found, the connection refused or unreachable, or
	// there was no answer in time. When every link is so, the network
	// is down rather than the links (see Unreachable).
	NoAnswer bool      `json:"no_answer,omitempty"`
	Checked  time.Time `json:"checked"`
}

// Checker checks URLs. The zero value is not ready: use New.
type Checker struct {
	transport http.RoundTripper
	perHost   int
	total     int
	timeout   time.Duration
	retries   int
	maxWait   time.Duration
	now       func() time.Time
	wait      func(ctx context.Context, d time.Duration) error
	progress  func(done, total int)
	userAgent string
}

// Option configures a Checker.
type Option func(*Checker)

// WithTransport sends requests through rt (tests trust their TLS server
// with it).
func WithTransport(rt http.RoundTripper) Option { return func(c *Checker) { c.transport = rt } }

// WithLimits sets how many requests may be in flight to one host and in
// all (default 2 and 16).
func WithLimits(perHost, total int) Option {
	return func(c *Checker) { c.perHost, c.total = max(1, perHost), max(1, total) }
}

// WithTimeout sets how long one request may take (default 20s).
func WithTimeout(d time.Duration) Option { return func(c *Checker) { c.timeout = d } }

// WithRetries sets how often a 429 or 503 is retried (default 2), and the
// longest Retry-After waited for (default 1 minute): a longer one fails
// the check rather than stall the run.
func WithRetries(n int, maxWait time.Duration) Option {
	return func(c *Checker) { c.retries, c.maxWait = n, maxWait }
}

// WithClock sets the clock results are stamped with, and how a Retry-After
// is waited out (tests wait for nothing).
func WithClock(now func() time.Time, wait func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Checker) {
		if now != nil {
			c.now = now
		}
		if wait != nil {
			c.wait = wait
		}
	}
}

// WithProgress is called after each URL is checked.
func WithProgress(f func(done, total int)) Option { return func(c *Checker) { c.progress = f } }

// New returns a Checker.
func New(opts ...Option) *Checker {
	c := &Checker{
		transport: http.DefaultTransport,
		perHost:   2,
		total:     16,
		timeout:   20 * time.Second,
		retries:   2,
		maxWait:   time.Minute,
		now:       time.Now,
		wait:      sleep,
		userAgent: "timelinegen-linkcheck/1 (checks the sources of a timeline)",
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Check checks every URL once, in parallel within the limits, and returns
// the results by URL.
func (c *Checker) Check(ctx context.Context, urls []string) map[string]Result {
	// Each host gets at most perHost workers, which work through its URLs;
	// every request also takes one of the total slots. A site citing
	// 100,000 pages of a few hundred hosts runs a few hundred goroutines.
	var hosts []string
	byHost := map[string][]string{}
	seen := make(map[string]bool, len(urls))
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		h := u
		if p, err := url.Parse(u); err == nil {
			h = p.Host
		}
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], u)
	}
	total := make(chan struct{}, c.total)
	acquire := func() (release func(), err error) {
		select {
		case total <- struct{}{}:
			return func() { <-total }, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	results := make(map[string]Result, len(urls))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, h := range hosts {
		queue := byHost[h]
		next := 0
		for range min(c.perHost, len(queue)) {
			wg.Go(func() {
				for {
					mu.Lock()
					if next == len(queue) {
						mu.Unlock()
						return
					}
					u := queue[next]
					next++
					mu.Unlock()
					r := c.check(ctx, u, acquire)
					mu.Lock()
					results[u] = r
					if c.progress != nil {
						c.progress(len(results), len(seen))
					}
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	return results
}

// check checks one URL, retrying a 429 or 503 after its Retry-After.
func (c *Checker) check(ctx context.Context, u string, acquire func() (func(), error)) Result {
	for attempt := 0; ; attempt++ {
		release, err := acquire()
		if err != nil {
			return Result{URL: u, State: Failed, Error: err.Error(), Checked: c.now()}
		}
		r, retryAfter := c.once(ctx, u)
		release()
		if retryAfter < 0 || attempt >= c.retries {
			if retryAfter >= 0 {
				r.Error = fmt.Sprintf("HTTP %d after %d retries", r.Status, attempt)
			}
			return r
		}
		if retryAfter > c.maxWait {
			r.Error = fmt.Sprintf("HTTP %d, and Retry-After asks to wait %s", r.Status, retryAfter)
			return r
		}
		if err := c.wait(ctx, retryAfter); err != nil {
			r.Error = err.Error()
			return r
		}
	}
}

// once makes one check: HEAD, then GET if HEAD is refused. retryAfter is
// how long to wait before asking again, or -1 for "do not".
func (c *Checker) once(ctx context.Context, u string) (r Result, retryAfter time.Duration) {
	r = Result{URL: u, Checked: c.now()}
	resp, moved, err := c.request(ctx, http.MethodHead, u)
	if err == nil && resp.StatusCode >= 400 && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		// Servers refuse HEAD in many ways (405, 501, 403, even 404):
		// only GET's answer counts.
		var getResp *http.Response
		getResp, moved, err = c.request(ctx, http.MethodGet, u)
		resp = getResp
	}
	if err != nil {
		r.State, r.Error, r.NoAnswer = Failed, describe(err, c.timeout), noAnswer(err)
		return r, -1
	}
	r.Status = resp.StatusCode
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		r.State = OK
		if moved.to != "" {
			r.State, r.MovedTo, r.Moved = Moved, moved.to, moved.status
		}
	case code == http.StatusNotFound || code == http.StatusGone:
		r.State, r.Error = Dead, fmt.Sprintf("HTTP %d", code)
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		r.State, r.Error = Failed, fmt.Sprintf("HTTP %d", code)
		return r, parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
	default:
		r.State, r.Error = Failed, fmt.Sprintf("HTTP %d", code)
	}
	return r, -1
}

// move is where the permanent redirects at the start of a chain lead, and
// the first one's status; to is "" without one.
type move struct {
	to     string
	status int
}

// request sends one request, following redirects.
func (c *Checker) request(ctx context.Context, method, u string) (resp *http.Response, moved move, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, move{}, err
	}
	req.Header.Set("User-Agent", c.userAgent)
	permanent := true
	client := &http.Client{Transport: c.transport, CheckRedirect: func(next *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("more than 10 redirects")
		}
		code := next.Response.StatusCode
		if permanent && (code == http.StatusMovedPermanently || code == http.StatusPermanentRedirect) {
			if moved.to == "" {
				moved.status = code
			}
			moved.to = next.URL.String()
		} else {
			permanent = false
		}
		return nil
	}}
	resp, err = client.Do(req)
	if err != nil {
		return nil, move{}, err
	}
	// The body is not needed: a little is read so that the connection
	// can be reused, the rest dropped.
	_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
	resp.Body.Close()
	return resp, moved, nil
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date.
// Without one, a second.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now))
	}
	return time.Second
}

// noAnswer reports an error of a request that no server answered: a
// name not resolved, a connection not made, or no answer in time.
func noAnswer(err error) bool {
	var dns *net.DNSError
	var op *net.OpError
	var ne net.Error
	return errors.As(err, &dns) || errors.As(err, &op) && op.Op == "dial" ||
		errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// Unreachable reports whether every one of results (at least one) had
// no answer: then the network is down, not every link.
func Unreachable(results map[string]Result) bool {
	for _, r := range results {
		if !r.NoAnswer {
			return false
		}
	}
	return len(results) > 0
}

// describe says what went wrong with a request, in words.
func describe(err error, timeout time.Duration) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return fmt.Sprintf("no such host %s: the domain may have lapsed, or this computer is offline", dns.Name)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, http.ErrHandlerTimeout) {
		return fmt.Sprintf("no answer within %s", timeout)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Sprintf("no answer within %s", timeout)
	}
	return err.Error()
}
