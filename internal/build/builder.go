package build

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/markdown"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/sitefs"
	"github.com/timelinegen/timelinegen/internal/theme"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Builder compiles a site again and again, redoing only what a change
// affects: it re-reads the changed files, re-renders the Markdown whose
// inputs changed and re-renders the pages whose Key changed. What it gives
// is byte for byte what a fresh full build gives. A Builder is used by one
// goroutine at a time.
type Builder struct {
	opts    Options
	seed    maphash.Seed    // of every key this Builder compares
	sums    *rebuild.Hasher // of values that live across builds
	oneShot bool            // no rebuild follows: drop what only a rebuild needs
	publish bool            // the site is being published: warn of what it lacks for that
	check   bool            // nothing is written: render only to find errors (Check)
	pending chan struct{}   // closed when the last build's cards and views are kept

	loaded  bool // config and theme have been read
	cfg     config.Config
	cfgDS   diag.List
	theme   *theme.Theme
	themeDS diag.List
	// fragments are the theme's "cached" parts of pages, such as the
	// header: emptied at each compile, since the site's data they show
	// may have changed.
	fragments theme.Fragments
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
	// Rendered lists the pages rendered by this run; the others were
	// unchanged and kept (changed exports are made when first asked for).
	// Removed lists files of the last run that are gone.
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
	specs, versions := site.pages()
	sums := site.sums
	exports := site.exports(specs, sums)
	if site, ds = b.withClashes(site, ds, staticClashes(site.Theme.Static(), generatedNames(specs, exports))); site == nil {
		return nil, ds
	}
	type rendered struct {
		name  string
		state *pageState
		fresh bool
		err   error
	}
	out := make([]rendered, len(specs)+len(exports))
	parallel(len(out), func(i int) {
		if j := i - len(specs); j >= 0 {
			x := exports[j]
			// An export not yet made is made afresh from this build, so
			// that it does not keep an old build alive.
			if old, ok := b.pages[x.name]; ok && x.key != volatile && old.key == x.key && old.done.Load() {
				out[i] = rendered{name: x.name, state: old}
				return
			}
			out[i] = rendered{name: x.name, state: &pageState{key: x.key, make: x.make, group: x.group, folder: x.group != nil}, fresh: true}
			return
		}
		// A page's key is the sum of the very value its template gets, so
		// whatever reaches the page is in its key; or, for a page costly
		// to make, the sum of its inputs (tested to change whenever that
		// sum does).
		var pg *pages.Page
		var key uint64
		switch {
		case b.oneShot:
		case specs[i].Inputs != nil:
			key = sums.Key(specs[i].File, specs[i].Inputs(), versions[i])
		default:
			pg = specs[i].Data()
			key = sums.Sum(pg)
		}
		name := specs[i].File
		if old, ok := b.pages[name]; ok && old.key == key {
			out[i] = rendered{name: name, state: old}
			return
		}
		if pg == nil {
			pg = specs[i].Data()
		}
		data, err := site.Theme.Render(pg)
		out[i] = rendered{name: name, state: &pageState{key: key, data: data}, fresh: true, err: wrap(name, err)}
	})
	res := &Result{Site: site, files: make(map[string]*pageState, len(out)+len(b.static)), groups: map[string]*pageState{}}
	var errs []error
	next := make(map[string]*pageState, len(out))
	for _, r := range out {
		if r.err != nil {
			errs = append(errs, r.err)
		}
		if errs != nil {
			continue
		}
		next[r.name] = r.state
		res.files[r.name] = r.state
		if r.state.folder {
			res.groups[r.name] = r.state
		}
		if r.fresh && !r.state.lazy() { // exports are made when asked for
			res.Rendered = append(res.Rendered, r.name)
		}
	}
	if errs != nil {
		return nil, append(ds, templateErrors(errs)...).Sorted()
	}
	for name := range b.pages {
		if _, ok := next[name]; !ok {
			res.Removed = append(res.Removed, name)
		}
	}
	slices.Sort(res.Removed)
	b.pages = next
	for name, data := range b.static {
		if _, ok := res.files[name]; !ok {
			res.files[name] = &pageState{data: data}
		}
	}
	return res, ds
}

