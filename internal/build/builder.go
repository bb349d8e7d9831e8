package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/output"
)

// Builder compiles a site again and again, for serve: it runs compile
// with a state that keeps what the next build reuses, and redoes only
// what a change affects. What it gives is byte for byte what a fresh full
// build gives. It keeps the site's files on disk, in a folder of its own
// (an output.Store in Options.Staging), not in memory: at 10,000 articles
// the pages alone are 376 MB. A Builder is used by one goroutine at a
// time (but for Sweep); the Results it gives are read from any.
type Builder struct {
	opts  Options
	st    state
	store *output.Store // made by the first Rebuild
	// bodies holds the file the articles' bodies are put aside in
	// (bodyFile); nil when it could not be made.
	bodies *output.Store
	last   *Result // the last good build's; nil before one
	// older are the good builds before last, whose files Sweep removes
	// where last does not use them. mu guards them and last's setting,
	// for a Sweep from another goroutine.
	mu    sync.Mutex
	older []*Result
	// waiting are pages of earlier builds whose files a page not yet
	// rendered may take over (table.later).
	waiting []handover
}

// pageState is an output file as made, or to be made. A changed data
// file or medium is made on first use, and so is a page with the
// default templates, which cannot fail on a site that compiles: serve
// tells the browser to reload (or, on the first build, that it is
// ready) before it finds which pages changed and renders them, and the
// page the browser asks for first is decided first.
type pageState struct {
	key  uint64
	once sync.Once
	// How its bytes are made, until they are: a page's by decide, which
	// derives its key and renders it, handing the bytes to put (valid
	// only then), unless the key is prev's (table.later); another file's
	// by make, a folder's by group. They hold the build they were made
	// for.
	decide func(last uint64, ok bool, put func([]byte) error) (key uint64, same bool, err error)
	make   func() ([]byte, error)
	write  export.File
	group  func() map[string][]byte
	// prev is the page of the build before under the same name, whose
	// file decide may find unchanged and take over; nil once decided.
	prev  atomic.Pointer[pageState]
	store *output.Store
	path  string            // where store holds a file's bytes
	paths map[string]string // where it holds a folder's, by full name
	// data is a static file's or the marker's bytes, at hand already: a
	// pointer, as few states have any. With the fields in this order, a
	// state is 128 bytes, not 160: serve holds 318,000 at 100,000
	// articles.
	data *[]byte
	err  error       // why its bytes could not be made or stored
	done atomic.Bool // made: holds its bytes and no longer its build
	// rendered says that decide rendered the page: it had changed.
	rendered bool
	// folder marks a group's state, which is not a file itself.
	folder bool
	static bool // a static file or the marker: read, not made
}

func (s *pageState) made() {
	switch {
	case s.decide != nil:
		prev := s.prev.Load()
		last, ok := uint64(0), prev != nil && prev.done.Load() && prev.err == nil && prev.path != ""
		if ok {
			last = prev.key
		}
		var same bool
		if s.key, same, s.err = s.decide(last, ok, s.put); same {
			s.path = prev.path // the same bytes: its file is this page's too
		} else if s.rendered = s.err == nil; s.err == nil && s.path == "" {
			s.err = errors.New("could not be rendered")
		}
	case s.write != nil:
		s.path, s.err = s.store.PutStream(s.write)
	case s.make != nil:
		var data []byte
		if data, s.err = s.make(); s.err == nil {
			s.path, s.err = s.store.Put(data)
		}
	case s.group != nil:
		files := s.group()
		s.paths = make(map[string]string, len(files))
		for name, data := range files {
			if s.paths[name], s.err = s.store.Put(data); s.err != nil {
				break
			}
		}
	}
	// The makers hold the build they were made for: let it go.
	s.decide, s.make, s.write, s.group = nil, nil, nil, nil
	s.done.Store(true)
	// After done: Builder.Sweep, finding prev gone, reads path.
	s.prev.Store(nil)
}

// open opens the file name of s, making s first if it is not made.
// found is false when s is a folder without that file.
func (s *pageState) open(name string) (rc io.ReadCloser, found bool, err error) {
	s.once.Do(s.made)
	if s.err != nil {
		return nil, true, fmt.Errorf("%s: %w", name, s.err)
	}
	file := s.path
	switch {
	case s.static:
		return io.NopCloser(bytes.NewReader(*s.data)), true, nil
	case s.folder:
		if file = s.paths[name]; file == "" {
			return nil, false, nil
		}
	}
	f, err := os.Open(file)
	return f, true, err
}

// remove removes the files the store holds of s, once made. Sweep runs
// it on each state of the build before: a list of each one's files was
// 7.5 MB a save at 100,000 articles.
func (s *pageState) remove(store *output.Store) {
	if !s.done.Load() {
		return
	}
	store.Remove(s.path)
	for _, p := range s.paths {
		store.Remove(p)
	}
}

