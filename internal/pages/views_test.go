package pages_test

import (
	"errors"
	"html/template"
	"slices"
	"testing"

	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// memo is a pages.ViewMemo that keeps one view, of kept, and notes which
// views the Planner made itself.
type memo struct {
	kept  string
	view  *pages.Entry // the view it gave, the last build's
	made  []string
	asked []string // the cards asked for
}

func (m *memo) Images([]*media.Image) uint64 { return 0 }

func (m *memo) View(e *timeline.Entry, _, _ uint64) (*pages.Entry, uint64, bool) {
	if e.Slug != m.kept {
		return nil, 0, false
	}
	if m.view == nil {
		m.view = &pages.Entry{Slug: e.Slug, Title: "As kept"}
	}
	return m.view, 7, true
}

func (m *memo) Version(e *timeline.Entry, _ *pages.Entry, _ uint64) uint64 {
	m.made = append(m.made, e.Slug)
	return uint64(len(m.made)) + 100
}

func (m *memo) Card(slug string, version uint64) (*pages.ListingCard, bool) {
	m.asked = append(m.asked, slug)
	return pages.NewListingCard("<kept card>"), version == 7
}

// A Planner is whole once made: it has every entry's view and card,
// taking from its memo those the memo kept, and making the rest itself.
func TestPlannerMakesItsViews(t *testing.T) {
	m := &memo{kept: "talks"}
	p, _ := plan(t, "two-articles.txtar", pages.WithViewMemo(m))
	made := p.Made()
	var slugs []string
	for i, v := range made.Views {
		slugs = append(slugs, v.Slug)
		switch {
		case v.Slug == "talks" && (v.Title != "As kept" || v.Card() != "<kept card>" || made.Versions[i] != 7):
			t.Errorf("talks: %q, card %q, version %d; want the kept view, card and version", v.Title, v.Card(), made.Versions[i])
		case v.Slug != "talks" && v.Card() != template.HTML("<card "+v.Slug+">"):
			t.Errorf("%s: card %q, want the one rendered now", v.Slug, v.Card())
		case v.Slug != "talks" && made.Versions[i] <= 100:
			t.Errorf("%s: version %d, not the memo's sum", v.Slug, made.Versions[i])
		}
	}
	if len(slugs) < 2 || slices.Contains(m.made, "talks") || len(m.made) != len(slugs)-1 {
		t.Errorf("views made: %v of %v; want all but the kept one", m.made, slugs)
	}
	if !slices.Equal(m.asked, slugs) {
		t.Errorf("cards asked of the memo: %v, want %v", m.asked, slugs)
	}
	if pg := page(t, p, "events/talks/index.html"); pg.Entry == nil || pg.Entry.Title != "As kept" {
		t.Error("the entry page does not show the view the Planner holds")
	}
	// The kept view is the last build's, which may still be shown: its
	// card went to a copy.
	if m.view.Card() != "" {
		t.Errorf("the last build's view was given the card %q", m.view.Card())
	}
}

// A card that fails to render leaves no Planner, only the error.
func TestPlannerWithAFailingCard(t *testing.T) {
	broken := errors.New("broken card")
	card := func(e pages.Entry) (template.HTML, error) {
		if e.Slug == "talks" {
			return "", broken
		}
		return "", nil
	}
	p, _, err := planned(t, "two-articles.txtar", pages.WithCards(card))
	if p != nil || !errors.Is(err, broken) {
		t.Errorf("a planner: %v, error %v; want none and the card's", p != nil, err)
	}
}