// compile brings config, theme, articles, model and bodies up to date.
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
		b.cfgDS = nil
		b.cfg = loadConfig(b.opts.Source, &b.cfgDS)
		if b.opts.BaseURL != "" {
			if base, err := config.ParseBaseURL(b.opts.BaseURL); err != nil {
				b.cfgDS.Errorf("--base-url", 0, 0, "%v", err)
			} else {
				b.cfg.BaseURL = base
			}
		}
		if b.publish && !b.cfg.IsAbsolute() && !b.cfgDS.HasErrors() {
			noAddress(&b.cfgDS, &b.cfg, b.opts.Source, b.opts.BaseURL != "")
		}
		// Kinds, base URL, languages and unsafe_html reach every article
		// and page.
		b.articles, b.langs, b.pages = map[string]*fileState{}, map[string]*langState{}, map[string]*pageState{}
	}
	if cfgChanged || slices.ContainsFunc(changed, func(p string) bool { return under(p, i18n.Dir) }) {
		b.i18nDS = nil
		langs := make([]i18n.Language, len(b.cfg.Languages))
		for i, l := range b.cfg.Languages {
			langs[i] = i18n.Language{Code: l.Code, Label: l.Label}
		}
		b.locales = i18n.Load(b.opts.Source, langs, &b.i18nDS)
		// Cards and views hold the language's words.
		for _, ls := range b.langs {
			ls.views = &rebuild.Views{}
		}
	}
	if themeChanged {
		b.theme, b.themeDS = theme.Load(b.opts.Theme, b.opts.Source, &b.fragments)
		for _, dir := range []string{"templates", "static", "i18n"} {
			sitefs.CheckLinks(b.opts.Source, dir, &b.themeDS)
		}
		b.static = b.readStatic()
		if slices.ContainsFunc(changed, func(p string) bool { return under(p, "templates") }) || all {
			for _, ls := range b.langs {
				ls.views.DropCards()
			}
			b.pages = map[string]*pageState{}
		}
	}
	b.loaded = true
	b.loadArticles(changed, all || cfgChanged)

	ds := slices.Concat(b.cfgDS, b.i18nDS, b.findDS)
	articles := make([]*content.Article, 0, len(b.paths))
	var drafts []*content.Article
	var translations []*content.Translation
	for _, p := range b.paths {
		f := b.articles[p]
		ds = append(ds, f.ds...)
		switch {
		case f.translation != nil:
			translations = append(translations, f.translation)
		case f.article == nil:
		case b.opts.Drafts || !f.article.Draft:
			articles = append(articles, f.article)
		default:
			drafts = append(drafts, f.article)
		}
	}
	topts := []timeline.Option{timeline.WithDrafts(drafts), timeline.WithUnreadable(b.unreadable())}
	if b.cfg.RoundCoordinates {
		topts = append(topts, timeline.WithCoordinateDecimals(b.cfg.CoordinateDecimals))
	}
	tl, tds := timeline.New(articles, b.cfg.KindNames(), topts...)
	ds = append(ds, tds...)
	originals, mds := content.Match(translations, slices.Concat(articles, drafts))
	ds = append(ds, mds...)

	// Each language's articles and timeline: the default's as they are,
	// the others' with their translations' words. All are made before any
	// body is rendered, since a one-shot build lets go of the Markdown.
	langs := make([]pages.Language, len(b.cfg.Languages))
	for i, l := range b.cfg.Languages {
		langs[i] = pages.Language{Code: l.Code, Label: l.Label, Dir: b.locales[i].Dir(), Prefix: permalink.LanguagePrefix(l.Code, i)}
	}
	type inLanguage struct {
		state    *langState
		articles []*content.Article
		tl       *timeline.Timeline
		bodies   map[string]pages.Body
	}
	ins := make([]inLanguage, len(langs))
	for i, l := range langs {
		ls := b.langs[l.Code]
		if ls == nil {
			ls = &langState{bodies: map[string]*bodyState{}, views: &rebuild.Views{}}
			b.langs[l.Code] = ls
		}
		ins[i] = inLanguage{state: ls, articles: articles, tl: tl}
		if i > 0 {
			ins[i].articles, ins[i].tl = translate(ls, articles, tl, translations, originals, l.Code, langs[0].Code)
		}
	}
	for i := range ins {
		var bds diag.List
		ins[i].bodies, bds = b.renderBodies(ins[i].state, ins[i].articles, ins[i].tl, &permalink.URLs{Base: b.cfg.BasePath(), Lang: langs[i].Prefix},
			// An original's problems are reported once, in its own language.
			i == 0)
		ds = append(ds, bds...)
	}
	ms, meds := b.processMedia(articles)
	ds = append(ds, meds...)
	ds = append(ds, b.themeDS...)

	if b.opts.Strict {
		ds = ds.Strict()
	}
	ds = ds.Sorted()
	if ds.HasErrors() || b.theme == nil {
		return nil, ds
	}
	site := &Site{Config: b.cfg, Timeline: tl, Articles: articles, Theme: b.theme, media: ms}
	if !b.oneShot {
		site.sums = rebuild.NewHasher(b.seed, rebuild.Shared[pages.Entry](), rebuild.Shared[pages.Site](), rebuild.Shared[i18n.Strings](), rebuild.Shared[pages.MonthURLs]())
	}
	ms.cards = map[string]media.Card{}
	// The default theme's cards cannot fail on a site that compiles: a
	// check renders them only for templates of the site's own.
	var card func(pages.Entry) (template.HTML, error)
	if !b.check || b.theme.HasOwnTemplates() {
		card = b.theme.Card
	}
	// Every language's maps share their basemaps: the same map in three
	// languages draws its countries once.
	basemaps := charts.NewBasemaps()
	var keeps []func()
	for i, in := range ins {
		planner := pages.NewPlanner(&b.cfg, in.tl, in.bodies, b.opts.Generator, pages.InLanguage(b.locales[i], langs[i], langs),
			pages.WithMedia(ms.image), pages.WithShareCards(ms.shareCard(&b.cfg, in.tl)), pages.WithBasemaps(basemaps))
		views := in.state.views
		if b.oneShot {
			views = nil
		}
		made, keep, err := views.Make(planner, in.tl, in.bodies, func(e *timeline.Entry) uint64 { return ms.entrySum(b.sums, e) }, card, b.sums, parallel)
		if err != nil {
			ds.Errorf("templates/partials/entry-card.html", 0, 0, "%v", err)
			return nil, ds
		}
		planner = planner.WithViews(made.Views)
		if site.sums != nil {
			for i := range made.Views {
				site.sums.Remember(&made.Views[i], made.Versions[i])
			}
		}
		ms.useCards(&b.cfg, in.tl, planner)
		keeps = append(keeps, keep)
		site.Languages = append(site.Languages, &Language{Code: langs[i].Code, Planner: planner, Timeline: in.tl, versions: made.Versions})
	}
	ms.prune()
	site.Planner = site.Languages[0].Planner
	if b.oneShot {
		return site, ds
	}
	// What the next build reuses is gathered while this one renders.
	done := make(chan struct{})
	b.pending = done
	go func() {
		defer close(done)
		for _, keep := range keeps {
			keep()
		}
	}()
	return site, ds
}