// put stores a page's bytes, which the theme hands over only for the
// call: stored straight from its buffer, since a copy of each page was a
// seventh of what an edit allocated at 10,000 articles.
func (s *pageState) put(b []byte) (err error) {
	s.path, err = s.store.Put(b)
	return err
}

func (s *pageState) lazy() bool {
	return s.decide != nil || s.make != nil || s.write != nil || s.group != nil
}

// NewBuilder returns a Builder that has built nothing yet.
func NewBuilder(opts Options) *Builder { return &Builder{opts: opts, st: newState()} }

// Result is a site built by a Builder.
type Result struct {
	Site   *Site
	files  *stateTable
	groups map[string]*pageState // folders of files made together, by prefix
	// pending are the pages decided when first asked for, or by Finish.
	pending []namedState
	// next is the first pending page no Finish has taken yet: Finishes
	// at once share the work.
	next atomic.Int64
	// finished is closed once every pending page is made, or Stop.
	finished  chan struct{}
	closeOnce sync.Once
	// stopped ends Finish: the server is stopping.
	stopped atomic.Bool
	// made lists the pages rendered and the static files read again
	// by this run, but the pending pages.
	made []string
	// putCard, when set, puts the listing cards of the site's views
	// aside once every page is rendered (serve's): then the listings an
	// edit renders again read back the few they show. Put aside as
	// rendered, the first build's every listing read back each of its
	// cards: every page of 100,000 articles took 38 s rather than 31.
	putCard func(template.HTML) (func() template.HTML, bool)
	pages   int // how many pages the site has
	// Removed lists files of the last run that are gone.
	Removed []string
}

type namedState struct {
	name string
	st   *pageState
}

// Rendered lists the pages this run rendered, as it found them changed,
// and the static files it read again; the others were unchanged and kept
// (changed exports and media are made when first asked for). It renders
// the pages not rendered yet first (Finish).
func (r *Result) Rendered() []string {
	r.Finish()
	out := slices.Clone(r.made)
	for _, d := range r.pending {
		if d.st.done.Load() && d.st.rendered {
			out = append(out, d.name)
		}
	}
	slices.Sort(out)
	return out
}

// Pages is how many pages the site has.
func (r *Result) Pages() int { return r.pages }

// Open opens a file of the site by slash path, making it first if it is
// made on first use. found is false when the site has no such file; err
// says that it has, but its bytes could not be made or read. Open the
// files of the last Result only, or of one before it until Sweep.
func (r *Result) Open(name string) (rc io.ReadCloser, found bool, err error) {
	if st := r.lookup(name); st != nil {
		return st.open(name)
	}
	return nil, false, nil
}

// Has reports whether the site has a file, without making it (but for
// a folder made together, whose names are known once made).
func (r *Result) Has(name string) bool {
	st := r.lookup(name)
	if st == nil || !st.folder {
		return st != nil
	}
	st.once.Do(st.made)
	_, ok := st.paths[name]
	return ok
}

// lookup gives the state of the file name, or of the folder it is in.
func (r *Result) lookup(name string) *pageState {
	if f, ok := r.files.get(name); ok && !f.folder {
		return f
	}
	for prefix, g := range r.groups {
		if strings.HasPrefix(name, prefix) {
			return g
		}
	}
	return nil
}

