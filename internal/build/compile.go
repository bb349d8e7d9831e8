package build

import (
	"errors"
	"html/template"
	"path/filepath"
	"slices"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/markdown"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/sitefs"
	"github.com/timelinegen/timelinegen/internal/theme"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// compile is Compile: the pipeline of the package comment, run once. Its
// stages are the functions below, which the Builder runs too, keeping
// what a change leaves as it was. publish adds the warnings about what a
// published site lacks (an absolute address), which `check` and previews
// leave out; check leaves out the listing cards of a site without
// templates of its own (see Check).
func compile(opts Options, publish, check bool) (*Site, diag.List) {
	cfg, ds := readConfig(opts, publish)
	locales, lds := readLocales(opts.Source, &cfg)
	th, static, tds := readTheme(opts, &rebuild.Fragments{})

	paths, fds := content.Find(opts.Source)
	files := make(map[string]*fileState, len(paths))
	readFiles(opts.Source, &cfg, paths, files)
	in := sortFiles(paths, files, opts.Drafts)
	tl, originals, mds := model(&cfg, in, unreadable(opts.Source, paths, files))
	ds = slices.Concat(ds, lds, fds, in.ds, mds)

	langs := languages(&cfg, locales)
	ins := make([]langInput, len(langs))
	for i, l := range langs {
		ins[i] = langInput{articles: in.articles, tl: tl}
		if i > 0 {
			ins[i].articles, ins[i].tl = translate(nil, in.articles, tl, in.translations, originals, l.Code, langs[0].Code)
		}
	}
	// Every language's articles are made before any body is rendered,
	// since rendering lets go of the Markdown.
	for i := range ins {
		var bds diag.List
		ins[i].bodies, bds = renderAll(&cfg, ins[i].articles, ins[i].tl, urlsIn(&cfg, langs[i]), i == 0)
		ds = append(ds, bds...)
	}
	ms, meds := processMedia(opts.Source, openMedia(opts, &cfg), in.articles)
	ds = finish(opts.Strict, slices.Concat(ds, meds, tds))
	if ds.HasErrors() {
		return nil, ds
	}

	site := &Site{Config: cfg, Timeline: tl, Articles: in.articles, Theme: th, media: ms, static: static}
	plan := planning{cfg: &site.Config, theme: th, locales: locales, langs: langs, generator: opts.Generator, media: ms, check: check}
	var err error
	if site.Languages, _, err = plan.make(ins, nil, nil, nil); err != nil {
		return nil, append(ds, cardErrors(err)...).Sorted()
	}
	site.Planner = site.Languages[0].Planner
	var clashes diag.List
	site.products, clashes = site.list()
	return withClashes(opts.Strict, site, ds, clashes)
}

// readConfig reads timeline.yaml, with --base-url over its base_url.
// publish warns when the site has no absolute address.
func readConfig(opts Options, publish bool) (config.Config, diag.List) {
	var ds diag.List
	cfg := config.Load(opts.Source, &ds)
	if opts.BaseURL != "" {
		if base, err := config.ParseBaseURL(opts.BaseURL); err != nil {
			ds.Errorf("--base-url", 0, 0, "%v", err)
		} else {
			cfg.BaseURL = base
		}
	}
	if publish && !cfg.IsAbsolute() && !ds.HasErrors() {
		noAddress(&ds, &cfg, opts.Source, opts.BaseURL != "")
	}
	return cfg, ds
}

// readLocales reads the interface strings of the configuration's languages.
func readLocales(source string, cfg *config.Config) ([]*i18n.Locale, diag.List) {
	var ds diag.List
	langs := make([]i18n.Language, len(cfg.Languages))
	for i, l := range cfg.Languages {
		langs[i] = i18n.Language{Code: l.Code, Label: l.Label}
	}
	locales := i18n.Load(source, langs, &ds)
	i18n.Gaps(locales, cfg.KindNames(), cfg.Description != "", &ds)
	return locales, ds
}

// readTheme reads the default theme under the site's templates/ and
// static/, and the static files' contents. memo keeps the theme's
// cached fragments.
func readTheme(opts Options, memo theme.Memo) (*theme.Theme, map[string][]byte, diag.List) {
	th, ds := theme.Load(opts.Theme, opts.Source, memo)
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
	return th, static, ds
}

// readFiles reads the article and translation files at paths into files.
func readFiles(source string, cfg *config.Config, paths []string, files map[string]*fileState) {
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
func model(cfg *config.Config, s sorted, unreadable map[string]string) (*timeline.Timeline, []*content.Article, diag.List) {
	opts := []timeline.Option{timeline.WithDrafts(s.drafts), timeline.WithUnreadable(unreadable)}
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

// langInput is the site in one language: its articles, with their
// translations' words, their timeline and their rendered bodies.
type langInput struct {
	articles []*content.Article
	tl       *timeline.Timeline
	bodies   map[string]pages.Body
}

// renderAll renders the Markdown of every article, in parallel, and lets
// go of it: no rebuild follows.
func renderAll(cfg *config.Config, articles []*content.Article, tl *timeline.Timeline, urls *permalink.URLs, originals bool) (map[string]pages.Body, diag.List) {
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	states := make([]*bodyState, len(articles))
	parallel(len(articles), func(i int) {
		states[i] = renderBody(md, articles[i], tl, urls)
		articles[i].Body = nil
	})
	return collectBodies(articles, states, originals)
}

// renderBody renders the Markdown of article a, resolving its wiki-links
// against the timeline.
func renderBody(md *markdown.Renderer, a *content.Article, tl *timeline.Timeline, urls *permalink.URLs) *bodyState {
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
	return &bodyState{article: a, targets: targets, problems: r.Problems, body: pages.Body{HTML: safeHTML(r.HTML), Summary: r.Summary}}
}

// collectBodies gives the articles' bodies by slug, and their problems.
// A translated site reports an original's problems once, in its own
// language: originals says whether this is that language.
func collectBodies(articles []*content.Article, states []*bodyState, originals bool) (map[string]pages.Body, diag.List) {
	var ds diag.List
	bodies := make(map[string]pages.Body, len(articles))
	for i, a := range articles {
		st := states[i]
		if !originals && !content.IsTranslation(a.Path) {
			continue
		}
		for _, p := range st.problems {
			ds.Errorf(a.Path, a.BodyLine+p.Line-1, p.Col, "%s", p.Message)
		}
		bodies[a.Slug] = st.body
	}
	return bodies, ds
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
}

// make plans each language's pages, with its entries' views and their
// cards. views, one per language, reuse the last build's and sums
// compares them; sums remembers each view's version; all three are nil
// when no rebuild follows. keeps, run once the build is done with the
// CPU, keep what the next build reuses.
func (p planning) make(ins []langInput, views []*rebuild.Views, sums, site *rebuild.Hasher) (langs []*Language, keeps []func(), err error) {
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
		planner := pages.NewPlanner(p.cfg, in.tl, in.bodies, p.generator, pages.InLanguage(p.locales[i], p.langs[i], p.langs),
			pages.WithMedia(ms.image), pages.WithShareCards(ms.shareCard(p.cfg, in.tl)), pages.WithBasemaps(basemaps))
		var v *rebuild.Views
		if views != nil {
			v = views[i]
		}
		made, keep, err := v.Make(planner, in.tl, in.bodies, func(e *timeline.Entry) uint64 { return ms.entrySum(sums, e) }, card, sums, parallel)
		if err != nil {
			return nil, nil, err
		}
		planner = planner.WithViews(made.Views)
		if site != nil {
			for i := range made.Views {
				site.Remember(&made.Views[i], made.Versions[i])
			}
		}
		ms.useCards(p.cfg, in.tl, planner)
		keeps = append(keeps, keep)
		langs = append(langs, &Language{Code: p.langs[i].Code, Planner: planner, Timeline: in.tl, versions: made.Versions})
	}
	ms.prune()
	return langs, keeps, nil
}
