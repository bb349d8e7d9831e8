package serve

import (
	"context"
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

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
)

// newSite writes a one-article site and returns its folder.
func newSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks began.\n")
	writeFile(t, dir, "static/raw.html", "<p>no body element here</p>")
	return dir
}

func writeFile(t testing.TB, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := p + ".tmp~"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func newServer(t testing.TB, dir string) *Server {
	t.Helper()
	return built(t, Options{Build: build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: "http://127.0.0.1/"}})
}

// built is a Server of opts that has built its site once, closed when the
// test ends: its last pages may still be rendering into its folder, which
// the test's TempDir would otherwise remove beside it.
func built(t testing.TB, opts Options) *Server {
	t.Helper()
	s := New(opts)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if _, ds, _ := s.Rebuild(nil); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	return s
}

// run serves s on a free local port with its real watcher until the test
// ends, and returns the site's address ("http://127.0.0.1:port/").
func run(t testing.TB, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/"
}

func get(t *testing.T, h http.Handler, target string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.URL.Path = target // as the server decoded it, unnormalised
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func TestServesPrettyURLsWithContentTypes(t *testing.T) {
	s := newServer(t, newSite(t))
	for _, tc := range []struct {
		path, ctype string
		status      int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/events/talks/", "text/html; charset=utf-8", 200},
		{"/css/style.css", "text/css; charset=utf-8", 200},
		{"/no/such/page/", "text/html; charset=utf-8", 404},
	} {
		res, body := get(t, s, tc.path)
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s: %d %s, want %d %s", tc.path, res.StatusCode, res.Header.Get("Content-Type"), tc.status, tc.ctype)
		}
		if tc.status == 404 && !strings.Contains(body, "Page not found") {
			t.Errorf("%s: not the site's 404 page", tc.path)
		}
	}
	res, _ := get(t, s, "/events/talks")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/events/talks/" {
		t.Errorf("/events/talks: %d to %q, want a redirect to the folder", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestRefusesPathsOutOfTheSite(t *testing.T) {
	s := newServer(t, newSite(t))
	for _, p := range []string{"/../go.mod", "/events/../../content/talks.md", "/./index.html", "/..", "/a\\..\\b", "/x\x00"} {
		res, _ := get(t, s, p)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%q: status %d, want 400", p, res.StatusCode)
		}
	}
	// Encoded dots arrive decoded; the same check refuses them.
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, p := range []string{"/%2e%2e/go.mod", "/events/%2E%2E/%2e%2e/timeline.yaml", "/%2e%2e%2fgo.mod"} {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusNotFound {
			t.Errorf("%q: status %d, want 400 or 404", p, res.StatusCode)
		}
	}
	// Source files are not part of the built site.
	for _, p := range []string{"/content/talks.md", "/timeline.yaml", "/etc/passwd"} {
		if res, _ := get(t, s, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%q: status %d, want 404", p, res.StatusCode)
		}
	}
}

func TestLiveReloadScriptOnlyInServedPages(t *testing.T) {
	dir := newSite(t)
	s := newServer(t, dir)
	_, page := get(t, s, "/events/talks/")
	if n := strings.Count(page, "data-timelinegen-live"); n != 1 {
		t.Fatalf("served page has %d live-reload scripts, want 1", n)
	}
	if i, j := strings.Index(page, "data-timelinegen-live"), strings.LastIndex(page, "</body>"); i > j {
		t.Error("the script must come before </body>")
	}
	_, raw := get(t, s, "/raw.html")
	if !strings.HasPrefix(raw, "<p>no body element here</p>") || !strings.Contains(raw, "data-timelinegen-live") {
		t.Errorf("page without <body> lacks the script: %q", raw)
	}
	_, css := get(t, s, "/css/style.css")
	if strings.Contains(css, "timelinegen-live") {
		t.Error("script injected into CSS")
	}
	// The build output never carries it.
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := build.Build(build.Options{Source: dir, Theme: timelinegen.Theme}, dest); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dest, "events/talks/index.html"))
	if strings.Contains(string(b), "timelinegen-live") || strings.Contains(string(b), EventsPath) {
		t.Error("build output has the live-reload script")
	}
}

