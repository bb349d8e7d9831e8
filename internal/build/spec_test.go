package build_test

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// TestSpecs builds each tiny site of testdata/specs/*.txtar and checks
// what its want/ files say. want/diagnostics lists every diagnostic of the
// run, in order, as "path:line:col: message" (message by substring,
// "warning: " before it for a warning). Any other want/<file> names a
// built file: each of its lines must appear in that file, and a line
// starting with "! " must not.
func TestSpecs(t *testing.T) {
	t.Parallel()
	archives, err := filepath.Glob("testdata/specs/*.txtar")
	if err != nil || len(archives) == 0 {
		t.Fatalf("no specs: %v", err)
	}
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a := sitetest.TxtarFile(t, path)
			if len(a.Want) == 0 {
				t.Fatal("the archive has no want/ file: it would check nothing")
			}
			site, ds := compileRuleSite(t, build.Options{Source: a.Dir, Theme: timelinegen.Theme, Generator: "timelinegen test"})
			var got strings.Builder
			for _, d := range ds {
				fmt.Fprintf(&got, "\n\t%s", d)
			}
			if want, ok := a.Want["diagnostics"]; ok {
				lines := nonEmptyLines(want)
				if len(ds) != len(lines) {
					t.Fatalf("got %d diagnostics, want %d:%s", len(ds), len(lines), got.String())
				}
				for i, w := range lines {
					if err := matchDiag(w, ds[i]); err != nil {
						t.Errorf("diagnostic %d: %v\n\tgot  %s", i, err, ds[i])
					}
				}
			}
			if site == nil {
				if len(a.Want) > 1 || a.Want["diagnostics"] == "" {
					t.Fatalf("the build failed:%s", got.String())
				}
				return
			}
			mem := output.NewMemory()
			if _, err := site.Write(mem); err != nil {
				t.Fatal(err)
			}
			files := mem.Files()
			for name, want := range a.Want {
				if name == "diagnostics" {
					continue
				}
				b, ok := files[name]
				if !ok {
					t.Errorf("%s was not built; built: %v", name, slices.Sorted(maps.Keys(files)))
					continue
				}
				for _, w := range nonEmptyLines(want) {
					if not, ok := strings.CutPrefix(w, "! "); ok {
						if strings.Contains(string(b), not) {
							t.Errorf("%s has %q", name, not)
						}
					} else if !strings.Contains(string(b), w) {
						t.Errorf("%s lacks %q", name, w)
					}
				}
			}
		})
	}
}

func nonEmptyLines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
