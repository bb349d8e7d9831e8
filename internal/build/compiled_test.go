package build_test

import (
	"bytes"
	"maps"
	"slices"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/output"
)

// The default theme's templates are executed by internal/htmlexec once
// html/template has executed each: they must write what html/template
// alone writes, and give no page back to it.
func TestCompiledTemplatesWriteWhatHTMLTemplateWrites(t *testing.T) {
	t.Parallel()
	sites := maps.Clone(goldenSites)
	sites["languages"] = "testdata/sites/languages"
	for _, name := range slices.Sorted(maps.Keys(sites)) {
		t.Run(name, func(t *testing.T) {
			write := func(interpreted bool) (map[string][]byte, int64, int64) {
				site, ds := build.Compile(options(sites[name]))
				if site == nil {
					t.Fatalf("build failed:\n%s", ds.Error())
				}
				if interpreted {
					site.Theme = site.Theme.Interpreted()
				}
				mem := output.NewMemory()
				if _, err := site.Write(mem); err != nil {
					t.Fatal(err)
				}
				compiled, slow := site.Theme.Executions()
				return mem.Files(), compiled, slow
			}
			got, compiled, back := write(false)
			if compiled == 0 || back > 0 {
				t.Errorf("the compiled templates executed %d pages and cards and gave %d back to html/template", compiled, back)
			}
			want, _, _ := write(true)
			for _, file := range sortedKeys(want) {
				if !bytes.Equal(got[file], want[file]) {
					t.Errorf("%s differs from html/template's:\n%s", file, firstDiff(want[file], got[file]))
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d files, html/template's build %d", len(got), len(want))
			}
		})
	}
}
