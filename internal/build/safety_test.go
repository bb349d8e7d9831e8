package build_test

// What a site must never do to the machine that builds it: publish files
// from outside the site. One case a rule, as in errors_test.go.

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
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
	for _, tc := range safetyCases {
		t.Run(tc.name, func(t *testing.T) { checkRuleCase(t, tc) })
	}
}
