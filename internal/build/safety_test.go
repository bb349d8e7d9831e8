package build_test

// What a site must never do to the machine that builds it: publish files
// from outside the site. One case a rule, as in errors_test.go.

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// symlink makes a link at dir/rel leading to target, or skips the test.
func symlink(t *testing.T, target, dir, rel string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Skip(err)
	}
}

// outside is a folder outside the site with a secret and an article in it.
func outside(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "secret.txt"), "token")
	writeFile(t, filepath.Join(dir, "articles", "x.md"), ok)
	return dir
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

var safetyCases = []ruleCase{
	{
		name:  "a static file linked from outside the site",
		files: map[string]string{"content/a.md": ok},
		setup: func(t *testing.T, dir string) {
			symlink(t, filepath.Join(outside(t), "secret.txt"), dir, "static/passwd.txt")
		},
		want: []string{`static/passwd.txt: symbolic link to "/`},
	},
	{
		name:  "a template linked from outside the site",
		files: map[string]string{"content/a.md": ok},
		setup: func(t *testing.T, dir string) {
			symlink(t, filepath.Join(outside(t), "secret.txt"), dir, "templates/partials/x.html")
		},
		want: []string{`templates/partials/x.html: symbolic link to "/`},
	},
	{
		name:  "an article linked from outside the site",
		files: map[string]string{"content/a.md": ok},
		setup: func(t *testing.T, dir string) {
			symlink(t, filepath.Join(outside(t), "articles", "x.md"), dir, "content/x.md")
		},
		want: []string{`content/x.md: symbolic link to "/`},
	},
	{
		name:  "a content folder linked from outside the site",
		files: map[string]string{"content/a.md": ok},
		setup: func(t *testing.T, dir string) {
			symlink(t, filepath.Join(outside(t), "articles"), dir, "content/more")
		},
		want: []string{`content/more: symbolic link to "/`},
	},
	{
		name:  "a relative link climbing out of the site",
		files: map[string]string{"content/a.md": ok},
		setup: func(t *testing.T, dir string) {
			o := outside(t)
			rel, err := filepath.Rel(filepath.Join(dir, "i18n"), filepath.Join(o, "secret.txt"))
			if err != nil {
				t.Skip(err)
			}
			symlink(t, rel, dir, "i18n/fr.yaml")
		},
		want: []string{`i18n/fr.yaml: symbolic link to "../`},
	},
	{
		name:  "links that stay inside the site are followed",
		files: map[string]string{"content/a.md": ok, "assets/logo.svg": "<svg/>", "drafts/b.md": article("B", "", "Body.\n")},
		setup: func(t *testing.T, dir string) {
			symlink(t, "../assets/logo.svg", dir, "static/logo.svg")
			symlink(t, "../drafts", dir, "content/shared")
		},
	},
}

func TestSymlinksLeadingOutsideTheSite(t *testing.T) {
	t.Parallel()
	for _, tc := range safetyCases {
		t.Run(tc.name, func(t *testing.T) { checkRuleCase(t, tc) })
	}
}

var outputNameCases = []ruleCase{
	{
		name: "static files the site makes itself",
		files: map[string]string{
			"content/a.md":                 ok,
			"static/index.html":            "<p>mine</p>",
			"static/feed.xml":              "<feed/>",
			"static/events/a/index.html":   "<p>mine</p>",
			"static/search/shard-0.json":   "{}",
			"static/events/a/map-note.txt": "fine",
		},
		want: []string{
			"static/events/a/index.html: warning: not published: the site makes events/a/index.html itself",
			"static/feed.xml: warning: not published: the site makes feed.xml itself",
			"static/index.html: warning: not published: the site makes index.html itself",
			"static/search/shard-0.json: warning: not published: the site makes the folder search/ itself",
		},
	},
	{
		name:  "static files that differ from output only in case",
		files: map[string]string{"content/a.md": ok, "static/Index.html": "x", "static/img/A.png": "x", "static/img/a.png": "x"},
		want: []string{
			"static/Index.html: warning: differs from index.html only in case",
			"static/img/a.png: warning: differs from img/A.png only in case",
		},
	},
	{
		// The Kelvin sign folds to k: a case-blind host may take the
		// file for the kind's page.
		name:  "a static file whose name starts with a rune that folds to ASCII",
		files: map[string]string{"content/a.md": ok, "static/\u212Ainds/diplomatic/index.html": "x"},
		want:  []string{"static/\u212Ainds/diplomatic/index.html: warning: differs from kinds/diplomatic/index.html only in case"},
	},
	{
		name:   "a clash fails a strict build",
		files:  map[string]string{"content/a.md": ok, "static/robots.txt": "x"},
		strict: true,
		want:   []string{"static/robots.txt: not published: the site makes robots.txt itself"},
	},
	{
		name: "slugs Windows keeps for devices",
		files: map[string]string{
			"content/con.md":  ok,
			"content/b.md":    article("B", "slug: LPT1\n", "Body.\n"),
			"content/nul2.md": ok,
		},
		want: []string{
			`content/b.md:5:7: slug "lpt1" is a name Windows keeps for a device`,
			`content/con.md:1:1: slug "con" is a name Windows keeps for a device`,
		},
	},
}

