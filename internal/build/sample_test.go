package build_test

import (
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
)

// The sample timeline shows what a finished one looks like: every entry
// with a place has its coordinates (so it is on the map), and every source
// says who published it or what it is called.
func TestSampleTimelineIsComplete(t *testing.T) {
	t.Parallel()
	site, ds := build.Compile(options(goldenSites["sample"]))
	if site == nil || len(ds) > 0 {
		t.Fatalf("the sample has diagnostics:\n%v", ds)
	}
	located := 0
	for _, e := range site.Timeline.Entries {
		if l := e.Location; l != nil && l.Name != "" {
			located++
			if !l.HasCoords {
				t.Errorf("%s: %s has no coordinates", e.Slug, l.Name)
			}
		}
	}
	if located < 9 {
		t.Errorf("%d of %d entries have a place, want at least 9", located, len(site.Timeline.Entries))
	}
	for _, a := range site.Articles {
		for _, s := range a.Sources {
			if s.Title == "" || s.Date == nil {
				if s.Publisher == "" {
					t.Errorf("%s: source %+v has neither a title and date nor a publisher", a.Path, s)
				}
			}
		}
	}
}
