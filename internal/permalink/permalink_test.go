package permalink

import (
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// The URLs of SPEC's URL table, in the default language and another, on
// a site under a base path.
func TestURLs(t *testing.T) {
	a := &content.Article{Slug: "talks"}
	article := &timeline.Entry{Slug: "talks", Article: a}
	event := &timeline.Entry{Slug: "statement", Article: a, Event: &content.Event{ID: "statement"}}
	en := &URLs{Base: "/timeline/"}
	uk := en.In(LanguagePrefix("uk", 1))
	for _, tc := range []struct{ got, want string }{
		{en.Home(), "/timeline/"},
		{uk.Home(), "/timeline/uk/"},
		{en.Entry(article), "/timeline/events/talks/"},
		{en.Entry(event), "/timeline/events/talks/#statement"},
		{uk.Entry(event), "/timeline/uk/events/talks/#statement"},
		{Ref(article), "talks"},
		{Ref(event), "talks#statement"},
		{en.File(YearPath(2025)), "years/2025/index.html"},
		{uk.File(PagedPath(TermPath("actors", "ukraine"), 2)), "uk/actors/ukraine/page/2/index.html"},
		{en.Page(SectionPath("places")), "/timeline/places/"},
		{en.Page(MapKindPath("military")), "/timeline/map/kinds/military/"},
		{en.Page(MapYearPath(2024)), "/timeline/map/years/2024/"},
		{en.Page(SearchPath()), "/timeline/search/"},
		{en.Page(CorrectionsPath()), "/timeline/corrections/"},
		{uk.NotFoundFile(), "uk/404.html"},
		{uk.Export(Feed), "uk/feed.xml"},
		{uk.Export(Search + SearchShard(3)), "uk/search/index-3.json"},
		{VisualFile(VisualScope(YearPath(2025))), "data/visual/years/2025.json"},
		{VisualFile(VisualScope("")), "data/visual/all.json"},
		{PlaceMapFile("kyiv"), "places/kyiv/map.svg"},
		{OEmbedFile(EmbedPath(YearPath(2025))), "embed/years/2025/oembed.json"},
		{uk.ArticleOEmbed("talks"), uk.Export(OEmbedFile(ArticlePath("talks")))},
		{uk.Article("talks"), uk.Page(ArticlePath("talks"))},
		{first(uk.ArticleFile("talks")), uk.File(ArticlePath("talks"))},
		{second(uk.ArticleFile("talks")), ArticlePath("talks")},
		{second(en.ArticleFile("talks")), ArticlePath("talks")},
		{uk.ArticleOEmbed("talks"), "uk/events/talks/oembed.json"},
		{MonthID(2025, 3), "2025-03"},
		{MonthID(2025, 0), "2025"},
		{SitemapPart(2), "sitemaps/2.xml"},
		{MediaFile("abc", "960", "jpg"), "media/abc-960.jpg"},
		// One copy of each image serves every language.
		{uk.Media(MediaFile("abc", "960", "jpg")), "/timeline/media/abc-960.jpg"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func first(a, _ string) string  { return a }
func second(_, b string) string { return b }
