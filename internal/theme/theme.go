// Package theme loads the templates and static files a site is drawn with:
// the embedded default theme, overlaid file by file by the site's own
// templates/ and static/.
package theme

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/bidi"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/htmlexec"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/relurl"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// Layouts are the page templates; every other template file is a partial
// that every layout can call.
var Layouts = []string{"home.html", "entry.html", "list.html", "terms.html", "search.html", "map.html", "404.html", "corrections.html", "embed.html"}

// Standalone layouts are whole documents of their own, not filled into
// Base: embed.html, a page for an <iframe>, has none of the site's chrome.
var Standalone = []string{"embed.html"}

// Base is the layout every page template fills in.
const Base = "baseof.html"

// Theme is a loaded theme.
type Theme struct {
	// compiled runs each layout's template (and "card", the listing
	// card's) without text/template's reflection on every action, once
	// html/template has executed it once (internal/htmlexec).
	compiled map[string]*compiled  // by layout name without .html
	static   map[string]StaticFile // by slash path relative to the output root
	memo     Memo                  // nil: render every fragment every time
	buffers  *sync.Pool            // of *bytes.Buffer
	// own is set when the site has templates of its own: only they can
	// fail on the site's data, since the default theme is tested.
	own bool
	// interpreted: every template executed by html/template (tests).
	interpreted bool
}

// Memo keeps what the "cached" template function rendered, for the
// build under way. Whoever runs builds owns it and empties it before
// each: a fragment's key names the kind of page, not the site's data.
type Memo interface {
	Fragment(name, key string) (template.HTML, bool)
	Keep(name, key string, h template.HTML)
}

// StaticFile is a file copied as is to the output.
type StaticFile struct {
	FS   fs.FS
	Path string
}

// Load reads the embedded theme (an fs.FS holding templates/ and static/)
// and overlays site/templates and site/static when they exist. The
// "cached" fragments are kept in memo; with none, they are rendered on
// every page.
func Load(embedded fs.FS, site string, memo Memo) (*Theme, diag.List) {
	var ds diag.List
	layers := []fs.FS{embedded}
	if site != "" {
		layers = append(layers, sitefs.DirFS(site))
	}
	files := map[string]StaticFile{} // templates/x.html → where it comes from
	t := &Theme{compiled: map[string]*compiled{}, static: map[string]StaticFile{}, memo: memo,
		buffers: &sync.Pool{New: func() any { return new(bytes.Buffer) }}}
	for i, layer := range layers {
		var links *siteLinks
		if i > 0 {
			links = &siteLinks{site: site, root: sitefs.NewRoot(site)}
		}
		collect(layer, "templates", files, links, &ds)
		collect(layer, "static", t.static, links, &ds)
	}
	for name, f := range files {
		if strings.HasSuffix(name, ".html") && len(layers) > 1 && f.FS == layers[1] {
			t.own = true
		}
	}
	for name := range t.static {
		if !strings.HasPrefix(name, "static/") {
			continue
		}
		t.static[strings.TrimPrefix(name, "static/")] = t.static[name]
		delete(t.static, name)
	}

	// The embedded partials are also kept under "default/": an override
	// can wrap the original ({{template "default/entry-card" .}}).
	embeddedFiles := map[string]StaticFile{}
	collect(embedded, "templates", embeddedFiles, nil, &ds)
	originals := map[string]string{}
	for name, f := range embeddedFiles {
		rel := strings.TrimPrefix(name, "templates/")
		if !strings.HasSuffix(name, ".html") || slices.Contains(Layouts, rel) {
			continue
		}
		if b, err := sitefs.ReadFS(f.FS, f.Path, sitefs.MaxText); err == nil {
			originals["default/"+rel] = defineRE.ReplaceAllString(string(b), `{{${1}define "default/${2}"`)
		}
	}

	sources := map[string]string{}
	var names []string
	for name, f := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		b, err := sitefs.ReadFS(f.FS, f.Path, sitefs.MaxText)
		if err != nil {
			sitefs.ReportRead(&ds, name, err)
			continue
		}
		rel := strings.TrimPrefix(name, "templates/")
		sources[rel] = string(b)
		names = append(names, rel)
	}
	for name, src := range originals {
		sources[name] = src
		names = append(names, name)
	}
	slices.Sort(names)

	// The partials, baseof.html and the originals are parsed once; each
	// layout is a clone of them with its own file parsed last, so that
	// its definitions ("main", "head") win. Parsing them again for each
	// layout was most of the cost of loading a theme.
	// "cached" is only named here, for parsing; each clone binds its own.
	common := template.New(Base).Funcs(t.funcMap(nil))
	commonOK := true
	for _, name := range names {
		if slices.Contains(Layouts, name) {
			continue
		}
		tt := common
		if name != Base {
			tt = common.New(name)
		}
		if _, err := tt.Parse(sources[name]); err != nil {
			templateError(&ds, name, err)
			commonOK = false
		}
	}
	if commonOK && common.Lookup(Base) == nil {
		ds.Errorf("templates/"+Base, 0, 0, "missing template")
		commonOK = false
	}
	for _, layout := range Layouts {
		if _, ok := sources[layout]; !ok {
			ds.Errorf("templates/"+layout, 0, 0, "missing template")
			continue
		}
		if !commonOK {
			continue
		}
		set, err := common.Clone()
		if err != nil {
			ds.Errorf("templates/"+layout, 0, 0, "%v", err)
			continue
		}
		fm := t.funcMap(set)
		set.Funcs(fm)
		if _, err := set.New(layout).Parse(sources[layout]); err != nil {
			templateError(&ds, layout, err)
			continue
		}
		name := strings.TrimSuffix(layout, ".html")
		root := Base
		if slices.Contains(Standalone, layout) {
			root = layout
		}
		t.compiled[name] = &compiled{set: set, name: root, funcs: fm}
		if name == "list" {
			t.compiled["card"] = &compiled{set: set, name: "entry-card", funcs: fm}
		}
	}
	return t, ds
}

