package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// enAndUK begins a site in English and Ukrainian.
const enAndUK = `
-- timeline.yaml --
title: Timeline
base_url: https://example.org/
languages:
  - {code: en, label: English}
  - {code: uk, label: Українська}
`

// threeLanguages is a site in English, Ukrainian and Arabic whose static/
// holds a page the site makes itself, in English and in Ukrainian.
const threeLanguages = enAndUK + `  - {code: ar, label: العربية}
-- content/invasion.md --
---
title: The invasion
date: 2022-02-24
kind: military
---
Troops cross the border.
-- i18n/uk.yaml --
title: Хронологія
kinds: {diplomatic: Дипломатія, military: Військові події, political: Політика, humanitarian: Гуманітарні питання, economic: Економіка}
-- i18n/ar.yaml --
title: التسلسل الزمني
kinds: {diplomatic: دبلوماسية, military: عسكرية, political: سياسية, humanitarian: إنسانية, economic: اقتصادية}
-- static/events/invasion/index.html --
<p>mine</p>
-- static/uk/events/invasion/index.html --
<p>мій</p>
-- static/ar/notes.txt --
kept
-- want/warnings --
static/events/invasion/index.html: warning: not published: the site makes events/invasion/index.html itself; rename or remove the static file
static/uk/events/invasion/index.html: warning: not published: the site makes uk/events/invasion/index.html itself; rename or remove the static file
`

// A static file with the name of a page the site makes in any of its
// languages is not published, and build and serve both say so.
func TestStaticClashesInEveryLanguageWarnInBuildAndServe(t *testing.T) {
	t.Parallel()
	site := sitetest.Txtar(t, threeLanguages)
	want := site.Want["warnings"]
	dest := filepath.Join(t.TempDir(), "public")
	_, ds, err := build.Build(options(site.Dir), dest)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, ds.Error())
	}
	if got := warnings(ds); got != want {
		t.Errorf("build warns:\n%s\nwant:\n%s", got, want)
	}
	for name, mine := range map[string]string{"events/invasion/index.html": "<p>mine</p>", "uk/events/invasion/index.html": "<p>мій</p>"} {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || strings.Contains(string(b), mine) {
			t.Errorf("build: %s is the static file, or missing (%v)", name, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dest, "ar", "notes.txt")); err != nil || string(b) != "kept\n" {
		t.Errorf("build: ar/notes.txt is %q, %v; want the static file", b, err)
	}

	res, ds := build.NewBuilder(options(site.Dir)).Rebuild(nil)
	if res == nil {
		t.Fatalf("serve: %s", ds.Error())
	}
	if got := warnings(ds); got != want {
		t.Errorf("serve warns:\n%s\nwant:\n%s", got, want)
	}
	for name, mine := range map[string]string{"events/invasion/index.html": "<p>mine</p>", "uk/events/invasion/index.html": "<p>мій</p>"} {
		if b, ok := res.File(name); !ok || strings.Contains(string(b), mine) {
			t.Errorf("serve: %s is the static file, or missing", name)
		}
	}
}

func warnings(ds diag.List) string {
	var b strings.Builder
	for _, d := range ds.Sorted() {
		if d.Severity == diag.Warning {
			b.WriteString(d.String() + "\n")
		}
	}
	return b.String()
}

// "built N files" counts every file the build writes: the pages, the data
// files and their folders (the search shards, the visual timeline's data),
// the static files and the build's marker.
func TestBuildCountsEveryFileItWrites(t *testing.T) {
	t.Parallel()
	site := sitetest.Txtar(t, threeLanguages)
	dest := filepath.Join(t.TempDir(), "public")
	n, ds, err := build.Build(options(site.Dir), dest)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, ds.Error())
	}
	var files []string
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".timelinegen-build", "data/visual/", "uk/data/visual/", "search/"} {
		if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, want) }) {
			t.Errorf("no %s in the build: the test proves nothing", want)
		}
	}
	if n != len(files) {
		t.Errorf("build says it built %d files, and wrote %d", n, len(files))
	}
}

// renderSite is a small site in English and Ukrainian: three articles in
// two months, one translated, a template of its own and a static file.
const renderSite = enAndUK + `-- content/strike.md --
---
title: A strike
date: 2025-03-05
kind: military
actors: [Ukraine]
---
A strike.
-- content/talks.md --
---
title: Talks in Jeddah
date: 2025-03-11
kind: diplomatic
actors: [Ukraine, United States]
---
Talks, after [[strike]].
-- content/talks.uk.md --
---
title: Переговори в Джидді
---
Переговори після [[strike]].
-- content/truce.md --
---
title: A truce
date: 2025-04-02
kind: political
actors: [Russia]
---
A truce.
-- templates/partials/status.html --
{{define "status"}}<span class="mine">{{template "default/status" .}}</span>{{end}}
-- static/notes.txt --
Notes.
`

