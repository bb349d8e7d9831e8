package build

import (
	"hash/fnv"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/pages"
)

// productKind is what an output is.
type productKind uint8

const (
	pageFile   productKind = iota // an HTML page, rendered by the theme
	dataFile                      // a feed, the sitemap, a data file, the search index, a map, an oEmbed file
	mediaFile                     // an image's width, a blurred stand-in, a share card
	staticFile                    // a file of the theme's or the site's static/
	markerFile                    // output.Marker, which says a build made the folder
)

// product is one file a build produces, or a folder of files whose names
// are known only once made (its name then ends in "/"). Site.list
// lists them all; everything that asks what a build produces reads that
// list: the render loop, the clash check, the sitemap, the count, serve.
type product struct {
	name string
	kind productKind
	id   int32     // its place in the site's list
	in   *Language // the language it is in; nil for files of every language
	// How its bytes are made: a page's by the theme from page.Data;
	// another's by make, or a folder's by group.
	page  *pages.Spec
	make  func() []byte
	group func() map[string][]byte
	// write, for a data file as large as the site (events.json is 230 MB
	// at 100,000 entries), writes it as it is made instead of make.
	write export.File
	// disk, for a file the media cache holds, gives its file on disk to
	// link into a build's folder instead of reading and writing its
	// bytes ("" when it has none there).
	disk func() (string, error)
	// How its rebuild key is derived: a page's by pageKey, from page and
	// the versions of its language's entries, which page.Inputs names;
	// another's is key, the sum of what it is made from (volatile: made
	// afresh every build).
	key uint64
}

func (o *product) folder() bool { return o.group != nil }

// bytes is a file's bytes, made whole.
func (o *product) bytes() []byte {
	if o.write != nil {
		return o.write.Bytes()
	}
	return o.make()
}

// pageKey derives a page's rebuild key: the sum of the very value its
// template gets, so that whatever reaches the page is in its key; or, for
// a page costly to make, the sum of its inputs (tested to change whenever
// that sum does, TestShortcutKeysFollowPageData). It gives the page's
// data when it made it.
func (o *product) pageKey(sums *rebuild.Hasher) (uint64, *pages.Page) {
	if o.page.Inputs != nil {
		return sums.Key(o.name, o.page.Inputs(), o.in.versions), nil
	}
	pg := o.page.Data()
	return sums.Sum(pg), pg
}

// list lists every file s produces, in every language: pages, data
// files, media, static files and the marker. It warns of the static files
// it leaves out because the site makes a file of that name, and of names
// that differ only in case.
func (s *Site) list() ([]product, diag.List) {
	// Each language's pages, its oEmbed files (one an article) and the
	// media (a share card an article) are listed side by side: a save's
	// rebuild lists them all again.
	langs := len(s.Languages)
	specs := make([][]pages.Spec, langs)
	oembeds := make([][]product, langs)
	var images, cards []product
	parallel(2*langs+1, func(i int) {
		switch l := i / 2; {
		case i == 2*langs:
			images, cards = s.media.outputs(), s.media.cardFiles()
		case i%2 == 0:
			specs[l] = s.Languages[l].Planner.Pages()
		default:
			oembeds[l] = s.oembedFiles(s.Languages[l])
		}
	})
	n := s.exportsRoom(oembeds, len(images)+len(cards)) + 1 + len(s.static) // and the marker
	for i := range specs {
		n += len(specs[i])
	}
	n += n/export.MaxSitemapURLs + 1 // the sitemap's parts
	products := s.spare.take(n)
	for i, l := range s.Languages {
		for j, sp := range specs[i] {
			products = append(products, product{name: sp.File, kind: pageFile, in: l, page: &specs[i][j]})
		}
	}
	products = s.exports(products, oembeds, images, cards)
	if s.spare != nil {
		// Copied into products: the next build lists its oEmbed files
		// in them, once this one's pages are rendered.
		s.listed = oembeds
	}
	products = append(products, product{name: output.Marker, kind: markerFile, key: fnvKey(output.MarkerText),
		make: func() []byte { return []byte(output.MarkerText) }})
	products, ds := withStatic(products, s.static)
	for i := range products {
		products[i].id = int32(i)
	}
	return products, ds
}

// withStatic adds the static files to products, but those the site makes
// itself, which it warns of; it warns too of output names that differ only
// in case, of which hosts that ignore case (macOS, Windows, many upload
// tools) keep one.
func withStatic(products []product, static map[string][]byte) ([]product, diag.List) {
	var ds diag.List
	// Only the static files' names are looked up: the site's own are
	// many (33,000 at 10,000 articles), and serve lists them on every
	// rebuild.
	names := slices.Sorted(maps.Keys(static))
	folds := make(map[string]bool, len(names))
	for _, name := range names {
		folds[strings.ToLower(name)] = true
	}
	// A file outside the static files' top folders clashes with none:
	// most are looked up no further, and most of those not even cut,
	// their first byte none that a top folder's may fold to. A rune
	// from 0x80 may fold to an ASCII letter (the Kelvin sign to k): a
	// name that starts with one is cut, and a top folder that starts
	// with one may be any name's.
	tops := make([]string, len(names))
	var starts [256]bool
	anyStart := false
	for i, name := range names {
		tops[i], _, _ = strings.Cut(name, "/")
		if tops[i] == "" || tops[i][0] >= 0x80 {
			anyStart = true
			continue
		}
		c := rune(tops[i][0])
		starts[c], starts[unicode.ToLower(c)], starts[unicode.ToUpper(c)] = true, true, true
	}
	for b := range starts {
		starts[b] = starts[b] || b >= 0x80 || anyStart
	}
	made := map[string]bool{}
	byFold := map[string]string{}
	var folders []string
	for _, o := range products {
		if o.folder() {
			folders = append(folders, o.name)
		}
		if o.name == "" || !starts[o.name[0]] {
			continue
		}
		if top, _, _ := strings.Cut(o.name, "/"); !slices.ContainsFunc(tops, func(t string) bool { return strings.EqualFold(t, top) }) {
			continue
		}
		if _, ok := static[o.name]; ok {
			made[o.name] = true
		}
		if fold := strings.ToLower(o.name); folds[fold] {
			byFold[fold] = o.name
		}
	}
	for _, name := range names {
		if made[name] {
			ds.Warnf("static/"+name, 0, 0, "not published: the site makes %s itself; rename or remove the static file", name)
			continue
		}
		if i := slices.IndexFunc(folders, func(f string) bool { return strings.HasPrefix(name, f) }); i >= 0 {
			ds.Warnf("static/"+name, 0, 0, "not published: the site makes the folder %s itself; move the static file out of it", folders[i])
			continue
		}
		fold := strings.ToLower(name)
		if other, ok := byFold[fold]; ok {
			ds.Warnf("static/"+name, 0, 0, "differs from %s only in case: a host that ignores case keeps only one of them; rename one", other)
		} else {
			byFold[fold] = name
		}
		data := static[name]
		h := fnv.New64a()
		h.Write(data)
		products = append(products, product{name: name, kind: staticFile, key: h.Sum64() | 1, make: func() []byte { return data }})
	}
	return products, ds
}

// withClashes adds the clashes to ds, which finish has made strict
// already where --strict asks; with it they fail the build.
func withClashes(strict bool, site *Site, ds, clashes diag.List) (*Site, diag.List) {
	if ds = finish(strict, append(ds, clashes...)); ds.HasErrors() {
		return nil, ds
	}
	return site, ds
}