// translate gives the articles and timeline in language lang: each
// article's translation's words where it has one, else the original's
// (original is the default language), marked as such.
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
		c, ok := ls.copies[a]
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
	ls.copies = next
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
	reread = slices.Compact(reread)
	trPaths := slices.DeleteFunc(slices.Clone(reread), func(p string) bool { return !content.IsTranslation(p) })
	reread = slices.DeleteFunc(reread, content.IsTranslation)
	loader := content.Loader{Kinds: b.cfg.KindNames(), Languages: b.cfg.LanguageCodes()}
	articles, lists := loader.LoadFiles(b.opts.Source, reread)
	for i, p := range reread {
		b.articles[p] = &fileState{article: articles[i], ds: lists[i]}
	}
	trs, trLists := loader.LoadTranslations(b.opts.Source, trPaths)
	for i, p := range trPaths {
		b.articles[p] = &fileState{translation: trs[i], ds: trLists[i]}
	}
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func (b *Builder) readStatic() map[string][]byte {
	files := map[string][]byte{}
	for _, name := range b.theme.Static() {
		data, err := b.theme.ReadStatic(name)
		if err != nil {
			b.themeDS.Errorf("static/"+name, 0, 0, "cannot read: %v", err)
			continue
		}
		files[name] = data
	}
	return files
}

