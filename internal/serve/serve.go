// Package serve is the editors' preview: it composes the incremental
// build, the file watcher and an HTTP server that serves the site from
// the folder the build keeps it in (StagingDir), injects a live-reload
// script into pages and shows build errors over the last good site.
package serve

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/desk"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/gctune"
	"github.com/timelinegen/timelinegen/internal/watch"
)

// EventsPath is where pages listen for rebuilds (Server-Sent Events).
const EventsPath = "/__timelinegen/events"

// StagingDir is where, in the site, the server keeps the built site's
// files while it runs, in a folder of its own that it removes on Close.
const StagingDir = ".timelinegen/serve"

// Options configure a Server.
type Options struct {
	Build build.Options
	Poll  bool // poll the file system instead of OS notifications
	Log   io.Writer
	// Idle, when set, is called once no rebuild has followed the last
	// for gctune.IdleAfter: the command gives back the memory a rebuild
	// used (gctune.Release).
	Idle func()
	// Rendered, when set, is called once the pages a rebuild left to
	// render after the reload are rendered: the command collects the
	// garbage then (gctune.Collect), while the editor reads, rather than
	// during the next save's rebuild.
	Rendered func()
	// Saving, when set, is called as a rebuild starts, and what it
	// returns once the rebuild failed or the pages it changed are
	// rendered (before Rendered): the command makes room for the save's
	// garbage meanwhile (gctune.Serve.Saving).
	Saving func() (done func())
}

// Server serves one site while it is edited.
type Server struct {
	opts     Options
	builder  *build.Builder
	instance string     // changes with every start, so pages of an earlier run reload
	desk     *desk.Desk // the editors' desk; nil unless EnableDesk

	rebuilding sync.Mutex // the watcher and the desk's saves rebuild one at a time
	// opening is held by each request while it finds its file in the
	// site and opens it, and taken whole before the files of earlier
	// sites are removed: a request reads the site it found, whole.
	opening sync.RWMutex
	// finishing renders the pages a rebuild left to render on first use.
	finishing sync.WaitGroup
	idle      *time.Timer // calls Options.Idle; nil when it is not set

	mu      sync.Mutex
	site    *build.Result // the last good site; nil before the first
	version int           // counts successful builds
	errors  []string      // the last build's errors; nil when it succeeded
	// overlay shows the last build's errors, or its warnings, in every
	// page (overlayHTML), made once a build: a typo such as loaction:
	// only warns, and an editor who watches the browser and not the
	// terminal must see it.
	overlay string
	clients map[chan event]struct{}
}

type event struct {
	name string
	data string
}

// New builds the site for the first time. The Server serves even when this
// first build fails: it then shows the errors until a good save.
func New(opts Options) *Server {
	id := make([]byte, 6)
	_, _ = rand.Read(id)
	if opts.Build.Staging == "" {
		opts.Build.Staging = filepath.Join(opts.Build.Source, filepath.FromSlash(StagingDir))
	}
	s := &Server{
		opts:     opts,
		builder:  build.NewBuilder(opts.Build),
		instance: hex.EncodeToString(id),
		clients:  map[chan event]struct{}{},
	}
	return s
}

