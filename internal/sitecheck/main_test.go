// Package sitecheck proves the generated sites with real consumers: the Nu
// HTML Checker, axe-core and TimelineJS in headless Chromium, and Go parsers
// for the feeds, the sitemap and the data exports. It checks two sites: the
// sample site at the repository root and a generated one (internal/benchsite,
// SITECHECK_ARTICLES articles, 300 by default; make bench sets 10000).
//
// The npm tools live in tools/validators (npm ci --prefix tools/validators).
// Tests that need Chromium, Java or those tools skip loudly when they are
// missing, and fail instead with REQUIRE_BROWSER=1, as in CI.
package sitecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/browsertest"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// repoRoot is the sample site and the home of tools/validators.
const repoRoot = "../.."

// validators is where npm installs the validators.
var validators = filepath.Join(repoRoot, "tools", "validators")

// server serves every built site under its own sub-path (/sample/,
// /generated/) and tools/validators under /validators/, so that Chromium
// loads everything from one origin and no page needs the network.
var server *httptest.Server

// mux routes the server; sites register their prefix when built.
var mux = http.NewServeMux()

func TestMain(m *testing.M) {
	server = httptest.NewServer(mux)
	abs, err := filepath.Abs(validators)
	if err != nil {
		panic(err)
	}
	mux.Handle("/validators/", http.StripPrefix("/validators/", http.FileServer(http.Dir(abs))))
	code := m.Run()
	chromium.Close()
	server.Close()
	for _, s := range sites {
		if s.tmp != "" {
			os.RemoveAll(s.tmp)
		}
	}
	os.Exit(code)
}

// A site is one built site, served at base.
type site struct {
	name   string
	source func(tmp string) (string, error) // makes or names the source folder
	large  bool                             // heavy validators check a sample of its pages
	// within names a site whose pages hold every page of this one: the
	// tests that load the pages one by one in Chromium load them there.
	within string

	once  sync.Once
	err   error
	tmp   string
	src   string            // the site's source folder
	dir   string            // the built site
	base  string            // its absolute base URL, ending in "/"
	files map[string][]byte // every file, by slash path

	crawlOnce sync.Once
	crawled   *crawl

	tourOnce sync.Once
	visits   []visit
	tourErr  error
}

// crawl is the site's crawl, made once.
func (s *site) crawl() *crawl {
	s.crawlOnce.Do(func() { s.crawled = newCrawl(s.files, s.base) })
	return s.crawled
}

var sites = []*site{
	// The languages site is the sample's articles in a third language
	// (Arabic) beside English and Ukrainian, with two test entries added.
	{name: "sample", within: "languages", source: func(string) (string, error) { return repoRoot, nil }},
	{name: "languages", source: languagesSite},
	// Every uncertain form (docs/uncertainty.md), with rounded coordinates.
	{name: "uncertain", source: func(string) (string, error) { return filepath.Abs(filepath.Join("testdata", "uncertain")) }},
	{name: "generated", large: true, source: func(tmp string) (string, error) {
		dir := filepath.Join(tmp, "src")
		return dir, benchsite.Write(dir, benchsite.Options{Articles: generatedArticles()})
	}},
	// Photos, a sensitive photo and videos on every supported host.
	{name: "media", source: func(tmp string) (string, error) {
		dir := filepath.Join(tmp, "src")
		_, err := mediatest.WriteSite(dir)
		return dir, err
	}},
}

// generatedArticles is the size of the generated site: SITECHECK_ARTICLES,
// 300 by default so that make test stays fast.
func generatedArticles() int {
	if n, err := strconv.Atoi(os.Getenv("SITECHECK_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 300
}

// forEachSite runs f as a subtest on every site, built.
func forEachSite(t *testing.T, f func(t *testing.T, s *site)) {
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			s.build(t)
			f(t, s)
		})
	}
}

// forEachSiteAtOnce runs f on every site at once: the browser tests that
// open many pages mostly wait for them to load, one after another, so the
// sites' runs overlap (make test runs the package with -parallel 4). A
// site within another is left out: its pages are loaded there (a page
// took Chromium 0.15 to 1.5 CPU-seconds to load and check, and the
// sample's were loaded twice).
func forEachSiteAtOnce(t *testing.T, f func(t *testing.T, s *site)) {
	for _, s := range sites {
		if s.within != "" {
			continue
		}
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			s.build(t)
			f(t, s)
		})
	}
}

// forEachSiteInTab is forEachSiteAtOnce with a tab of its own for each
// site.
func forEachSiteInTab(t *testing.T, f func(t *testing.T, ctx context.Context, s *site)) {
	forEachSiteAtOnce(t, func(t *testing.T, s *site) { f(t, browser(t), s) })
}

