package export

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/testenv"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

type searchManifest struct {
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
	Kinds  [][]string `json:"kinds"`
	Actors []string   `json:"actors"`
	Places []string   `json:"places"`
	Tags   []string   `json:"tags"`
}

type searchRow struct {
	Ref, Title, Date string
	Kind             int
	Actors           []int
	Place            int
	Tags             []int
	Summary          string
	Status           int
	Publishers       int
}

func (r *searchRow) UnmarshalJSON(b []byte) error {
	var f []json.RawMessage
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	if len(f) != 10 {
		return fmt.Errorf("entry has %d fields, want 10: %s", len(f), b)
	}
	for i, dst := range []any{&r.Ref, &r.Title, &r.Date, &r.Kind, &r.Actors, &r.Place, &r.Tags, &r.Summary, &r.Status, &r.Publishers} {
		if err := json.Unmarshal(f[i], dst); err != nil {
			return fmt.Errorf("field %d: %v", i, err)
		}
	}
	return nil
}

// readSearchIndex decodes files, checking that every file is valid JSON
// and the manifest lists every shard and word file.
func readSearchIndex(t *testing.T, files map[string][]byte) (searchManifest, []searchRow) {
	t.Helper()
	var m searchManifest
	if err := json.Unmarshal(files["search/manifest.json"], &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, files["search/manifest.json"])
	}
	if len(files) != m.Shards.Files+len(m.Words.Keys)+1 {
		t.Errorf("%d files, manifest lists %d shards and %d word files", len(files), m.Shards.Files, len(m.Words.Keys))
	}
	if m.Shards.Entries != searchShardEntries || len(m.Shards.Version) != 8 || len(m.Words.Version) != 8 {
		t.Errorf("shards %+v, words' version %q", m.Shards, m.Words.Version)
	}
	for i := range m.Words.Keys {
		var words map[string][]int
		if err := json.Unmarshal(files["search/"+permalink.SearchWords(i)], &words); err != nil {
			t.Errorf("word file %d: %v", i, err)
		}
	}
	var rows []searchRow
	for i := range m.Shards.Files {
		name := fmt.Sprintf("index-%d.json", i)
		data, ok := files["search/"+name]
		if !ok {
			t.Fatalf("no file for shard %q", name)
		}
		var rs []searchRow
		if err := json.Unmarshal(data, &rs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rs) != m.Shards.Entries && (i < m.Shards.Files-1 || len(rs) > m.Shards.Entries) {
			t.Errorf("%s: %d entries, the manifest says %d a shard", name, len(rs), m.Shards.Entries)
		}
		rows = append(rows, rs...)
	}
	if m.Entries != len(rows) {
		t.Errorf("manifest says %d entries, shards hold %d", m.Entries, len(rows))
	}
	return m, rows
}

