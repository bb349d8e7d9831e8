package build

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/theme"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// state is what compile keeps for the next build, one memo per stage. A
// stage whose memo is nil makes afresh and keeps its result there. The
// zero state is a one-shot build's (build, check): no rebuild follows, so
// nothing is summed, no language's bodies or views are kept, and the
// Markdown is let go of once rendered. serve's Builder keeps one state
// for its whole run, and tells it what changed before each build
// (edited), which drops the memos the change makes stale.
type state struct {
	// sums sums up values that live across builds; nil in the zero
	// state.
	sums *rebuild.Hasher
	// compiled is what the last build kept of its compile stage, for a
	// one-shot build that links what is unchanged (Build without
	// NoCache); nil otherwise.
	compiled *compiled
	// parsed is what the last build parsed of content/, for the same
	// builds as compiled; nil otherwise.
	parsed *parsedFiles
	// pending is closed once the last build's views are kept.
	pending chan struct{}

	config  *configStage
	locales *localeStage
	theme   *themeStage
	files   *fileStage
	media   *media.Cache
	// model is the last build's, whose unchanged entries the next keeps
	// (timeline.WithLast); nil in the zero state.
	model *timeline.Timeline
	// langs are what is kept of each language, by code; nil in the zero
	// state, where nothing is.
	langs map[string]*langState
	// pages are the files as last made, by name: the render loop's memo
	// (see table); nil in the zero state, and before the first build.
	pages *stateTable
	// aside is where the bodies are put aside; nil in the zero state, and
	// until serve's Builder has a folder.
	aside *bodyFile
	// spare holds the lists of outputs of a build whose pages are all
	// rendered, which no one reads any more: the next build lists its
	// own in them (spareProducts). nil in the zero state.
	spare *spareProducts
}

// spareProducts holds lists of outputs for the next build to list its
// own in. A save's lists were new arrays (the whole list 2.5 MB at
// 10,000 articles, 30 MB at 100,000; the oEmbed files and share cards
// listed before it 8 and 10 MB more), cleared on every save and their
// pages faulted in afresh, the collector having given the old ones
// back: at 100,000 articles about 90 ms of a save's listing.
type spareProducts struct {
	mu    sync.Mutex
	lists [][]product
}

// maxSpare bounds the lists kept: a build takes one for the whole list
// and one for each language's oEmbed files.
const maxSpare = 8

