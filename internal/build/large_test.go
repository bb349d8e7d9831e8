package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/benchsite"
)

// TestLargeSitePaginates builds a generated site with more entries than a
// page lists: listings page, the home page links to the years, and no
// page comes near 1 MiB. (make bench checks 10,000 and 100,000 articles.)
func TestLargeSitePaginates(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "site")
	// 600 articles at 40 a page paginate as 1,500 do at 100 (the
	// default), at a third of the cost under -race.
	if err := benchsite.Write(dir, benchsite.Options{Articles: 600, Words: 60}); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "timeline.yaml"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "timeline.yaml"), append(yaml, "paginate: 40\n"...), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	files := buildMemory(t, options(dir))
	largest, name := 0, ""
	paged := 0
	for n, b := range files {
		if strings.HasSuffix(n, ".html") && len(b) > largest {
			largest, name = len(b), n
		}
		if strings.Contains(n, "/page/2/") {
			paged++
		}
	}
	if largest > 512<<10 {
		t.Errorf("largest page %s is %d bytes", name, largest)
	}
	if paged < 5 {
		t.Errorf("only %d listings have a second page", paged)
	}
	home := string(files["index.html"])
	if !strings.Contains(home, `href="/years/2014/"`) || strings.Count(home, `class="entry `) > 40 {
		t.Error("the home page of a large site must link to the years and list at most paginate entries")
	}
	t.Logf("%d files; largest page %s, %d bytes", len(files), name, largest)
}