func TestSearchIndexFormat(t *testing.T) {
	s := testSite(t)
	files := SearchIndex(s)
	m, rows := readSearchIndex(t, files)
	if m.Format != SearchFormat || !reflect.DeepEqual(m.Fields, SearchFields) {
		t.Errorf("format %q fields %q", m.Format, m.Fields)
	}
	if m.Shards.Files != 1 {
		t.Errorf("%d shards for 4 entries", m.Shards.Files)
	}
	wantKinds := [][]string{{"diplomatic", "Diplomatic"}, {"military", "Military"}, {"political", "Political"}, {"humanitarian", "Humanitarian"}, {"economic", "Economic"}}
	if !reflect.DeepEqual(m.Kinds, wantKinds) {
		t.Errorf("kinds = %q", m.Kinds)
	}
	// Ukraine and Russia twice, then the others by name.
	if want := []string{"Russia", "Ukraine", "Saudi Arabia", "United States"}; !reflect.DeepEqual(m.Actors, want) {
		t.Errorf("actors = %q, want %q", m.Actors, want)
	}
	if want := []string{"Jeddah, Saudi Arabia", "Moscow Oblast, Russia", "Moscow, Russia"}; !reflect.DeepEqual(m.Places, want) {
		t.Errorf("places = %q, want %q", m.Places, want)
	}
	if want := []string{"ceasefire", "negotiations"}; !reflect.DeepEqual(m.Tags, want) {
		t.Errorf("tags = %q, want %q", m.Tags, want)
	}
	if len(rows) != len(s.Timeline.Entries) {
		t.Fatalf("%d rows for %d entries", len(rows), len(s.Timeline.Entries))
	}
	byRef := map[string]searchRow{}
	for i, r := range rows {
		if e := s.Timeline.Entries[i]; r.Title != e.Title {
			t.Errorf("row %d is %q, entry is %q: not in timeline order", i, r.Title, e.Title)
		}
		byRef[r.Ref] = r
	}
	talks, ok := byRef["jeddah-talks"]
	if !ok {
		t.Fatalf("no jeddah-talks in %+v", rows)
	}
	names := func(table []string, idx []int) []string {
		var out []string
		for _, i := range idx {
			out = append(out, table[i])
		}
		return out
	}
	if talks.Date != "11 March 2025 – 14 March 2025" || m.Kinds[talks.Kind][0] != "diplomatic" ||
		!reflect.DeepEqual(names(m.Actors, talks.Actors), []string{"United States", "Ukraine", "Saudi Arabia"}) ||
		m.Places[talks.Place] != "Jeddah, Saudi Arabia" ||
		!reflect.DeepEqual(names(m.Tags, talks.Tags), []string{"ceasefire", "negotiations"}) ||
		talks.Summary != `US and Ukrainian officials meet, agree "ceasefire" plan, then leave.` {
		t.Errorf("jeddah-talks = %+v", talks)
	}
	// An event is article#id and has its article's tags.
	ev, ok := byRef["jeddah-talks#moscow-drone-strike"]
	if !ok || ev.Date != "11 March 2025, 04:30 UTC+03:00" || m.Kinds[ev.Kind][0] != "military" || len(ev.Tags) != 2 {
		t.Errorf("event = %+v (found %v)", ev, ok)
	}
	year := byRef["year-of-war"]
	if year.Place != -1 || len(year.Actors) != 0 || year.Summary != "From the body." || year.Date != "2024" {
		t.Errorf("year-of-war = %+v", year)
	}
	if !bytes.Equal(files["search/manifest.json"], SearchIndex(s)["search/manifest.json"]) {
		t.Error("manifest differs from build to build")
	}
}

