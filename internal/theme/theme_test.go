package theme_test

import (
	"os"
	"path/filepath"
	"testing"

	timelinegen "github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/theme"
)

func TestHasOwnTemplates(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"no folders", nil, false},
		{"only static files", map[string]string{"static/style.css": "body{}"}, false},
		{"a file in templates that is no template", map[string]string{"templates/README.txt": "notes"}, false},
		{"a partial", map[string]string{"templates/partials/kind.html": `{{define "kind"}}{{.Kind.Label}}{{end}}`}, true},
		{"a layout", map[string]string{"templates/404.html": `{{define "main"}}<p>Gone</p>{{end}}`}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			th, ds := theme.Load(timelinegen.Theme, dir, nil)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if got := th.HasOwnTemplates(); got != tc.want {
				t.Errorf("HasOwnTemplates() = %v, want %v", got, tc.want)
			}
		})
	}
}

// A cached fragment is rendered once per key until its owner resets the
// fragments for a new build; without fragments it is rendered every time.
func TestCachedFragments(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"templates/baseof.html":        `{{cached "head-line" .Chrome .}}|{{.Title}}`,
		"templates/partials/line.html": `{{define "head-line"}}{{.Title}}{{end}}`,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	render := func(th *theme.Theme, title, chrome string) string {
		t.Helper()
		b, err := th.Render(&pages.Page{Layout: "404", Title: title, Chrome: chrome})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var memo theme.Fragments
	th, ds := theme.Load(timelinegen.Theme, dir, &memo)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, step := range []struct {
		title, chrome string
		reset         bool
		want          string
	}{
		{"A", "home", false, "A|A"},
		{"B", "home", false, "A|B"}, // the same key: the fragment of A
		{"C", "years", false, "C|C"},
		{"D", "home", true, "D|D"}, // a new build
	} {
		if step.reset {
			memo.Reset()
		}
		if got := render(th, step.title, step.chrome); got != step.want {
			t.Errorf("page %s (%s) = %q, want %q", step.title, step.chrome, got, step.want)
		}
	}

	plain, ds := theme.Load(timelinegen.Theme, dir, nil)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	render(plain, "A", "home")
	if got := render(plain, "B", "home"); got != "B|B" {
		t.Errorf("without fragments = %q, want B|B", got)
	}
}

// A site's template that the compiled templates give back on every page
// (here an escaper given HTML in an attribute, which html/template strips
// of its tags) is executed by html/template, and soon only by it.
func TestATemplateGivenBackOnEveryPageIsLeftToHTMLTemplate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "templates", "baseof.html")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`<p title="{{bdi .Title}}">{{.Title}}</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	th, ds := theme.Load(timelinegen.Theme, dir, nil)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for range 200 {
		b, err := th.Render(&pages.Page{Layout: "404", Title: "Kyiv"})
		if err != nil || string(b) != `<p title="Kyiv">Kyiv</p>` {
			t.Fatalf("rendered %q, %v", b, err)
		}
	}
	if compiled, back := th.Executions(); compiled != 0 || back == 0 || back > 50 {
		t.Errorf("the compiled template ran %d pages and gave %d of 200 back", compiled, back)
	}
}