// build builds the site once, into a temporary folder, with its base URL
// on the test server.
func (s *site) build(t *testing.T) {
	t.Helper()
	s.once.Do(func() {
		s.tmp, s.err = os.MkdirTemp("", "sitecheck-"+s.name+"-")
		if s.err != nil {
			return
		}
		src, err := s.source(s.tmp)
		if err != nil {
			s.err = err
			return
		}
		s.src = src
		s.base = server.URL + "/" + s.name + "/"
		s.dir = filepath.Join(s.tmp, "public")
		_, ds, err := build.Build(build.Options{Source: src, Theme: timelinegen.Theme, Generator: "sitecheck", BaseURL: s.base}, s.dir)
		if err != nil {
			s.err = fmt.Errorf("build %s: %v\n%v", src, err, ds)
			return
		}
		s.files = map[string][]byte{}
		s.err = filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(s.dir, p)
			s.files[filepath.ToSlash(rel)] = b
			return nil
		})
		mux.Handle("/"+s.name+"/", http.StripPrefix("/"+s.name+"/", http.FileServer(http.Dir(s.dir))))
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
}

// pages is every HTML page of the site, sorted.
func (s *site) pages() []string {
	var out []string
	for p := range s.files {
		if strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// samplePages is the pages the heavy validators check: every page of a
// small site; on a large one, the home page, 404.html and up to 16 pages
// of each section (events/, years/, kinds/, actors/, ...), spread evenly,
// first and last included; every page with SITECHECK_ALL=1. (A section's
// pages share their layout, and a page of the generated site took
// Chromium a fifth of a CPU-second at 390 px: 40 a section were a fifth
// of make test.)
func (s *site) samplePages() []string {
	all := s.pages()
	if !s.large || os.Getenv("SITECHECK_ALL") == "1" {
		return all
	}
	const per = 16
	groups := map[string][]string{}
	for _, p := range all {
		section, _, _ := strings.Cut(p, "/")
		groups[section] = append(groups[section], p)
	}
	var out []string
	for _, g := range groups {
		if len(g) <= per {
			out = append(out, g...)
			continue
		}
		for i := range per {
			out = append(out, g[i*(len(g)-1)/(per-1)])
		}
	}
	sort.Strings(out)
	return out
}

// prefixes are where the site's languages live: "" for the default, then
// "uk/" and so on, from events.json's translations.
func (s *site) prefixes() []string {
	out := []string{""}
	var ev struct {
		Entries []struct {
			Translations map[string]json.RawMessage `json:"translations"`
		} `json:"entries"`
	}
	if json.Unmarshal(s.files["data/events.json"], &ev) == nil && len(ev.Entries) > 0 {
		var codes []string
		for c := range ev.Entries[0].Translations {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			out = append(out, c+"/")
		}
	}
	return out
}

// url is the address of a file of the site on the test server.
func (s *site) url(file string) string {
	return s.base + strings.TrimSuffix(file, "index.html")
}

// require skips the test loudly, or fails it with REQUIRE_BROWSER=1, when
// a tool is missing.
func require(t testing.TB, what, install string) { browsertest.Require(t, what, install) }

// findJava returns a Java runtime for the Nu HTML Checker.
func findJava(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("java"); err == nil {
		return p
	}
	require(t, "Java", "apt-get install -y default-jre-headless")
	return ""
}

// validatorFile returns the path of a file under tools/validators/node_modules.
func validatorFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(validators, "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		require(t, p, "npm ci --prefix tools/validators")
	}
	return p
}

// config is the site's timeline.yaml.
func (s *site) config(t *testing.T) config.Config {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.src, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	var ds diag.List
	c := config.Parse(config.FileName, b, &ds)
	if ds.HasErrors() {
		t.Fatalf("%s: %v", config.FileName, ds)
	}
	return c
}

// feedEntries is the most entries a feed may list.
func feedEntries(t *testing.T, s *site) int {
	return s.config(t).FeedEntries
}

// TestSitesWithinOthers holds the sites that the page-by-page browser
// tests leave out to their word: every page of such a site is a page of
// the site it is within, at the same path.
func TestSitesWithinOthers(t *testing.T) {
	for _, s := range sites {
		if s.within == "" {
			continue
		}
		s.build(t)
		in := siteNamed(t, s.within)
		for _, p := range s.pages() {
			if _, ok := in.files[p]; !ok {
				t.Errorf("%s/%s is not a page of %s", s.name, p, in.name)
			}
		}
	}
}