// The pages listing truce, talks and strike: each shows the entry's
// title, date and summary.
var (
	listsTruce  = withEmbeds("index.html", "years/2025/index.html", "kinds/political/index.html", "actors/russia/index.html", "status/reported/index.html")
	listsTalks  = withEmbeds("index.html", "years/2025/index.html", "kinds/diplomatic/index.html", "actors/ukraine/index.html", "actors/united-states/index.html", "status/reported/index.html")
	listsStrike = withEmbeds("index.html", "years/2025/index.html", "kinds/military/index.html", "actors/ukraine/index.html", "status/reported/index.html")
)

// What an edit renders again, exactly: the pages whose bytes may have
// changed and the static files read again. The data files, which show
// every entry, are made afresh on every build, when first asked for.
func TestWhatAnEditRendersAgain(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, old, new string
		want                 []string
	}{
		{
			// An untranslated article's body is on its English page only
			// (its Ukrainian page links to it), and its first paragraph
			// is its summary in the English listings. Its neighbour is
			// rendered again too: a page's key holds its neighbours'
			// whole views.
			name: "a body", file: "content/truce.md", old: "A truce.", new: "A truce, at last.",
			want: slices.Concat([]string{"events/truce/index.html", "events/talks/index.html", "map/index.html"}, listsTruce),
		},
		{
			name: "a title", file: "content/truce.md", old: "title: A truce", new: "title: A short truce",
			want: inBoth(slices.Concat([]string{"events/truce/index.html", "events/talks/index.html", "map/index.html"}, listsTruce)),
		},
		{
			// From March to April: strike is now after truce.
			name: "a date to another month", file: "content/strike.md", old: "date: 2025-03-05", new: "date: 2025-04-05",
			want: inBoth(slices.Concat([]string{"events/strike/index.html", "events/talks/index.html", "events/truce/index.html", "map/index.html"}, listsStrike)),
		},
		{
			name: "a translation", file: "content/talks.uk.md", old: "Переговори після", new: "Переговори одразу після",
			want: inUkrainian(slices.Concat([]string{"events/talks/index.html", "events/strike/index.html", "events/truce/index.html", "map/index.html"}, listsTalks)),
		},
		{
			name: "a template partial", file: "templates/partials/status.html", old: "mine", new: "yours",
			want: []string{"every page"},
		},
		{
			name: "a static file", file: "static/notes.txt", old: "Notes.", new: "More notes.",
			want: []string{"notes.txt"},
		},
		{
			name: "timeline.yaml", file: "timeline.yaml", old: "title: Timeline", new: "title: The timeline",
			want: []string{"every page"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := sitetest.Txtar(t, renderSite)
			b := build.NewBuilder(options(site.Dir))
			first, ds := b.Rebuild(nil)
			if first == nil {
				t.Fatal(ds.Error())
			}
			p := filepath.Join(site.Dir, filepath.FromSlash(tc.file))
			text, err := os.ReadFile(p)
			if err != nil || !strings.Contains(string(text), tc.old) {
				t.Fatalf("%s has no %q (%v)", tc.file, tc.old, err)
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(text), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			res, ds := b.Rebuild([]string{tc.file})
			if res == nil {
				t.Fatal(ds.Error())
			}
			want := tc.want
			if slices.Equal(want, []string{"every page"}) {
				want = slices.DeleteFunc(res.Names(), func(n string) bool { return !strings.HasSuffix(n, ".html") })
			}
			slices.Sort(want)
			if !slices.Equal(res.Rendered(), want) {
				t.Errorf("rendered again:\n  %s\nwant:\n  %s", strings.Join(res.Rendered(), "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

// withEmbeds are listing pages and their embeddable copies.
func withEmbeds(names ...string) []string {
	for _, n := range slices.Clone(names) {
		names = append(names, "embed/"+n)
	}
	return names
}

func inUkrainian(names []string) []string {
	uk := make([]string, len(names))
	for i, n := range names {
		uk[i] = "uk/" + n
	}
	return uk
}

// inBoth are pages in English and in Ukrainian.
func inBoth(names []string) []string { return append(names, inUkrainian(names)...) }