// defineRE finds the templates a file defines, to name the originals.
var defineRE = regexp.MustCompile(`\{\{(-?\s*)define\s+"([^"]+)"`)

var templateLineRE = regexp.MustCompile(`^template: [^:]+:(\d+):(?:(\d+):)? ?`)

// templateError turns html/template's "template: name:12: message" into a
// diagnostic at templates/name:12.
func templateError(ds *diag.List, name string, err error) {
	msg := err.Error()
	line, col := 0, 0
	if m := templateLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		msg = msg[len(m[0]):]
	}
	ds.Errorf("templates/"+name, line, col, "%s", msg)
}

// siteLinks is the site's folder, where a symbolic link may not lead out.
type siteLinks struct {
	site string
	root sitefs.Root
}

// collect adds the files under dir in fsys to files, later layers
// winning. A symbolic link of the site's (links non-nil) that leads out
// of it is reported and left out, before anything is read from it.
func collect(fsys fs.FS, dir string, files map[string]StaticFile, links *siteLinks, ds *diag.List) {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			ds.Errorf(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		// The walk follows a link that is the folder itself (static ->
		// /proc/self): it is checked too.
		if (d.Type()&fs.ModeSymlink != 0 || p == dir) && links != nil {
			if target, out := links.root.Escapes(filepath.Join(links.site, filepath.FromSlash(p))); out {
				sitefs.Report(ds, p, target)
				if p == dir {
					return fs.SkipDir
				}
				return nil
			}
		}
		// Anything else but a regular file is refused where it is read.
		if !d.IsDir() {
			files[p] = StaticFile{FS: fsys, Path: p}
		}
		return nil
	})
	if err != nil {
		ds.Errorf(dir, 0, 0, "cannot read: %v", err)
	}
}

// HasOwnTemplates reports whether the site overrides any template of the
// default theme.
func (t *Theme) HasOwnTemplates() bool { return t.own }

// Execute writes page p with its layout.
func (t *Theme) Execute(w io.Writer, p *pages.Page) error {
	c, ok := t.compiled[p.Layout]
	if !ok {
		return fmt.Errorf("no template for layout %q", p.Layout)
	}
	return c.execute(w, p, t.interpreted)
}

// compiled is a template executed by htmlexec once html/template has
// executed it once: html/template escapes a template when it first
// executes it, and htmlexec runs the escaped template.
type compiled struct {
	set   *template.Template
	name  string
	funcs template.FuncMap
	once  sync.Once
	prog  atomic.Pointer[htmlexec.Program]
	// fast counts the executions htmlexec made, back those it gave back
	// to html/template, for tests.
	fast, back atomic.Int64
}

// maxGivenBack bounds the pages a compiled template may give back: one
// of a site's own that gives back page after page (an escaper given a
// value it is not written for, on every page) would run each page twice.
// Past this many, and more than it executed itself, it is left to
// html/template.
const maxGivenBack = 32

func (c *compiled) execute(w io.Writer, data any, interpreted bool) error {
	b, ok := w.(*bytes.Buffer)
	back := c.back.Load()
	if prog := c.prog.Load(); prog != nil && ok && !interpreted && (back < maxGivenBack || back <= c.fast.Load()) {
		mark := b.Len()
		err := prog.Execute(b, data)
		if !errors.Is(err, htmlexec.ErrFallback) {
			c.fast.Add(1)
			return err
		}
		b.Truncate(mark)
		c.back.Add(1)
	}
	if err := c.set.ExecuteTemplate(w, c.name, data); err != nil {
		return err
	}
	c.once.Do(func() {
		// A template htmlexec cannot run is left to html/template.
		if prog, err := htmlexec.Compile(c.set, c.name, c.funcs); err == nil {
			c.prog.Store(prog)
		}
	})
	return nil
}