// Rebuild builds what changed and, once the new site is in place, tells
// the open pages to reload, or shows them the errors. It returns what
// happened, for the console: the site built (nil when it failed), whose
// pages are rendered after the reload, as asked for.
func (s *Server) Rebuild(changed []string) (site *build.Result, ds diag.List, took time.Duration) {
	s.rebuilding.Lock()
	defer s.rebuilding.Unlock()
	if s.idle != nil {
		s.idle.Stop()
	}
	defer func() {
		if s.opts.Idle != nil {
			s.idle = time.AfterFunc(gctune.IdleAfter, s.opts.Idle)
		}
	}()
	saved := func() {}
	if s.opts.Saving != nil {
		saved = s.opts.Saving()
	}
	start := time.Now()
	res, ds := s.builder.Rebuild(changed)
	took = time.Since(start)
	s.mu.Lock()
	warnings := diagnostics(ds, diag.Warning)
	if res == nil {
		saved()
		s.errors = diagnostics(ds, diag.Error)
		s.overlay = overlayHTML(s.errors, warnings)
		s.broadcast(event{"errors", overlayEvent(s.overlay)})
		s.mu.Unlock()
		return nil, ds, took
	}
	s.site = res
	s.version++
	s.errors = nil
	s.overlay = overlayHTML(nil, warnings)
	s.broadcast(event{"reload", s.stamp()})
	s.mu.Unlock()
	// The pages the edit changed are rendered now, and the one the
	// browser asks for first as it asks.
	s.finishing.Go(func() {
		res.Finish()
		// Pages found unchanged took over their files: those of the
		// others can go now, not at the next save.
		s.opening.Lock()
		s.builder.Sweep()
		s.opening.Unlock()
		saved()
		if s.opts.Rendered != nil {
			s.opts.Rendered()
		}
	})
	// The site served is the builder's last: what earlier sites alone
	// used can go, once no request is opening a file of theirs. Gone
	// now rather than at the next save, the site before is not held,
	// model, views and all, while the editor reads.
	s.opening.Lock()
	s.builder.Sweep()
	s.opening.Unlock()
	return res, ds, took
}

// Close removes the folder the built site's files were kept in.
func (s *Server) Close() error {
	s.rebuilding.Lock()
	defer s.rebuilding.Unlock()
	s.mu.Lock()
	if s.site != nil {
		s.site.Stop()
	}
	s.mu.Unlock()
	s.finishing.Wait()
	if s.idle != nil {
		s.idle.Stop()
	}
	return s.builder.Close()
}

// diagnostics are the lines of ds of one severity, sorted; nil for none.
func diagnostics(ds diag.List, sev diag.Severity) []string {
	var lines []string
	for _, d := range ds.Sorted() {
		if d.Severity == sev {
			lines = append(lines, d.String())
		}
	}
	return lines
}

// overlayEvent is the "errors" event's data: the overlay, for the page
// to put in.
func overlayEvent(overlay string) string {
	data, _ := json.Marshal(map[string]string{"html": overlay})
	return string(data)
}

// stamp names the current site: the instance and build version. Called
// with mu held.
func (s *Server) stamp() string { return fmt.Sprintf("%s-%d", s.instance, s.version) }

// broadcast is called with mu held.
func (s *Server) broadcast(e event) {
	for c := range s.clients {
		select {
		case c <- e:
		default: // a slow page gets the next event
		}
	}
}

// Run serves until ctx ends, rebuilding on every batch of changes.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	w, err := watch.New(s.opts.Build.Source, watch.Options{Poll: s.opts.Poll})
	if err != nil {
		return err
	}
	defer w.Close()

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv.BaseContext = func(net.Listener) context.Context { return ctx }
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	for {
		select {
		case <-ctx.Done():
			shutdown, done := context.WithTimeout(context.Background(), 3*time.Second)
			defer done()
			cancel() // ends the event streams, which Shutdown would wait for
			return srv.Shutdown(shutdown)
		case err := <-served:
			return err
		case err := <-w.Errors():
			fmt.Fprintf(s.log(), "watch: %v\n", err)
		case batch := <-w.Batches():
			s.mu.Lock()
			broken := s.errors != nil
			s.mu.Unlock()
			res, ds, took := s.Rebuild(batch)
			s.report(batch, res, ds, took, broken)
		}
	}
}

func (s *Server) log() io.Writer {
	if s.opts.Log == nil {
		return io.Discard
	}
	return s.opts.Log
}

