package build_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// A site published without an absolute address gets a warning from build
// that names the outputs it spoils; check and previews say nothing.
func TestBuildWarnsWithoutAnAddress(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, config, flag, want string
	}{
		{"default", "title: T\n", "", `timeline.yaml: warning: base_url "/" is not an absolute address`},
		{"in timeline.yaml", "title: T\nbase_url: /timeline/\n", "", `timeline.yaml:2:11: warning: base_url "/timeline/" is not an absolute address`},
		{"from --base-url", "title: T\nbase_url: https://example.org/\n", "/", `--base-url: warning: base_url "/" is not an absolute address`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := sitetest.New(t, map[string]string{"timeline.yaml": tc.config, "content/a.md": testArticle("A", "2025-03-11", "military", "", "Body.")})
			opts := options(dir)
			opts.BaseURL = tc.flag
			_, ds, err := build.Build(opts, filepath.Join(dir, "public"))
			if err != nil {
				t.Fatalf("build: %v\n%v", err, ds)
			}
			if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), tc.want) {
				t.Fatalf("diagnostics:\n%v\nwant one starting %q", ds, tc.want)
			}
			for _, output := range []string{"feed.xml", "sitemap.xml", "canonical link", "og:url", "https://example.org/timeline/"} {
				if !strings.Contains(ds[0].Message, output) {
					t.Errorf("the warning does not name %q: %s", output, ds[0].Message)
				}
			}
			if _, ds := build.Compile(opts); len(ds) != 0 {
				t.Errorf("check warned too:\n%v", ds)
			}
		})
	}
}

func TestBuildWithoutAnAddressFailsWithStrict(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{"content/a.md": testArticle("A", "2025-03-11", "military", "", "Body.")})
	opts := options(dir)
	opts.Strict = true
	dest := filepath.Join(dir, "public")
	_, ds, err := build.Build(opts, dest)
	if !errors.Is(err, build.ErrFailed) || !ds.HasErrors() || ds[0].Severity != diag.Error {
		t.Fatalf("err %v, diagnostics:\n%v\nwant the missing address as an error", err, ds)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a failed build wrote %s", dest)
	}
}

func TestBuildWithAnAddressDoesNotWarn(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{"timeline.yaml": "base_url: https://example.org/t/\n", "content/a.md": testArticle("A", "2025-03-11", "military", "", "Body.")})
	opts := options(dir)
	opts.Strict = true
	if _, ds, err := build.Build(opts, filepath.Join(dir, "public")); err != nil || len(ds) != 0 {
		t.Fatalf("err %v, diagnostics:\n%v", err, ds)
	}
}
