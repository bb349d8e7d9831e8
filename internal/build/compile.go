package build

import (
	"bytes"
	"html/template"
	"path/filepath"
	"slices"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/sitefs"
	"github.com/timelinegen/timelinegen/internal/theme"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// compile is the pipeline of the package comment, for build, check and
// serve alike. st is what the last build kept, one memo per stage, less
// what the edit since made stale (state.edited); a stage without its memo
// makes afresh. A one-shot build passes the zero state, which keeps
// nothing: no rebuild follows.
func compile(opts Options, st *state) (*Site, diag.List) {
	st.wait()
	if st.config == nil {
		st.config = readConfig(opts)
	}
	cfg := &st.config.cfg
	if st.locales == nil {
		st.locales = readLocales(opts.Source, cfg)
	}
	locales := st.locales.locales
	if st.theme == nil {
		st.theme = readTheme(opts)
	}
	// A fragment's key names the kind of page, not the site's data, which
	// may have changed since the theme was read.
	st.theme.fragments.Reset()
	th := st.theme.theme

	files := st.readContent(opts.Source, cfg)
	in := sortFiles(files.paths, files.byPath, opts.Drafts)
	tl, originals, mds := model(cfg, in, unreadable(opts.Source, files.paths, files.byPath), st.model)
	if st.sums != nil {
		st.model = tl
	}
	ds := slices.Concat(st.config.ds, st.locales.ds, files.ds, in.ds, mds)
	var inputs uint64
	if st.compiled != nil {
		// Summed before the bodies let go of their Markdown.
		inputs = st.sums.Sums(in.articles, in.drafts, in.translations)
	}

	langs := languages(cfg, locales)
	ins := make([]langInput, len(langs))
	for i, l := range langs {
		ins[i] = langInput{articles: in.articles, tl: tl, memo: st.lang(l.Code)}
		if i > 0 {
			ins[i].articles, ins[i].tl = translate(ins[i].memo, in.articles, tl, in.translations, originals, l.Code, langs[0].Code)
		}
	}
	if st.compiled != nil {
		st.compiled.read()
	}
	// Every language's articles are made before any body is rendered,
	// since a one-shot build lets go of the Markdown once rendered.
	for i := range ins {
		var bds diag.List
		ins[i].bodies, bds = renderBodies(st.sums, ins[i].memo, st.compiled, opts.Source, langs[i].Code, cfg, ins[i].articles, ins[i].tl, urlsIn(cfg, langs[i]), i == 0)
		ds = append(ds, bds...)
	}
	ms, meds := processMedia(opts.Source, st.mediaCache(opts, cfg), in.articles)
	ds = finish(opts.Strict, slices.Concat(ds, meds, st.theme.ds))
	if ds.HasErrors() {
		return nil, ds
	}

	site := &Site{Config: *cfg, Timeline: tl, Articles: in.articles, Theme: th, media: ms, static: st.theme.static, spare: st.spare}
	if st.compiled != nil {
		site.inputs = st.sums.Sums(inputs, ms.images)
	}
	if st.sums != nil {
		site.sums = rebuild.NewHasher(rebuild.Shared[pages.Entry](), rebuild.Shared[pages.SiteInfo](), rebuild.Shared[pages.Frame](), rebuild.Shared[i18n.Strings](), rebuild.Shared[pages.MonthURLs]())
	}
	plan := planning{cfg: &site.Config, theme: th, locales: locales, langs: langs, generator: opts.Generator, media: ms, check: opts.check, versions: st.sums, kept: st.compiled}
	made, keeps, err := plan.make(ins)
	if err != nil {
		return nil, append(ds, cardErrors(err)...).Sorted()
	}
	site.Languages, site.Planner = made, made[0].Planner
	var clashes diag.List
	site.products, clashes = site.list()
	for _, l := range made {
		if l.memo != nil {
			// Its lists of articles' pages and oEmbed files are made:
			// the next build's Planner takes them over.
			l.memo.planner = l.Planner
		}
	}
	st.keep(keeps)
	return withClashes(opts.Strict, site, ds, clashes)
}

// readConfig reads timeline.yaml, with --base-url over its base_url. A
// build to publish warns when the site has no absolute address.
func readConfig(opts Options) *configStage {
	var ds diag.List
	cfg := config.Load(opts.Source, &ds)
	if opts.BaseURL != "" {
		if base, err := config.ParseBaseURL(opts.BaseURL); err != nil {
			ds.Errorf("--base-url", 0, 0, "%v", err)
		} else {
			cfg.BaseURL = base
		}
	}
	if opts.publish && !cfg.IsAbsolute() && !ds.HasErrors() {
		noAddress(&ds, &cfg, opts.Source, opts.BaseURL != "")
	}
	return &configStage{cfg: cfg, ds: ds}
}

// readLocales reads the interface strings of the configuration's languages.
func readLocales(source string, cfg *config.Config) *localeStage {
	var ds diag.List
	langs := make([]i18n.Language, len(cfg.Languages))
	for i, l := range cfg.Languages {
		langs[i] = i18n.Language{Code: l.Code, Label: l.Label}
	}
	locales := i18n.Load(source, langs, &ds)
	i18n.Gaps(locales, cfg.KindNames(), cfg.Description != "", &ds)
	return &localeStage{locales: locales, ds: ds}
}

// readTheme reads the default theme under the site's templates/ and
// static/, and the static files' contents.
func readTheme(opts Options) *themeStage {
	fragments := &theme.Fragments{}
	th, ds := theme.Load(opts.Theme, opts.Source, fragments)
	for _, dir := range []string{"templates", "static", "i18n"} {
		sitefs.CheckLinks(opts.Source, dir, &ds)
	}
	static := map[string][]byte{}
	for _, name := range th.Static() {
		data, err := th.ReadStatic(name)
		if err != nil {
			sitefs.ReportRead(&ds, "static/"+name, err)
			continue
		}
		static[name] = data
	}
	return &themeStage{theme: th, fragments: fragments, static: static, ds: ds}
}

// readFiles reads the article and translation files at paths into files;
// parsed, when set, gives those the last build parsed and that are
// unchanged since, and keeps them all for the next.
func readFiles(source string, cfg *config.Config, paths []string, files map[string]*fileState, parsed *parsedFiles) {
	if parsed != nil {
		all := paths
		var (
			stamps []fileStamp
			ok     []bool
			last   map[string]parsedRecord
		)
		paths, stamps, ok, last = parsed.take(paths, files)
		defer func() { parsed.keep(last, all, stamps, ok, files, len(paths)) }()
	}
	trPaths := slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return !content.IsTranslation(p) })
	paths = slices.DeleteFunc(slices.Clone(paths), content.IsTranslation)
	loader := content.Loader{Kinds: cfg.KindNames(), Languages: cfg.LanguageCodes()}
	articles, lists := loader.LoadFiles(source, paths)
	for i, p := range paths {
		files[p] = &fileState{article: articles[i], ds: lists[i]}
	}
	trs, trLists := loader.LoadTranslations(source, trPaths)
	for i, p := range trPaths {
		files[p] = &fileState{translation: trs[i], ds: trLists[i]}
	}
}