func TestBrokenEditKeepsLastGoodSiteAndShowsErrors(t *testing.T) {
	dir := newSite(t)
	s := newServer(t, dir)
	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah\ndate: 2025-02-30\nkind: diplomatic\n---\nThe talks began.\n")
	if _, ds, _ := s.Rebuild([]string{"content/talks.md"}); !ds.HasErrors() {
		t.Fatal("want a failed rebuild")
	}
	res, page := get(t, s, "/events/talks/")
	if res.StatusCode != 200 || !strings.Contains(page, "The talks began.") {
		t.Fatal("the last good page is no longer served")
	}
	if !strings.Contains(page, `<div id="timelinegen-errors"`) || !strings.Contains(page, "content/talks.md:3:7: date:") {
		t.Errorf("no overlay with the diagnostic:\n%s", page)
	}
	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks resumed.\n")
	if _, ds, _ := s.Rebuild([]string{"content/talks.md"}); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	_, page = get(t, s, "/events/talks/")
	if strings.Contains(page, `<div id="timelinegen-errors"`) || !strings.Contains(page, "The talks resumed.") {
		t.Error("a good save must clear the overlay and serve the new page")
	}
}

func TestInjectEscapesDiagnostics(t *testing.T) {
	out := string(Inject([]byte("<html><body><p>x</p></body></html>"), "s-1", overlayHTML([]string{`a.md:1:1: <script>alert(1)</script>`}, nil)))
	if strings.Contains(out, "<script>alert(1)") {
		t.Error("diagnostic text not escaped")
	}
	if !strings.HasSuffix(out, "</body></html>") {
		t.Errorf("injected after </body>: %s", out)
	}
}

// A redirect never leads to another host: //kinds is not //kinds/.
func TestRedirectsStayOnThisHost(t *testing.T) {
	s := newServer(t, newSite(t))
	for path, want := range map[string]string{"//events/talks": "/events/talks/", "///events//talks": "/events/talks/", "/events/talks": "/events/talks/"} {
		res, _ := get(t, s, path)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
			t.Errorf("%s: %d Location %q, want %q", path, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
}

// The slash added to a folder's address keeps the query: it holds an
// embed's filters.
func TestRedirectKeepsTheQuery(t *testing.T) {
	s := newServer(t, newSite(t))
	for path, want := range map[string]string{
		"/events/talks?from=2025-03":             "/events/talks/?from=2025-03",
		"/events/talks?from=2025-03&kind=a%26b":  "/events/talks/?from=2025-03&kind=a%26b",
		"//events/talks?x=%2F%2Fevil.example%2F": "/events/talks/?x=%2F%2Fevil.example%2F",
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if res := rec.Result(); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
			t.Errorf("%s: %d Location %q, want %q", path, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
}

// syncBuffer is a bytes.Buffer the server's loop and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// The console says when a broken save is fixed, and never names an
// editor's temporary file, such as sed -i's.
func TestConsoleSaysWhenABrokenSaveIsFixed(t *testing.T) {
	dir := newSite(t)
	var log syncBuffer
	s := built(t, Options{Build: build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: "http://127.0.0.1/"}, Log: &log})
	run(t, s)
	// saveUntil saves again each second until the console says want: on
	// a loaded machine the watcher may start after the first save.
	saveUntil := func(save func(), want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for next := time.Now(); !strings.Contains(log.String(), want); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the console never said %q:\n%s", want, log.String())
			}
			if time.Now().After(next) {
				save()
				next = time.Now().Add(time.Second)
			}
		}
	}
	talks := filepath.Join(dir, "content", "talks.md")
	sedSave := func(text string) {
		t.Helper()
		tmp := filepath.Join(dir, "content", "sedQ7xk2a")
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, talks); err != nil {
			t.Fatal(err)
		}
	}
	saveUntil(func() { sedSave("---\ntitle: Talks\ndate: 2025-02-30\nkind: diplomatic\n---\nBody.\n") }, "build failed")
	saveUntil(func() { sedSave("---\ntitle: Talks\ndate: 2025-03-11\nkind: diplomatic\n---\nBody.\n") }, "fixed: the build works again")
	if strings.Contains(log.String(), "sedQ7xk2a") {
		t.Errorf("the console names sed's temporary file:\n%s", log.String())
	}
	if strings.Count(log.String(), "fixed:") != 1 {
		t.Errorf("want one fixed line:\n%s", log.String())
	}
}

// The server keeps the built site in a folder of its own in the site's
// .timelinegen/, not in memory, and removes it when it stops.
func TestServesTheSiteFromAFolderItRemovesOnClose(t *testing.T) {
	dir := newSite(t)
	s := New(Options{Build: build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: "http://127.0.0.1/"}})
	if _, ds, _ := s.Rebuild(nil); ds.HasErrors() {
		t.Fatal(ds)
	}
	folders, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(StagingDir), "serve-*"))
	if len(folders) != 1 {
		t.Fatalf("want one folder of the server's in %s, found %v", StagingDir, folders)
	}
	full := fullBuild(t, dir)
	held := false
	entries, _ := os.ReadDir(folders[0])
	for _, e := range entries {
		if b, _ := os.ReadFile(filepath.Join(folders[0], e.Name())); string(b) == full["events/talks/index.html"] {
			held = true
		}
	}
	if !held {
		t.Errorf("the folder does not hold the page events/talks/index.html")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(folders[0]); !os.IsNotExist(err) {
		t.Errorf("Close left %s", folders[0])
	}
	// Nor the folder of the bodies put aside.
	if left, _ := os.ReadDir(filepath.Join(dir, filepath.FromSlash(StagingDir))); len(left) != 0 {
		t.Errorf("Close left %v in %s", left, StagingDir)
	}
}