// Interpreted is t executing every template with html/template, for
// tests that compare it with the compiled templates.
func (t *Theme) Interpreted() *Theme {
	i := *t
	i.interpreted = true
	return &i
}

// Executions are how many pages and cards t executed with compiled
// templates since it was loaded, and how many of those the compiled
// templates gave back to html/template.
func (t *Theme) Executions() (compiled, givenBack int64) {
	for _, c := range t.compiled {
		compiled += c.fast.Load()
		givenBack += c.back.Load()
	}
	return compiled, givenBack
}

// Render is Execute into a new byte slice of the page's size: pages are
// rendered into pooled buffers, since growing a fresh buffer for each of
// thousands of pages is most of a build's allocation.
func (t *Theme) Render(p *pages.Page) ([]byte, error) {
	var out []byte
	err := t.RenderTo(p, func(b []byte) error {
		out = bytes.Clone(b)
		return nil
	})
	return out, err
}

// RenderTo renders p into a pooled buffer and hands it to use, which must
// not keep it.
func (t *Theme) RenderTo(p *pages.Page, use func([]byte) error) error {
	b := t.buffers.Get().(*bytes.Buffer)
	defer t.buffers.Put(b)
	b.Reset()
	if err := t.Execute(b, p); err != nil {
		return err
	}
	if p.Site != nil && p.Site.Relative {
		r := t.buffers.Get().(*bytes.Buffer)
		defer t.buffers.Put(r)
		r.Reset()
		r.Write(relurl.HTML(r.AvailableBuffer(), b.Bytes(), p.Path))
		return use(r.Bytes())
	}
	return use(b.Bytes())
}

// An entry's listing card is a method of its view, which listings ask
// for through HTMLMethod rather than by reflection.
var _ htmlexec.HTMLMethods = (*pages.Entry)(nil)

// Card renders an entry's listing card with the "entry-card" template.
func (t *Theme) Card(e pages.Entry) (template.HTML, error) {
	c, ok := t.compiled["card"]
	if !ok {
		return "", fmt.Errorf("no list template")
	}
	b := t.buffers.Get().(*bytes.Buffer)
	defer t.buffers.Put(b)
	b.Reset()
	if err := c.execute(b, e, t.interpreted); err != nil {
		return "", err
	}
	// The template escaped everything it printed.
	return template.HTML(b.String()), nil
}

