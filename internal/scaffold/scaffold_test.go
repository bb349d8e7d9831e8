package scaffold_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

func compile(t *testing.T, site string) *build.Site {
	t.Helper()
	s, ds := build.Compile(build.Options{Source: site, Strict: true, Theme: timelinegen.Theme})
	for _, d := range ds {
		t.Errorf("diagnostic: %s", d)
	}
	if s == nil {
		t.Fatal("the site does not build")
	}
	return s
}

func TestNewSiteBuildsStrict(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	files, err := scaffold.NewSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no files written")
	}
	site := compile(t, dir)
	// Between them the examples use every article and event key.
	seen := map[string]bool{}
	for _, a := range []string{"content/riverton-shelling.md", "content/geneva-talks-open.md"} {
		src, err := os.ReadFile(filepath.Join(dir, a))
		if err != nil {
			t.Fatal(err)
		}
		f, err := front.Split(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range f.Front.Keys {
			seen[k.Name] = true
			if k.Name == "events" {
				for _, e := range k.Value.Items {
					for _, ek := range e.Keys {
						seen["events."+ek.Name] = true
					}
				}
			}
		}
	}
	for _, k := range content.ArticleKeys {
		if !seen[k] {
			t.Errorf("the examples do not show article key %q", k)
		}
	}
	for _, k := range content.EventKeys {
		if !seen["events."+k] {
			t.Errorf("the examples do not show event key %q", k)
		}
	}
	if n := len(site.Timeline.Entries); n != 3 {
		t.Errorf("%d entries, want 3 (two articles and one event)", n)
	}
	for _, d := range []string{"templates", "static"} {
		if info, err := os.Stat(filepath.Join(dir, d)); err != nil || !info.IsDir() {
			t.Errorf("%s/ missing", d)
		}
	}
	// The hidden notes are neither templates nor copied to the output.
	for _, name := range site.Theme.Static() {
		if strings.Contains(name, "README") {
			t.Errorf("static note is copied to the output as %s", name)
		}
	}
}

func TestTimelineYAMLHasEveryKeyAtItsDefault(t *testing.T) {
	src := scaffold.TimelineYAML()
	var ds diag.List
	got := config.Parse(config.FileName, []byte(src), &ds)
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if want := config.Default(); !reflect.DeepEqual(got, want) {
		t.Errorf("parsed\n%+v\nwant the defaults\n%+v", got, want)
	}
	root, err := front.DecodeYAML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range config.Keys {
		if k == "languages" {
			// language: or languages:, not both: languages is shown commented out.
			if !strings.Contains(src, "# languages:") {
				t.Error("no languages: example")
			}
			continue
		}
		// publish_coordinates, desk and deploy have no default value
		// (unset publishes the coordinates as written, writes no admin/
		// and publishes nowhere): they are there commented out.
		if k == "publish_coordinates" || k == "desk" || k == "deploy" {
			if !strings.Contains(src, "# "+k+":") {
				t.Errorf("key %q not shown", k)
			}
			continue
		}
		if root.Get(k) == nil {
			t.Errorf("key %q missing", k)
		}
	}
}

func TestNewSiteRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := scaffold.NewSite(dir)
	if err == nil || !scaffold.IsUsage(err) || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("err = %v, want a usage error about a non-empty folder", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("the existing file was changed")
	}
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		t.Error("timeline.yaml was written into a non-empty folder")
	}

	file := filepath.Join(dir, "notes.txt")
	if _, err := scaffold.NewSite(file); !scaffold.IsUsage(err) {
		t.Errorf("a file as DIR: err = %v, want a usage error", err)
	}

	withGit := t.TempDir()
	if err := os.Mkdir(filepath.Join(withGit, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := scaffold.NewSite(withGit); err != nil {
		t.Errorf("a folder holding only .git: %v", err)
	}
}

func fixedNow() time.Time { return time.Date(2025, 3, 11, 23, 30, 0, 0, time.UTC) }

func TestNewArticle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	p, _, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "Битва за Київ", Kind: "military", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "bytva-za-kyiv.md"); p != want {
		t.Errorf("path %s, want %s", p, want)
	}
	src, _ := os.ReadFile(p)
	cfg := config.Default()
	a, ds := content.Loader{Kinds: cfg.KindNames()}.Parse("content/bytva-za-kyiv.md", src)
	if len(ds) > 0 || a == nil {
		t.Fatalf("the skeleton does not parse cleanly: %v", ds)
	}
	if a.Title != "Битва за Київ" || a.Kind != "military" || a.Date.String() != "2025-03-11" || a.Date.Precision != date.Day {
		t.Errorf("title %q kind %q date %s", a.Title, a.Kind, a.Date)
	}
	compile(t, dir)

	// The same title again, and a title whose slug an event id holds.
	p2, _, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "Битва за Київ", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p2) != "bytva-za-kyiv-2.md" {
		t.Errorf("second article at %s, want bytva-za-kyiv-2.md", p2)
	}
	p3, _, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "Riverton evacuation", Date: "2025-03", Kind: "humanitarian"})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p3) != "riverton-evacuation-2.md" {
		t.Errorf("article whose slug is an event id at %s, want riverton-evacuation-2.md", p3)
	}
	if src, _ := os.ReadFile(p3); !strings.Contains(string(src), "\ndate: 2025-03 ") {
		t.Errorf("--date 2025-03 not kept at month precision:\n%s", src)
	}
	// A slug taken by a file deeper in content/.
	if err := os.MkdirAll(filepath.Join(dir, "content", "2024"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "2024", "truce.md"), []byte("---\ntitle: Truce\ndate: 2024\nkind: military\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p4, _, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "Truce", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p4) != "truce-2.md" {
		t.Errorf("got %s, want truce-2.md", p4)
	}
	compile(t, dir)
}