// put keeps lists, whose every element nothing reads any more. They are
// cleared: what they held would keep their build's specs and makers
// alive.
func (s *spareProducts) put(lists ...[]product) {
	if s == nil {
		return
	}
	for _, list := range lists {
		clear(list[:cap(list)])
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, list := range lists {
		if cap(list) > 0 && len(s.lists) < maxSpare {
			s.lists = append(s.lists, list[:0])
		}
	}
}

// take gives an empty list with room for n, every element zero: the
// smallest one kept that has the room, else a new one. The list is the
// caller's.
func (s *spareProducts) take(n int) []product {
	if n == 0 {
		return nil
	}
	if s != nil {
		s.mu.Lock()
		best := -1
		for i, list := range s.lists {
			if cap(list) >= n && (best < 0 || cap(list) < cap(s.lists[best])) {
				best = i
			}
		}
		if best >= 0 {
			list := s.lists[best]
			s.lists = slices.Delete(s.lists, best, best+1)
			s.mu.Unlock()
			return list
		}
		s.mu.Unlock()
	}
	return make([]product, 0, n)
}

// newSums is the Hasher of values that live across builds. Every view
// carries its language's interface strings: summed once per locale.
func newSums() *rebuild.Hasher { return rebuild.NewHasher(rebuild.Shared[i18n.Strings]()) }

// newState returns the state of a run of builds: serve's.
func newState() state {
	return state{
		sums:  newSums(),
		langs: map[string]*langState{},
		spare: &spareProducts{},
	}
}

// configStage is timeline.yaml as read.
type configStage struct {
	cfg config.Config
	ds  diag.List
}

// localeStage is i18n/ as read.
type localeStage struct {
	locales []*i18n.Locale // by the configuration's languages
	ds      diag.List
}

// themeStage is the theme as read, with templates/ and static/.
type themeStage struct {
	theme *theme.Theme
	// fragments are the theme's "cached" parts of pages, such as the
	// header: emptied at each build, since the site's data they show may
	// have changed.
	fragments *theme.Fragments
	static    map[string][]byte // by name
	ds        diag.List
}

// fileStage is content/ as read: its article and translation files.
type fileStage struct {
	paths  []string // sorted
	ds     diag.List
	byPath map[string]*fileState
	// changed are the paths under content/ edited since they were read;
	// walk says whether files may have come or gone.
	changed []string
	walk    bool
}

// langState is what is kept of one language between builds.
type langState struct {
	bodies  map[string]*bodyState // by article path
	linkIDs map[string]uint64     // slug → where it led and what it read, last build
	// linked are the entries linkIDs were last summed from, in the
	// original language; nil in another, whose entries are copies every
	// build.
	linked []*timeline.Entry
	views  *rebuild.Views
	// copies are the articles in this language, by original: kept while
	// neither the original nor its translation changed, so that views
	// and bodies made from them are reused.
	copies map[*content.Article]articleCopy
	aside  *bodyFile // the state's
	// planner is the last build's, once it listed its pages: the next
	// build's follows it (pages.After).
	planner *pages.Planner
	// oembeds are the keys of the last build's oEmbed files of articles.
	oembeds *oembedKeys
	cards   *cardFiles // the share cards the last build's pages link
}

// articleCopy is an article in a language: the original with its
// translation's words.
type articleCopy struct {
	tr *content.Translation
	a  *content.Article
}

// edited drops what the edit of changed, slash paths relative to source,
// makes stale: the one place that decides what a change redoes. nil means
// anything may have changed.
func (st *state) edited(source string, changed []string) {
	st.wait()
	has := func(dir string) bool {
		return slices.ContainsFunc(changed, func(p string) bool { return under(p, dir) })
	}
	if changed == nil || st.config == nil || slices.Contains(changed, config.FileName) {
		// Kinds, base URL, languages and unsafe_html reach every article
		// and page, and the languages' words.
		st.config, st.locales, st.files = nil, nil, nil
		maps.DeleteFunc(st.langs, func(string, *langState) bool { return true })
		st.forgetMade()
		if changed == nil || st.theme == nil {
			st.theme = nil
			return
		}
	}
	if has(i18n.Dir) {
		st.locales = nil
		// Cards and views hold the language's words.
		for _, ls := range st.langs {
			ls.views = rebuild.NewViews(st.sums)
		}
	}
	if has("static") {
		st.theme = nil
	}
	if has("templates") {
		st.theme = nil
		for _, ls := range st.langs {
			ls.views.DropCards()
		}
		st.forgetMade()
	}
	if f := st.files; f != nil {
		for _, p := range changed {
			if !under(p, content.Dir) {
				continue
			}
			f.changed = append(f.changed, p)
			if _, known := f.byPath[p]; known && strings.HasSuffix(p, ".md") {
				// A file that became a symbolic link is checked by the walk.
				if info, err := os.Lstat(filepath.Join(source, filepath.FromSlash(p))); err == nil && info.Mode().IsRegular() {
					continue
				}
			}
			f.walk = true // a new, deleted or renamed file or folder
		}
	}
}

// forgetMade forgets what the last build made, but the static files and
// the marker, which no setting or template changes. The map is the last
// site's, still served and swept: it is left as it is.
func (st *state) forgetMade() {
	var names []string
	var kept []*pageState
	st.pages.each(func(name string, p *pageState) {
		if p.static {
			names, kept = append(names, name), append(kept, p)
		}
	})
	st.pages = newStateTable(names, nil)
	copy(st.pages.states, kept)
}

// readContent gives content/'s files: those read before but for the ones
// edited since, read again; the folder is walked again only when files
// may have come or gone.
func (st *state) readContent(source string, cfg *config.Config) *fileStage {
	f := st.files
	if f == nil {
		paths, ds := content.Find(source)
		f = &fileStage{paths: paths, ds: ds, byPath: make(map[string]*fileState, len(paths))}
		readFiles(source, cfg, paths, f.byPath, st.parsed)
		st.files = f
		return f
	}
	reread := f.changed
	if f.walk {
		reread = nil
		f.paths, f.ds = content.Find(source)
		next := make(map[string]*fileState, len(f.paths))
		for _, p := range f.paths {
			if old, ok := f.byPath[p]; ok && !slices.Contains(f.changed, p) {
				next[p] = old
				continue
			}
			reread = append(reread, p)
		}
		f.byPath = next
	}
	slices.Sort(reread)
	readFiles(source, cfg, slices.Compact(reread), f.byPath, nil)
	f.changed, f.walk = nil, false
	return f
}

// lang gives what is kept of language code, made on first use; nil in
// the zero state.
func (st *state) lang(code string) *langState {
	if st.langs == nil {
		return nil
	}
	ls := st.langs[code]
	if ls == nil {
		ls = &langState{bodies: map[string]*bodyState{}, views: rebuild.NewViews(st.sums), aside: st.aside}
		st.langs[code] = ls
	}
	return ls
}

// mediaCache is the image cache, opened again when its settings changed.
func (st *state) mediaCache(opts Options, cfg *config.Config) *media.Cache {
	s := mediaSettings(cfg.Media)
	if c := st.media; c == nil || !slices.Equal(c.Settings().Widths, s.Widths) || c.Settings().Quality != s.Quality || c.Settings().MaxPixels != s.MaxPixels {
		st.media = openMedia(opts, cfg)
	}
	return st.media
}

// keep runs keeps, which keep what the next build reuses, while this one
// renders; the zero state has none.
func (st *state) keep(keeps []func()) {
	if len(keeps) == 0 {
		return
	}
	done := make(chan struct{})
	st.pending = done
	go func() {
		defer close(done)
		for _, keep := range keeps {
			keep()
		}
	}()
}

// wait waits for the last build's keeps.
func (st *state) wait() {
	if st.pending != nil {
		<-st.pending
		st.pending = nil
	}
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
