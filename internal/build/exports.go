package build

import (
	"strings"

	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// exportSpec is a non-HTML output: a feed, the sitemap, a data file.
type exportSpec struct {
	name string
	key  uint64 // sums up what it is made from
	make func() []byte
}

// exports lists the feeds, sitemap and data files of s, for the pages in
// specs.
func (s *Site) exports(specs []pages.Spec) []exportSpec {
	p := s.Planner
	var urls []string
	for _, sp := range specs {
		if sp.File != "404.html" {
			urls = append(urls, p.Absolute(p.URL(strings.TrimSuffix(sp.File, "index.html"))))
		}
	}
	site := &export.Site{
		Config:   &s.Config,
		Timeline: s.Timeline,
		EntryURL: func(e *timeline.Entry) string { return p.Absolute(p.EntryURL(e)) },
		Summary:  p.Summary,
		Pages:    urls,
	}
	feedKey := p.EntriesKey(site.Newest())
	dataKey := p.EntriesKey(s.Timeline.Entries)
	pagesKey := pages.StringsKey(urls)
	outputs := []exportSpec{
		{"feed.xml", feedKey, func() []byte { return export.Atom(site) }},
		{"feed.json", feedKey, func() []byte { return export.JSONFeed(site) }},
		{"sitemap.xml", pagesKey, func() []byte { return export.Sitemap(site) }},
		{"robots.txt", pagesKey, func() []byte { return export.Robots(site) }},
		{"data/events.json", dataKey, func() []byte { return export.EventsJSON(site) }},
		{"data/events.csv", dataKey, func() []byte { return export.EventsCSV(site) }},
		{"data/events.geojson", dataKey, func() []byte { return export.GeoJSON(site) }},
		{"data/timeline.json", dataKey, func() []byte { return export.TimelineJS(site) }},
	}
	for i := 1; i <= export.SitemapParts(site); i++ {
		outputs = append(outputs, exportSpec{export.SitemapPartName(i), pagesKey, func() []byte { return export.SitemapPart(site, i) }})
	}
	return outputs
}
