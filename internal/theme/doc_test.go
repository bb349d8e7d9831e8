package theme

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docs/theme.md names every template and partial of the built-in theme.
func TestThemeDocNamesEveryTemplate(t *testing.T) {
	doc, err := os.ReadFile("../../docs/theme.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../templates/*.html")
	partials, _ := filepath.Glob("../../templates/partials/*.html")
	files = append(files, partials...)
	if len(files) < 10 {
		t.Fatalf("found %d templates only", len(files))
	}
	define := regexp.MustCompile(`\{\{-?\s*define\s+"([^"]+)"`)
	for _, f := range files {
		rel := strings.TrimPrefix(filepath.ToSlash(f), "../../templates/")
		if !strings.Contains(string(doc), "`"+rel+"`") {
			t.Errorf("docs/theme.md does not name %s", rel)
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range define.FindAllStringSubmatch(string(src), -1) {
			if !strings.Contains(string(doc), "`"+m[1]+"`") {
				t.Errorf("docs/theme.md does not name the template %q of %s", m[1], rel)
			}
		}
	}
}