func TestOutputNamesEveryHostCanHold(t *testing.T) {
	t.Parallel()
	for _, tc := range outputNameCases {
		t.Run(tc.name, func(t *testing.T) { checkRuleCase(t, tc) })
	}
}

var lengthCases = []ruleCase{
	{
		name:  "a title too long",
		files: map[string]string{"content/a.md": article(strings.Repeat("т", 301), "", "Body.\n")},
		want:  []string{"content/a.md:2:8: title is 301 characters long, more than the 300 allowed: a longer text belongs in the body"},
	},
	{
		name:  "a summary too long",
		files: map[string]string{"content/a.md": article("A", "summary: "+strings.Repeat("x", 1001)+"\n", "Body.\n")},
		want:  []string{"content/a.md:5:10: summary is 1001 characters long, more than the 1000 allowed"},
	},
	{
		name:  "an actor's name too long",
		files: map[string]string{"content/a.md": article("A", "actors: [Ukraine, "+strings.Repeat("x", 101)+"]\n", "Body.\n")},
		want:  []string{"content/a.md:5:19: actors is 101 characters long, more than the 100 allowed"},
	},
	{
		name:  "too many tags",
		files: map[string]string{"content/a.md": article("A", "tags: ["+numbered("t", 101)+"]\n", "Body.\n")},
		want:  []string{"content/a.md:5:7: tags: 101 names, more than the 100 allowed"},
	},
	{
		name:  "a body too long for one page",
		files: map[string]string{"content/a.md": article("A", "", strings.Repeat("Words and more words.\n", 20000))},
		want:  []string{"content/a.md:6:1: the body is 429 KiB, more than the 384 KiB a page may hold"},
	},
}

func TestFieldLengthsAreBounded(t *testing.T) {
	t.Parallel()
	for _, tc := range lengthCases {
		t.Run(tc.name, func(t *testing.T) { checkRuleCase(t, tc) })
	}
}

// An article with every field at its bound still gives pages under 1 MiB
// and search shards under 256 KiB.
func TestTheLargestArticleKeepsTheOutputBounds(t *testing.T) {
	t.Parallel()
	var names []string
	for i := range content.MaxNames {
		names = append(names, fmt.Sprintf("%03d%s", i, strings.Repeat("ж", 97)))
	}
	list := "[" + strings.Join(names, ", ") + "]"
	extra := "summary: " + strings.Repeat("я", 1000) + "\nactors: " + list + "\ntags: " + list + "\n"
	files := map[string]string{}
	for i := range 3 {
		files[fmt.Sprintf("content/a%d.md", i)] = article(strings.Repeat("ю", 300), extra, strings.Repeat("Слова. ", content.MaxBody/14))
	}
	out := buildMemory(t, options(sitetest.New(t, files)))
	for name, data := range out {
		limit := 1 << 20
		if strings.HasPrefix(name, "search/") {
			limit = 256 << 10
		}
		if strings.HasPrefix(name, "data/") || strings.HasPrefix(name, "feed.") {
			continue // one file of every entry: bounded by the number of entries
		}
		if len(data) > limit {
			t.Errorf("%s is %d KiB, more than %d KiB", name, len(data)>>10, limit>>10)
		}
	}
}

// numbered is "p0, p1, ..." n names long.
func numbered(p string, n int) string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprint(p, i)
	}
	return strings.Join(names, ", ")
}
