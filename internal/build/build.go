// Package build compiles a site: files → articles → the timeline model →
// pages → output. It knows nothing about HTTP; the dev server composes it
// with watching and serving.
//
// Build, Check and serve's Builder run the same compile(options, state)
// (compile.go) and the same render loop (render.go) over one list of
// outputs (products.go). The state holds one memo per stage: serve's
// Builder keeps one across builds, and state.edited drops what the
// changed paths make stale; a one-shot build passes the zero state, which
// keeps nothing. Package rebuild sums and stores what a rebuild reuses.
//
//	cfg      := timeline.yaml, i18n/, theme    readConfig, readLocales, readTheme
//	articles := content/**/*.md   (parallel)   state.readContent, sortFiles
//	model    := timeline.New(articles)         model; translate, per language
//	bodies   := Markdown of each article       renderBodies (parallel, wiki-links resolved)
//	images   := each file the articles name    processMedia (parallel, cached on disk)
//	pages    := pages.Planner, its views, cards planning.make
//	products := every file, every language     Site.list (products.go)
//	output   := each product's bytes           Site.render (parallel) → files or serve's table
package build

import (
	"errors"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/theme"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Options say what to build.
type Options struct {
	Source    string // the site's folder
	Drafts    bool   // include articles with draft: true
	Strict    bool   // warnings are errors
	BaseURL   string // overrides timeline.yaml's base_url when set
	Theme     fs.FS  // the default theme: templates/ and static/
	Generator string // "timelinegen vX", in a <meta name=generator>
	// NoCache makes nothing from what the site's .timelinegen/ holds:
	// Build renders every page and processes every image afresh, keeping
	// them in memory (build --no-cache, a cold build); Check takes the
	// images the cache holds but writes nothing there.
	NoCache bool
	// CleanDest lets Build replace a non-empty destination that an
	// earlier build did not make.
	CleanDest bool
	// Staging is the folder in which serve's Builder makes a folder of
	// its own for the site's files; "" for the system's temporary folder.
	Staging string
	// Compiled, when set, is called by Build between compiling the site
	// and writing it (the CLI tunes the garbage collector there).
	Compiled func()

	publish bool // Build: warn of what a published site lacks (an absolute address)
	check   bool // Check: nothing is written, the default theme's cards are left out
}

// Site is a compiled site, ready to be written.
type Site struct {
	Config   config.Config
	Timeline *timeline.Timeline
	Articles []*content.Article
	// Planner plans the default language's pages; Languages are every
	// language's, the default first.
	Planner   *pages.Planner
	Languages []*Language
	Theme     *theme.Theme
	media     *mediaSet
	static    map[string][]byte // the theme's and the site's static files, by name
	sums      *rebuild.Hasher   // of this build's pages
	// inputs sums up everything the feeds and data files are made from,
	// for a build that links them when unchanged; 0 when not summed.
	inputs   uint64
	products []product // every file the build produces
	// spare is where the lists of outputs are made; nil but in serve.
	spare *spareProducts
	// listed are the lists the outputs were listed in before products,
	// which go back to spare with it.
	listed [][]product
}

// Language is a site's pages in one language.
type Language struct {
	Code     string
	Planner  *pages.Planner
	Timeline *timeline.Timeline // with the language's words
	versions []uint64           // of the entries' views (rebuild.Made)
	// memo is what the next build keeps of the language; nil in a
	// one-shot build.
	memo *langState
}

// ErrFailed is returned with the diagnostics when content errors stop a
// build.
var ErrFailed = errors.New("the build failed")

// Check is Compile that also renders every page, writing nothing, so
// that it finds every error Build would. The pages are rendered only when
// the site has templates of its own: the default theme's cannot fail on a
// site that compiles (its tests render every kind of page and field), and
// rendering is most of a build's time.
func Check(opts Options) (*Site, diag.List) {
	st := checkState(opts)
	if st.compiled != nil {
		defer st.compiled.close()
	}
	opts.NoCache = true // check writes nothing, not even the image cache
	opts.check = true
	site, ds := compile(opts, st)
	if site == nil || !site.Theme.HasOwnTemplates() {
		return site, ds
	}
	_, err := site.Write(output.Discard{})
	if err == nil {
		err = st.compiled.err()
	}
	if err != nil {
		if tds, ok := asDiagnostics(err); ok {
			ds = append(ds, tds...)
		} else {
			ds.Errorf("templates", 0, 0, "%v", err)
		}
		return nil, ds.Sorted()
	}
	return site, ds
}

// checkState takes the articles as the last build parsed them and the
// bodies as it rendered them, where unchanged, unless opts.NoCache: they
// are the same for a check, which makes no card of the default theme's
// (so salted as the build's), and were kept with their diagnostics. It
// keeps nothing: a check writes nothing.
func checkState(opts Options) *state {
	st := &state{}
	if opts.NoCache {
		return st
	}
	if s, err := salt(opts); err == nil {
		st.sums = newSums()
		st.compiled = newCompiled(opts.Source, s)
		st.compiled.next.broken = true // bodies rendered afresh stay in memory
		st.parsed = &parsedFiles{source: opts.Source, salt: s, readOnly: true}
	}
	return st
}

// Compile reads and checks the whole site. It returns every diagnostic of
// the run, sorted; the Site is nil when any of them is an error.
func Compile(opts Options) (*Site, diag.List) { return compile(opts, &state{}) }

// Write renders every product of s into w, in parallel, and returns how
// many files it wrote. It stops at the first error of w (a full disk would
// otherwise fail once a file), and returns it alone. Errors of the
// templates are a *TemplateErrors, one diagnostic each.
func (s *Site) Write(w output.Writer) (int, error) {
	f := &files{w: w}
	if err := s.render(nil, f); err != nil {
		return 0, err
	}
	return int(f.written.Load()), nil
}

// Build compiles the site and, when it has no errors, writes it to dest,
// replacing what was there only once everything is written. Unlike
// Compile, it warns when the site has no absolute address. A page whose
// key is the one the last build into dest kept (PagesFile) is linked
// from dest instead of rendered, unless opts.NoCache.
//
// A destination that would destroy the site or files the build did not
// make is refused first, with an *product.DestError.
func Build(opts Options, dest string) (written int, ds diag.List, err error) {
	if err := output.CheckDest(opts.Source, dest, opts.CleanDest); err != nil {
		return 0, nil, err
	}
	opts.publish = true
	st := &state{}
	var re *reuse
	if !opts.NoCache {
		// Without a salt (the program cannot read itself) every page
		// is rendered, as with --no-cache.
		if s, err := salt(opts); err == nil {
			re = newReuse(opts.Source, dest, s)
			defer re.close()
			st.sums = newSums()
			st.compiled = newCompiled(opts.Source, s)
			defer st.compiled.close()
			st.parsed = &parsedFiles{source: opts.Source, salt: s}
		}
	}
	site, ds := compile(opts, st)
	if site == nil {
		return 0, ds, ErrFailed
	}
	if opts.Compiled != nil {
		opts.Compiled()
	}
	out, err := output.NewDir(dest)
	if err != nil {
		return 0, ds, err
	}
	// site.sums is set only when the state sums, that is with re: the
	// keys of the pages to link.
	f := &files{w: out, reuse: re}
	err = site.render(site.sums, f)
	if err == nil {
		err = st.compiled.err()
	}
	if err != nil {
		_ = out.Abort()
		if tds, ok := asDiagnostics(err); ok {
			return 0, append(ds, tds...).Sorted(), ErrFailed
		}
		return 0, ds, diskFull(err, out, dest)
	}
	n := int(f.written.Load())
	var keep func()
	if re != nil {
		// Kept only once the build is in place, while the build it
		// replaced is removed: a failed build leaves the keys of the
		// build still published. Without them the next build renders
		// every page. The two files are written side by side: one after
		// another they were the last 0.12 s of a 10,000-article build,
		// on one core.
		keep = func() {
			var saving sync.WaitGroup
			saving.Go(func() {
				if serr := st.compiled.save(opts.Source); serr != nil {
					forgetCompiled(opts.Source)
				}
			})
			if serr := re.save(opts.Source, dest); serr != nil {
				forgetPages(opts.Source)
			}
			saving.Wait()
		}
	}
	return n, ds, out.CommitThen(keep)
}

// inRuns runs f on every core over 0..n-1 in runs of size, for work
// too small to be handed out an item at a time: f(r, from, to) for the
// r-th run, items from to to-1. There are (n+size-1)/size runs.
func inRuns(n, size int, f func(r, from, to int)) {
	parallel((n+size-1)/size, func(r int) { f(r, r*size, min((r+1)*size, n)) })
}

// parallel runs f(0..n-1) on one goroutine a core. The items are
// handed out a run at a time, a 64th of a core's share: handed out one
// at a time under a lock, the 33,000 outputs a save lists at 10,000
// articles, each a few hundred nanoseconds of work, waited on the lock
// (2% of serve's processor time), and a run is still short enough that
// no core waits long for the last.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	size := max(1, n/(max(workers, 1)*64))
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for {
				from := int(next.Add(int64(size))) - size
				if from >= n {
					return
				}
				for i := from; i < min(from+size, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}
