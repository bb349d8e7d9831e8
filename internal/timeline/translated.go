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
	c.All = make([]*Entry, len(t.All))
	c.bySlug = make(map[string]*Entry, len(t.bySlug))
	copies := make([]Entry, len(t.All)) // one allocation for the copies
	for i, e := range t.All {
		w := words(e)
		copies[i] = *e
		n := &copies[i]
		n.Title, n.Summary, n.Text = w.Title, w.Summary, w.Text
		n.Article = article(e.Article)
		c.All[i] = n
		c.bySlug[n.Slug] = n
	}
	// All is Entries then Withdrawn, and an entry's Index its place in All.
	c.Entries, c.Withdrawn = c.All[:len(t.Entries):len(t.Entries)], c.All[len(t.Entries):]
	remap := func(es []*Entry) []*Entry {
		out := make([]*Entry, len(es))
		for i, e := range es {
			out[i] = c.All[e.Index]
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
	c.Actors, c.Places, c.Tags, c.Kinds, c.Statuses = terms(t.Actors), terms(t.Places), terms(t.Tags), terms(t.Kinds), terms(t.Statuses)
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