// Once a save's site is served, the site before it is let go: its files
// are gone from the folder as soon as the new pages are rendered, not at
// the next save, while the editor reads.
func TestTheSiteBeforeASaveIsLetGo(t *testing.T) {
	dir := newSite(t)
	s := newServer(t, dir)
	folders, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(StagingDir), "serve-*"))
	if len(folders) != 1 {
		t.Fatalf("want one folder of the server's in %s, found %v", StagingDir, folders)
	}
	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Riyadh\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks began.\n")
	if _, ds, _ := s.Rebuild([]string{"content/talks.md"}); ds.HasErrors() {
		t.Fatal(ds)
	}
	s.finishing.Wait()
	entries, _ := os.ReadDir(folders[0])
	for _, e := range entries {
		if b, _ := os.ReadFile(filepath.Join(folders[0], e.Name())); strings.Contains(string(b), "Talks in Jeddah") {
			t.Errorf("%s, a file of the site before the save, is still kept", e.Name())
		}
	}
}

// Options.Rendered is called once a good build's pages are all rendered,
// with no page asked for: once for the first build and once for each
// good save, never for a broken one.
func TestRenderedIsCalledOnceThePagesAreRendered(t *testing.T) {
	dir := newSite(t)
	folder := make(chan string, 1)
	calls := make(chan bool, 8) // whether the edited page was in the folder
	s := built(t, Options{Build: build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: "http://127.0.0.1/"},
		Rendered: func() {
			found := false
			select {
			case f := <-folder:
				entries, _ := os.ReadDir(f)
				for _, e := range entries {
					b, _ := os.ReadFile(filepath.Join(f, e.Name()))
					found = found || strings.Contains(string(b), "Talks in Riyadh")
				}
				folder <- f
			default:
			}
			calls <- found
		}})
	if <-calls {
		t.Fatal("the first build's pages hold a title not written yet")
	}
	folders, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(StagingDir), "serve-*"))
	if len(folders) != 1 {
		t.Fatalf("want one folder of the server's in %s, found %v", StagingDir, folders)
	}
	folder <- folders[0]
	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Riyadh\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks began.\n")
	if _, ds, _ := s.Rebuild([]string{"content/talks.md"}); ds.HasErrors() {
		t.Fatal(ds)
	}
	if !<-calls {
		t.Error("Rendered was called before the edited page was rendered")
	}
	writeFile(t, dir, "content/talks.md", "---\ntitle: [broken\n---\n")
	if _, ds, _ := s.Rebuild([]string{"content/talks.md"}); !ds.HasErrors() {
		t.Fatal("a broken save built")
	}
	s.finishing.Wait()
	select {
	case <-calls:
		t.Error("Rendered was called for a broken save")
	default:
	}
}

// fullBuild builds the site at dir into a folder, as timelinegen build
// does, and gives its files by name.
func fullBuild(t *testing.T, dir string) map[string]string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := build.Build(build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: "http://127.0.0.1/"}, dest); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			b, _ := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = string(b)
		}
		return err
	})
	return files
}

// Right after a save, before anything else is asked for, every page and
// data file served is what a full build gives: those the edit changed
// are made as they are asked for.
func TestRightAfterASaveEveryFileIsAFullBuilds(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/truce.md", "---\ntitle: Truce\ndate: 2025-03-12\nkind: military\nlocation: {name: Kyiv, country: Ukraine, lat: 50.45, lon: 30.52}\n---\nA truce.\n")
	s := newServer(t, dir)
	writeFile(t, dir, "content/talks.md", "---\ntitle: Talks in Jeddah, resumed\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks resumed.\n")
	if _, ds, _ := s.Rebuild([]string{"content/talks.md"}); ds.HasErrors() {
		t.Fatal(ds)
	}
	full := fullBuild(t, dir)
	for _, name := range []string{"data/events.json", "events/talks/index.html", "events/truce/index.html", "data/events.csv", "data/events.geojson", "data/timeline.json", "feed.xml", "index.html", "kinds/diplomatic/index.html"} {
		_, got := get(t, s, "/"+name)
		want := full[name]
		if strings.HasSuffix(name, ".html") {
			want = string(Inject([]byte(want), s.stamp(), s.overlay))
		}
		if got != want {
			t.Errorf("%s: served bytes are not a full build's", name)
		}
	}
}
