package build

import (
	"strings"
	"sync"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// volatile is the key of an output made afresh on every build.
const volatile = 0

// exportSpec is a non-HTML output: a feed, the sitemap, a data file; or,
// when group is set, a folder of files whose names are known only once
// made (the search index's shards), under the prefix name.
type exportSpec struct {
	name  string
	key   uint64 // sums up what it is made from
	make  func() []byte
	group func() map[string][]byte
}

// exports lists the feeds, sitemap and data files of s, for the pages in
// specs.
func (s *Site) exports(specs []pages.Spec, sums *rebuild.Hasher) []exportSpec {
	p := s.Planner
	site := &export.Site{
		Config:   &s.Config,
		Timeline: s.Timeline,
		EntryURL: func(e *timeline.Entry) string { return p.Absolute(p.EntryURL(e)) },
		Summary:  p.Summary,
	}
	// The sitemap's list of page URLs is made only when the sitemap is:
	// a rebuild that changes no page's existence needs neither.
	var files []string
	for _, sp := range specs {
		if sp.File != "404.html" {
			files = append(files, sp.File)
		}
	}
	var once sync.Once
	withPages := func(make func() []byte) func() []byte {
		return func() []byte {
			once.Do(func() {
				for _, f := range files {
					site.Pages = append(site.Pages, p.Absolute(p.URL(strings.TrimSuffix(f, "index.html"))))
				}
			})
			return make()
		}
	}
	// The feeds and data files show entries through the timeline model,
	// whose values point at one another: they are always made afresh
	// (lazily, in serve), so none can be stale. For the data files, which
	// show every entry, nearly any edit changes them anyway.
	const feedKey, dataKey = volatile, volatile
	pagesKey := sums.Sums(files, s.Config.BaseURL)
	outputs := []exportSpec{
		{name: "feed.xml", key: feedKey, make: func() []byte { return export.Atom(site) }},
		{name: "feed.json", key: feedKey, make: func() []byte { return export.JSONFeed(site) }},
		{name: "corrections.xml", key: feedKey, make: func() []byte { return export.CorrectionsAtom(site) }},
		{name: "robots.txt", key: pagesKey, make: func() []byte { return export.Robots(site) }},
		{name: "data/events.json", key: dataKey, make: func() []byte { return export.EventsJSON(site) }},
		{name: "data/events.csv", key: dataKey, make: func() []byte { return export.EventsCSV(site) }},
		{name: "data/events.geojson", key: dataKey, make: func() []byte { return export.GeoJSON(site) }},
		{name: "data/timeline.json", key: dataKey, make: func() []byte { return export.TimelineJS(site) }},
	}
	outputs = append(outputs, exportSpec{name: "search/", key: dataKey, group: func() map[string][]byte { return export.SearchIndex(site) }})
	for _, t := range s.Timeline.Places {
		if t.Place == nil || !t.Place.HasCoords {
			continue
		}
		decimals := s.Planner.LocatorDecimals()
		// What LocatorSVG reads.
		key := sums.Sums(t.Name, t.Place, decimals)
		outputs = append(outputs, exportSpec{name: pages.PlaceMapFile(t.Slug), key: key, make: func() []byte { return pages.LocatorSVG(t, decimals) }})
	}
	// A sitemap lists absolute URLs only: a site without an address has none.
	if !s.Config.IsAbsolute() {
		return outputs
	}
	outputs = append(outputs, exportSpec{name: "sitemap.xml", key: pagesKey, make: withPages(func() []byte { return export.Sitemap(site) })})
	for i := 1; i <= export.SitemapPartsFor(len(files)); i++ {
		outputs = append(outputs, exportSpec{name: export.SitemapPartName(i), key: pagesKey, make: withPages(func() []byte { return export.SitemapPart(site, i) })})
	}
	return outputs
}
