package export

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"

	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/searchtext"
)

// The search index's words
//
// A search loads only the words it needs: every word the browser finds in
// an entry (static/js/search.js's tokenize, which internal/searchtext
// computes the same, stem and all) is listed with the entries holding it,
// in files chosen by the word's key, its first two characters (the whole
// word when it has one). A query's word of two characters or more matches
// the words starting with it, all of one key; a word of one character
// matches only itself. So a query loads one file a word, whatever the
// size of the site.
//
// The words of an entry are those of four fields, as the browser ranks
// them: 0 its title; 1 its actors and place; 2 its tags, kind label and
// kind; 3 its summary and date.
//
// words-<n>.json is one JSON object: each word of the file, in code point
// order, to its list of entries, a flat array of pairs [gap, where, ...]:
// gap is the entry's position in the timeline (as the shards hold it)
// less the previous pair's, the first pair's position itself; where is the
// first field holding the word, and for the title, 4 times the word's
// place among the title's words (each counted once) added, so that the
// browser finds titles holding a query's words in its order without the
// titles themselves.
//
// A key's file is n = FNV-1a (32-bit, over the key's code points) modulo
// the number of word files, which the manifest gives as the list of their
// versions; there are about as many as 64 KiB of words makes.

// searchWordsBytes is about the size of a word file, on average.
const searchWordsBytes = 64 << 10

// searchFields are the fields' texts of an entry, as search.js joins them.
func searchFields(title string, actors []string, place string, tags []string, kind, kindLabel, summary, date string) [4]string {
	join := func(ss []string) string {
		n := 0
		for _, s := range ss {
			n += len(s) + 1
		}
		b := make([]byte, 0, n)
		for i, s := range ss {
			if i > 0 {
				b = append(b, ' ')
			}
			b = append(b, s...)
		}
		return string(b)
	}
	return [4]string{
		title,
		join(actors) + " " + place,
		join(tags) + " " + kindLabel + " " + kind,
		summary + " " + date,
	}
}

// wordPostings are the entries holding each word, as pairs (position,
// where) in timeline order.
type wordPostings map[string][]int32

// add records the words of the entry at pos.
func (w wordPostings) add(pos int, fields [4]string, stem func(string) string) {
	seen := make(map[string]bool, 48)
	for f, text := range fields {
		for i, word := range searchtext.Tokens(text, stem) {
			if seen[word] {
				continue
			}
			seen[word] = true
			where := int32(f)
			if f == 0 {
				where = int32(4 * i)
			}
			w[word] = append(w[word], int32(pos), where)
		}
	}
}

// merge appends o's postings, which follow w's in the timeline.
func (w wordPostings) merge(o wordPostings) {
	for word, p := range o {
		w[word] = append(w[word], p...)
	}
}

// searchKey is the key of a word: its first two characters.
func searchKey(word string) string {
	n := 0
	for i := range word {
		if n == 2 {
			return word[:i]
		}
		n++
	}
	return word
}

// searchBucket is the word file of key among n.
func searchBucket(key string, n int) int {
	h := uint32(2166136261)
	for _, r := range key {
		h ^= uint32(r)
		h *= 16777619
	}
	return int(h % uint32(n))
}

// wordFiles makes the word files, by output path, and their versions in
// order.
func (w wordPostings) files() (map[string][]byte, []string) {
	words := make([]string, 0, len(w))
	lines := make(map[string][]byte, len(w))
	total := 0
	for word, p := range w {
		words = append(words, word)
		b := appendJSONString(nil, word)
		b = append(b, ":["...)
		last := int32(0)
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
		lines[word] = b
		total += len(b) + 2
	}
	slices.Sort(words) // UTF-8's byte order is code points

	n := max(1, (total+searchWordsBytes-1)/searchWordsBytes)
	bufs := make([][]byte, n)
	for _, word := range words {
		i := searchBucket(searchKey(word), n)
		if bufs[i] == nil {
			bufs[i] = append(bufs[i], "{\n"...)
		} else {
			bufs[i] = append(bufs[i], ",\n"...)
		}
		bufs[i] = append(bufs[i], lines[word]...)
	}
	files := make(map[string][]byte, n)
	versions := make([]string, n)
	for i, b := range bufs {
		if b == nil {
			b = append(b, '{')
		}
		b = append(b, "\n}\n"...)
		sum := sha256.Sum256(b)
		files[permalink.Search+permalink.SearchWords(i)] = b
		versions[i] = hex.EncodeToString(sum[:4])
	}
	return files, versions
}

// SearchFile is the number of the word file, of n, that holds word.
func SearchFile(word string, n int) int { return searchBucket(searchKey(word), n) }
