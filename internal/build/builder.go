package build

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/markdown"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/theme"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Builder compiles a site again and again, for serve. It runs compile's
// stages but redoes only what a change affects: it re-reads the changed
// files, re-renders the Markdown whose inputs changed and the pages whose
// data changed. What it gives is byte for byte what a fresh full build
// gives. A Builder is used by one goroutine at a time.
type Builder struct {
	opts    Options
	seed    maphash.Seed    // of every key this Builder compares
	sums    *rebuild.Hasher // of values that live across builds
	pending chan struct{}   // closed when the last build's cards and views are kept

	loaded  bool // config and theme have been read
	cfg     config.Config
	cfgDS   diag.List
	theme   *theme.Theme
	themeDS diag.List
	// fragments are the theme's "cached" parts of pages, such as the
	// header: emptied at each compile, since the site's data they show
	// may have changed.
	fragments rebuild.Fragments
	static    map[string][]byte
	paths     []string // article files, sorted
	findDS    diag.List
	articles  map[string]*fileState // by path, translations too
	locales   []*i18n.Locale        // by the configuration's languages
	i18nDS    diag.List
	langs     map[string]*langState // by language code
	pages     map[string]*pageState // by output file
	media     *media.Cache
}

// langState is what a Builder keeps of one language between builds.
type langState struct {
	bodies  map[string]*bodyState // by article path
	linkIDs map[string]uint64     // slug → where it led and what it read, last build
	views   *rebuild.Views
	// copies are the articles in this language, by original: kept while
	// neither the original nor its translation changed, so that views
	// and bodies made from them are reused.
	copies map[*content.Article]articleCopy
}

type articleCopy struct {
	tr *content.Translation
	a  *content.Article
}

type fileState struct {
	article     *content.Article
	translation *content.Translation
	ds          diag.List
}

type bodyState struct {
	key      uint64           // sums up the article's text (bodyKey)
	article  *content.Article // the parse it was rendered from
	targets  []string         // its wiki-links' targets
	deps     uint64           // where they led and what they read (linkDeps)
	body     pages.Body
	problems []markdown.Problem
}

// bodyKey sums up what an article's rendering reads of the article: its
// text, its slug (the prefix of its ids) and its events (reserved ids,
// the titles of links to them).
func bodyKey(sums *rebuild.Hasher, a *content.Article) uint64 {
	return sums.Sums(a.Body, a.Slug, a.Events)
}

// linksTo reports whether a wiki-link target names one of slugs.
func linksTo(targets []string, slugs map[string]bool) bool {
	for _, t := range targets {
		s, ev, _ := strings.Cut(t, "#")
		if slugs[s] || slugs[ev] {
			return true
		}
	}
	return false
}

// linkDeps sums up where an article's wiki-links lead and what they read.
func linkDeps(sums *rebuild.Hasher, a *content.Article, targets []string, tl *timeline.Timeline, urls *permalink.URLs) uint64 {
	if len(targets) == 0 {
		return 0
	}
	type resolved struct{ target, href, title, err string }
	links := make([]resolved, len(targets))
	for i, t := range targets {
		href, title, err := wikiLink(a, t, tl, urls)
		links[i] = resolved{t, href, title, fmt.Sprint(err)}
	}
	return sums.Sum(links)
}

