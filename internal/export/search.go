package export

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/jsontext"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/searchtext"
	"github.com/timelinegen/timelinegen/internal/timeline"
	"github.com/timelinegen/timelinegen/internal/words"
)

// The search index
//
// /search/ searches in the browser, offline, with no outside service: the
// page's script (static/js/search.js) loads these files from the site
// itself. SearchIndex makes them:
//
//	search/manifest.json   what the other files are, and the string tables
//	search/words-0.json    the entries holding each word whose first two
//	                       characters are the first key (searchwords.go);
//	                       words-1.json the next key's, and so on
//	search/index-0.json    the first shard: the first 16 entries in
//	                       timeline order
//	search/index-1.json    the next 16, and so on
//
// The script loads the manifest first, then the word files of a query's
// words, which give every match and its rank, then the shards holding the
// results it shows. So a search loads what it needs, however large the
// site: a manifest, a file a word, and a shard or a few.
//
// manifest.json is one object, keys in this order:
//
//	format   "timelinegen-search/2"; changes only when a field changes meaning or goes
//	lang     the language of the index: its words are stemmed as the
//	         browser's stemmer of this language does
//	entries  how many entries the shards hold
//	fields   the names of an entry's fields, in order (below)
//	shards   {"files": how many shards, "entries": how many entries each
//	         holds (the last may hold fewer), "version": the first 8 hex
//	         digits of the SHA-256 of all shards, which the script adds to
//	         their URLs (?v=) so a cache never serves a stale shard}
//	words    {"keys": the keys of the word files, in code point order,
//	         "version": as the shards' of the word files}
//	kinds    [name, label] for each kind, the site's kinds in its order
//	         first, then any other kind an entry has, by name
//	actors   actor names; the most frequent first (then by name), so the
//	         most used get the shortest indexes
//	places   place names, "Name, Country" when the country is known and
//	         differs from the name; ordered as actors
//	tags     tag names; ordered as actors
//	statuses the statuses: "reported", "confirmed", "disputed"
//
// A shard is a JSON array of entries, one a line, each an array of ten
// fields (the manifest's "fields"):
//
//	0 ref      where the entry is read, relative to the language's
//	           events/: "slug" is base+"events/slug/" and "article#id" is
//	           base+"events/article/#id" (an event within an article)
//	1 title    the headline
//	2 date     the date as shown ("11 March 2025", "c. 11 March 2025"; a span is "start – end")
//	3 kind     index into kinds
//	4 actors   indexes into actors, as written: [] when none
//	5 place    index into places ("Kyiv, Ukraine"; "Dnipropetrovsk Oblast, Ukraine (region)" for a place known only to an area), or -1 when none
//	6 tags     indexes into tags: [] when none (an event has its article's)
//	7 summary  the summary, white space collapsed, cut at a word to at most
//	           160 characters (with "…" when cut); "" when none
//	8 status   index into statuses
//	9 publishers  how many independent publishers its sources have
//
// Withdrawn entries are not in the index.
//
// At 100,000 entries with 160-character summaries the shards are 331
// bytes an entry (99 gzipped, as most servers send JSON), 5.3 KB a shard,
// and the word files 162 bytes an entry; see docs/performance.md for what
// a first search fetches.
//
// The output is a pure function of the Site: the same site gives the same
// bytes.

// SearchFormat names the search index's format in its manifest.
const SearchFormat = "timelinegen-search/2"

const (
	// searchShardEntries is how many entries a shard holds, the last one
	// fewer: a few KiB, so that the results shown fetch little beside them.
	searchShardEntries = 16
	// searchSummaryRunes is the longest summary kept, in characters.
	searchSummaryRunes = 160
)

// SearchFields are the names of a search entry's fields, in order.
var SearchFields = []string{"ref", "title", "date", "kind", "actors", "place", "tags", "summary", "status", "publishers"}

