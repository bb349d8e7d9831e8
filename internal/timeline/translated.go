package timeline

import "github.com/timelinegen/timelinegen/internal/content"

// Text is how an entry's words stand in a translated timeline.
type Text struct {
	// Lang is the language the entry's title and summary are in when it
	// is not the timeline's: the original's, for an entry not yet
	// translated. "" means translated.
	Lang string
	// BodyLang is the same for an article's body.
	BodyLang string
	// Outdated reports that the original changed since the translation.
	Outdated   bool
	Translator string
}

// Words are an entry's title and summary in another language, and how
// they stand.
type Words struct {
	Title, Summary string
	Text           Text
}

// Translated is t with each entry's words replaced by words(e): the same
// entries, in the same order, with the same indexes, related entries and
// terms, so that every language shows the same facts in the same order.
// articleTitle gives an article's title in the language (events show
// their article's).
func (t *Timeline) Translated(words func(e *Entry) Words, article func(a *content.Article) *content.Article) *Timeline {
	c := *t
	c.Entries = make([]*Entry, len(t.Entries))
	c.bySlug = make(map[string]*Entry, len(t.bySlug))
	all := make([]Entry, len(t.Entries)) // one allocation for the copies
	for i, e := range t.Entries {
		w := words(e)
		all[i] = *e
		n := &all[i]
		n.Title, n.Summary, n.Text = w.Title, w.Summary, w.Text
		n.Article = article(e.Article)
		c.Entries[i] = n
		c.bySlug[n.Slug] = n
	}
	remap := func(es []*Entry) []*Entry {
		out := make([]*Entry, len(es))
		for i, e := range es {
			out[i] = c.Entries[e.Index]
		}
		return out
	}
	c.related = make([][]*Entry, len(t.related))
	for i, r := range t.related {
		if r != nil {
			c.related[i] = remap(r)
		}
	}
	terms := func(ts []*Term) []*Term {
		out := make([]*Term, len(ts))
		for i, x := range ts {
			n := *x
			n.Entries = remap(x.Entries)
			out[i] = &n
		}
		return out
	}
	c.Actors, c.Places, c.Tags, c.Kinds = terms(t.Actors), terms(t.Places), terms(t.Tags), terms(t.Kinds)
	c.Years = make([]*Year, len(t.Years))
	for i, y := range t.Years {
		ny := &Year{Year: y.Year, Entries: remap(y.Entries)}
		for _, m := range y.Months {
			ny.Months = append(ny.Months, &Month{Month: m.Month, Entries: remap(m.Entries)})
		}
		c.Years[i] = ny
	}
	return &c
}
