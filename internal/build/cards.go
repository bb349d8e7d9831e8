package build

import (
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// shareCard is the card of an article's entry, when the site draws them.
func (m *mediaSet) shareCard(cfg *config.Config, tl *timeline.Timeline) func(slug string) *media.Variant {
	if !cfg.Media.ShareCards {
		return nil
	}
	return func(slug string) *media.Variant {
		e, ok := tl.Lookup(slug)
		if !ok {
			return nil
		}
		v := cardOf(cfg, e).Variant()
		return &v
	}
}

func cardOf(cfg *config.Config, e *timeline.Entry) media.Card {
	k, ok := cfg.Kind(e.Kind)
	if !ok {
		k = config.Kind{Label: e.Kind, Color: "#4b5563"}
	}
	return media.Card{Title: e.Title, Date: e.Date.Display(), Kind: k.Label, Color: k.Color, Site: cfg.Title}
}

// cardNote is the share card an entry's pages link. An entry the next
// build keeps (the same *timeline.Entry) links the same card while the
// configuration is the same, and a language's state, which keeps the
// notes, is dropped when it is not.
type cardNote struct {
	entry *timeline.Entry
	card  media.Card
	hash  string // the card's Hash
}

// cardFiles are the share cards the pages of one language link: a note
// an entry, and a file a card. serve's next build takes the notes of
// the entries it kept and changes the files by what the others changed:
// noting every card, and listing and sorting every file, took a third of
// a save at 10,000 articles.
type cardFiles struct {
	cache *media.Cache // the files' maker
	notes []cardNote   // in the timeline's order
	files []product    // a card each, sorted by name when first listed
	count map[string]int32
}

// useCards notes the share cards the pages of one language link, to
// publish and keep them, from the last build's in memo where it can,
// and keeps its own there.
func (m *mediaSet) useCards(cfg *config.Config, tl *timeline.Timeline, p *pages.Planner, memo *langState) {
	if !cfg.Media.ShareCards {
		return
	}
	var last *cardFiles
	if memo != nil && memo.cards != nil && memo.cards.cache == m.cache {
		last = memo.cards
	}
	var prev []cardNote
	if last != nil {
		prev = last.notes
	}
	var notes []cardNote
	if len(prev) == 0 {
		notes = noteCards(cfg, tl, p)
	} else {
		notes = make([]cardNote, 0, len(prev))
		for _, e := range tl.All { // withdrawn entries keep their pages
			// Aligned with the last notes while the entries are the
			// same, as an edit leaves most of them: an entry kept links
			// what it linked.
			if k := len(notes); k < len(prev) && prev[k].entry == e {
				notes = append(notes, prev[k])
				continue
			}
			if n, ok := noteCard(cfg, p, e); ok {
				notes = append(notes, n)
			}
		}
	}
	var cs *cardFiles
	if last == nil {
		cs = newCardFiles(m.cache, notes)
	} else {
		cs = last.after(notes)
	}
	if memo != nil {
		memo.cards = cs
	}
	m.cards = append(m.cards, cs)
}

// noteCards notes the card of every entry whose pages link one (withdrawn
// entries keep their pages), on every core: with no notes kept, a build
// of 100,000 articles made 145,000 cards' texts and sums on one core.
func noteCards(cfg *config.Config, tl *timeline.Timeline, p *pages.Planner) []cardNote {
	all := make([]cardNote, len(tl.All))
	parallel(len(tl.All), func(i int) { all[i], _ = noteCard(cfg, p, tl.All[i]) })
	return slices.DeleteFunc(all, func(n cardNote) bool { return n.entry == nil })
}

// noteCard is the note of e's card; false when its pages link none.
func noteCard(cfg *config.Config, p *pages.Planner, e *timeline.Entry) (cardNote, bool) {
	if si := p.Share(e); si == nil || !si.Card {
		return cardNote{}, false
	}
	card := cardOf(cfg, e)
	return cardNote{entry: e, card: card, hash: card.Hash()}, true
}

func newCardFiles(cache *media.Cache, notes []cardNote) *cardFiles {
	cs := &cardFiles{cache: cache, notes: notes, count: make(map[string]int32, len(notes))}
	for _, n := range notes {
		if cs.count[n.hash]++; cs.count[n.hash] == 1 {
			cs.files = append(cs.files, cs.file(n.card, n.hash))
		}
	}
	slices.SortFunc(cs.files, func(a, b product) int { return strings.Compare(a.name, b.name) })
	return cs
}

// after is the cards of notes, made from c, the last build's: c's count
// is changed in place, c is not read again.
func (c *cardFiles) after(notes []cardNote) *cardFiles {
	// The cards gained and lost where the notes differ: a few, where an
	// edit moved an entry among those of its date.
	delta := map[string]int32{}
	gained := map[string]media.Card{}
	for k := range max(len(notes), len(c.notes)) {
		if k < len(notes) && k < len(c.notes) && notes[k].hash == c.notes[k].hash {
			continue
		}
		if k < len(c.notes) {
			delta[c.notes[k].hash]--
		}
		if k < len(notes) {
			delta[notes[k].hash]++
			gained[notes[k].hash] = notes[k].card
		}
	}
	var gone map[string]bool
	var added []product
	for h, d := range delta {
		if d == 0 {
			continue
		}
		was := c.count[h]
		switch now := was + d; {
		case now <= 0:
			delete(c.count, h)
			if gone == nil {
				gone = map[string]bool{}
			}
			gone[media.CardVariant(h).Name] = true
		case was == 0:
			c.count[h] = now
			added = append(added, c.file(gained[h], h))
		default:
			c.count[h] = now
		}
	}
	next := &cardFiles{cache: c.cache, notes: notes, count: c.count, files: c.files}
	if gone == nil && added == nil {
		return next
	}
	// A card gained takes the place of one lost, and a place left empty
	// the last card: every other keeps its place among the outputs, and
	// the next table finds them where the last one had them (sorted
	// again, every card between the two moved, at 100,000 articles a
	// new index of 318,000 names, 80 ms of a save). c's files are not
	// read again: they are changed in place.
	slices.SortFunc(added, func(a, b product) int { return strings.Compare(a.name, b.name) })
	files := c.files
	var holes []int
	for i := range files {
		if !gone[files[i].name] {
			continue
		}
		if len(added) > 0 {
			files[i], added = added[0], added[1:]
		} else {
			holes = append(holes, i)
		}
	}
	for j := len(holes) - 1; j >= 0; j-- { // from the last, so that the last file is never a hole
		last := len(files) - 1
		files[holes[j]] = files[last]
		files = files[:last]
	}
	next.files = append(files, added...)
	return next
}

// file is the card's published file, made from the cache on first use.
func (c *cardFiles) file(card media.Card, hash string) product {
	cache, name := c.cache, media.CardVariant(hash).Name
	return product{name: name, kind: mediaFile, key: fnvKey(name), make: func() []byte {
		data, err := cache.CardFile(card)
		if err != nil {
			return nil // the font is embedded: cannot happen
		}
		return data
	}, disk: func() (string, error) { return cache.CardPath(card) }}
}

// cardFiles are the files of the cards of every language, each once,
// in the order their languages keep them.
func (m *mediaSet) cardFiles() []product {
	switch len(m.cards) {
	case 0:
		return nil
	case 1:
		return m.cards[0].files
	}
	// An entry not translated shows the same card in every language.
	var all []product
	seen := map[string]bool{}
	for _, c := range m.cards {
		for _, f := range c.files {
			if !seen[f.name] {
				seen[f.name] = true
				all = append(all, f)
			}
		}
	}
	return all
}
