package build

import (
	"sync"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/desk"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// volatile is the key of an output made afresh on every build.
const volatile = 0

// exportSite is what the outputs of one language are made from: its
// timeline and words, and its home as the base URL.
func (s *Site) exportSite(l *Language) *export.Input {
	p := l.Planner
	cfg := s.Config
	cfg.BaseURL = p.Absolute(p.URLs().Home())
	cfg.Language = l.Code
	if loc := p.Locale(); loc.Title != "" {
		cfg.Title = loc.Title
	}
	if loc := p.Locale(); loc.Description != "" {
		cfg.Description = loc.Description
	}
	return &export.Input{
		Config:   &cfg,
		Timeline: l.Timeline,
		EntryURL: func(e *timeline.Entry) string { return p.Absolute(p.EntryURL(e)) },
		Summary:  p.Summary,
		Media:    exportMedia(p),
		Image:    exportImage(p),
		Locale:   p.Locale(),
	}
}

// exports appends to made, the site's pages, the feeds, sitemap and data
// files of s: feeds, search index, the visual timeline's data,
// timeline.json, oEmbed files and place maps in every language; the
// sitemap, robots.txt, the other data files and the media once.
func (s *Site) exports(made []product, oembeds [][]product, images, cards []product) []product {
	sums := s.sums
	def := s.Languages[0]
	site := s.exportSite(def)
	site.Config = &s.Config
	if len(s.Languages) > 1 {
		site.Translations = s.translations
	}
	// The sitemap's list of page URLs is made only when the sitemap is:
	// a rebuild that changes no page's existence needs neither. Every page
	// exists in every language, at the same path under the language's
	// root: the default language's pages give the paths. Embed pages
	// repeat their listings, for iframes: not for search engines.
	files, rels := make([]string, 0, len(made)), make([]string, 0, len(made)/len(s.Languages))
	for _, o := range made {
		if o.kind != pageFile {
			continue
		}
		files = append(files, o.name)
		if o.in == def && !o.page.Hidden {
			rels = append(rels, o.page.Rel)
		}
	}
	var once sync.Once
	withPages := func(make func() []byte) func() []byte {
		return func() []byte {
			once.Do(func() {
				if len(s.Languages) > 1 {
					site.Alternates = map[string][]export.Alternate{}
				}
				for _, rel := range rels {
					var alts []export.Alternate
					for _, l := range s.Languages {
						u := l.Planner.Absolute(l.Planner.URL(rel))
						site.Pages = append(site.Pages, u)
						alts = append(alts, export.Alternate{Lang: l.Code, URL: u})
					}
					if site.Alternates != nil {
						alts = append(alts, export.Alternate{Lang: "x-default", URL: alts[0].URL})
						for _, a := range alts[:len(s.Languages)] {
							site.Alternates[a.URL] = alts
						}
					}
				}
			})
			return make()
		}
	}
	// The feeds and data files show entries through the timeline model,
	// whose values point at one another: serve makes them afresh (lazily),
	// so none can be stale. A build that links what is unchanged keys
	// them by everything they are made from (s.inputs), which nearly any
	// edit changes, since they show every entry.
	fromInputs := func(name string) uint64 {
		if s.inputs == 0 {
			return volatile
		}
		return sums.Sums(name, s.inputs)
	}
	pagesKey := sums.Sums(files, s.Config.BaseURL)
	outputs := made // list made room for them all (exportsRoom)
	for i, l := range s.Languages {
		ls := site
		if l != def {
			ls = s.exportSite(l)
		}
		u := l.Planner.URLs()
		outputs = append(outputs,
			product{name: u.Export(permalink.Feed), kind: dataFile, in: l, key: fromInputs(u.Export(permalink.Feed)), make: func() []byte { return export.Atom(ls) }},
			product{name: u.Export(permalink.JSONFeed), kind: dataFile, in: l, key: fromInputs(u.Export(permalink.JSONFeed)), make: func() []byte { return export.JSONFeed(ls) }},
			product{name: u.Export(permalink.TimelineJS), kind: dataFile, in: l, key: fromInputs(u.Export(permalink.TimelineJS)), write: export.TimelineJS(ls)},
			product{name: u.Export(permalink.Search), kind: dataFile, in: l, key: fromInputs(u.Export(permalink.Search)), group: func() map[string][]byte { return inLanguage(u, export.SearchIndex(ls)) }},
			// The visual timeline's data: its titles and kinds in the
			// language's words.
			product{name: u.Export(permalink.Visual), kind: dataFile, in: l, key: fromInputs(u.Export(permalink.Visual)), group: func() map[string][]byte { return inLanguage(u, export.Visual(ls)) }},
		)
		outputs = append(outputs, oembeds[i]...)
	}
	outputs = append(outputs,
		product{name: permalink.CorrectionsFeed, kind: dataFile, key: fromInputs(permalink.CorrectionsFeed), make: func() []byte { return export.CorrectionsAtom(site) }},
		product{name: permalink.Robots, kind: dataFile, key: pagesKey, make: func() []byte { return export.Robots(site) }},
		product{name: permalink.EventsJSON, kind: dataFile, key: fromInputs(permalink.EventsJSON), write: export.EventsJSON(site)},
		product{name: permalink.EventsCSV, kind: dataFile, key: fromInputs(permalink.EventsCSV), write: export.EventsCSV(site)},
		product{name: permalink.EventsGeoJSON, kind: dataFile, key: fromInputs(permalink.EventsGeoJSON), write: export.GeoJSON(site)},
	)
	// A place's locator map in each language: the words are the
	// language's, the basemap is drawn once (charts.Basemaps).
	for _, l := range s.Languages {
		for _, t := range l.Timeline.Places {
			if t.Place == nil || !t.Place.HasCoords {
				continue
			}
			opts := l.Planner.LocatorMap(t)
			outputs = append(outputs, product{name: l.Planner.URLs().Export(permalink.PlaceMapFile(t.Slug)), kind: dataFile, in: l, key: sums.Sum(opts),
				make: func() []byte { return l.Planner.LocatorSVG(opts) }})
		}
	}
	// The cards after the images, in the places they keep from save to
	// save (cardFiles.after).
	outputs = append(append(outputs, images...), cards...)
	if s.Config.Desk.Backend != "" {
		// The editors' desk for the git host timeline.yaml names: made
		// from the configuration, the years and the CMS's release only.
		paths := make([]string, len(s.Articles))
		for i, a := range s.Articles {
			paths[i] = a.Path
		}
		outputs = append(outputs, product{name: desk.PublishedDir, kind: dataFile, key: sums.Sums(s.Config, desk.Years(paths), desk.Version()), group: func() map[string][]byte {
			files, _ := desk.PublishedFiles(s.Config, paths)
			return files
		}})
	}
	// A sitemap lists absolute URLs only: a site without an address has none.
	if !s.Config.IsAbsolute() {
		return outputs
	}
	outputs = append(outputs, product{name: permalink.Sitemap, kind: dataFile, key: pagesKey, make: withPages(func() []byte { return export.Sitemap(site) })})
	for i := 1; i <= export.SitemapPartsFor(len(rels)*len(s.Languages)); i++ {
		outputs = append(outputs, product{name: permalink.SitemapPart(i), kind: dataFile, key: pagesKey, make: withPages(func() []byte { return export.SitemapPart(site, i) })})
	}
	return outputs
}

// exportsRoom is about how many products exports appends: a save's
// rebuild lists them all again, and at 100,000 articles growing the list
// for them copied 36 MB.
func (s *Site) exportsRoom(oembeds [][]product, media int) int {
	n := 16 + media
	for i, l := range s.Languages {
		n += 5 + len(oembeds[i]) + len(l.Timeline.Places)
	}
	return n
}

// oembedFiles lists the oEmbed files of l's pages, keyed.
func (s *Site) oembedFiles(l *Language) []product {
	files := l.Planner.OEmbedFiles()
	out := s.spare.take(len(files))[:len(files)]
	var last, next *oembedKeys
	if l.memo != nil {
		n := len(files)
		last, next = l.memo.oembeds, &oembedKeys{entries: make([]*timeline.Entry, 0, n), names: make([]string, 0, n), keys: make([]uint64, 0, n), versions: l.versions}
	}
	for i, f := range files {
		var key uint64
		if k, ok := next.add(s.sums, f); !ok || !last.same(k, next, f) {
			key = s.sums.Key(f.Name, f.Inputs, l.versions)
		} else {
			key = last.keys[k]
		}
		next.keep(f, key)
		oembed := f.OEmbed
		out[i] = product{name: f.Name, kind: dataFile, in: l, key: key, make: func() []byte { return oembed().JSON() }}
	}
	if l.memo != nil {
		l.memo.oembeds = next
	}
	return out
}

// oembedKeys are the keys of the oEmbed files of articles' entries that a
// build listed, by their place among them: the file of the same entry,
// at the same place, with the same name, version and frame has the same
// key. A save lists 10,000 of them at 10,000 articles, and most are
// the same: summed afresh, they were 2-3 ms of its list.
type oembedKeys struct {
	entries  []*timeline.Entry
	names    []string
	keys     []uint64
	versions []uint64 // the language's, by Entry.Index
	frame    uint64   // the sum of the files' values: their frame
}

// add gives the place among the articles' files of f, whose frame it
// sums when it is the first; false when f is no article's, or k keeps
// nothing.
func (k *oembedKeys) add(sums *rebuild.Hasher, f pages.OEmbedFile) (int, bool) {
	if k == nil || f.Entry == nil {
		return 0, false
	}
	if len(k.entries) == 0 {
		k.frame = sums.Sum(f.Inputs.Values)
	}
	return len(k.entries), true
}

// same says whether the article's file f, at place i, is the one the
// last build listed there, with the same key.
func (k *oembedKeys) same(i int, next *oembedKeys, f pages.OEmbedFile) bool {
	return k != nil && i < len(k.entries) && k.entries[i] == f.Entry && k.names[i] == f.Name && k.frame == next.frame &&
		k.versions[f.Entry.Index] == next.versions[f.Entry.Index]
}

// keep keeps the key of the article's file f.
func (k *oembedKeys) keep(f pages.OEmbedFile, key uint64) {
	if k == nil || f.Entry == nil {
		return
	}
	k.entries, k.names, k.keys = append(k.entries, f.Entry), append(k.names, f.Name), append(k.keys, key)
}

// inLanguage puts a folder of files made for a language under its root.
func inLanguage(u *permalink.URLs, files map[string][]byte) map[string][]byte {
	if u.Lang == "" {
		return files
	}
	out := make(map[string][]byte, len(files))
	for name, data := range files {
		out[u.Export(name)] = data
	}
	return out
}

// translations are an entry in the site's other languages, for
// events.json.
func (s *Site) translations(e *timeline.Entry) map[string]export.Translation {
	out := make(map[string]export.Translation, len(s.Languages)-1)
	for _, l := range s.Languages[1:] {
		te := l.Timeline.All[e.Index]
		out[l.Code] = export.Translation{
			Title:      te.Title,
			Summary:    l.Planner.Summary(te),
			URL:        l.Planner.Absolute(l.Planner.EntryURL(te)),
			Translated: te.Text.Lang == "",
		}
	}
	return out
}
