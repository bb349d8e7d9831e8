package rebuild

import (
	"html/template"
	"reflect"
	"slices"
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

// After a save, Views changes only what the save changed: the view of
// an entry at its place is given as kept, and those of entries edited,
// moved or made from another body are given as Keep last saw them.
func TestViewsKeepWhatASaveChanged(t *testing.T) {
	h := NewHasher()
	c := NewViews(h)
	var entries []*timeline.Entry
	var m pages.Made
	bodies := map[string]pages.Body{}
	for i := range 20 {
		slug := string(rune('a' + i))
		e := &timeline.Entry{Slug: slug, Article: &content.Article{Slug: slug}, Index: i}
		e.Title = "Title " + slug
		entries = append(entries, e)
		bodies[slug] = pages.Body{Sum: uint64(i)}
	}
	make := func() pages.Made {
		var m pages.Made
		for _, e := range entries {
			v := pages.Entry{Slug: e.Slug, Title: e.Title}.WithListingCard(pages.NewListingCard(template.HTML(e.Title)))
			m.Views = append(m.Views, &v)
			m.Versions = append(m.Versions, h.Sum(v))
			m.Images = append(m.Images, 0)
		}
		return m
	}
	m = make()
	c.Keep(&timeline.Timeline{All: slices.Clone(entries)}, bodies, m)
	// A save: c edited, d and e swapped places (copies), f's body
	// rendered again. A model's entries are never changed in place.
	last := slices.Clone(entries)
	edited := *entries[2]
	edited.Article, edited.Title = &content.Article{Slug: "c"}, "Title c edited"
	d, e := *entries[4], *entries[3]
	d.Index, e.Index = 3, 4
	entries[2], entries[3], entries[4] = &edited, &d, &e
	bodies["f"] = pages.Body{Sum: 100}
	next := make()
	for i, e := range entries {
		v, version, ok := c.View(e, bodies[e.Slug].Sum, 0)
		switch {
		case i == 2 || i == 5:
			if ok {
				t.Errorf("%s: the view before the save is given", e.Slug)
			}
			continue
		case !ok || v.Title != e.Title:
			t.Fatalf("%s: no view kept", e.Slug)
		case i == 3 || i == 4:
			if v != m.Views[e.Index^7] { // 3 was at 4, 4 at 3
				t.Errorf("%s: not its view before the save", e.Slug)
			}
		case v != m.Views[i]:
			t.Errorf("%s: not its view kept", e.Slug)
		}
		next.Views[i], next.Versions[i] = v, version
	}
	c.Keep(&timeline.Timeline{All: slices.Clone(entries)}, bodies, next)
	for i, e := range entries {
		if v, _, ok := c.View(e, bodies[e.Slug].Sum, 0); !ok || v != next.Views[i] {
			t.Errorf("%s: not the view kept last", e.Slug)
		}
		if card, ok := c.Card(e.Slug, next.Versions[i]); !ok || card.HTML() != template.HTML(e.Title) {
			t.Errorf("%s: card %q", e.Slug, card.HTML())
		}
	}
	if _, _, ok := c.View(last[2], 2, 0); ok {
		t.Error("the view of c before its edit is still kept")
	}
	if len(c.views) != len(entries) || len(c.cards) != len(entries) {
		t.Errorf("%d views and %d cards kept for %d entries", len(c.views), len(c.cards), len(entries))
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
