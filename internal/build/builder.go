package build

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/diag"
)

// Builder compiles a site again and again, for serve: it runs compile
// with a state that keeps what the next build reuses, and redoes only
// what a change affects. What it gives is byte for byte what a fresh full
// build gives. A Builder is used by one goroutine at a time.
type Builder struct {
	opts Options
	st   state
}

// pageState is an output file as last made. Exports are made lazily, on
// first use: a one-article edit changes every data file, and serve should
// not wait for them before it reloads the page.
type pageState struct {
	key   uint64
	once  sync.Once
	data  []byte
	make  func() []byte
	group func() map[string][]byte // a folder of files, by full name
	files map[string][]byte
	done  atomic.Bool // made: holds its bytes and no longer its build
	// folder marks a group's state, which is not a file itself.
	folder bool
	static bool // a static file or the marker: read, not made
}

func (s *pageState) bytes() []byte {
	s.once.Do(s.made)
	return s.data
}

func (s *pageState) groupFiles() map[string][]byte {
	s.once.Do(s.made)
	return s.files
}

func (s *pageState) made() {
	switch {
	case s.data == nil && s.make != nil:
		s.data = s.make()
	case s.files == nil && s.group != nil:
		s.files = s.group()
	}
	// The makers hold the build they were made for: let it go.
	s.make, s.group = nil, nil
	s.done.Store(true)
}

func (s *pageState) lazy() bool { return s.make != nil || s.group != nil }

// NewBuilder returns a Builder that has built nothing yet.
func NewBuilder(opts Options) *Builder { return &Builder{opts: opts, st: newState()} }

// Result is a site built into memory.
type Result struct {
	Site   *Site
	files  map[string]*pageState
	groups map[string]*pageState // folders of files made together, by prefix
	// Rendered lists the pages rendered and the static files read again
	// by this run; the others were unchanged and kept (changed exports
	// and media are made when first asked for). Removed lists files of
	// the last run that are gone.
	Rendered, Removed []string
}

// File returns a file of the site by slash path.
func (r *Result) File(name string) ([]byte, bool) {
	if f, ok := r.files[name]; ok && !f.folder {
		return f.bytes(), true
	}
	for prefix, g := range r.groups {
		if strings.HasPrefix(name, prefix) {
			data, ok := g.groupFiles()[name]
			return data, ok
		}
	}
	return nil, false
}

// Names lists the site's files, sorted. It makes every lazy file.
func (r *Result) Names() []string {
	names := make([]string, 0, len(r.files))
	for n, f := range r.files {
		if !f.folder {
			names = append(names, n)
		}
	}
	for _, g := range r.groups {
		for n := range g.groupFiles() {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Rebuild builds the site into memory. changed lists the slash paths,
// relative to the source folder, that changed since the last Rebuild; nil
// means "anything may have changed". On errors it returns a nil Result and
// keeps what it had for the next run.
func (b *Builder) Rebuild(changed []string) (*Result, diag.List) {
	b.st.edited(b.opts.Source, changed)
	site, ds := compile(b.opts, &b.st)
	if site == nil {
		return nil, ds
	}
	t := &table{last: b.st.pages, next: make(map[string]*pageState, len(site.products))}
	if err := site.render(site.sums, t); err != nil {
		tds, _ := asDiagnostics(err) // a table takes every file
		return nil, append(ds, tds...).Sorted()
	}
	res := &Result{Site: site, files: t.next, groups: map[string]*pageState{}, Rendered: t.made}
	for name, st := range t.next {
		if st.folder {
			res.groups[name] = st
		}
	}
	for name := range b.st.pages {
		if _, ok := t.next[name]; !ok {
			res.Removed = append(res.Removed, name)
		}
	}
	slices.Sort(res.Rendered)
	slices.Sort(res.Removed)
	b.st.pages = t.next
	return res, ds
}

// table is the sink of a Builder: the site's files in memory, by name,
// keeping those of the last build that are unchanged. The data files and
// media are made lazily, on first use: a one-article edit changes every
// data file, and serve should not wait for them before it reloads the
// page.
type table struct {
	last map[string]*pageState
	mu   sync.Mutex
	next map[string]*pageState
	made []string // the pages rendered and static files read again
}

func (t *table) kept(o *product, key uint64) bool {
	old, ok := t.last[o.name]
	// An export not yet made is made afresh from this build, so that it
	// does not keep an old build alive.
	if !ok || old.key != key || o.page == nil && (key == volatile || !old.done.Load()) {
		return false
	}
	t.put(o.name, old, false)
	return true
}

func (t *table) page(o *product, key uint64, render func(func([]byte) error) error) error {
	var data []byte
	err := render(func(b []byte) error {
		data = bytes.Clone(b)
		return nil
	})
	t.put(o.name, &pageState{key: key, data: data}, true)
	return err
}

func (t *table) file(o *product) error {
	st := &pageState{key: o.key, make: o.make, group: o.group, folder: o.folder(), static: o.kind == staticFile || o.kind == markerFile}
	if st.static {
		st.bytes() // at hand already
	}
	t.put(o.name, st, !st.lazy())
	return nil
}

func (t *table) put(name string, st *pageState, made bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next[name] = st
	if made {
		t.made = append(t.made, name)
	}
}
