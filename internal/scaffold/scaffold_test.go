package scaffold

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
	files, err := NewSite(dir)
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
	src := TimelineYAML()
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
		// publish_coordinates has no default value (unset publishes the
		// coordinates as written): it is there commented out.
		// deploy has no default either: where to publish is the user's.
		if k == "publish_coordinates" || k == "deploy" {
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
	_, err := NewSite(dir)
	if err == nil || !IsUsage(err) || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("err = %v, want a usage error about a non-empty folder", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("the existing file was changed")
	}
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		t.Error("timeline.yaml was written into a non-empty folder")
	}

	file := filepath.Join(dir, "notes.txt")
	if _, err := NewSite(file); !IsUsage(err) {
		t.Errorf("a file as DIR: err = %v, want a usage error", err)
	}

	withGit := t.TempDir()
	if err := os.Mkdir(filepath.Join(withGit, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSite(withGit); err != nil {
		t.Errorf("a folder holding only .git: %v", err)
	}
}

func fixedNow() time.Time { return time.Date(2025, 3, 11, 23, 30, 0, 0, time.UTC) }

func TestNewArticle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := NewSite(dir); err != nil {
		t.Fatal(err)
	}
	p, err := NewArticle(ArticleOptions{Source: dir, Title: "Битва за Київ", Kind: "military", Now: fixedNow})
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
	p2, err := NewArticle(ArticleOptions{Source: dir, Title: "Битва за Київ", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p2) != "bytva-za-kyiv-2.md" {
		t.Errorf("second article at %s, want bytva-za-kyiv-2.md", p2)
	}
	p3, err := NewArticle(ArticleOptions{Source: dir, Title: "Riverton evacuation", Date: "2025-03", Kind: "humanitarian"})
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
	p4, err := NewArticle(ArticleOptions{Source: dir, Title: "Truce", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p4) != "truce-2.md" {
		t.Errorf("got %s, want truce-2.md", p4)
	}
	compile(t, dir)
}

func TestNewArticleRejects(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		opts ArticleOptions
		want string
	}{
		{ArticleOptions{Title: "X", Kind: "militray"}, `did you mean "military"`},
		{ArticleOptions{Title: "X", Date: "11 March 2025"}, "--date"},
		{ArticleOptions{Title: "X", Date: "2025-02-30"}, "not a real day"},
		{ArticleOptions{Title: "  "}, "title is empty"},
	} {
		tc.opts.Source = dir
		_, err := NewArticle(tc.opts)
		if err == nil || !IsUsage(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want a usage error containing %q", tc.opts, err, tc.want)
		}
	}
	// Kinds come from the site's timeline.yaml.
	if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte("kinds:\n  - {name: cyber}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewArticle(ArticleOptions{Source: dir, Title: "X", Kind: "military"}); !IsUsage(err) {
		t.Errorf("kind not in timeline.yaml accepted: %v", err)
	}
	p, err := NewArticle(ArticleOptions{Source: dir, Title: "X", Now: fixedNow})
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
	if _, err := NewArticle(ArticleOptions{Source: dir, Title: "Y"}); err == nil || IsUsage(err) {
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
		for _, doc := range []string{"k: " + Quote(s) + "\n", "k: [" + Quote(s) + ", z]\n", "k: {a: " + Quote(s) + ", b: z}\n"} {
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
