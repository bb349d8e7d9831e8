package theme_test

import (
	"os"
	"path/filepath"
	"testing"

	timelinegen "github.com/timelinegen/timelinegen"
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
			th, ds := theme.Load(timelinegen.Theme, dir)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if got := th.HasOwnTemplates(); got != tc.want {
				t.Errorf("HasOwnTemplates() = %v, want %v", got, tc.want)
			}
		})
	}
}