// report prints a rebuild's line; broken tells that the build before it
// failed, so that the console says when the errors are gone.
// report tells the console what a rebuild did; how many pages it
// changed when res is given, once they are rendered.
func (s *Server) report(changed []string, res *build.Result, ds diag.List, took time.Duration, broken bool) {
	what := strings.Join(changed, ", ")
	if len(changed) > 3 {
		what = fmt.Sprintf("%s and %d more", strings.Join(changed[:3], ", "), len(changed)-3)
	}
	for _, d := range ds.Sorted() {
		fmt.Fprintln(s.log(), d)
	}
	if ds.HasErrors() {
		fmt.Fprintf(s.log(), "changed %s: build failed in %s; still serving the last good site\n", what, took.Round(100*time.Microsecond))
		return
	}
	// The time is the reload's: with the default templates the pages are
	// rendered after it, the one the browser shows first.
	changedPages := ""
	if res != nil {
		res.Wait() // for Rebuild's Finish: a second at once would take the cores from the browser
		changedPages = fmt.Sprintf(", %d pages changed", len(res.Rendered()))
	}
	fmt.Fprintf(s.log(), "changed %s: rebuilt in %s%s\n", what, took.Round(100*time.Microsecond), changedPages)
	if broken {
		fmt.Fprintln(s.log(), "fixed: the build works again, and the browser shows the new site")
	}
}

