package export

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen/internal/browsertest"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/searchtext"
)

// searchPage is the search page's markup as templates/search.html makes
// it, what search.js needs of it.
const searchPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body>
<form role="search" action="/" method="get" data-search data-base="/" data-lang="en">
<input type="search" id="search-q" name="q"><button type="submit">Search</button></form>
<p id="search-status" role="status"></p><ol id="search-results"></ol>
<p><button type="button" id="search-more" hidden>Show more</button></p>
<script src="/js/stem.js" defer></script><script src="/js/search.js" defer></script>
</body></html>`

// TestSearchPageLoadsWhatItShows searches a 3,000-entry index in headless
// Chromium: the page shows the first 50 of every match, fetching the
// manifest, the word file of the query's word and the shards of the
// results shown, nothing else; "Show more" fetches the shards of the next
// 50 only.
func TestSearchPageLoadsWhatItShows(t *testing.T) {
	ctx := browsertest.Start(t)
	s := bigSite(t, 3000)
	files := SearchIndex(s)
	var mu sync.Mutex
	var fetched []string
	static := filepath.Join("..", "..", "static", "js")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		switch {
		case name == "":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(searchPage))
		case strings.HasPrefix(name, "js/"):
			b, err := os.ReadFile(filepath.Join(static, strings.TrimPrefix(name, "js/")))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(b)
		case files[name] != nil:
			mu.Lock()
			fetched = append(fetched, name)
			mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			w.Write(files[name])
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	took := func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := slices.Clone(fetched)
		fetched = fetched[:0]
		slices.Sort(out)
		return out
	}

	// Which shard holds each entry, and how many entries hold a word
	// starting with "forces": the count the page must give.
	m, rows := readSearchIndex(t, files)
	shardOf := map[string]string{} // ref → shard
	for i, r := range rows {
		shardOf[r.Ref] = "search/" + permalink.SearchShard(i/m.Shards.Entries)
	}
	want := 0
	pick := func(table []string, idx []int) (out []string) {
		for _, i := range idx {
			out = append(out, table[i])
		}
		return out
	}
	for _, r := range rows {
		text := strings.Join(append(pick(m.Actors, r.Actors), append(pick(m.Tags, r.Tags), r.Title, r.Summary, r.Date, m.Kinds[r.Kind][0], m.Kinds[r.Kind][1])...), " ")
		if r.Place >= 0 {
			text += " " + m.Places[r.Place]
		}
		if slices.ContainsFunc(searchtext.Tokens(text, nil), func(w string) bool { return strings.HasPrefix(w, "forces") }) {
			want++
		}
	}
	if want <= 100 {
		t.Fatalf("%d entries hold forces: too few to show more", want)
	}

	step := func(d time.Duration) context.Context {
		c, cancel := context.WithTimeout(ctx, d)
		t.Cleanup(cancel)
		return c
	}
	shown := func(n int) []string {
		js := fmt.Sprintf(`document.querySelectorAll('#search-results li').length >= %d && document.getElementById('search-status').textContent.endsWith('.')`, n)
		for range 100 {
			if ok, err := chromedp.Run(step(10*time.Second), chromedp.Evaluate[bool](js)); err != nil {
				t.Fatal(err)
			} else if ok {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		hrefs, err := chromedp.Run(step(10*time.Second),
			chromedp.Evaluate[[]string](`[...document.querySelectorAll('#search-results li h2 a')].map(a => new URL(a.href).pathname + new URL(a.href).hash)`))
		if err != nil {
			t.Fatal(err)
		}
		status, err := chromedp.Run(step(10*time.Second), chromedp.Evaluate[string](`document.getElementById('search-status').textContent`))
		if err != nil {
			t.Fatal(err)
		}
		if len(hrefs) != n || !strings.HasPrefix(strings.ReplaceAll(status, ",", ""), fmt.Sprintf("%d results", want)) {
			t.Fatalf("%d results shown, status %q; want %d shown of %d", len(hrefs), status, n, want)
		}
		return hrefs
	}
	// The shards the page needs for hrefs.
	shardsOf := func(hrefs []string) []string {
		var out []string
		for _, h := range hrefs {
			ref, err := url.PathUnescape(strings.Replace(strings.Trim(strings.TrimPrefix(h, "/events/"), "/"), "/#", "#", 1))
			if err != nil {
				t.Fatal(err)
			}
			sh, ok := shardOf[ref]
			if !ok {
				t.Fatalf("result %s is no entry of the index", h)
			}
			if !slices.Contains(out, sh) {
				out = append(out, sh)
			}
		}
		slices.Sort(out)
		return out
	}

	if err := chromedp.Do(step(20*time.Second), chromedp.Navigate(srv.URL+"/?q=forces")); err != nil {
		t.Fatal(err)
	}
	first := shown(50)
	wantFiles := append([]string{"search/manifest.json", "search/" + permalink.SearchWords(slices.Index(m.Words.Keys, "fo"))}, shardsOf(first)...)
	slices.Sort(wantFiles)
	got := took()
	if !slices.Equal(got, wantFiles) {
		t.Errorf("the first 50 results fetched %q, want %q", got, wantFiles)
	}
	var bytes, all int
	for _, f := range got {
		bytes += len(files[f])
	}
	for _, b := range files {
		all += len(b)
	}
	t.Logf("first search: %d of %d files, %d of %d bytes", len(got), len(files), bytes, all)

	if _, err := chromedp.Run(step(10*time.Second), chromedp.Evaluate[chromedp.Void](`document.getElementById('search-more').click()`)); err != nil {
		t.Fatal(err)
	}
	next := shown(100)
	if !slices.Equal(next[:50], first) {
		t.Errorf("show more changed the first 50 results")
	}
	var need []string
	for _, sh := range shardsOf(next[50:]) {
		if !slices.Contains(wantFiles, sh) {
			need = append(need, sh)
		}
	}
	if got := took(); !slices.Equal(got, need) {
		t.Errorf("show more fetched %q, want %q", got, need)
	}
	focused, err := chromedp.Run(step(10*time.Second), chromedp.Evaluate[string](`new URL(document.activeElement.href).pathname + new URL(document.activeElement.href).hash`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != next[50] {
		t.Errorf("focus on %q after show more, want the first new result %q", focused, next[50])
	}
}
