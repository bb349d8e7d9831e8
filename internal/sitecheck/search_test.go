package sitecheck

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/searchtext"
)

// TestSearchIndex checks search/manifest.json, its shards and its word
// files against their documentation in internal/export (search.go and
// searchwords.go), when the build has them: the manifest's keys in order,
// its format and fields, each shard a file of the site holding as many
// entries as the manifest says, each entry of ten fields whose indexes are
// in range and whose ref names an entry of events.json; as many entries in
// all as events.json has; and the word files listing exactly the words the
// browser finds in each entry's fields (internal/searchtext), each in the
// file of its key.
func TestSearchIndex(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		b, ok := s.files["search/manifest.json"]
		if !ok {
			t.Skip("no search/manifest.json on this build")
		}
		c := &checker{file: "search/manifest.json"}
		keys, err := objectKeys([]json.RawMessage{b})
		if err != nil {
			t.Fatalf("search/manifest.json: %v", err)
		}
		if want := []string{"format", "lang", "entries", "fields", "shards", "words", "kinds", "actors", "places", "tags", "statuses"}; !slices.Equal(keys[0], want) {
			c.errorf("keys %v, want %v", keys[0], want)
		}
		var m struct {
			Format  string   `json:"format"`
			Lang    string   `json:"lang"`
			Entries int      `json:"entries"`
			Fields  []string `json:"fields"`
			Shards  struct {
				Files, Entries int
				Version        string
			} `json:"shards"`
			Words struct {
				Keys    []string
				Version string
			} `json:"words"`
			Kinds    [][2]string `json:"kinds"`
			Actors   []string    `json:"actors"`
			Places   []string    `json:"places"`
			Tags     []string    `json:"tags"`
			Statuses []string    `json:"statuses"`
		}
		if err := strictJSON(b, &m); err != nil {
			t.Fatalf("search/manifest.json: %v", err)
		}
		if m.Format != export.SearchFormat {
			c.errorf("format %q, want %q", m.Format, export.SearchFormat)
		}
		if !slices.Equal(m.Fields, export.SearchFields) {
			c.errorf("fields %v, want %v", m.Fields, export.SearchFields)
		}
		ev := loadEvents(t, s)
		ev.Entries = listed(ev) // the withdrawn are not searched
		urls := map[string]bool{}
		for _, e := range ev.Entries {
			urls[e.URL] = true
		}
		if m.Entries != len(ev.Entries) {
			c.errorf("entries %d, want %d as in events.json", m.Entries, len(ev.Entries))
		}
		inRange := func(i, n int) bool { return i >= 0 && i < n }
		total := 0
		// The words of each entry, as the browser finds them: "word pos where".
		stem := searchtext.Stemmer(m.Lang)
		var want []string
		shards := sha256.New()
		for i := range m.Shards.Files {
			file := permalink.SearchShard(i)
			sc := &checker{file: "search/" + file}
			var entries [][]json.RawMessage
			if err := json.Unmarshal(s.files["search/"+file], &entries); err != nil {
				c.errorf("shard %d: search/%s: %v", i, file, err)
				continue
			}
			shards.Write(s.files["search/"+file])
			if len(entries) != m.Shards.Entries && (i < m.Shards.Files-1 || len(entries) > m.Shards.Entries) {
				sc.errorf("%d entries, the manifest says %d a shard", len(entries), m.Shards.Entries)
			}
			total += len(entries)
			for j, e := range entries {
				where := fmt.Sprintf("entry %d", j)
				if len(e) != len(export.SearchFields) {
					sc.errorf("%s: %d fields, want %d", where, len(e), len(export.SearchFields))
					continue
				}
				var ref, title, date, summary string
				var kind, place, status, publishers int
				var actors, tags []int
				for k, v := range []any{&ref, &title, &date, &kind, &actors, &place, &tags, &summary, &status, &publishers} {
					if err := json.Unmarshal(e[k], v); err != nil {
						sc.errorf("%s: field %s: %v", where, export.SearchFields[k], err)
					}
				}
				url := ref
				if !strings.Contains(ref, "/") {
					slug, frag, hasFrag := strings.Cut(ref, "#")
					url = s.base + "events/" + slug + "/"
					if hasFrag {
						url += "#" + frag
					}
				} else if !strings.Contains(ref, "://") && !strings.HasPrefix(ref, "/") {
					url = s.base + ref
				}
				if !urls[url] {
					sc.errorf("%s: ref %q (%s) is not the url of an entry of events.json", where, ref, url)
				}
				if title == "" || date == "" {
					sc.errorf("%s: empty title or date", where)
				}
				if !inRange(kind, len(m.Kinds)) || (place != -1 && !inRange(place, len(m.Places))) || actors == nil || tags == nil {
					sc.errorf("%s: kind %d, place %d, actors %v, tags %v: out of range or null", where, kind, place, actors, tags)
				}
				for _, a := range actors {
					if !inRange(a, len(m.Actors)) {
						sc.errorf("%s: actor %d out of range", where, a)
					}
				}
				for _, tg := range tags {
					if !inRange(tg, len(m.Tags)) {
						sc.errorf("%s: tag %d out of range", where, tg)
					}
				}
				if !inRange(status, len(m.Statuses)) || publishers < 0 {
					sc.errorf("%s: status %d, publishers %d: out of range", where, status, publishers)
				}
				if len([]rune(summary)) > 161 {
					sc.errorf("%s: summary of %d characters", where, len([]rune(summary)))
				}
				if inRange(kind, len(m.Kinds)) && (place == -1 || inRange(place, len(m.Places))) {
					pl := ""
					if place >= 0 {
						pl = m.Places[place]
					}
					want = append(want, entryWords(total-len(entries)+j, stem, title, names(m.Actors, actors)+" "+pl,
						names(m.Tags, tags)+" "+m.Kinds[kind][1]+" "+m.Kinds[kind][0], summary+" "+date)...)
				}
			}
			c.problems = append(c.problems, sc.problems...)
		}
		if total != len(ev.Entries) {
			c.errorf("the shards hold %d entries, events.json %d", total, len(ev.Entries))
		}
		if v := hex.EncodeToString(shards.Sum(nil)[:4]); v != m.Shards.Version {
			c.errorf("shards' version %s, the manifest says %s", v, m.Shards.Version)
		}
		var got []string
		words := sha256.New()
		if !slices.IsSorted(m.Words.Keys) {
			c.errorf("the words' keys are not in order")
		}
		for i, key := range m.Words.Keys {
			name := "search/" + permalink.SearchWords(i)
			wc := &checker{file: name}
			var file map[string][]int
			if err := json.Unmarshal(s.files[name], &file); err != nil {
				c.errorf("word file %d: %v", i, err)
				continue
			}
			words.Write(s.files[name])
			for word, list := range file {
				if k := export.SearchKey(word); k != key {
					wc.errorf("%q belongs with the key %q, not %q", word, k, key)
				}
				pos := 0
				for k := 0; k+1 < len(list); k += 2 {
					if list[k] < 0 || k > 0 && list[k] == 0 {
						wc.errorf("%q: gap %d", word, list[k])
					}
					pos += list[k]
					got = append(got, fmt.Sprintf("%s %d %d", word, pos, list[k+1]))
				}
				if len(list)%2 != 0 {
					wc.errorf("%q: %d numbers, not pairs", word, len(list))
				}
			}
			c.problems = append(c.problems, wc.problems...)
		}
		if v := hex.EncodeToString(words.Sum(nil)[:4]); v != m.Words.Version {
			c.errorf("words' version %s, the manifest says %s", v, m.Words.Version)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			missing, extra := difference(want, got), difference(got, want)
			c.errorf("the word files differ from the entries' words: missing %.10q, not in any entry %.10q", missing, extra)
		}
		report(t, "search index", c.problems)
		t.Logf("%d entries in %d shards, %d word files", total, m.Shards.Files, len(m.Words.Keys))
	})
}