// reservedIDs are ids the entry template uses, which headings must avoid.
var reservedIDs = []string{"main", "title", "events-heading", "sources-heading", "related-heading"}

// unreadable names the slugs and event ids that the article files which
// could not be read may define, each with its file.
func (b *Builder) unreadable() map[string]string {
	names := map[string]string{}
	for _, p := range b.paths {
		// A translation is no article: its original's names are known.
		if f := b.articles[p]; f.article != nil || f.translation != nil {
			continue
		}
		src, _ := os.ReadFile(filepath.Join(b.opts.Source, filepath.FromSlash(p)))
		for _, n := range content.NamesOf(p, src) {
			names[n] = p
		}
	}
	return names
}

// renderBodies renders the Markdown of every article whose inputs changed,
// in parallel, resolving wiki-links against the timeline.
func (b *Builder) renderBodies(ls *langState, articles []*content.Article, tl *timeline.Timeline, urls *permalink.URLs, originals bool) (map[string]pages.Body, diag.List) {
	md := markdown.New(markdown.Options{UnsafeHTML: b.cfg.UnsafeHTML})

	// A body is rendered again when its text changed, or when one of its
	// wiki-links now leads elsewhere or reads otherwise (the text of
	// [[slug]] is the target's title): each body remembers its targets.
	keys := make([]uint64, len(articles))
	olds := make([]*bodyState, len(articles))
	stale := make([]bool, len(articles))
	for i, a := range articles {
		olds[i] = ls.bodies[a.Path]
	}
	// Which slugs now lead elsewhere or read otherwise: only bodies
	// linking to one of them need their links checked again, unless a
	// slug came or went (a broken link's suggestion may change).
	ids := make(map[string]uint64, len(tl.All))
	for _, e := range tl.All {
		if b.oneShot {
			break // no build follows to compare with
		}
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
		a, old := articles[i], olds[i]
		switch {
		case b.oneShot:
			stale[i] = true
			return
		case old != nil && old.article == a:
			keys[i] = old.key // not re-read since
		default:
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
			olds[i].article = a
		}
	}
	fresh := make([]*bodyState, len(todo))
	parallel(len(todo), func(j int) {
		a := articles[todo[j]]
		reserved := slices.Clone(reservedIDs)
		for _, ev := range a.Events {
			reserved = append(reserved, ev.ID, ev.ID+"-title")
		}
		var targets []string
		r := md.Render(a.Body, markdown.Doc{
			IDPrefix:    a.Slug + "-",
			ReservedIDs: reserved,
			Resolve: func(target string) (string, error) {
				targets = append(targets, target)
				href, _, err := wikiLink(a, target, tl, urls)
				if errors.Is(err, timeline.ErrUnreadable) {
					return "#", nil // the unreadable file's own error is reported
				}
				return href, err
			},
			Title: func(target string) string {
				_, title, _ := wikiLink(a, target, tl, urls)
				return title
			},
		})
		fresh[j] = &bodyState{key: keys[todo[j]], article: a, targets: targets, problems: r.Problems}
		if b.oneShot {
			a.Body = nil // a one-shot build needs the Markdown no more
		} else {
			fresh[j].deps = linkDeps(b.sums, a, targets, tl, urls)
		}
		fresh[j].body = pages.Body{HTML: safeHTML(r.HTML), Summary: r.Summary}
	})
	for j, i := range todo {
		ls.bodies[articles[i].Path] = fresh[j]
	}

	var ds diag.List
	bodies := make(map[string]pages.Body, len(articles))
	next := make(map[string]*bodyState, len(articles))
	for _, a := range articles {
		st := ls.bodies[a.Path]
		next[a.Path] = st
		if !originals && !content.IsTranslation(a.Path) {
			continue // an original's body, reported in its own language
		}
		for _, p := range st.problems {
			ds.Errorf(a.Path, a.BodyLine+p.Line-1, p.Col, "%s", p.Message)
		}
		bodies[a.Slug] = st.body
	}
	ls.bodies = next
	return bodies, ds
}
