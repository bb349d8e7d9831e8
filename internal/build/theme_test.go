package build_test

import (
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// An override of a helper partial replaces that partial only, and can
// wrap the embedded original, which stays under "default/".
func TestOverridePartialWrapsTheOriginal(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"content/a.md":                       ok,
		"templates/partials/entry-card.html": `{{define "entry-card"}}<div class="mine">{{template "default/entry-card" .}}</div>{{end}}`,
		"templates/partials/kind.html":       `{{define "kind"}}<b class="my-kind">{{.Kind.Label}}</b>{{end}}`,
	})
	files := buildMemory(t, options(dir))
	home := string(files["index.html"])
	if !strings.Contains(home, `<div class="mine">`+"\n"+`<li class="entry k-diplomatic"`) {
		t.Errorf("the card does not wrap the original:\n%s", home)
	}
	if !strings.Contains(home, `<b class="my-kind">Diplomatic</b>`) {
		t.Errorf("the original card does not call the overridden kind partial:\n%s", home)
	}
	if !strings.Contains(home, `<time datetime="2025-03-11"`) {
		t.Errorf("overriding the card and the kind dropped the date partial:\n%s", home)
	}
}

func TestOverridePageTemplate(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"content/a.md":       ok,
		"templates/404.html": `{{define "main"}}<p class="gone">Nothing here.</p>{{end}}`,
	})
	files := buildMemory(t, options(dir))
	if got := string(files["404.html"]); !strings.Contains(got, `<p class="gone">Nothing here.</p>`) {
		t.Errorf("404.html does not use the override:\n%s", got)
	}
	if got := string(files["index.html"]); strings.Contains(got, "Nothing here.") {
		t.Error("the 404 override reached the home page")
	}
}

// A broken override is a diagnostic at its file and line.
func TestBrokenOverrideIsADiagnostic(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"content/a.md":                 ok,
		"templates/partials/kind.html": "{{define \"kind\"}}\n<b>{{.Label}</b>{{end}}\n",
	})
	site, ds := build.Compile(options(dir))
	if site != nil {
		t.Fatal("a broken template built")
	}
	if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "templates/partials/kind.html:2:") {
		t.Errorf("diagnostics = %v, want one at templates/partials/kind.html:2", ds)
	}
}
