package build_test

import (
	"errors"
	"io"
	"strings"
	"syscall"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// check finds every template error build would, at the template's line,
// once however many pages it spoils.
func TestCheckExecutesTheTemplates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, text, want string
	}{
		{"a layout without its block", "templates/404.html", "<p>Gone</p>\n",
			`templates/baseof.html:64:11: no such template "main" (rendering 404.html)`},
		{"a field pages do not have", "templates/entry.html", "{{define \"main\"}}\n<p>{{ .Page.NoSuchField }}</p>\n{{end}}\n",
			`templates/entry.html:2:11: executing "main" at <.Page.NoSuchField>: can't evaluate field Page in type *pages.Page (rendering events/a/index.html and 1 more pages)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := sitetest.New(t, map[string]string{
				"content/a.md": testArticle("A", "2025-03-11", "military", "", "Body."),
				"content/b.md": testArticle("B", "2025-03-12", "military", "", "Body."),
				tc.file:        tc.text,
				// An address, so that build warns of nothing check does not.
				"timeline.yaml": "base_url: https://example.org/\n",
			})
			opts := build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}
			if site, ds := build.Compile(opts); site == nil {
				t.Fatalf("the templates parse, yet Compile failed: %v", ds)
			}
			site, ds := build.Check(opts)
			if site != nil || len(ds) != 1 || ds[0].String() != tc.want {
				t.Fatalf("check gave %v, want\n%s", ds, tc.want)
			}
			_, bds, err := build.Build(opts, t.TempDir()+"/public")
			if !errors.Is(err, build.ErrFailed) || len(bds) != 1 || bds[0] != ds[0] {
				t.Errorf("build: %v %v, want the same diagnostic as check", err, bds)
			}
		})
	}
}

// fullDisk fails every write, as a full disk does.
type fullDisk struct{}

func (fullDisk) Write(string, []byte) error { return syscall.ENOSPC }

// fillsOnStream takes every file whole, and fills up while a data file
// is written to it a piece at a time.
type fillsOnStream struct{}

func (fillsOnStream) Write(string, []byte) error { return nil }

func (fillsOnStream) Stream(_ string, write func(io.Writer) error) error {
	return write(&filling{room: 1 << 10})
}

type filling struct{ room int }

func (f *filling) Write(p []byte) (int, error) {
	if len(p) > f.room {
		return 0, syscall.ENOSPC
	}
	f.room -= len(p)
	return len(p), nil
}

// A full disk fails the build once, whether it is full from the start or
// fills while a data file is written as it is made, which it then names.
func TestAFullDiskIsOneError(t *testing.T) {
	t.Parallel()
	site, ds := build.Compile(options("../.."))
	if site == nil {
		t.Fatal(ds)
	}
	for _, tt := range []struct {
		name  string
		disk  output.Writer
		names string // what the error must name
	}{
		{"full from the start", fullDisk{}, ""},
		{"fills while a data file is written", fillsOnStream{}, "data/"},
	} {
		_, err := site.Write(tt.disk)
		if !errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), tt.names) {
			t.Errorf("%s: got %q, want one no-space error naming %q", tt.name, err, tt.names)
		}
	}
}

// A listing card that fails is one diagnostic at its template's line, in
// compile, check, build and serve alike, however many entries it spoils.
func TestAFailingCardIsOneDiagnostic(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"content/a.md":                       testArticle("A", "2025-03-11", "military", "", "Body."),
		"content/b.md":                       testArticle("B", "2025-03-12", "military", "", "Body."),
		"content/c.md":                       testArticle("C", "2025-03-13", "military", "", "Body."),
		"templates/partials/entry-card.html": "{{define \"entry-card\"}}\n<p>{{ .NoSuchField }}</p>\n{{end}}\n",
		"timeline.yaml":                      "base_url: https://example.org/\n",
	})
	const want = `templates/partials/entry-card.html:2:6: executing "entry-card" at <.NoSuchField>: can't evaluate field NoSuchField in type pages.Entry (rendering the listing card of a and 2 more entries)`
	opts := build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}
	_, cds := build.Compile(opts)
	_, kds := build.Check(opts)
	_, bds, _ := build.Build(opts, t.TempDir()+"/public")
	_, sds := build.NewBuilder(opts).Rebuild(nil)
	for name, ds := range map[string]diag.List{"compile": cds, "check": kds, "build": bds, "serve": sds} {
		if len(ds) != 1 || ds[0].String() != want {
			t.Errorf("%s gave %v, want\n%s", name, ds, want)
		}
	}
}
