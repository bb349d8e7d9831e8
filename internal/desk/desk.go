// Package desk is the editors' desk of `timelinegen serve`: Decap CMS,
// bundled, at /admin/, configured from timelinegen's own schema, and the
// local backend protocol it speaks (POST /api/v1 with {action, params},
// as decap-server does) over the site's content/ folder.
//
// It is careful because a browser is a shared place: the API writes only
// articles and photos inside content/, answers only pages of the server's
// own origin that carry the token of this run and the session cookie the
// desk page set, and refuses to save over a file changed on disk since it
// showed it to that editor. A save goes through the compiler: the site
// is rebuilt and its errors are the answer the desk shows.
package desk

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// AdminPath and APIPath are where the desk is served.
const (
	AdminPath = "/admin/"
	APIPath   = "/api/v1"
)

// Options configure a Desk.
type Options struct {
	// Source is the site's folder.
	Source string
	// Hosts are the host:port values the server is reached at (the Host
	// header); a request for any other host, or from a page of any other
	// origin, is refused.
	Hosts []string
	// Rebuild builds the site after a save of the changed slash paths
	// (relative to Source) and returns its errors, one a line in the form
	// file:line:col: message; none when the site built.
	Rebuild func(changed []string) []string
	// Names gives the names of the last good site, which the desk offers
	// as the editor types; without them (nil, or false before a good
	// build) it reads every article's frontmatter.
	Names func() (Names, bool)
}

// Desk serves /admin/ and /api/v1. It is an http.Handler.
type Desk struct {
	opts  Options
	token string // of this run, in the page's configuration

	world func() []byte // the world map of the point field, made once

	mu       sync.Mutex // one request that reads or writes files at a time
	sessions map[string]*session
	order    []string         // sessions, oldest first, so that a long run forgets old ones
	views    map[string]shown // by disk path (and "\x00body" with the body)
}

// shown is an entry as the desk last showed it, and the sum of the bytes
// it was made from.
type shown struct {
	sum  string
	data []byte
}

// session is one open desk page: what it was shown, so that a save over
// a file changed on disk since is refused rather than losing the change.
type session struct {
	served map[string]string // disk path → sha256 of the bytes shown
}

// maxSessions bounds what the desk remembers: each desk page opened
// makes one.
const maxSessions = 16

// New makes a desk with a fresh token.
func New(opts Options) *Desk {
	return &Desk{opts: opts, token: randomID(), sessions: map[string]*session{}, views: map[string]shown{}, world: sync.OnceValue(worldMap)}
}

func randomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Handles reports whether the desk serves the URL path p.
func Handles(p string) bool {
	return p == APIPath || p == strings.TrimSuffix(AdminPath, "/") || strings.HasPrefix(p, AdminPath)
}

const cookieName = "timelinegen_desk"

// ServeHTTP serves the desk's page, its assets and the API.
func (d *Desk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !slices.Contains(d.opts.Hosts, strings.ToLower(r.Host)) {
		// A page that reaches 127.0.0.1 under another name (DNS
		// rebinding) gets nothing.
		http.Error(w, "the desk answers only at "+strings.Join(d.opts.Hosts, ", "), http.StatusForbidden)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Path == APIPath {
		d.api(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	d.admin(w, r)
}

// allowed checks what every API request must carry: the server's own
// origin, the token of this run and the cookie of a desk page; it
// returns the session.
func (d *Desk) allowed(r *http.Request) (*session, error) {
	origin := r.Header.Get("Origin")
	u, err := url.Parse(origin)
	if origin == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || !slices.Contains(d.opts.Hosts, strings.ToLower(u.Host)) || u.Host != r.Host {
		return nil, refuse(http.StatusForbidden, "the desk answers only its own pages (origin %q)", origin)
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return nil, refuse(http.StatusForbidden, "the desk answers only its own pages (Sec-Fetch-Site %q)", site)
	}
	if subtle.ConstantTimeCompare([]byte(r.URL.Query().Get("token")), []byte(d.token)) != 1 {
		return nil, refuse(http.StatusForbidden, "no token or a token of another run: reload the desk at %s", AdminPath)
	}
	c, err := r.Cookie(cookieName)
	if err != nil {
		return nil, refuse(http.StatusForbidden, "no desk session: reload the desk at %s", AdminPath)
	}
	s, ok := d.sessions[c.Value]
	if !ok {
		return nil, refuse(http.StatusForbidden, "the desk session has ended (the server restarted, or many desks were opened since): reload the desk at %s", AdminPath)
	}
	return s, nil
}

// newSession starts a session for a desk page. Called with mu held.
func (d *Desk) newSession() string {
	id := randomID()
	d.sessions[id] = &session{served: map[string]string{}}
	d.order = append(d.order, id)
	if len(d.order) > maxSessions {
		delete(d.sessions, d.order[0])
		d.order = d.order[1:]
	}
	return id
}
