// Package permalink makes every URL path and output file name of a site:
// pages, feeds, data files, the search index, the visual timeline's data,
// media and embeds. Nothing else spells a path, and nothing parses one
// back: what a reader needs of an entry's address (Ref) is made from the
// entry too.
package permalink

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/timeline"
)

// URLs makes the URL paths of a site in one language. Base is the site's
// base path ("/" or "/timeline/"); Lang is the language's prefix ("" or
// "uk/", see LanguagePrefix).
type URLs struct{ Base, Lang string }

// LanguagePrefix is where a language's pages live: the default language
// (index 0) at the root, the others under /<code>/.
func LanguagePrefix(code string, index int) string {
	if index == 0 {
		return ""
	}
	return code + "/"
}

// In is the same site's URLs in the language with prefix lang.
func (u *URLs) In(lang string) *URLs { return &URLs{Base: u.Base, Lang: lang} }

// Page is the URL of a page at rel, relative to the language's root.
func (u *URLs) Page(rel string) string { return u.Base + u.Lang + rel }

// Media is the URL of a published image (a MediaFile name). Images are
// shared by every language: one copy at the site's root, never under a
// language's prefix.
func (u *URLs) Media(name string) string { return u.Shared(name) }

// Shared is the URL of a file that every language shares, at the site's
// root (an image, the data files EventsCSV, EventsJSON, EventsGeoJSON).
func (u *URLs) Shared(name string) string { return u.Base + name }

// File is the output file of the page at rel.
func (u *URLs) File(rel string) string { return u.Lang + rel + "index.html" }

// Home is the language's home page.
func (u *URLs) Home() string { return u.Page("") }

// Entry is where an entry is read: its page, or its article's page at the
// event's anchor. It and Article make their URL in one piece: serve makes
// every entry's URL on every save.
func (u *URLs) Entry(e *timeline.Entry) string {
	if e.IsEvent() {
		return u.Base + u.Lang + Entries + e.Article.Slug + "/#" + e.Slug
	}
	return u.Article(e.Slug)
}

// Article is an article's page: Page(ArticlePath(slug)).
func (u *URLs) Article(slug string) string { return u.Base + u.Lang + Entries + slug + "/" }

// ArticleFile is an article's page's output file, File(rel), and rel,
// its ArticlePath, made in one piece.
func (u *URLs) ArticleFile(slug string) (file, rel string) {
	file = u.Lang + Entries + slug + "/index.html"
	return file, file[len(u.Lang) : len(file)-len("index.html")]
}

// NotFoundFile is the language's 404 page, relative to the output root.
func (u *URLs) NotFoundFile() string { return u.Lang + NotFound }

// Export is a feed, data file or folder of the language (one of the
// names below), relative to the output root: "uk/feed.xml".
func (u *URLs) Export(name string) string { return u.Lang + name }

// Entries is the folder of the articles' pages, relative to a language's
// root.
const Entries = "events/"

// ArticlePath is an article's page relative to a language's root.
func ArticlePath(slug string) string { return Entries + slug + "/" }

// Ref is where an entry is read relative to Entries, as the search index
// and the visual timeline's data give it: "slug" for an article's page,
// "article#id" for an event within it.
func Ref(e *timeline.Entry) string {
	if e.IsEvent() {
		return e.Article.Slug + "#" + e.Slug
	}
	return e.Slug
}

// YearPath, SectionPath and TermPath are listings relative to a
// language's root: /years/2025/, /actors/, /actors/ukraine/.
func YearPath(y int) string { return fmt.Sprintf("years/%04d/", y) }

func SectionPath(section string) string { return section + "/" }

func TermPath(section, slug string) string { return section + "/" + slug + "/" }

// PagedPath is page n (from 2) of the listing at rel.
func PagedPath(rel string, n int) string { return fmt.Sprintf("%spage/%d/", rel, n) }

// MonthID is the anchor of a month's entries on a listing ("2025-03"),
// or of the entries of a year whose month is unknown ("2025", month 0).
func MonthID(y, m int) string {
	if m == 0 {
		return fmt.Sprintf("%04d", y)
	}
	return fmt.Sprintf("%04d-%02d", y, m)
}

// MapPath, MapKindPath and MapYearPath are the map pages.
func MapPath() string { return "map/" }

func MapKindPath(kind string) string { return "map/kinds/" + kind + "/" }

func MapYearPath(y int) string { return fmt.Sprintf("map/years/%04d/", y) }

// PlaceMapFile is the small locator map of a place.
func PlaceMapFile(placeSlug string) string { return TermPath("places", placeSlug) + "map.svg" }

