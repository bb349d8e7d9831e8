package export

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/jsontext"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/searchtext"
)

// The search index's words
//
// A search loads only the words it needs: every word the browser finds in
// an entry (static/js/search.js's tokenize, which internal/searchtext
// computes the same, stem and all) is listed with the entries holding it,
// in the file of the word's key, its first two characters (the whole word
// when it has one). A query's word of two characters or more matches the
// words starting with it, all of one key; a word of one character matches
// only itself. So a query loads one file a word, whatever the size of the
// site.
//
// The words of an entry are those of four fields, as the browser ranks
// them: 0 its title; 1 its actors and place; 2 its tags, kind label and
// kind; 3 its summary and date.
//
// The manifest's "words" lists the keys, in code point order: the words
// of the n-th (from 0) are in words-<n>.json. That file is one JSON
// object: each of its words, in code point order, to its list of entries,
// a flat array of pairs [gap, where, ...]: gap is the entry's position in
// the timeline (as the shards hold it) less the previous pair's, the first
// pair's position itself; where is the first field holding the word, and
// for the title, 4 times the word's place among the title's words (each
// counted once) added, so that the browser finds titles holding a query's
// words in its order without the titles themselves.

// searchFields are the texts of an entry's four fields, whose words the
// browser ranks by field (the ranking's specification is in
// testdata/js/search_test.js).
func searchFields(title string, actors []string, place string, tags []string, kind, kindLabel, summary, date string) [4]string {
	return [4]string{
		title,
		strings.Join(actors, " ") + " " + place,
		strings.Join(tags, " ") + " " + kindLabel + " " + kind,
		summary + " " + date,
	}
}

// wordPostings are the entries holding each word, as pairs (position,
// where) in timeline order; seen is the words of the entry being added.
// A word's list is behind a pointer so that adding to it looks the word
// up once: at 100,000 entries there are four million pairs.
type wordPostings struct {
	lists map[string]*[]int32
	seen  map[string]bool
}

func newWordPostings() *wordPostings {
	return &wordPostings{lists: map[string]*[]int32{}, seen: map[string]bool{}}
}

// add records the words of the entry at pos.
func (w *wordPostings) add(pos int, fields [4]string, stem func(string) string) {
	clear(w.seen)
	for f, text := range fields {
		for i, word := range searchtext.Tokens(text, stem) {
			if w.seen[word] {
				continue
			}
			w.seen[word] = true
			where := int32(f)
			if f == 0 {
				where = int32(4 * i)
			}
			p := w.lists[word]
			if p == nil {
				// Tokens are cut from a copy of the whole text: keep
				// the word only.
				p = new([]int32)
				w.lists[strings.Clone(word)] = p
			}
			*p = append(*p, int32(pos), where)
		}
	}
}

// merge appends o's postings, which follow w's in the timeline.
func (w *wordPostings) merge(o *wordPostings) {
	for word, p := range o.lists {
		if q := w.lists[word]; q != nil {
			*q = append(*q, *p...)
		} else {
			w.lists[word] = p
		}
	}
}

// SearchKey is the key of a word: its first two characters.
func SearchKey(word string) string {
	n := 0
	for i := range word {
		if n == 2 {
			return word[:i]
		}
		n++
	}
	return word
}

// files makes the word files, by output path, and gives the keys, the
// n-th's words being in words-<n>.json, and the first 8 hex digits of
// the SHA-256 of all the files, which the browser adds to their URLs.
func (w *wordPostings) files() (map[string][]byte, []string, string) {
	words := make([]string, 0, len(w.lists))
	for word := range w.lists {
		words = append(words, word)
	}
	slices.Sort(words) // UTF-8's byte order is code points'
	files := map[string][]byte{}
	var keys []string
	all := sha256.New()
	var b []byte
	flush := func() {
		if b == nil {
			return
		}
		b = append(b, "\n}\n"...)
		files[permalink.Search+permalink.SearchWords(len(keys)-1)] = b
		all.Write(b)
		b = nil
	}
	for _, word := range words {
		if k := SearchKey(word); len(keys) == 0 || k != keys[len(keys)-1] {
			flush()
			keys = append(keys, k)
			b = append(b, "{\n"...)
		} else {
			b = append(b, ",\n"...)
		}
		b = jsontext.AppendString(b, word)
		b = append(b, ":["...)
		p, last := *w.lists[word], int32(0)
		for i := 0; i < len(p); i += 2 {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(p[i]-last), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(p[i+1]), 10)
			last = p[i]
		}
		b = append(b, ']')
	}
	flush()
	return files, keys, hex.EncodeToString(all.Sum(nil)[:4])
}
