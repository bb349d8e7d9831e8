package build

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/pages"
)

// sink is where the render loop puts the products it makes: the files
// of a one-shot build or a check, or serve's table of the site in memory.
type sink interface {
	// kept reports whether what the sink holds of o from the last build,
	// made under key, stands; then it keeps it.
	kept(o *product, key uint64) bool
	// page takes a page: render hands its bytes to use, which must not
	// keep them.
	page(o *product, key uint64, render func(use func([]byte) error) error) error
	// file takes any other product.
	file(o *product) error
}

// deciding is a sink that may tell a page changed only when it is first
// used (serve's table, with the default templates): decide then derives
// the page's key and, when it differs from last (the key of the page the
// sink held; ok false when none), renders it with put. At 10,000
// articles deriving every page's key took 29-32 ms of a save's rebuild
// of about 120, and a reload needs none of them.
type deciding interface {
	decides() bool
	later(o *product, decide func(last uint64, ok bool, put func([]byte) error) (key uint64, same bool, err error))
}

// render renders every product of s into to. The pages, media and static
// files go in parallel, and the data files in parallel beside them: the
// large ones are streamed as made, but a folder is made whole (the
// search index is 50 MB at 100,000 articles), and one at a time: two at
// once were about 100 MB more of the 250,000-event import's first build.
// One after another, the data files were most of a warm build after one
// edit at 100,000 articles (11 of 17 s), its pages being linked. A
// medium is at most a few MB (a share card is drawn on a canvas of its
// own from media's pool, about 4 MB), and the share cards of a cold
// build are most of its work: one after another they would take as long
// on any number of cores. sums, when set, derives each product's rebuild
// key, and a product that to kept from the last build under the same key
// is not made again; nil, for a one-shot build, reuses nothing.
//
// It stops at the first error of to (a full disk would otherwise fail
// once a file), and returns it alone. Errors of the templates are a
// *TemplateErrors, one diagnostic each however many pages they spoil.
func (s *Site) render(sums *rebuild.Hasher, to sink) error {
	var (
		stop     atomic.Bool
		first    sync.Once
		firstErr error
	)
	failed := func(err error) {
		if err != nil {
			first.Do(func() { firstErr = err })
			stop.Store(true)
		}
	}
	d, later := to.(deciding)
	later = later && sums != nil && d.decides()
	// Counted first: grown a product at a time, the two lists were 7 MB
	// of a save at 100,000 articles.
	data := 0
	for i := range s.products {
		if s.products[i].kind == dataFile {
			data++
		}
	}
	together, made := make([]*product, 0, len(s.products)-data), make([]*product, 0, data)
	for i := range s.products {
		switch o := &s.products[i]; o.kind {
		case dataFile:
			made = append(made, o)
		default:
			together = append(together, o)
		}
	}
	var exporting sync.WaitGroup
	var whole sync.Mutex // a folder made whole is made alone
	exporting.Go(func() {
		parallel(len(made), func(i int) {
			o := made[i]
			if stop.Load() || sums != nil && to.kept(o, o.key) {
				return
			}
			if o.folder() {
				whole.Lock()
				defer whole.Unlock()
			}
			failed(to.file(o))
		})
	})
	rendering := make([]error, len(together))
	parallel(len(together), func(i int) {
		o := together[i]
		if stop.Load() {
			return
		}
		if o.page == nil {
			if sums == nil || !to.kept(o, o.key) {
				failed(to.file(o))
			}
			return
		}
		if later {
			d.later(o, func(last uint64, ok bool, put func([]byte) error) (uint64, bool, error) {
				key, pg := o.pageKey(sums)
				if ok && key == last {
					return key, true, nil
				}
				return key, false, s.renderPage(o, pg, put)
			})
			return
		}
		var key uint64
		var pg *pages.Page
		if sums != nil {
			if key, pg = o.pageKey(sums); to.kept(o, key) {
				return
			}
		}
		failed(to.page(o, key, func(use func([]byte) error) error {
			err := s.renderPage(o, pg, use)
			if re, ok := err.(*renderError); ok {
				rendering[i] = re
				return nil
			}
			return err
		}))
	})
	exporting.Wait()
	if firstErr != nil {
		return firstErr
	}
	if ds := templateErrors(rendering); ds != nil {
		return &TemplateErrors{ds}
	}
	return nil
}

// renderPage renders the page o, from its data pg when made already,
// and hands its bytes to use. A template's error is a *renderError; any
// other is use's.
func (s *Site) renderPage(o *product, pg *pages.Page, use func([]byte) error) error {
	// Made here, since a sink may render later (serve's table).
	if pg == nil {
		pg = o.page.Data()
	}
	var useErr error
	err := s.Theme.RenderTo(pg, func(b []byte) error {
		useErr = use(b)
		return useErr
	})
	if err != nil && useErr == nil {
		return &renderError{page: o.name, err: err}
	}
	return useErr
}

// files is a sink that writes every product to an output.Writer, and
// counts the files written.
type files struct {
	w       output.Writer
	written atomic.Int64
	// reuse, for a build, links the pages of the last build whose keys
	// are unchanged, and notes the keys of the pages written; nil for
	// one that reuses nothing.
	reuse *reuse
}

// kept links a page or data file of the last build published under
// key. Other products are made again: media are linked from their
// cache, static files are read anyway.
func (f *files) kept(o *product, key uint64) bool {
	if f.reuse == nil || o.kind != pageFile && (o.kind != dataFile || key == volatile) {
		return false
	}
	if o.folder() {
		n, ok := f.reuse.linkFolder(f.w, o.name, key)
		f.written.Add(int64(n))
		return ok
	}
	if !f.reuse.link(f.w, o.name, key) {
		return false
	}
	f.written.Add(1)
	return true
}

func (f *files) page(o *product, key uint64, render func(func([]byte) error) error) error {
	if f.reuse != nil {
		f.reuse.published(o.name, key)
	}
	return render(func(b []byte) error { return f.write(o.name, b) })
}

func (f *files) file(o *product) error {
	if l, ok := f.w.(output.Linker); ok && o.disk != nil {
		if from, err := o.disk(); err == nil && from != "" && l.Link(o.name, from, nil) == nil {
			f.written.Add(1)
			return nil
		}
	}
	keyed := f.reuse != nil && o.kind == dataFile && o.key != volatile
	if !o.folder() {
		if keyed {
			f.reuse.published(o.name, o.key)
		}
		if o.write != nil {
			return f.stream(o.name, o.write)
		}
		return f.write(o.name, o.make())
	}
	files := o.group()
	for name, data := range files {
		if f.reuse != nil && f.reuse.linked(name) {
			// Linked from the last build before the folder was found
			// not whole there: the same bytes, in a file of the last
			// build's, which must not be written through.
			continue
		}
		if keyed {
			f.reuse.published(name, folderKey(o.key, len(files)))
		}
		if err := f.write(name, data); err != nil {
			return err
		}
	}
	return nil
}

func (f *files) stream(name string, write export.File) error {
	if err := output.Stream(f.w, name, write); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	f.written.Add(1)
	return nil
}

func (f *files) write(name string, data []byte) error {
	if err := f.w.Write(name, data); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	f.written.Add(1)
	return nil
}