// File returns a file of the site by slash path; false when the site has
// no such file or it cannot be read.
func (r *Result) File(name string) ([]byte, bool) {
	rc, found, err := r.Open(name)
	if !found || err != nil {
		return nil, false
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	return data, err == nil
}

// Names lists the site's files, sorted. It makes every lazy folder.
func (r *Result) Names() []string {
	names := make([]string, 0, r.files.len())
	r.files.each(func(n string, f *pageState) {
		if !f.folder {
			names = append(names, n)
		}
	})
	for _, g := range r.groups {
		g.once.Do(g.made)
		for n := range g.paths {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Finish renders the pages not rendered yet, on every core. serve runs
// it once it has told the browser to reload, or that it is ready; the
// next Rebuild runs it first, since those pages are made from the state
// it changes. Finishes at once share the work.
func (r *Result) Finish() {
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(r.pending)) {
		wg.Go(func() {
			for !r.stopped.Load() {
				i := r.next.Add(1) - 1
				if i >= int64(len(r.pending)) {
					return
				}
				st := r.pending[i].st
				st.once.Do(st.made)
				// A page the browser asks for meanwhile waits for a
				// core: let it have one now, not at the next preemption.
				runtime.Gosched()
			}
		})
	}
	wg.Wait()
	if r.stopped.Load() {
		return
	}
	// Pages another Finish took may still be rendering.
	for _, p := range r.pending {
		p.st.once.Do(p.st.made)
	}
	r.closeOnce.Do(func() {
		// Every page is made: the list of outputs the pages were
		// decided from is no longer read, and neither are the pages'
		// specs and makers it holds (at 100,000 articles 318,000
		// outputs, about 50 MB of serve's heap while the editor reads
		// and at the next save's peak). Its lists are cleared, which
		// lets those go, and kept: the next build lists its own in them.
		r.Site.spare.put(append(r.Site.listed, r.Site.products)...)
		r.Site.products, r.Site.listed = nil, nil
		if r.putCard != nil {
			for _, l := range r.Site.Languages {
				for _, v := range l.Planner.Made().Views {
					if c := v.ListingCard(); c != nil {
						c.PutAside(r.putCard)
					}
				}
			}
		}
		close(r.finished)
	})
}

// Wait waits until every page is rendered, by a Finish of anyone's, or
// the site is stopped.
func (r *Result) Wait() { <-r.finished }

// Stop ends Finish, which renders no page more, once the pages it is
// rendering are done: a server stopping right after its first build
// does not wait for the whole site (at 100,000 articles about a minute).
// A page asked for is still rendered. No Rebuild may follow: it needs
// the last site's pages rendered before it changes what they are made
// from.
func (r *Result) Stop() {
	r.stopped.Store(true)
	r.closeOnce.Do(func() { close(r.finished) })
}

// Rebuild builds the site into the Builder's folder. changed lists the
// slash paths, relative to the source folder, that changed since the
// last Rebuild; nil means "anything may have changed". On errors it
// returns a nil Result and keeps what it had for the next run.
func (b *Builder) Rebuild(changed []string) (*Result, diag.List) {
	if b.last != nil {
		b.last.Finish()
	}
	if b.store == nil {
		store, err := output.NewStore(b.opts.Staging)
		if err != nil {
			var ds diag.List
			ds.Errorf(b.opts.Staging, 0, 0, "cannot keep the built site's files: %v", err)
			return nil, ds
		}
		b.store = store
		// The bodies go in a folder of their own, so that the site's is
		// the site's files alone; without one, they stay in memory.
		if bodies, err := output.NewStoreNamed(b.opts.Staging, "bodies-"); err == nil {
			b.bodies = bodies
			b.st.aside = serveBodies(filepath.Join(bodies.Dir(), "bodies.html"))
		}
	}
	b.st.edited(b.opts.Source, changed)
	site, ds := compile(b.opts, &b.st)
	if site == nil {
		return nil, ds
	}
	// With the default templates, which cannot fail on a site that
	// compiles, every build renders its pages on first use, the first
	// too: serve is ready once the site is compiled, and renders the
	// rest after it says so (at 10,000 articles, ready in 1.7 s rather
	// than 4.6-5.1). Templates of the site's own may fail on any page,
	// and a build that fails must fail before serve shows it.
	lazy := !site.Theme.HasOwnTemplates()
	names, pages := make([]string, len(site.products)), 0
	for i := range site.products {
		names[i] = site.products[i].name
		if site.products[i].kind == pageFile {
			pages++
		}
	}
	t := &table{last: b.st.pages, store: b.store, lazy: lazy, next: newStateTable(names, b.st.pages), kinds: make([]stateKind, len(names))}
	if err := site.render(site.sums, t); err != nil {
		// What this run wrote is no good build's.
		t.next.each(func(name string, st *pageState) {
			if old, _ := b.st.pages.get(name); old != st {
				st.remove(b.store)
			}
		})
		tds, _ := asDiagnostics(err) // a table takes every file
		return nil, append(ds, tds...).Sorted()
	}
	res := &Result{Site: site, files: t.next, groups: map[string]*pageState{}, finished: make(chan struct{}), made: t.made, pages: pages}
	if b.st.aside != nil {
		res.putCard = b.st.aside.putCard
	}
	// The pages decided on first use, or by Finish: those not decided
	// yet, as nothing has asked for one. Found by the table's kinds, not
	// by reading every state: at 100,000 articles, 318,000 states read
	// took 28 ms of each save's rebuild.
	res.pending = make([]namedState, 0, pages)
	for i, k := range t.kinds {
		switch k {
		case folderState:
			res.groups[names[i]] = t.next.states[i]
		case pendingState:
			res.pending = append(res.pending, namedState{names[i], t.next.states[i]})
		}
	}
	t.next.removed(b.st.pages, func(name string) { res.Removed = append(res.Removed, name) })
	slices.Sort(res.Removed)
	b.st.pages = t.next
	b.mu.Lock()
	if b.last != nil {
		b.older = append(b.older, b.last)
	}
	b.last = res
	b.mu.Unlock()
	return res, ds
}

// Sweep removes the files of the Results before the last that the last
// does not use. Call it once no reader opens a file of those, from any
// goroutine. A file that a page of the last, not yet rendered, may find
// unchanged and take over stays until that page is rendered or found
// unchanged: serve sweeps again once it has rendered them all.
func (b *Builder) Sweep() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.last == nil {
		return
	}
	// At most every page of the last build waits (serve sweeps before
	// they are rendered): grown a page at a time, the list was 9 MB a
	// save at 100,000 articles.
	waiting := make([]handover, 0, len(b.last.pending))
	sweep := func(old, now *pageState) {
		if now != nil && !old.folder && old.path != "" {
			// A page takes over the file of the page of the build before
			// under its name when it finds it unchanged: it sets its file,
			// then done, then lets go of prev, so that one of the two is
			// seen here.
			prev := now.prev.Load()
			if now.done.Load() {
				if now.path == old.path {
					return
				}
			} else if prev != nil && prev.path == old.path {
				waiting = append(waiting, handover{old, now})
				return
			}
		}
		old.remove(b.store)
	}
	for _, h := range b.waiting {
		sweep(h.old, h.by)
	}
	for _, r := range b.older {
		for i, st := range r.files.states {
			if now := b.last.files.of(r.files, i); st != nil && now != st { // else kept (table.kept)
				sweep(st, now)
			}
		}
	}
	b.older, b.waiting = nil, waiting
}

// handover is a page of an earlier build whose file a page of a later
// one, not yet rendered, may take over (table.later).
type handover struct{ old, by *pageState }

// Close removes the Builder's folder and every file of its builds.
func (b *Builder) Close() error {
	if b.store == nil {
		return nil
	}
	b.st.aside.close()
	if b.bodies != nil {
		b.bodies.Close()
	}
	return b.store.Close()
}

// table is the sink of a Builder: the site's files in its store, by
// name, keeping those of the last build that are unchanged. The data
// files and media are made on first use, and the pages are decided on
// first use when lazy: a one-article edit changes every data file and a
// score of pages, and serve should not wait for them before it reloads
// the page.
type table struct {
	last  *stateTable
	store *output.Store
	lazy  bool // pages are decided on first use (or by Result.Finish)
	// next has a place for each product (product.id), which one
	// goroutine fills.
	next *stateTable
	// kinds says, by place, which states of next are folders and which
	// pages are still to be decided.
	kinds []stateKind
	mu    sync.Mutex
	made  []string // the pages rendered and static files read again
}

// stateKind is what a state in a table is to its Result.
type stateKind uint8

const (
	madeState    stateKind = iota // made, or made on first use (a data file or medium)
	pendingState                  // a page decided on first use, or by Result.Finish
	folderState                   // a folder of files made together
)

func (t *table) decides() bool { return t.lazy }

func (t *table) later(o *product, decide func(uint64, bool, func([]byte) error) (uint64, bool, error)) {
	st := &pageState{store: t.store, decide: decide}
	if old := t.last.of(t.next, int(o.id)); old != nil && !old.folder {
		st.prev.Store(old)
	}
	t.next.states[o.id], t.kinds[o.id] = st, pendingState
}

func (t *table) kept(o *product, key uint64) bool {
	old := t.last.of(t.next, int(o.id))
	ok := old != nil
	// An export not yet made is made afresh from this build, so that it
	// does not keep an old build alive; one that could not be is made
	// again. A medium's maker holds the media cache alone, and its name
	// says its bytes: one not yet made is kept (at 100,000 articles, the
	// share cards were 100,000 states made again on every save).
	if !ok || old.key != key || o.page == nil && (key == volatile || !old.done.Load() && o.kind != mediaFile) || old.done.Load() && old.err != nil {
		return false
	}
	t.put(o, old, false)
	return true
}

// page renders a page at once: with templates of the site's own, which
// may fail on it, and then fail the build (with the default templates
// pages are decided on first use: later).
func (t *table) page(o *product, key uint64, render func(func([]byte) error) error) error {
	st := &pageState{key: key, store: t.store}
	err := render(st.put)
	st.once.Do(st.made)
	t.put(o, st, true)
	return err
}

func (t *table) file(o *product) error {
	st := &pageState{key: o.key, store: t.store, group: o.group, folder: o.folder(), static: o.kind == staticFile || o.kind == markerFile}
	switch made := o.make; {
	case st.static:
		data := made() // at hand already
		st.data = &data
		st.once.Do(st.made)
	case made != nil:
		st.make = func() ([]byte, error) { return made(), nil }
	default:
		st.write = o.write
	}
	t.put(o, st, !st.lazy())
	return nil
}
func (t *table) put(o *product, st *pageState, made bool) {
	t.next.states[o.id] = st
	if st.folder {
		t.kinds[o.id] = folderState
	}
	if made {
		t.mu.Lock()
		t.made = append(t.made, o.name)
		t.mu.Unlock()
	}
}