// sorted are a site's files by what they hold, with what is wrong in them.
type sorted struct {
	articles, drafts []*content.Article
	translations     []*content.Translation
	ds               diag.List
}

// sortFiles sorts the files at paths into articles, drafts (articles
// themselves when withDrafts) and translations.
func sortFiles(paths []string, files map[string]*fileState, withDrafts bool) sorted {
	s := sorted{articles: make([]*content.Article, 0, len(paths))}
	for _, p := range paths {
		f := files[p]
		s.ds = append(s.ds, f.ds...)
		switch {
		case f.translation != nil:
			s.translations = append(s.translations, f.translation)
		case f.article == nil:
		case withDrafts || !f.article.Draft:
			s.articles = append(s.articles, f.article)
		default:
			s.drafts = append(s.drafts, f.article)
		}
	}
	return s
}

// unreadable names the slugs and event ids that the article files which
// could not be read may define, each with its file.
func unreadable(source string, paths []string, files map[string]*fileState) map[string]string {
	names := map[string]string{}
	for _, p := range paths {
		// A translation is no article: its original's names are known.
		if f := files[p]; f.article != nil || f.translation != nil {
			continue
		}
		src, _ := sitefs.ReadFile(filepath.Join(source, filepath.FromSlash(p)), sitefs.MaxArticle)
		for _, n := range content.NamesOf(p, src) {
			names[n] = p
		}
	}
	return names
}

// model makes the timeline of the articles, and gives each translation's
// original.
func model(cfg *config.Config, s sorted, unreadable map[string]string, last *timeline.Timeline) (*timeline.Timeline, []*content.Article, diag.List) {
	opts := []timeline.Option{timeline.WithDrafts(s.drafts), timeline.WithUnreadable(unreadable), timeline.WithLast(last)}
	if cfg.RoundCoordinates {
		opts = append(opts, timeline.WithCoordinateDecimals(cfg.CoordinateDecimals))
	}
	tl, ds := timeline.New(s.articles, cfg.KindNames(), opts...)
	originals, mds := content.Match(s.translations, slices.Concat(s.articles, s.drafts))
	return tl, originals, append(ds, mds...)
}

