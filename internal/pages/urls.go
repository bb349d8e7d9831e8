package pages

import (
	"fmt"

	"github.com/timelinegen/timelinegen/internal/timeline"
)

// URLs makes every URL path of a site in one language: nothing else
// spells a path. Base is the site's base path ("/" or "/timeline/");
// Lang is the language's prefix ("" or "uk/").
type URLs struct{ Base, Lang string }

// In is the same site's URLs in the language with prefix lang.
func (u *URLs) In(lang string) *URLs { return &URLs{Base: u.Base, Lang: lang} }

// Page is the URL of a page at rel, relative to the language's root.
func (u *URLs) Page(rel string) string { return u.Base + u.Lang + rel }

// File is the output file of the page at rel.
func (u *URLs) File(rel string) string { return u.Lang + rel + "index.html" }

// Home is the language's home page.
func (u *URLs) Home() string { return u.Page("") }

// Entry is where an entry is read: its page, or its article's page at the
// event's anchor.
func (u *URLs) Entry(e *timeline.Entry) string {
	if e.IsEvent() {
		return u.Article(e.Article.Slug) + "#" + e.Slug
	}
	return u.Article(e.Slug)
}

// Article is an article's page.
func (u *URLs) Article(slug string) string { return u.Page(ArticlePath(slug)) }

// ArticlePath is an article's page relative to a language's root.
func ArticlePath(slug string) string { return "events/" + slug + "/" }

// YearPath, SectionPath and TermPath are listings relative to a
// language's root: /years/2025/, /actors/, /actors/ukraine/.
func YearPath(y int) string { return fmt.Sprintf("years/%04d/", y) }

func SectionPath(section string) string { return section + "/" }

func TermPath(section, slug string) string { return section + "/" + slug + "/" }

// PagedPath is page n (from 2) of the listing at rel.
func PagedPath(rel string, n int) string { return fmt.Sprintf("%spage/%d/", rel, n) }

// MapPath, MapKindPath and MapYearPath are the map pages.
func MapPath() string { return "map/" }

func MapKindPath(kind string) string { return "map/kinds/" + kind + "/" }

func MapYearPath(y int) string { return fmt.Sprintf("map/years/%04d/", y) }

// SearchPath is the search page.
func SearchPath() string { return "search/" }

// NotFoundFile is the language's 404 page, relative to the output root.
func (u *URLs) NotFoundFile() string { return u.Lang + "404.html" }

// Export is a feed, data file or the search index folder of the language,
// relative to the output root: "uk/feed.xml".
func (u *URLs) Export(name string) string { return u.Lang + name }