// SearchIndex makes the search index's files, by output path relative to
// the site root: "search/manifest.json" and "search/index-<n>.json".
func SearchIndex(s *Input) map[string][]byte {
	entries := s.entries()

	// String tables.
	kinds := s.searchKinds(entries)
	kindIndex := make(map[string]int, len(kinds))
	for i, k := range kinds {
		kindIndex[k[0]] = i
	}
	actors := newStringTable()
	places := newStringTable()
	tags := newStringTable()
	for _, e := range entries {
		for _, a := range e.Actors {
			actors.add(s.name("actors", a))
		}
		if p := s.searchPlace(e); p != "" {
			places.add(p)
		}
		for _, t := range e.Tags() {
			tags.add(s.name("tags", t))
		}
	}
	actors.order()
	places.order()
	tags.order()

	// Shards: searchShardEntries rows each, so that the browser knows
	// which holds an entry without a list of them.
	files := map[string][]byte{}
	rows, postings := s.searchRows(entries, kinds, kindIndex, actors, places, tags)
	all := sha256.New()
	shards := 0
	for lo := 0; lo < len(rows); lo += searchShardEntries {
		// "[\n" + rows joined by ",\n" + "\n]\n"
		buf := append([]byte("[\n"), bytes.Join(rows[lo:min(lo+searchShardEntries, len(rows))], []byte(",\n"))...)
		buf = append(buf, "\n]\n"...)
		files[permalink.Search+permalink.SearchShard(shards)] = buf
		all.Write(buf)
		shards++
	}
	wordFiles, keys, wordsVersion := postings.files()
	maps.Copy(files, wordFiles)

	// Manifest.
	var m []byte
	m = append(m, `{"format":`...)
	m = jsontext.AppendString(m, SearchFormat)
	m = append(m, `,"lang":`...)
	m = jsontext.AppendString(m, s.language())
	m = append(m, `,"entries":`...)
	m = strconv.AppendInt(m, int64(len(entries)), 10)
	m = append(m, `,"fields":`...)
	m = jsontext.AppendStrings(m, SearchFields)
	m = append(m, ",\n\"shards\":{\"files\":"...)
	m = strconv.AppendInt(m, int64(shards), 10)
	m = append(m, `,"entries":`...)
	m = strconv.AppendInt(m, searchShardEntries, 10)
	m = append(m, `,"version":`...)
	m = jsontext.AppendString(m, hex.EncodeToString(all.Sum(nil)[:4]))
	m = append(m, "},\n\"words\":{\"keys\":"...)
	m = jsontext.AppendStrings(m, keys)
	m = append(m, `,"version":`...)
	m = jsontext.AppendString(m, wordsVersion)
	m = append(m, "},\n\"kinds\":["...)
	for i, k := range kinds {
		if i > 0 {
			m = append(m, ',')
		}
		m = jsontext.AppendStrings(m, k[:])
	}
	m = append(m, "],\n\"actors\":"...)
	m = jsontext.AppendStrings(m, actors.names)
	m = append(m, ",\n\"places\":"...)
	m = jsontext.AppendStrings(m, places.names)
	m = append(m, ",\n\"tags\":"...)
	m = jsontext.AppendStrings(m, tags.names)
	m = append(m, ",\n\"statuses\":"...)
	m = jsontext.AppendStrings(m, content.Statuses)
	m = append(m, "}\n"...)
	files[permalink.SearchManifest] = m
	return files
}

