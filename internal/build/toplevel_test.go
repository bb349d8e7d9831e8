package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/permalink"
)

// A language other than the default may not have a code that is a name
// at the output root (config refuses it), so permalink.TopLevel must name
// every one: each file of the golden builds is checked against it.
func TestOutputsAreAtTopLevelNames(t *testing.T) {
	t.Parallel()
	top := permalink.TopLevel()
	for name, source := range goldenSites {
		var ds diag.List
		cfg := config.Load(source, &ds)
		langs := cfg.LanguageCodes()[1:]
		entries, err := os.ReadDir(filepath.Join("testdata", "golden", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !slices.Contains(top, e.Name()) && !slices.Contains(langs, e.Name()) {
				t.Errorf("%s: %s is at the output root but not in permalink.TopLevel", name, e.Name())
			}
		}
	}
	// The theme's static files are published at the root too.
	entries, err := fs.ReadDir(timelinegen.Theme, "static")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(top, e.Name()) {
			t.Errorf("static/%s is at the output root but not in permalink.Assets", e.Name())
		}
	}
}
