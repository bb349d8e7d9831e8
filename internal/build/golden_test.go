package build_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/output"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenSites are built and compared file by file with testdata/golden.
// "sample" is the repository's own sample timeline.
var goldenSites = map[string]string{
	"sample":  "../..",
	"subpath": "testdata/sites/subpath",
	// base_url "/": no address, every link relative to its page.
	"relative": "testdata/sites/relative",
}

func options(source string) build.Options {
	return build.Options{Source: source, Theme: timelinegen.Theme, Generator: "timelinegen test"}
}

// buildMemory compiles source and renders it into memory, failing the
// test on any error.
func buildMemory(t testing.TB, opts build.Options) map[string][]byte {
	t.Helper()
	site, ds := build.Compile(opts)
	if site == nil {
		t.Fatalf("build failed:\n%s", ds.Error())
	}
	mem := output.NewMemory()
	if _, err := site.Write(mem); err != nil {
		t.Fatal(err)
	}
	return mem.Files()
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for name, source := range goldenSites {
		t.Run(name, func(t *testing.T) {
			got := buildMemory(t, options(source))
			// The theme's static files are copied as they are: they are
			// checked against the theme, not kept again in testdata.
			_ = fs.WalkDir(timelinegen.Theme, "static", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if _, ok := got[strings.TrimPrefix(p, "static/")]; !ok {
						t.Errorf("%s: the theme's static file is missing from the build", p)
					}
				}
				return err
			})
			for file, b := range got {
				if theme, err := fs.ReadFile(timelinegen.Theme, "static/"+file); err == nil {
					if !bytes.Equal(b, theme) {
						t.Errorf("%s differs from the theme's static/%s", file, file)
					}
					delete(got, file)
				}
			}
			// The build's marker is package output's, the same on every site.
			if string(got[output.Marker]) != output.MarkerText {
				t.Errorf("%s is %q, want output.MarkerText", output.Marker, got[output.Marker])
			}
			delete(got, output.Marker)
			dir := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for file, b := range got {
					p := filepath.Join(dir, filepath.FromSlash(file))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			want := readTree(t, dir)
			for file := range want {
				if _, ok := got[file]; !ok {
					t.Errorf("%s: missing from the build", file)
				}
			}
			for _, file := range sortedKeys(got) {
				w, ok := want[file]
				switch {
				case !ok:
					t.Errorf("%s: not in testdata/golden/%s (run go test -update if intended)", file, name)
				case !bytes.Equal(got[file], w):
					t.Errorf("%s differs from the golden file (run go test -update if intended):\n%s", file, firstDiff(w, got[file]))
				}
			}
		})
	}
}

func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v (run go test -update to create it)", dir, err)
	}
	return files
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}