// --slug names the file and the page; --dir puts it in a folder of
// content/, given from content/ or from the site.
func TestNewArticleSlugAndDir(t *testing.T) {
	dir := t.TempDir()
	p, s, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "Ukraine accepts a 30-day ceasefire proposal", Slug: "Jeddah-Talks", Dir: "2025/03", Now: fixedNow})
	if want := filepath.Join(dir, "content", "2025", "03", "jeddah-talks.md"); err != nil || p != want || s != "jeddah-talks" {
		t.Fatalf("got %s, slug %q, %v; want %s, slug jeddah-talks", p, s, err, want)
	}
	p, s, err = scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "Talks in Riyadh", Dir: "content/2025/03/", Now: fixedNow})
	if want := filepath.Join(dir, "content", "2025", "03", "talks-in-riyadh.md"); err != nil || p != want || s != "talks-in-riyadh" {
		t.Errorf("--dir content/2025/03/: got %s, slug %q, %v; want %s", p, s, err, want)
	}
	compile(t, dir)
	for _, tc := range []struct {
		opts scaffold.ArticleOptions
		want string
	}{
		// A slug given is never changed into another.
		{scaffold.ArticleOptions{Title: "X", Slug: "jeddah-talks"}, `--slug: "jeddah-talks" is taken by content/2025/03/jeddah-talks.md`},
		{scaffold.ArticleOptions{Title: "X", Slug: "talks in jeddah"}, `--slug: "talks in jeddah" is not a slug: use lowercase a-z, 0-9 and -, such as "talks-in-jeddah"`},
		{scaffold.ArticleOptions{Title: "X", Slug: "con"}, `--slug: "con" cannot be an article's slug (check refuses it), such as "con-1"`},
		{scaffold.ArticleOptions{Title: "X", Dir: "../elsewhere"}, "--dir: ../elsewhere is not inside content/"},
		{scaffold.ArticleOptions{Title: "X", Dir: "/tmp"}, "--dir: /tmp is not inside content/"},
		{scaffold.ArticleOptions{Title: "X", Dir: "2025/.drafts"}, `--dir: the site passes over ".drafts"`},
	} {
		tc.opts.Source = dir
		_, _, err := scaffold.NewArticle(tc.opts)
		if err == nil || !scaffold.IsUsage(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want a usage error containing %q", tc.opts, err, tc.want)
		}
	}
}

func TestNewArticleRejects(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		opts scaffold.ArticleOptions
		want string
	}{
		{scaffold.ArticleOptions{Title: "X", Kind: "militray"}, `did you mean "military"`},
		{scaffold.ArticleOptions{Title: "X", Date: "11 March 2025"}, "--date"},
		{scaffold.ArticleOptions{Title: "X", Date: "2025-02-30"}, "not a real day"},
		{scaffold.ArticleOptions{Title: "  "}, "title is empty"},
	} {
		tc.opts.Source = dir
		_, _, err := scaffold.NewArticle(tc.opts)
		if err == nil || !scaffold.IsUsage(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want a usage error containing %q", tc.opts, err, tc.want)
		}
	}
	// Kinds come from the site's timeline.yaml.
	if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte("kinds:\n  - {name: cyber}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "X", Kind: "military"}); !scaffold.IsUsage(err) {
		t.Errorf("kind not in timeline.yaml accepted: %v", err)
	}
	p, _, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "X", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if src, _ := os.ReadFile(p); !strings.Contains(string(src), "\nkind: cyber ") {
		t.Errorf("default kind is not the site's first:\n%s", src)
	}
	// A broken timeline.yaml is a content error.
	if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte("order: sideways\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: dir, Title: "Y"}); err == nil || scaffold.IsUsage(err) {
		t.Errorf("broken timeline.yaml: err = %v, want a content error", err)
	}
}

func TestQuoteReadsBack(t *testing.T) {
	for _, s := range []string{
		"plain words", "Харків", "Kyiv's mayor", "a: b", "#tag", "- dash", "yes", "No", "null", "2025",
		"3.5", `say "hi"`, `back\slash`, "line\nbreak", "tab\there", " lead", "trail ", "[x]", "{y}", "a, b",
		"*star", "&anchor", "!tag", "%pct", "@at", "`tick", "|pipe", ">fold", "?q", "x\u2028y", "\x00nul", "é",
		"https://example.org/a?b=c#d", "St. Petersburg", "Mr. X (retd.)", "~", "",
	} {
		for _, doc := range []string{"k: " + scaffold.Quote(s) + "\n", "k: [" + scaffold.Quote(s) + ", z]\n", "k: {a: " + scaffold.Quote(s) + ", b: z}\n"} {
			root, err := front.DecodeYAML([]byte(doc))
			if err != nil {
				t.Errorf("%q: %v in %s", s, err, doc)
				continue
			}
			n := root.Get("k")
			switch n.Kind {
			case front.List:
				n = n.Items[0]
			case front.Map:
				n = n.Get("a")
			}
			if n.Text != s {
				t.Errorf("%q reads back as %q from %s", s, n.Text, doc)
			}
		}
	}
}