// searchKinds is the kinds table: the site's kinds in its order, then any
// other kind an entry has, by name.
func (s *Input) searchKinds(entries []*timeline.Entry) [][2]string {
	var kinds [][2]string
	seen := map[string]bool{}
	for _, k := range s.Config.Kinds {
		if !seen[k.Name] {
			seen[k.Name] = true
			kinds = append(kinds, [2]string{k.Name, s.kindLabel(k.Name)})
		}
	}
	var extra []string
	for _, e := range entries {
		if !seen[e.Kind] {
			seen[e.Kind] = true
			extra = append(extra, e.Kind)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		kinds = append(kinds, [2]string{k, s.kindLabel(k)})
	}
	return kinds
}

// searchPlace is an entry's place as the index names it: "Name, Country",
// or "" when it has none.
func (s *Input) searchPlace(e *timeline.Entry) string {
	l := e.Location
	if l == nil || l.Name == "" {
		return ""
	}
	name := collapseSpace(s.name("places", l.Name))
	if c := collapseSpace(s.name("places", l.Country)); c != "" && c != name {
		name += s.t("list_sep", ", ") + c
	}
	// As listings show it: a place known only to an area says so.
	if l.IsArea() {
		name += " (" + s.t("precision_"+l.Precision, l.Precision) + ")"
	}
	return name
}

// stringTable numbers strings, the most frequent first.
type stringTable struct {
	count map[string]int
	index map[string]int
	names []string
}

func newStringTable() *stringTable {
	return &stringTable{count: map[string]int{}}
}

func (t *stringTable) add(s string) { t.count[s]++ }

func (t *stringTable) order() {
	t.names = make([]string, 0, len(t.count))
	for s := range t.count {
		t.names = append(t.names, s)
	}
	slices.SortFunc(t.names, func(a, b string) int {
		return cmp.Or(cmp.Compare(t.count[b], t.count[a]), strings.Compare(a, b))
	})
	t.index = make(map[string]int, len(t.names))
	for i, s := range t.names {
		t.index[s] = i
	}
}

// searchRows makes each entry's row and the entries holding each word, in
// parallel: a large site has many.
func (s *Input) searchRows(entries []*timeline.Entry, kinds [][2]string, kindIndex map[string]int, actors, places, tags *stringTable) ([][]byte, *wordPostings) {
	rows := make([][]byte, len(entries))
	const chunk = 4096
	posts := make([]*wordPostings, (len(entries)+chunk-1)/chunk)
	stem := searchtext.Stemmer(s.language()) // keeps nothing: one serves every goroutine
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(entries); lo += chunk {
		hi := min(lo+chunk, len(entries))
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			found := newWordPostings()
			var b []byte
			for i := lo; i < hi; i++ {
				start := len(b)
				var fields [4]string
				b, fields = s.appendSearchEntry(b, entries[i], kinds, kindIndex, actors, places, tags)
				rows[i] = b[start:len(b):len(b)]
				found.add(i, fields, stem)
			}
			posts[lo/chunk] = found
		})
	}
	wg.Wait()
	found := newWordPostings()
	for _, p := range posts {
		found.merge(p)
	}
	return rows, found
}

// appendSearchEntry appends the entry's row, and gives the texts of its
// fields as the browser searches them.
func (s *Input) appendSearchEntry(b []byte, e *timeline.Entry, kinds [][2]string, kindIndex map[string]int, actors, places, tags *stringTable) ([]byte, [4]string) {
	title := collapseSpace(e.Title)
	b = append(b, '[')
	b = jsontext.AppendString(b, permalink.Ref(e))
	b = append(b, ',')
	b = jsontext.AppendString(b, title)
	b = append(b, ',')
	d := s.display(e.Date)
	if e.End != nil {
		d += " – " + s.display(*e.End)
	}
	b = jsontext.AppendString(b, d)
	b = append(b, ',')
	kind := kindIndex[e.Kind]
	b = strconv.AppendInt(b, int64(kind), 10)
	b = append(b, ",["...)
	actorNames := make([]string, len(e.Actors))
	for i, a := range e.Actors {
		if i > 0 {
			b = append(b, ',')
		}
		actorNames[i] = s.name("actors", a)
		b = strconv.AppendInt(b, int64(actors.index[actorNames[i]]), 10)
	}
	b = append(b, "],"...)
	place := s.searchPlace(e)
	if place != "" {
		b = strconv.AppendInt(b, int64(places.index[place]), 10)
	} else {
		b = append(b, "-1"...)
	}
	b = append(b, ",["...)
	var tagNames []string
	for i, t := range e.Tags() {
		if i > 0 {
			b = append(b, ',')
		}
		tagNames = append(tagNames, s.name("tags", t))
		b = strconv.AppendInt(b, int64(tags.index[tagNames[i]]), 10)
	}
	b = append(b, "],"...)
	summary := words.Cut(collapseSpace(s.summary(e)), searchSummaryRunes)
	b = jsontext.AppendString(b, summary)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(max(0, slices.Index(content.Statuses, e.Status))), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(e.Publishers()), 10)
	return append(b, ']'), searchFields(title, actorNames, place, tagNames, kinds[kind][0], kinds[kind][1], summary, d)
}

// language is the code of the language the index is in, whose stemmer
// the browser uses.
func (s *Input) language() string {
	if s.Locale != nil {
		return s.Locale.Code
	}
	return s.Config.Language
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	prev := ' ' // so that leading space is caught
	for _, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = r
	}
	if prev == ' ' && s != "" {
		return strings.TrimRight(s, " ")
	}
	return s
}