// ServeHTTP serves the site from the folder its files are kept in.
// Nothing outside the built site can be reached: a name is looked up in
// the build's list of files, never joined to a folder.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.desk != nil && desk.Handles(r.URL.Path) {
		s.desk.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	s.opening.RLock()
	s.mu.Lock()
	site, overlay, stamp := s.site, s.overlay, s.stamp()
	s.mu.Unlock()
	open := func(name string) (io.ReadCloser, bool, error) {
		if site == nil {
			return nil, false, nil
		}
		return site.Open(name)
	}
	f, found, err := open(name)
	status := http.StatusOK
	if !found {
		if site != nil && !strings.HasSuffix(r.URL.Path, "/") && site.Has(name+"/index.html") {
			s.opening.RUnlock()
			// One leading slash: "//kinds/" would send the browser to
			// the host "kinds". The query goes along: it holds an
			// embed's filters (/embed?from=2025-03).
			to := "/" + name + "/"
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		status = http.StatusNotFound
		name = "404.html"
		f, found, err = open(name)
	}
	s.opening.RUnlock()
	var data []byte
	if err == nil && found {
		data, err = io.ReadAll(f)
		f.Close()
	}
	if err != nil {
		fmt.Fprintf(s.log(), "serve %s: %v\n", r.URL.Path, err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !found {
		data = []byte("<!DOCTYPE html><title>Not found</title><h1>Not found</h1>")
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = Inject(data, stamp, overlay)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}

// fileName maps a URL path to a file of the site, refusing anything that
// tries to climb out of it.
func fileName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = strings.TrimPrefix(name+"/index.html", "/")
	}
	return name, true
}

// events streams rebuilds to a page. A page that connects with an older
// stamp than the current site reloads at once: it missed a rebuild, or
// the server restarted.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	current, broken, overlay := s.stamp(), s.errors != nil, s.overlay
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	send := func(e event) error {
		_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		flusher.Flush()
		return err
	}
	// The retry delay makes a page reconnect quickly after a restart.
	fmt.Fprint(w, "retry: 500\n\n")
	if r.URL.Query().Get("v") != current {
		_ = send(event{"reload", current})
	} else if broken {
		_ = send(event{"errors", overlayEvent(overlay)})
	} else {
		_ = send(event{"hello", current})
	}
	keepalive := time.NewTicker(15 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			if send(e) != nil {
				return
			}
		case <-keepalive.C:
			if _, err := fmt.Fprint(w, ": keepalive\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// Inject adds the live-reload script, and the overlay (overlayHTML: "" when
// the last build neither failed nor warned), to an HTML page: before
// </body>, or at the end of a page that has none.
func Inject(page []byte, stamp, overlay string) []byte {
	var b bytes.Buffer
	b.WriteString(overlay)
	fmt.Fprintf(&b, `<script data-timelinegen-live>%s</script>`, strings.ReplaceAll(liveScript, "@STAMP@", stamp))
	at := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if at < 0 {
		return append(append(bytes.Clone(page), '\n'), b.Bytes()...)
	}
	out := make([]byte, 0, len(page)+b.Len())
	out = append(out, page[:at]...)
	out = append(out, b.Bytes()...)
	return append(out, page[at:]...)
}

// overlayHTML shows a failed build's errors over the whole page, with its
// warnings under them, or a good build's warnings in a box at the foot of
// the window, marked as warnings, that leaves the page readable and folds
// when there are many. "" when there is nothing to show.
func overlayHTML(errs, warns []string) string {
	var b strings.Builder
	if errs != nil {
		b.WriteString(`<div id="timelinegen-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem">`)
		b.WriteString(`<h2 style="color:#ff8a8a;font:bold 1.2rem system-ui,sans-serif;margin:0 0 1rem">The build failed: showing the last good site</h2>`)
		lines(&b, errs, "")
		warnings(&b, warns, "color:#ffd479;margin-top:1rem")
		b.WriteString(`<p style="font-family:system-ui,sans-serif;color:#ccc">Fix the file and save: this page updates by itself.</p></div>`)
		return b.String()
	}
	if len(warns) == 0 {
		return ""
	}
	b.WriteString(`<div id="timelinegen-warnings" role="status" style="position:fixed;inset-inline:1rem;bottom:1rem;z-index:2147483647;max-height:45vh;overflow:auto;background:#2b2410;color:#fff;border:2px solid #f0b429;border-radius:6px;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:.5rem 1rem">`)
	warnings(&b, warns, "color:#ffd479")
	b.WriteString(`</div>`)
	return b.String()
}

// maxLines is how many diagnostics of a kind the overlay lists; the
// terminal has them all.
const maxLines = 200

// lines lists diagnostics, each as the terminal prints it.
func lines(b *strings.Builder, ds []string, style string) {
	fmt.Fprintf(b, `<ul style="list-style:none;margin:0;padding:0;%s">`, style)
	for i, d := range ds {
		if i == maxLines {
			fmt.Fprintf(b, `<li style="margin:.3rem 0">… and %d more: the terminal lists them all</li>`, len(ds)-maxLines)
			break
		}
		b.WriteString(`<li style="margin:.3rem 0;white-space:pre-wrap">`)
		b.WriteString(html.EscapeString(d))
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul>`)
}

// foldAbove is how many warnings show unfolded; more are behind their
// count, so that the page stays readable.
const foldAbove = 3

// warnings lists warnings under a summary that counts them, unfolded
// when there are few.
func warnings(b *strings.Builder, warns []string, style string) {
	if len(warns) == 0 {
		return
	}
	open := ""
	if len(warns) <= foldAbove {
		open = " open"
	}
	noun := "warnings"
	if len(warns) == 1 {
		noun = "warning"
	}
	fmt.Fprintf(b, `<details class="timelinegen-warnings"%s style="%s"><summary style="cursor:pointer;font:bold 1rem system-ui,sans-serif">⚠ %d %s: the site is built, but check these</summary>`, open, style, len(warns), noun)
	lines(b, warns, "color:#fff")
	b.WriteString(`</details>`)
}

// liveScript listens for rebuilds. It reloads only on "reload", which the
// server sends after the new site is in place, and shows or clears the
// overlay, which the server makes (overlayHTML). EventSource reconnects by itself after a restart.
const liveScript = `(function(){
var stamp="@STAMP@";
function clear(){["timelinegen-errors","timelinegen-warnings"].forEach(function(id){var o=document.getElementById(id);if(o)o.remove();});}
function show(d){clear();document.body.insertAdjacentHTML("beforeend",d.html);}
function connect(){var es=new EventSource("` + EventsPath + `?v="+encodeURIComponent(stamp));
es.addEventListener("reload",function(){es.close();location.reload();});
es.addEventListener("errors",function(e){show(JSON.parse(e.data));});
es.addEventListener("hello",function(){var o=document.getElementById("timelinegen-errors");if(o)o.remove();});}
if(window.EventSource)connect();
})();`