// bigSite is a synthetic timeline of n entries with lengths like a real
// one's: titles of 40 to 90 characters, summaries of 120 to 260 (cut to
// 160), slugs from titles, 1 to 3 actors of 400, a place of 3,000 on nine
// entries in ten, 1 to 4 tags of 250, one entry in five an event within
// an article, some of the text in Cyrillic.
func bigSite(t testing.TB, n int) *Input {
	cfg := config.Default()
	cfg.BaseURL = "https://example.org/timeline/"
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("forces shelling ceasefire talks drone strike city region officials report " +
		"attack village frontline negotiations humanitarian corridor aid convoy sanctions energy grid " +
		"missile air defence offensive counteroffensive civilians evacuation port grain deal " +
		"Київ Харків обстріл перемовини наступ")
	phrase := func(min, max int) string {
		var b strings.Builder
		for b.Len() < min || (b.Len() < max && r.IntN(4) > 0) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		s := b.String()
		for utf8.RuneCountInString(s) > max {
			s = s[:strings.LastIndexByte(s, ' ')]
		}
		_, size := utf8.DecodeRuneInString(s)
		return strings.ToUpper(s[:size]) + s[size:]
	}
	pool := func(size, min, max int) []string {
		p := make([]string, size)
		for i := range p {
			p[i] = phrase(min, max)
		}
		return p
	}
	names := func(kind string, size int) []string {
		p := make([]string, size)
		for i := range p {
			w := []rune(words[i%len(words)])
			p[i] = fmt.Sprintf("%s%s %s %d", strings.ToUpper(string(w[:1])), string(w[1:]), kind, i)
		}
		return p
	}
	titles, summaries := pool(4000, 36, 84), pool(4000, 120, 260)
	slugs := make([]string, len(titles))
	for i, title := range titles {
		w := strings.Fields(strings.ToLower(title))
		slugs[i] = strings.Join(w[:min(5, len(w))], "-") + "-"
	}
	actors, places, tags := names("actor", 400), names("place", 3000), names("tag", 250)
	kinds := cfg.KindNames()
	start := time.Date(2014, 2, 20, 0, 0, 0, 0, time.UTC)
	arts := make([]*content.Article, 0, n)
	var last *content.Article
	var d date.Date
	for i := range n {
		if i%30 == 0 {
			day := start.AddDate(0, 0, i/30)
			d = date.Date{Year: day.Year(), Month: day.Month(), Day: day.Day(), Precision: date.Day}
		}
		ti := r.IntN(len(titles))
		f := content.Fields{
			Title:   titles[ti] + " " + strconv.Itoa(i),
			Date:    d,
			Kind:    kinds[r.IntN(len(kinds))],
			Summary: summaries[r.IntN(len(summaries))] + ".",
			Status:  "reported",
		}
		for range 1 + r.IntN(3) {
			if a := actors[r.IntN(len(actors))]; !slices.Contains(f.Actors, a) {
				f.Actors = append(f.Actors, a)
			}
		}
		if r.IntN(10) > 0 {
			f.Location = &content.Place{Name: places[r.IntN(len(places))], Country: "Ukraine"}
		}
		slug := slugs[ti] + strconv.Itoa(i)
		if last != nil && i%5 == 4 {
			last.Events = append(last.Events, &content.Event{ID: slug, Fields: f})
			continue
		}
		a := &content.Article{Path: "content/" + slug + ".md", Slug: slug, Fields: f}
		for range 1 + r.IntN(4) {
			if tag := tags[r.IntN(len(tags))]; !slices.Contains(a.Tags, tag) {
				a.Tags = append(a.Tags, tag)
			}
		}
		arts = append(arts, a)
		last = a
	}
	tl, ds := timeline.New(arts, kinds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return &Input{Config: &cfg, Timeline: tl}
}

// TestSearchIndexSize checks that the index of a 100,000-entry site stays
// small where a search loads it: no shard over 8 KiB, a manifest under
// 128 KiB (with 3,000 places), no word file over 1 MiB; and small in all:
// shards under 340 bytes an entry (measured: 331, 75 gzipped) and words
// under 400 (measured: 162). Files are checked for valid JSON and counted;
// the first and last shards are decoded.
func TestSearchIndexSize(t *testing.T) {
	// 20,000 under -race, which watches the rows made in parallel and is
	// 20 times slower; make test also runs the 100,000 without it.
	n := 100_000
	if testing.Short() || testenv.Race {
		n = 20_000
	}
	s := bigSite(t, n)
	begin := time.Now()
	files := SearchIndex(s)
	took := time.Since(begin)
	var m searchManifest
	if err := json.Unmarshal(files["search/manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if len(files) != m.Shards.Files+len(m.Words.Keys)+1 {
		t.Errorf("%d files, manifest lists %d shards and %d word files", len(files), m.Shards.Files, len(m.Words.Keys))
	}
	var shards, words, gzSample, sample, biggest, biggestWords, rows int
	for name, data := range files {
		if !json.Valid(data) {
			t.Errorf("%s is not valid JSON", name)
		}
		if name == "search/manifest.json" {
			continue
		}
		if strings.HasPrefix(name, "search/words-") {
			words += len(data)
			biggestWords = max(biggestWords, len(data))
			continue
		}
		shards += len(data)
		if strings.HasSuffix(name, "0.json") {
			// gzip a tenth, for the ratio.
			gzSample += gzipSize(data)
			sample += len(data)
		}
		biggest = max(biggest, len(data))
		rows += bytes.Count(data, []byte("\n")) - 2 // "[", rows, "]"
	}
	if rows != n || m.Entries != n {
		t.Errorf("%d rows, manifest says %d, for %d entries", rows, m.Entries, n)
	}
	for _, i := range []int{0, m.Shards.Files - 1} {
		var rs []searchRow
		if err := json.Unmarshal(files["search/"+permalink.SearchShard(i)], &rs); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if c := utf8.RuneCountInString(r.Summary); c > searchSummaryRunes || c < 40 {
				t.Fatalf("summary of %d characters: %q", c, r.Summary)
			}
			if r.Kind < 0 || r.Kind >= len(m.Kinds) || r.Place >= len(m.Places) || r.Ref == "" || r.Title == "" {
				t.Fatalf("bad row %+v", r)
			}
		}
	}
	gz := int(float64(shards) * float64(gzSample) / float64(sample))
	manifest := len(files["search/manifest.json"])
	t.Logf("%d entries: %d shards, %d bytes (%.0f an entry), about %d gzipped (%.0f an entry); largest shard %d bytes; "+
		"%d word files, %d bytes (%.0f an entry), largest %d bytes; manifest %d bytes, %d gzipped (%d actors, %d places, %d tags); made in %v",
		n, m.Shards.Files, shards, float64(shards)/float64(n), gz, float64(gz)/float64(n), biggest,
		len(m.Words.Keys), words, float64(words)/float64(n), biggestWords,
		manifest, gzipSize(files["search/manifest.json"]), len(m.Actors), len(m.Places), len(m.Tags), took)
	if per := shards / n; per > 340 {
		t.Errorf("shards: %d bytes an entry, want at most 340", per)
	}
	if per := words / n; per > 400 {
		t.Errorf("words: %d bytes an entry, want at most 400", per)
	}
	if biggest > 8<<10 {
		t.Errorf("largest shard is %d bytes, want at most 8 KiB", biggest)
	}
	if biggestWords > 1<<20 {
		t.Errorf("largest word file is %d bytes, want at most 1 MiB", biggestWords)
	}
	if manifest > 128<<10 {
		t.Errorf("manifest is %d bytes, want at most 128 KiB", manifest)
	}
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestSearchJS runs testdata/js/search_test.js under Node: the pure
// functions of static/js/search.js (folding, tokens, ranking), and a search
// over the index of the test site, read as the browser reads it.
func TestSearchJS(t *testing.T) {
	if testenv.Race {
		// Node does the work; the Go side's goroutines are raced in
		// TestSearchIndexSize. make test runs this without -race.
		t.Skip("runs without -race")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	dir := t.TempDir()
	// Three sites: the test site, and sites of 1,000 entries in English
	// and in Ukrainian, whose words the Ukrainian stemmer takes.
	en, uk := bigSite(t, 1000), bigSite(t, 1000)
	uk.Config.Language = "uk"
	sites := []string{"test", "en", "uk"}
	for i, s := range []*Input{testSite(t), en, uk} {
		for name, data := range SearchIndex(s) {
			p := filepath.Join(dir, sites[i], filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, script := range []string{"search_test.js", "filters_test.js"} {
		cmd := exec.Command(node, filepath.Join("testdata", "js", script), filepath.Join("..", "..", "static", "js"),
			filepath.Join(dir, "test"), filepath.Join(dir, "en"), filepath.Join(dir, "uk"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("node %s: %v\n%s", script, err, out)
		} else if testing.Verbose() {
			t.Logf("node %s:\n%s", script, out)
		}
	}
}

// BenchmarkSearchIndex makes the index of 100,000 entries: rows, words
// and files.
func BenchmarkSearchIndex(b *testing.B) {
	s := bigSite(b, 100_000)
	b.ResetTimer()
	for range b.N {
		SearchIndex(s)
	}
}