// languages are the site's languages, the default first.
func languages(cfg *config.Config, locales []*i18n.Locale) []pages.Language {
	langs := make([]pages.Language, len(cfg.Languages))
	for i, l := range cfg.Languages {
		langs[i] = pages.Language{Code: l.Code, Label: l.Label, Dir: locales[i].Dir(), Prefix: permalink.LanguagePrefix(l.Code, i)}
	}
	return langs
}

func urlsIn(cfg *config.Config, l pages.Language) *permalink.URLs {
	return &permalink.URLs{Base: cfg.BasePath(), Lang: l.Prefix}
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
					cp.Path, cp.Body, cp.BodyLine, cp.BodyAside = tr.Path, tr.Body, tr.BodyLine, false
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

// langInput is the site in one language: its articles, with their
// translations' words, their timeline and their rendered bodies, and what
// the last build kept of the language (nil when no rebuild follows).
type langInput struct {
	articles []*content.Article
	tl       *timeline.Timeline
	bodies   map[string]pages.Body
	memo     *langState
}

// finish sorts the diagnostics; with --strict warnings fail the build.
func finish(strict bool, ds diag.List) diag.List {
	if strict {
		ds = ds.Strict()
	}
	return ds.Sorted()
}

// planning is what every language's pages are planned from.
type planning struct {
	cfg       *config.Config
	theme     *theme.Theme
	locales   []*i18n.Locale
	langs     []pages.Language
	generator string
	media     *mediaSet
	check     bool // nothing is written: the default theme's cards are left out
	// versions sums up the entries' views, for the keys of the pages
	// that show them, where no language's memo does (a build that links
	// the pages of the last one); nil when no key is wanted.
	versions *rebuild.Hasher
	// kept gives the cards the last build kept, and keeps this one's,
	// for a build that links what is unchanged; nil otherwise.
	kept *compiled
}

// make plans each language's pages, with its entries' views and their
// cards, reusing the views and the Planner each language's memo kept.
// keeps, run once the build is done with the CPU, keep what the next
// build reuses.
func (p planning) make(ins []langInput) (langs []*Language, keeps []func(), err error) {
	// The default theme's cards cannot fail on a site that compiles: a
	// check renders them only for templates of the site's own.
	var card func(pages.Entry) (template.HTML, error)
	if !p.check || p.theme.HasOwnTemplates() {
		card = func(e pages.Entry) (template.HTML, error) {
			html, err := p.theme.Card(e)
			if err != nil {
				return "", &renderError{card: e.Slug, err: err}
			}
			return html, nil
		}
	}
	ms := p.media
	// Every language's maps share their basemaps: the same map in three
	// languages draws its countries once.
	basemaps := charts.NewBasemaps()
	for i, in := range ins {
		opts := []pages.Option{pages.InLanguage(p.locales[i], p.langs[i], p.langs), pages.WithMedia(ms.image),
			pages.WithShareCards(ms.shareCard(p.cfg, in.tl)), pages.WithBasemaps(basemaps), pages.WithCards(card), pages.InParallel(parallel)}
		switch {
		case in.memo != nil:
			opts = append(opts, pages.WithViewMemo(in.memo.views))
			if in.memo.planner != nil {
				opts = append(opts, pages.After(in.memo.planner))
			}
		case p.kept != nil:
			// No view kept to look up: each is made and summed, and its
			// card taken from the last build where its version is the same.
			opts = append(opts, pages.WithViewMemo(cardMemo{Views: rebuild.NewViews(p.versions), lang: p.langs[i].Code, kept: p.kept}))
		case p.versions != nil:
			// Nothing kept to look up: each view is made and summed.
			opts = append(opts, pages.WithViewMemo(rebuild.NewViews(p.versions)))
		}
		planner, err := pages.NewPlanner(p.cfg, in.tl, in.bodies, p.generator, opts...)
		if err != nil {
			return nil, nil, err
		}
		made := planner.Made()
		if p.kept != nil {
			p.kept.keepCards(p.langs[i].Code, made)
		}
		if in.memo != nil {
			views := in.memo.views
			keeps = append(keeps, func() { views.Keep(in.tl, in.bodies, made) })
		}
		ms.useCards(p.cfg, in.tl, planner, in.memo)
		langs = append(langs, &Language{Code: p.langs[i].Code, Planner: planner, Timeline: in.tl, versions: made.Versions, memo: in.memo})
	}
	ms.prune()
	return langs, keeps, nil
}
