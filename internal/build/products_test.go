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

// threeLanguages is a site in English, Ukrainian and Arabic whose static/
// holds a page the site makes itself, in English and in Ukrainian.
const threeLanguages = `
-- timeline.yaml --
title: Timeline
base_url: https://example.org/
languages:
  - {code: en, label: English}
  - {code: uk, label: Українська}
  - {code: ar, label: العربية}
-- content/invasion.md --
---
title: The invasion
date: 2022-02-24
kind: military
---
Troops cross the border.
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