// TestEveryDataFileParses: every .json, .geojson and .xml file of the
// build parses.
// entryWords are the words of the entry at pos, as "word pos where" (see
// internal/export/searchwords.go): each once, at the first field holding it.
func entryWords(pos int, stem func(string) string, fields ...string) []string {
	var out []string
	seen := map[string]bool{}
	for f, text := range fields {
		for i, w := range searchtext.Tokens(text, stem) {
			if seen[w] {
				continue
			}
			seen[w] = true
			where := f
			if f == 0 {
				where = 4 * i
			}
			out = append(out, fmt.Sprintf("%s %d %d", w, pos, where))
		}
	}
	return out
}

// names are the table's names at idx, joined by spaces.
func names(table []string, idx []int) string {
	var out []string
	for _, i := range idx {
		if i >= 0 && i < len(table) {
			out = append(out, table[i])
		}
	}
	return strings.Join(out, " ")
}

// difference is what of a (sorted) is not in b (sorted).
func difference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

func TestEveryDataFileParses(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		var problems []string
		for file, b := range s.files {
			var err error
			switch {
			case strings.HasSuffix(file, ".json"), strings.HasSuffix(file, ".geojson"):
				var v any
				err = json.Unmarshal(b, &v)
			case strings.HasSuffix(file, ".xml"):
				_, err = parseXML(b)
			}
			if err != nil {
				problems = append(problems, file+": "+err.Error())
			}
		}
		slices.Sort(problems)
		report(t, "data files", problems)
	})
}
