package rebuild

import (
	"html/template"
	"reflect"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Views keeps the views and cards of the last build, forgets those of
// the entries gone from it, and keeps again what did not change without
// making anything.
func TestViewsKeepTheLastBuildsViews(t *testing.T) {
	h := NewHasher()
	c := NewViews(h)
	entry := func(slug, title string) *timeline.Entry {
		e := &timeline.Entry{Slug: slug, Article: &content.Article{Slug: slug}}
		e.Title = title
		return e
	}
	made := func(entries ...*timeline.Entry) (*timeline.Timeline, pages.Made) {
		var m pages.Made
		for i, e := range entries {
			e.Index = i
			v := pages.Entry{Slug: e.Slug, Title: e.Title}.WithListingCard(pages.NewListingCard(template.HTML("<p>" + e.Title + "</p>")))
			m.Views = append(m.Views, &v)
			m.Versions = append(m.Versions, h.Sum(v))
			m.Images = append(m.Images, 0)
		}
		return &timeline.Timeline{All: entries}, m
	}
	// The view kept is the last build's own, shared, not a copy.
	var m pages.Made
	kept := func(e *timeline.Entry, title string) {
		t.Helper()
		v, version, ok := c.View(e, 0, 0)
		if !ok || v.Title != title || v != m.Views[e.Index] {
			t.Fatalf("view of %s: %+v %v, want the view of %q made", e.Slug, v, ok, title)
		}
		if card, ok := c.Card(e.Slug, version); !ok || card.HTML() != template.HTML("<p>"+title+"</p>") {
			t.Fatalf("card of %s: %q %v", e.Slug, card.HTML(), ok)
		}
	}
	a, b := entry("a", "Talks open"), entry("b", "Talks end")
	tl, m0 := made(a, b)
	m = m0
	c.Keep(tl, nil, m)
	kept(a, "Talks open")
	kept(b, "Talks end")

	if n := testing.AllocsPerRun(10, func() { c.Keep(tl, nil, m) }); n != 0 {
		t.Errorf("keeping the same views again made %v allocations", n)
	}
	kept(a, "Talks open")

	// An edit: a's title, and b gone from the site.
	a2 := entry("a", "Talks open in Geneva")
	a2.Article = a.Article
	tl, m = made(a2)
	c.Keep(tl, nil, m)
	kept(a2, "Talks open in Geneva")
	if _, _, ok := c.View(a, 0, 0); ok {
		t.Error("the view of a's old words is still given")
	}
	if _, _, ok := c.View(b, 0, 0); ok {
		t.Error("the view of an entry gone is still kept")
	}
	if _, ok := c.cards["b"]; ok {
		t.Error("the card of an entry gone is still kept")
	}
}

// A kept view is taken only for the same words: every field of them
// changes their sum.
func TestWordsSumCoversTheWords(t *testing.T) {
	if n, m := reflect.TypeFor[timeline.Words]().NumField(), reflect.TypeFor[timeline.Text]().NumField(); n != 3 || m != 4 {
		t.Fatalf("timeline.Words has %d fields and its Text %d: wordsSum must sum the new ones", n, m)
	}
	entry := func(change func(e *timeline.Entry)) *timeline.Entry {
		e := &timeline.Entry{Text: timeline.Text{Lang: "en", BodyLang: "en", Translator: "T"}}
		e.Title, e.Summary = "Talks", "They met."
		change(e)
		return e
	}
	same := wordsSum(entry(func(*timeline.Entry) {}))
	for name, change := range map[string]func(e *timeline.Entry){
		"title":      func(e *timeline.Entry) { e.Title = "Talks end" },
		"summary":    func(e *timeline.Entry) { e.Summary = "They left." },
		"lang":       func(e *timeline.Entry) { e.Text.Lang = "" },
		"body lang":  func(e *timeline.Entry) { e.Text.BodyLang = "" },
		"outdated":   func(e *timeline.Entry) { e.Text.Outdated = true },
		"translator": func(e *timeline.Entry) { e.Text.Translator = "" },
		"moved":      func(e *timeline.Entry) { e.Title, e.Summary = "TalksThey", " met." },
	} {
		if wordsSum(entry(change)) == same {
			t.Errorf("%s: the words sum as before", name)
		}
	}
	if wordsSum(entry(func(*timeline.Entry) {})) != same {
		t.Error("the same words sum differently")
	}
}