// SearchPath is the search page; CorrectionsPath the corrections log.
func SearchPath() string { return "search/" }

func CorrectionsPath() string { return "corrections/" }

// EmbedPath is the embeddable visual timeline of the page at rel.
func EmbedPath(rel string) string { return "embed/" + rel }

// OEmbedFile is the oEmbed description of the page at rel.
func OEmbedFile(rel string) string { return rel + "oembed.json" }

// ArticleOEmbed is the oEmbed file of an article's page, under the
// language's root: u.Export(OEmbedFile(ArticlePath(slug))) in one string,
// since a rebuild names every article's.
func (u *URLs) ArticleOEmbed(slug string) string { return u.Lang + Entries + slug + "/oembed.json" }

// Feeds, data files and folders of a language, relative to its root.
const (
	NotFound   = "404.html"
	Feed       = "feed.xml"
	JSONFeed   = "feed.json"
	TimelineJS = "data/timeline.json"
	// Search is the search index's folder: its manifest and shards.
	Search         = "search/"
	SearchManifest = Search + "manifest.json"
	// Visual is the folder of the visual timeline's data.
	Visual      = "data/visual/"
	VisualWords = Visual + "words.json"
)

// SearchShard is the n-th (from 0) shard of the search index, relative
// to Search, as its manifest names it.
func SearchShard(n int) string { return "index-" + strconv.Itoa(n) + ".json" }

// VisualScope is the scope of the visual timeline of the listing at rel:
// "" for the home page, "years/2025" for years/2025/.
func VisualScope(rel string) string { return strings.TrimSuffix(rel, "/") }

// VisualFile is the visual timeline's data of a scope ("" for the whole
// timeline, "years/2025", "actors/ukraine").
func VisualFile(scope string) string { return Visual + VisualName(scope) }

// VisualName is VisualFile relative to Visual, as the widget asks for it.
func VisualName(scope string) string {
	if scope == "" {
		return "all.json"
	}
	return scope + ".json"
}

// VisualTitles is the n-th file of entry titles, VisualSlugs the i-th
// file of slugs, of the visual timeline's data.
func VisualTitles(n int) string { return Visual + "t/" + strconv.Itoa(n) + ".json" }

func VisualSlugs(i int) string { return Visual + "s/" + strconv.Itoa(i) + ".json" }

// Files of the whole site, relative to the output root.
const (
	CorrectionsFeed = "corrections.xml"
	Robots          = "robots.txt"
	Sitemap         = "sitemap.xml"
	EventsJSON      = "data/events.json"
	EventsCSV       = "data/events.csv"
	EventsGeoJSON   = "data/events.geojson"
	// Media is the folder of published images.
	Media = "media/"
)

// SitemapPart is the i-th (from 1) sitemap of a sitemap index.
func SitemapPart(i int) string { return fmt.Sprintf("sitemaps/%d.xml", i) }

// MediaFile is an image's variant: its content hash, then its width
// or what it is ("blur", "share"), then its extension.
func MediaFile(hash, variant, ext string) string { return Media + hash + "-" + variant + "." + ext }

// Assets are the folders of the default theme's static files
// (static/css/, static/js/), published at the output root.
func Assets() []string { return []string{"css/", "js/"} }

// TopLevel lists the names at the output root that the site's pages,
// files and folders take, sorted: a language's folder (LanguagePrefix)
// may not take one of them, or its pages would overwrite the default
// language's.
func TopLevel() []string {
	paths := []string{
		(&URLs{}).File(""), Entries, YearPath(2000), MapPath(), SearchPath(), CorrectionsPath(), EmbedPath(""),
		PagedPath("", 2), OEmbedFile(""), SitemapPart(1), Media, NotFound, Feed, JSONFeed,
		TimelineJS, Search, Visual, CorrectionsFeed, Robots, Sitemap, EventsJSON, EventsCSV, EventsGeoJSON,
	}
	// The sections of taxonomy pages (TermPath), as internal/pages names
	// them; TestOutputsAreAtTopLevelNames checks every built file against
	// this list.
	for _, s := range []string{"kinds", "actors", "places", "tags", "status"} {
		paths = append(paths, SectionPath(s))
	}
	paths = append(paths, Assets()...)
	seen := map[string]bool{}
	var names []string
	for _, p := range paths {
		name, _, _ := strings.Cut(p, "/")
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// SearchWords is the n-th (from 0) file of the search index's words,
// relative to Search, as its manifest counts them.
func SearchWords(n int) string { return "words-" + strconv.Itoa(n) + ".json" }
