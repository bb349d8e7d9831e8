package rebuild

import (
	"maps"
	"reflect"

	"github.com/cespare/xxhash/v2"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Views keeps one language's entry views and listing cards between
// builds, and the versions that sum them up: the pages.ViewMemo of a
// Planner, which makes the views; Views only sums, stores and looks them
// up. A view depends only on its entry's article (a new parse is a new
// pointer), the entry's words (in a translated timeline they change
// without the article), the article's body, the entry's processed images,
// the configuration and the language's interface words: a Views is made
// afresh when the configuration or i18n/ changes, and drops its cards when
// templates/ does.
type Views struct {
	sums  *Hasher
	views map[viewKey]cachedView
	cards map[string]card // by slug
	// keeps counts the calls of Keep that saw every entry: a view or card
	// the last one did not see is of an entry gone from the site.
	keeps uint64
	// last are the entries the last Keep saw, by Index, made and with
	// bodies as it saw them: an entry of the next build that is the same,
	// at the same place, from the same body and images, has the same
	// view, found without a look-up or a sum (they were most of a save's
	// views, and the Keep after it, on every entry).
	last   []*timeline.Entry
	made   pages.Made
	bodies []uint64
}

// NewViews returns an empty Views whose versions are sums of h, a Hasher
// that lives across builds.
func NewViews(h *Hasher) *Views { return &Views{sums: h} }

type viewKey struct {
	article *content.Article
	event   string
}

// cachedView is a view kept: the build's own, in the slice of views it
// made (pages.Made), not a copy, which was one 680-byte Entry an entry.
type cachedView struct {
	view    *pages.Entry
	version uint64
	body    uint64 // pages.Body.Sum
	images  uint64
	words   uint64 // wordsSum of its entry
	kept    uint64 // the Keep that last saw it
}

type card struct {
	version uint64
	card    *pages.ListingCard
	kept    uint64
}

func keyOf(e *timeline.Entry) viewKey {
	k := viewKey{article: e.Article}
	if e.IsEvent() {
		k.event = e.Slug
	}
	return k
}

// wordsSum sums up the entry's words (timeline.Words): kept whole, they
// were 88 bytes of each of the map's slots, 21 MB of serve's heap at
// 100,000 articles. TestWordsSumCoversTheWords fails when a field is
// added to them.
func wordsSum(e *timeline.Entry) uint64 {
	var d xxhash.Digest
	d.Reset()
	for _, s := range [...]string{e.Title, e.Summary, e.Text.Lang, e.Text.BodyLang, e.Text.Translator} {
		stringSum(&d, s)
	}
	if e.Text.Outdated {
		d.Write([]byte{1})
	}
	return d.Sum64()
}

// Images sums up the processed images a view is made from.
func (c *Views) Images(images []*media.Image) uint64 {
	if len(images) == 0 {
		return 0
	}
	return c.sums.Sum(images)
}

// View gives the view of e kept from the last build, and its version,
// when it was made from the same words, body and images.
func (c *Views) View(e *timeline.Entry, body, images uint64) (*pages.Entry, uint64, bool) {
	if i := e.Index; i < len(c.last) && c.last[i] == e && c.bodies[i] == body && c.made.Images[i] == images {
		return c.made.Views[i], c.made.Versions[i], true
	}
	cv, ok := c.views[keyOf(e)]
	if !ok || cv.body != body || cv.images != images || cv.words != wordsSum(e) {
		return nil, 0, false
	}
	// The view is the last build's, card and all: the card is kept by
	// version, and a Planner given another copies the view.
	return cv.view, cv.version, true
}

// Version sums up v, the view of e newly made: an article's entry page
// also shows its body and sources.
func (c *Views) Version(e *timeline.Entry, v *pages.Entry, body uint64) uint64 {
	if e.IsEvent() {
		return c.sums.Sum(*v)
	}
	return c.sums.Sums(*v, body, e.Article.Sources)
}

// Card gives the card kept for slug, when rendered from a view of that
// version.
func (c *Views) Card(slug string, version uint64) (*pages.ListingCard, bool) {
	cd, ok := c.cards[slug]
	return cd.card, ok && cd.version == version
}

// Keep keeps the views m of tl's entries, made from bodies, for the next
// build; run it once the build no longer needs the CPU. It points at
// m's views, which the build's pages hold until the next, rather than
// copying them, and changes its maps in place: maps of copies made afresh
// were 13 MB of garbage an edit at 10,000 articles, and held every view
// three times until the old ones went.
func (c *Views) Keep(tl *timeline.Timeline, bodies map[string]pages.Body, m pages.Made) {
	// After a save most entries are the last build's, at the same place,
	// with the same view: only the others change the maps.
	if c.views != nil && c.cards != nil && len(c.last) == len(tl.All) {
		var changed []int
		for i, e := range tl.All {
			body := bodies[e.Article.Slug].Sum
			if e != c.last[i] || m.Views[i] != c.made.Views[i] || m.Versions[i] != c.made.Versions[i] || m.Images[i] != c.made.Images[i] || body != c.bodies[i] {
				changed = append(changed, i)
			}
			c.bodies[i] = body // no View reads it until the next build
		}
		if len(changed) <= len(tl.All)/8 {
			// The entries gone from these places may be at another (an
			// entry that moved): all out first, then all in.
			for _, i := range changed {
				delete(c.views, keyOf(c.last[i]))
				delete(c.cards, c.made.Views[i].Slug)
			}
			for _, i := range changed {
				c.keep(tl.All[i], m, i, c.bodies[i])
			}
			c.last, c.made = tl.All, m
			return
		}
	} else {
		c.bodies = make([]uint64, len(tl.All))
		for i, e := range tl.All {
			c.bodies[i] = bodies[e.Article.Slug].Sum
		}
	}
	c.last, c.made = tl.All, m
	if c.views == nil {
		c.views = make(map[viewKey]cachedView, len(tl.All))
	}
	if c.cards == nil {
		c.cards = make(map[string]card, len(tl.All))
	}
	c.keeps++
	for i, e := range tl.All {
		c.keep(e, m, i, c.bodies[i])
	}
	maps.DeleteFunc(c.views, func(_ viewKey, cv cachedView) bool { return cv.kept != c.keeps })
	maps.DeleteFunc(c.cards, func(_ string, cd card) bool { return cd.kept != c.keeps })
}

// keep keeps the view of e, m's i-th, made from the body summed up by
// body.
func (c *Views) keep(e *timeline.Entry, m pages.Made, i int, body uint64) {
	v, version := m.Views[i], m.Versions[i]
	c.cards[v.Slug] = card{version, v.ListingCard(), c.keeps}
	c.views[keyOf(e)] = cachedView{view: v, version: version, body: body, images: m.Images[i], words: wordsSum(e), kept: c.keeps}
}

// DropCards forgets the cards, made by templates that changed.
func (c *Views) DropCards() { c.cards, c.last = nil, nil }

// Key is the key of the page written to file and made from in, its
// entries summed up by their versions (by Entry.Index): it changes
// whenever one of them, or one of in's values, does.
func (h *Hasher) Key(file string, in pages.Inputs, versions []uint64) uint64 {
	if h == nil {
		return 0
	}
	w := h.writer()
	stringSum(&w.m, file)
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

var _ pages.ViewMemo = (*Views)(nil)
