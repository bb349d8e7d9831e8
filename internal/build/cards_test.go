package build

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// The share cards serve lists after a save, changed from the last build's
// by what the save changed, are those a build lists afresh: one file a
// card, those of entries alike once, a card kept exactly while an entry
// links it, and the others in their places.
func TestTheCardsAfterASaveAreThoseListedAfresh(t *testing.T) {
	cache := media.Open("", media.Settings{})
	rng := rand.New(rand.NewPCG(1, 2))
	note := func(title string) cardNote {
		card := media.Card{Title: title, Date: "1 March 2022", Kind: "Military", Color: "#000", Site: "S"}
		return cardNote{entry: &timeline.Entry{Slug: title}, card: card, hash: card.Hash()}
	}
	var notes []cardNote
	for i := range 40 {
		notes = append(notes, note(fmt.Sprintf("Entry %d", i%33))) // a few alike
	}
	last := newCardFiles(cache, slices.Clone(notes))
	for step := range 300 {
		switch i := rng.IntN(len(notes)); rng.IntN(4) {
		case 0: // an edit of an entry's words
			notes[i] = note(fmt.Sprintf("Edited %d", rng.IntN(20)))
		case 1: // an entry moved among those of its date
			j := rng.IntN(len(notes))
			n := notes[i]
			notes = slices.Insert(slices.Delete(notes, i, i+1), min(j, len(notes)-1), n)
		case 2:
			notes = slices.Delete(notes, i, i+1)
		default:
			notes = slices.Insert(notes, i, note(fmt.Sprintf("Added %d", rng.IntN(20))))
		}
		before := names(last.files) // after changes last's files in place
		next := last.after(slices.Clone(notes))
		want := newCardFiles(cache, slices.Clone(notes))
		if got, want := slices.Sorted(slices.Values(names(next.files))), names(want.files); !slices.Equal(got, want) {
			t.Fatalf("step %d: files\n%v\nwant\n%v", step, got, want)
		}
		// The files kept keep their places but for one moved into each
		// place a file lost left empty: a table finds them where the
		// last build's had them.
		at := map[string]int{}
		for i, n := range before {
			at[n] = i
		}
		moved, lost := 0, len(before)
		for i, n := range names(next.files) {
			if j, ok := at[n]; ok {
				lost--
				if i != j {
					moved++
				}
			}
		}
		if moved > lost {
			t.Fatalf("step %d: %d files moved for %d lost", step, moved, lost)
		}
		for h, n := range want.count {
			if next.count[h] != n {
				t.Fatalf("step %d: card %s counted %d times, want %d", step, h, next.count[h], n)
			}
		}
		if len(next.count) != len(want.count) {
			t.Fatalf("step %d: %d cards counted, want %d", step, len(next.count), len(want.count))
		}
		last = next
	}
}

func names(ps []product) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return out
}
