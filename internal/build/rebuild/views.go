package rebuild

import (
	"errors"
	"html/template"
	"reflect"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Views keeps one language's entry views and listing cards between
// builds, and the versions that sum them up. A view depends only on its
// entry's article (a new parse is a new pointer), the entry's words (in a
// translated timeline they change without the article), the article's
// body, the entry's processed images, the configuration and the
// language's interface words: a Views is made afresh when the
// configuration or i18n/ changes, and drops its cards when templates/
// does.
type Views struct {
	views map[viewKey]cachedView
	cards map[string]card // by slug
}

type viewKey struct {
	article *content.Article
	event   string
}

type cachedView struct {
	view    pages.Entry
	version uint64
	body    template.HTML
	media   uint64
	words   timeline.Words
}

type card struct {
	version uint64
	html    template.HTML
}

func keyOf(e *timeline.Entry) viewKey {
	k := viewKey{article: e.Article}
	if e.IsEvent() {
		k.event = e.Slug
	}
	return k
}

func wordsOf(e *timeline.Entry) timeline.Words {
	return timeline.Words{Title: e.Title, Summary: e.Summary, Text: e.Text}
}

// Made is one language's views of a build, by Entry.Index, and their
// versions: each view's sum and, for an article's entry, what only its
// page shows, its body and sources.
type Made struct {
	Views    []pages.Entry
	Versions []uint64
}

// Make makes the views of p's timeline with their cards, taking over
// those of the last build that are unchanged. media sums up the
// processed images an entry's view is made from. card renders a view's
// listing card; nil renders none. run calls its argument for 0..n-1, in
// parallel where it likes. A nil Views, of a build no rebuild follows,
// reuses and sums nothing.
//
// keep, run once the build no longer needs the CPU, keeps what the next
// Make reuses.
func (c *Views) Make(p *pages.Planner, tl *timeline.Timeline, bodies map[string]pages.Body, media func(*timeline.Entry) uint64, render func(pages.Entry) (template.HTML, error), h *Hasher, run func(n int, f func(i int))) (m Made, keep func(), err error) {
	m = Made{Views: make([]pages.Entry, len(tl.All)), Versions: make([]uint64, len(tl.All))}
	errs := make([]error, len(tl.All))
	medias := make([]uint64, len(tl.All))
	run(len(tl.All), func(i int) {
		e := tl.All[i]
		v, version := &m.Views[i], &m.Versions[i]
		if c != nil {
			medias[i] = media(e)
		}
		if cv, ok := c.view(e, bodies[e.Article.Slug].HTML, medias[i]); ok {
			*v, *version = cv.view, cv.version
		} else {
			*v = p.View(e)
			if c != nil && e.IsEvent() {
				*version = h.Sum(*v)
			} else if c != nil {
				*version = h.Sums(*v, bodies[e.Article.Slug].HTML, e.Article.Sources)
			}
		}
		if render == nil {
			return
		}
		if cd, ok := c.card(v.Slug, *version); ok {
			v.Card = cd
			return
		}
		v.Card, errs[i] = render(*v)
	})
	if err = errors.Join(errs...); err != nil || c == nil {
		return m, func() {}, err
	}
	return m, func() {
		views := make(map[viewKey]cachedView, len(tl.All))
		cards := make(map[string]card, len(tl.All))
		for i, e := range tl.All {
			v := m.Views[i]
			cards[v.Slug] = card{m.Versions[i], v.Card}
			v.Card = ""
			views[keyOf(e)] = cachedView{view: v, version: m.Versions[i], body: bodies[e.Article.Slug].HTML, media: medias[i], words: wordsOf(e)}
		}
		c.views, c.cards = views, cards
	}, nil
}

// DropCards forgets the cards, made by templates that changed.
func (c *Views) DropCards() { c.cards = nil }

func (c *Views) view(e *timeline.Entry, body template.HTML, media uint64) (cachedView, bool) {
	if c == nil {
		return cachedView{}, false
	}
	cv, ok := c.views[keyOf(e)]
	return cv, ok && cv.body == body && cv.media == media && cv.words == wordsOf(e)
}

func (c *Views) card(slug string, version uint64) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	cd, ok := c.cards[slug]
	return cd.html, ok && cd.version == version
}

// Key is the key of the page written to file and made from in, its
// entries summed up by their versions (by Entry.Index): it changes
// whenever one of them, or one of in's values, does.
func (h *Hasher) Key(file string, in pages.Inputs, versions []uint64) uint64 {
	if h == nil {
		return 0
	}
	w := h.writer()
	stringSum(&w.m, h.seed, file)
	w.u(uint64(len(in.Entries)))
	for _, list := range in.Entries {
		if list == nil {
			w.tag(3)
			continue
		}
		w.u(uint64(len(list)))
		for _, e := range list {
			if e == nil {
				w.tag(4)
				continue
			}
			w.tag(5)
			w.u(versions[e.Index])
		}
	}
	for _, v := range in.Values {
		w.value(reflect.ValueOf(v))
	}
	return w.m.Sum64()
}