// wikiLink resolves a wiki-link target of article a: "slug",
// "slug#event-id", or "#event-id", which is an anchor on this very page:
// one of this article's events. It gives the href and the target's title.
func wikiLink(a *content.Article, target string, tl *timeline.Timeline, urls *permalink.URLs) (href, title string, err error) {
	if id, ok := strings.CutPrefix(target, "#"); ok {
		var ids []string
		for _, ev := range a.Events {
			if ev.ID == id {
				return target, ev.Title, nil
			}
			ids = append(ids, ev.ID)
		}
		return "", "", fmt.Errorf("this article has no event %q%s", id, diag.Suggest(id, ids))
	}
	e, err := tl.Resolve(target)
	if err != nil {
		return "", "", err
	}
	if e.Article == a && e.IsEvent() {
		return "#" + e.Slug, e.Title, nil
	}
	return urls.Entry(e), e.Title, nil
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
func NewBuilder(opts Options) *Builder {
	seed := maphash.MakeSeed()
	return &Builder{
		opts: opts,
		seed: seed,
		// Every view carries its language's interface strings: summed
		// once per locale.
		sums:     rebuild.NewHasher(seed, rebuild.Shared[i18n.Strings]()),
		articles: map[string]*fileState{},
		langs:    map[string]*langState{},
		pages:    map[string]*pageState{},
	}
}

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
	site, ds := b.compile(changed)
	if site == nil {
		return nil, ds
	}
	t := &table{last: b.pages, next: make(map[string]*pageState, len(site.products))}
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
	for name := range b.pages {
		if _, ok := t.next[name]; !ok {
			res.Removed = append(res.Removed, name)
		}
	}
	slices.Sort(res.Rendered)
	slices.Sort(res.Removed)
	b.pages = t.next
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

// forgetMade forgets what the last build made, but the static files and
// the marker, which no setting or template changes.
func (b *Builder) forgetMade() {
	maps.DeleteFunc(b.pages, func(_ string, st *pageState) bool { return !st.static })
}

// compile runs compile's stages again, on what changed since the last
// run, reusing the rest.
func (b *Builder) compile(changed []string) (*Site, diag.List) {
	if b.pending != nil {
		<-b.pending
		b.pending = nil
	}
	b.fragments.Reset()
	all := changed == nil || !b.loaded
	cfgChanged := all || slices.Contains(changed, config.FileName)
	themeChanged := all || slices.ContainsFunc(changed, func(p string) bool {
		return under(p, "templates") || under(p, "static")
	})
	if cfgChanged {
		b.cfg, b.cfgDS = readConfig(b.opts, false)
		// Kinds, base URL, languages and unsafe_html reach every article
		// and page.
		b.articles, b.langs = map[string]*fileState{}, map[string]*langState{}
		b.forgetMade()
	}
	if cfgChanged || slices.ContainsFunc(changed, func(p string) bool { return under(p, i18n.Dir) }) {
		b.locales, b.i18nDS = readLocales(b.opts.Source, &b.cfg)
		// Cards and views hold the language's words.
		for _, ls := range b.langs {
			ls.views = &rebuild.Views{}
		}
	}
	if themeChanged {
		b.theme, b.static, b.themeDS = readTheme(b.opts, &b.fragments)
		if slices.ContainsFunc(changed, func(p string) bool { return under(p, "templates") }) || all {
			for _, ls := range b.langs {
				ls.views.DropCards()
			}
			b.forgetMade()
		}
	}
	b.loaded = true
	b.loadArticles(changed, all || cfgChanged)
	in := sortFiles(b.paths, b.articles, b.opts.Drafts)
	tl, originals, mds := model(&b.cfg, in, unreadable(b.opts.Source, b.paths, b.articles))
	ds := slices.Concat(b.cfgDS, b.i18nDS, b.findDS, in.ds, mds)

	langs := languages(&b.cfg, b.locales)
	ins := make([]langInput, len(langs))
	states := make([]*langState, len(langs))
	for i, l := range langs {
		ls := b.langs[l.Code]
		if ls == nil {
			ls = &langState{bodies: map[string]*bodyState{}, views: &rebuild.Views{}}
			b.langs[l.Code] = ls
		}
		states[i] = ls
		ins[i] = langInput{articles: in.articles, tl: tl}
		if i > 0 {
			ins[i].articles, ins[i].tl = translate(ls, in.articles, tl, in.translations, originals, l.Code, langs[0].Code)
		}
	}
	for i := range ins {
		var bds diag.List
		ins[i].bodies, bds = b.renderBodies(states[i], ins[i].articles, ins[i].tl, urlsIn(&b.cfg, langs[i]), i == 0)
		ds = append(ds, bds...)
	}
	ms, meds := processMedia(b.opts.Source, b.mediaCache(), in.articles)
	ds = finish(b.opts.Strict, slices.Concat(ds, meds, b.themeDS))
	if ds.HasErrors() {
		return nil, ds
	}

	site := &Site{Config: b.cfg, Timeline: tl, Articles: in.articles, Theme: b.theme, media: ms, static: b.static,
		sums: rebuild.NewHasher(b.seed, rebuild.Shared[pages.Entry](), rebuild.Shared[pages.SiteInfo](), rebuild.Shared[i18n.Strings](), rebuild.Shared[pages.MonthURLs]())}
	views := make([]*rebuild.Views, len(states))
	for i, ls := range states {
		views[i] = ls.views
	}
	plan := planning{cfg: &b.cfg, theme: b.theme, locales: b.locales, langs: langs, generator: b.opts.Generator, media: ms}
	langsMade, keeps, err := plan.make(ins, views, b.sums, site.sums)
	if err != nil {
		return nil, append(ds, cardErrors(err)...).Sorted()
	}
	site.Languages, site.Planner = langsMade, langsMade[0].Planner
	var clashes diag.List
	site.products, clashes = site.list()
	// What the next build reuses is gathered while this one renders.
	done := make(chan struct{})
	b.pending = done
	go func() {
		defer close(done)
		for _, keep := range keeps {
			keep()
		}
	}()
	return withClashes(b.opts.Strict, site, ds, clashes)
}

// translate gives the articles and timeline in language lang: each
// article's translation's words where it has one, else the original's
// (original is the default language), marked as such. ls, when set,
// keeps the copies for the next build, which reuses those whose article
// and translation are unchanged; a one-shot build passes nil.
func translate(ls *langState, articles []*content.Article, tl *timeline.Timeline, trs []*content.Translation, originals []*content.Article, lang, original string) ([]*content.Article, *timeline.Timeline) {
	byOriginal := map[*content.Article]*content.Translation{}
	for i, t := range trs {
		if t.Lang == lang && originals[i] != nil {
			byOriginal[originals[i]] = t
		}
	}
	next := make(map[*content.Article]articleCopy, len(articles))
	out := make([]*content.Article, len(articles))
	for i, a := range articles {
		tr := byOriginal[a]
		var c articleCopy
		ok := false
		if ls != nil {
			c, ok = ls.copies[a]
		}
		if !ok || c.tr != tr {
			cp := *a
			if tr != nil {
				if tr.Title != "" {
					cp.Title = tr.Title
				}
				if len(bytes.TrimSpace(tr.Body)) > 0 {
					// Problems in the body are the translation's.
					cp.Path, cp.Body, cp.BodyLine = tr.Path, tr.Body, tr.BodyLine
				}
			}
			c = articleCopy{tr: tr, a: &cp}
		}
		next[a] = c
		out[i] = c.a
	}
	if ls != nil {
		ls.copies = next
	}
	words := func(e *timeline.Entry) timeline.Words {
		w := timeline.Words{Title: e.Title, Summary: e.Summary}
		c := next[e.Article]
		tr := c.tr
		if tr == nil {
			w.Text = timeline.Text{Lang: original, BodyLang: original}
			return w
		}
		w.Text = timeline.Text{Outdated: len(content.Changed(tr.Of, e.Article)) > 0, Translator: tr.Translator}
		if c.a.Path != tr.Path {
			w.Text.BodyLang = original
		}
		if e.IsEvent() {
			if et := tr.Event(e.Slug); et != nil && et.Title != "" {
				w.Title, w.Summary = et.Title, et.Summary
			} else {
				w.Text.Lang = original
			}
			return w
		}
		if tr.Title == "" {
			w.Text.Lang = original
		} else {
			// No translated summary: the translated body's first paragraph.
			w.Title, w.Summary = tr.Title, tr.Summary
		}
		return w
	}
	return out, tl.Translated(words, func(a *content.Article) *content.Article { return next[a].a })
}

// loadArticles re-reads the article files that changed. The folder is
// walked again only when files may have come or gone.
func (b *Builder) loadArticles(changed []string, all bool) {
	var reread []string
	walk := all
	for _, p := range changed {
		if !under(p, content.Dir) {
			continue
		}
		if _, known := b.articles[p]; known && strings.HasSuffix(p, ".md") {
			// A file that became a symbolic link is checked by the walk.
			if info, err := os.Lstat(filepath.Join(b.opts.Source, filepath.FromSlash(p))); err == nil && info.Mode().IsRegular() {
				reread = append(reread, p)
				continue
			}
		}
		walk = true // a new, deleted or renamed file or folder
	}
	if walk {
		b.paths, b.findDS = content.Find(b.opts.Source)
		next := make(map[string]*fileState, len(b.paths))
		for _, p := range b.paths {
			if f, ok := b.articles[p]; ok && !all && !slices.Contains(changed, p) {
				next[p] = f
				continue
			}
			reread = append(reread, p)
		}
		b.articles = next
	}
	slices.Sort(reread)
	readFiles(b.opts.Source, &b.cfg, slices.Compact(reread), b.articles)
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

// reservedIDs are ids the entry template uses, which headings must avoid.
var reservedIDs = []string{"main", "title", "events-heading", "sources-heading", "related-heading"}

// renderBodies renders the Markdown of every article whose inputs changed,
// in parallel, resolving wiki-links against the timeline.
func (b *Builder) renderBodies(ls *langState, articles []*content.Article, tl *timeline.Timeline, urls *permalink.URLs, originals bool) (map[string]pages.Body, diag.List) {
	// A body is rendered again when its text changed, or when one of its
	// wiki-links now leads elsewhere or reads otherwise (the text of
	// [[slug]] is the target's title): each body remembers its targets.
	keys := make([]uint64, len(articles))
	states := make([]*bodyState, len(articles))
	stale := make([]bool, len(articles))
	for i, a := range articles {
		states[i] = ls.bodies[a.Path]
	}
	// Which slugs now lead elsewhere or read otherwise: only bodies
	// linking to one of them need their links checked again, unless a
	// slug came or went (a broken link's suggestion may change).
	ids := make(map[string]uint64, len(tl.All))
	for _, e := range tl.All {
		ids[e.Slug] = b.sums.Sums(urls.Entry(e), e.Title) // what a link reads
	}
	moved := map[string]bool{}
	everything := ls.linkIDs == nil || len(ls.linkIDs) != len(ids)
	for s, id := range ids {
		old, ok := ls.linkIDs[s]
		if !ok {
			everything = true
		} else if old != id {
			moved[s] = true
		}
	}
	ls.linkIDs = ids
	parallel(len(articles), func(i int) {
		a, old := articles[i], states[i]
		if old != nil && old.article == a {
			keys[i] = old.key // not re-read since
		} else {
			keys[i] = bodyKey(b.sums, a)
		}
		stale[i] = old == nil || old.key != keys[i] ||
			(everything || linksTo(old.targets, moved)) && old.deps != linkDeps(b.sums, a, old.targets, tl, urls)
	})
	var todo []int
	for i, a := range articles {
		if stale[i] {
			todo = append(todo, i)
		} else {
			states[i].article = a
		}
	}
	md := markdown.New(markdown.Options{UnsafeHTML: b.cfg.UnsafeHTML})
	parallel(len(todo), func(j int) {
		i := todo[j]
		st := renderBody(md, articles[i], tl, urls)
		st.key, st.deps = keys[i], linkDeps(b.sums, articles[i], st.targets, tl, urls)
		states[i] = st
	})
	next := make(map[string]*bodyState, len(articles))
	for i, a := range articles {
		next[a.Path] = states[i]
	}
	ls.bodies = next
	return collectBodies(articles, states, originals)
}
