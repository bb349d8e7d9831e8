package pages

import (
	"errors"
	"html/template"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// ViewMemo keeps the entries' views and listing cards of the last build
// and sums them up (internal/build/rebuild.Views). A Planner asks it
// before making a view or rendering a card again; it never makes one.
type ViewMemo interface {
	// Images sums up the processed images a view is made from.
	Images(images []*media.Image) uint64
	// View gives the view of e kept from the last build, and its version,
	// when it was made from the same words, body and images. The view is
	// the last build's own, shared: it is not to be changed.
	View(e *timeline.Entry, body, images uint64) (*Entry, uint64, bool)
	// Version sums up v, the view of e newly made, with what only its
	// entry's page shows (its article's body).
	Version(e *timeline.Entry, v *Entry, body uint64) uint64
	// Card gives the card kept for slug, when rendered from a view of
	// that version.
	Card(slug string, version uint64) (*ListingCard, bool)
}

// Made is what a Planner made of its timeline's entries, by Entry.Index:
// their views, each view's version and the sum of its images (both nil
// without a ViewMemo). A view the memo kept is the last build's, shared
// rather than copied: views are not changed once made.
type Made struct {
	Views    []*Entry
	Versions []uint64
	Images   []uint64
}

// WithViewMemo reuses the views and cards memo kept of the last build.
func WithViewMemo(memo ViewMemo) Option {
	return func(p *Planner) { p.making.memo = memo }
}

// WithCards renders each view's listing Card with card; without, views
// have none.
func WithCards(card func(Entry) (template.HTML, error)) Option {
	return func(p *Planner) { p.making.card = card }
}

// InParallel makes the views with run, which calls its argument for
// 0..n-1, in parallel where it likes; without, one after another.
func InParallel(run func(n int, f func(i int))) Option {
	return func(p *Planner) { p.making.run = run }
}

// making is how a Planner makes its views, used once by NewPlanner.
type making struct {
	memo ViewMemo
	card func(Entry) (template.HTML, error)
	run  func(n int, f func(i int))
}

// makeViews makes the view of every entry, with its card, taking those
// the memo kept where they are unchanged. It returns the cards' errors.
func (p *Planner) makeViews() error {
	mk := p.making
	p.making = making{} // what made the views is not kept with them
	n := len(p.tl.All)
	run := mk.run
	if run == nil {
		run = func(n int, f func(i int)) {
			for i := range n {
				f(i)
			}
		}
	}
	m := Made{Views: make([]*Entry, n)}
	if mk.memo != nil {
		m.Versions, m.Images = make([]uint64, n), make([]uint64, n)
		run(n, func(i int) {
			e := p.tl.All[i]
			m.Images[i] = mk.memo.Images(p.entryImages(e))
			if v, version, ok := mk.memo.View(e, p.bodies[e.Article.Slug].Sum, m.Images[i]); ok {
				m.Views[i], m.Versions[i] = v, version
			}
		})
	}
	// The views made afresh are made in one block, as every view of a
	// build once was: made one by one, the first build's 127,000 views
	// had serve hold 60 MiB more at 100,000 articles.
	fresh := make([]bool, n)
	missing := 0
	for i, v := range m.Views {
		if v == nil {
			fresh[i] = true
			missing++
		}
	}
	block := make([]Entry, missing)
	for i := range m.Views {
		if fresh[i] {
			m.Views[i] = &block[0]
			block = block[1:]
		}
	}
	errs := make([]error, n)
	run(n, func(i int) {
		e, v := p.tl.All[i], m.Views[i]
		if fresh[i] {
			*v = p.view(e)
			if mk.memo != nil {
				m.Versions[i] = mk.memo.Version(e, v, p.bodies[e.Article.Slug].Sum)
			}
		}
		var card *ListingCard
		if mk.card != nil {
			var ok bool
			if mk.memo != nil {
				card, ok = mk.memo.Card(v.Slug, m.Versions[i])
			}
			if !ok {
				var html template.HTML
				html, errs[i] = mk.card(*v)
				card = NewListingCard(html)
			}
		}
		if v.card != card {
			// A kept view is the last build's, which may still be
			// shown: a copy of it takes the card.
			if !fresh[i] {
				c := *v
				v = &c
				m.Views[i] = v
			}
			v.card = card
		}
	})
	p.made, p.views = m, m.Views
	return errors.Join(errs...)
}

// Made gives the entries' views as made, with their versions.
func (p *Planner) Made() Made { return p.made }

// entryImages are the processed images an entry's view shows: its own
// and, for an article's entry, its events'.
func (p *Planner) entryImages(e *timeline.Entry) []*media.Image {
	if len(e.Media) == 0 && (e.IsEvent() || len(e.Article.Events) == 0) {
		return nil
	}
	var images []*media.Image
	add := func(list []content.Media) {
		for _, md := range list {
			images = append(images, p.image(md.File), p.image(md.Poster))
		}
	}
	add(e.Media)
	if !e.IsEvent() {
		for _, ev := range e.Article.Events {
			add(ev.Media)
		}
	}
	return images
}