// Static lists the static files by output path, sorted.
func (t *Theme) Static() []string {
	names := make([]string, 0, len(t.static))
	for n := range t.static {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ReadStatic reads one static file: a regular file of at most
// sitefs.MaxStatic bytes.
func (t *Theme) ReadStatic(name string) ([]byte, error) {
	f, ok := t.static[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return sitefs.ReadFS(f.FS, f.Path, sitefs.MaxStatic)
}

// cached is the template function {{cached "name" KEY PAGE}}: it renders
// template name for PAGE once per KEY in a build and reuses the HTML, for
// parts that are the same on many pages, such as the site's header and
// footer.
func (t *Theme) cached(set *template.Template) func(name, key string, p *pages.Page) (template.HTML, error) {
	return func(name, key string, p *pages.Page) (template.HTML, error) {
		if t.memo != nil {
			if h, ok := t.memo.Fragment(name, key); ok {
				return h, nil
			}
		}
		var b strings.Builder
		if err := set.ExecuteTemplate(&b, name, p); err != nil {
			return "", err
		}
		// The template escaped what it printed.
		h := template.HTML(b.String())
		if t.memo != nil {
			t.memo.Keep(name, key, h)
		}
		return h, nil
	}
}

// perLanguage is a template function that gives what make gives for the
// page's language, made once a build (kept in memo with the fragments):
// the scripts' strings are the same JSON on every list page. Its name
// starts with a NUL, which no "cached" template's name has.
func (t *Theme) perLanguage(name string, make func(*i18n.Locale) (string, error)) func(*i18n.Locale) (string, error) {
	return func(l *i18n.Locale) (string, error) {
		if t.memo == nil {
			return make(l)
		}
		if h, ok := t.memo.Fragment("\x00"+name, l.Code); ok {
			return string(h), nil
		}
		v, err := make(l)
		if err == nil {
			t.memo.Keep("\x00"+name, l.Code, template.HTML(v))
		}
		return v, err
	}
}

// funcMap is every function the templates of set may call: "cached"
// renders with set (nil only names it, for parsing).
func (t *Theme) funcMap(set *template.Template) template.FuncMap {
	fm := funcs()
	fm["cached"] = t.cached(set)
	fm["searchStrings"] = t.perLanguage("searchStrings", searchStrings)
	fm["filterStrings"] = t.perLanguage("filterStrings", filterStrings)
	return fm
}

// funcs are the helpers templates may call.
func funcs() template.FuncMap {
	return template.FuncMap{
		"deref": func(p *int) int {
			if p == nil {
				return 0
			}
			return *p
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
		"base": path.Base,
		"join": strings.Join,
		// tf puts args into an interface string that holds markup
		// ({{tf .T.updated_on (timeTag .Updated)}}): the string and
		// plain args are escaped, template.HTML args (timeTag, link)
		// are not. The words around an argument are the language's.
		"tf": func(format string, args ...any) template.HTML {
			for i, a := range args {
				if _, ok := a.(template.HTML); !ok {
					args[i] = template.HTMLEscapeString(fmt.Sprint(a))
				}
			}
			return template.HTML(fmt.Sprintf(template.HTMLEscapeString(format), args...))
		},
		// timeTag is a date as <time datetime="2025-03-11">11 March 2025</time>.
		"timeTag": func(d pages.Date) template.HTML {
			return template.HTML(`<time datetime="` + template.HTMLEscapeString(d.ISO) + `">` + template.HTMLEscapeString(d.Text) + `</time>`)
		},
		// link is <a href="url">text</a>, for tf.
		"link": func(url, text string) (template.HTML, error) {
			if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "/") {
				return "", fmt.Errorf("link: %q is not an http(s) or site URL", url)
			}
			return template.HTML(`<a href="` + template.HTMLEscapeString(url) + `">` + template.HTMLEscapeString(text) + `</a>`), nil
		},
		// bdi is an editor's text isolated inside an interface sentence
		// ({{tf .T.translated_by (bdi .Translator)}}): its direction is
		// its own, and controls left open in it close at its end.
		"bdi": func(text string) template.HTML {
			return template.HTML("<bdi>" + template.HTMLEscapeString(bidi.Balance(text)) + "</bdi>")
		},
		// bdiList is names each isolated, separated by sep.
		"bdiList": func(names []string, sep string) template.HTML {
			var b strings.Builder
			for i, n := range names {
				if i > 0 {
					b.WriteString(template.HTMLEscapeString(sep))
				}
				b.WriteString("<bdi>" + template.HTMLEscapeString(bidi.Balance(n)) + "</bdi>")
			}
			return template.HTML(b.String())
		},
		// isolate is an editor's text where no markup can isolate it
		// (<title>): balanced, and between FSI and PDI when it holds
		// right-to-left letters or controls (internal/bidi).
		"isolate": bidi.Isolate,
		// dirOf is the direction of a language's text ("ltr", "rtl"),
		// for words in another language than the page's.
		"dirOf": func(code string) string {
			if i18n.RTL(code) {
				return "rtl"
			}
			return "ltr"
		},
		// balanced is an editor's text in an attribute: any control it
		// leaves open closed at its end.
		"balanced": bidi.Balance,
	}
}

// searchStrings are what search.js says, in the page's language, with the
// language's plural categories (see i18n.Locale.N).
func searchStrings(l *i18n.Locale) (string, error) {
	keys := []string{"search_results", "search_none", "search_for", "search_first", "search_failed", "search_so_far", "search_type"}
	m := map[string]any{"categories": i18n.Categories(l.Code), "publishers": l.T("publishers_count")}
	for _, k := range keys {
		m[strings.TrimPrefix(k, "search_")] = l.T(k)
	}
	m["statuses"] = statusNames(l)
	b, err := json.Marshal(m)
	return string(b), err
}

// filterStrings are what filters.js says, in the page's language: each
// filter_ string by its key without "filter_", "shown" as its forms by
// CLDR plural category (the script picks one with Intl.PluralRules), and
// the statuses' names.
func filterStrings(l *i18n.Locale) (string, error) {
	m := map[string]any{}
	for k, v := range l.Strings {
		if name, ok := strings.CutPrefix(k, "filter_"); ok {
			m[name] = v
		}
	}
	m["shown"] = pluralForms(l, "filter_shown")
	m["numbers"] = l.Numbering()
	m["statuses"] = statusNames(l)
	b, err := json.Marshal(m)
	return string(b), err
}

// pluralForms are the forms of a plural string ("%d entry|%d entries") by
// CLDR category, for scripts that pick one with Intl.PluralRules.
func pluralForms(l *i18n.Locale, key string) map[string]string {
	forms := strings.Split(l.T(key), "|")
	out := map[string]string{}
	for i, c := range i18n.Categories(l.Code) {
		out[c] = forms[min(i, len(forms)-1)]
	}
	return out
}

// statusNames are the statuses' names in a language, for scripts.
func statusNames(l *i18n.Locale) map[string]string {
	out := map[string]string{}
	for _, s := range content.Statuses {
		out[s] = l.T("status_" + s)
	}
	return out
}
