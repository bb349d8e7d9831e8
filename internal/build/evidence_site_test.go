package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// evidenceSite uses every field of sources, attribution, corrections and
// withdrawals (docs/sources.md).
func evidenceSite(t *testing.T) map[string][]byte {
	t.Helper()
	dir := sitetest.New(t, map[string]string{
		"timeline.yaml": "title: Evidence\nbase_url: https://example.org/tl/\n",
		"content/jeddah.md": testArticle("Ukraine accepts a ceasefire proposal", "2025-03-11", "diplomatic",
			"status: confirmed\nactors: [Ukraine]\nlocation: {name: Jeddah, country: Saudi Arabia, lat: 21.5, lon: 39.2}\n"+
				"sources:\n"+
				"  - title: Joint statement on the Jeddah meeting\n    publisher: US Department of State\n    url: https://state.example/statement\n    date: 2025-03-11\n"+
				"    archive_url: https://archive.example/20250312/https://state.example/statement\n    archived: 2025-03-12\n    url_status: dead\n"+
				"    quote: \"Ukraine expressed readiness to accept the U.S. proposal\"\n    type: primary\n"+
				"  - {title: Talks in Jeddah, publisher: Example Wire, url: \"https://wire.example/jeddah\", archive_url: \"https://archive.example/2/https://wire.example/jeddah\", archived: 2025-03-13}\n"+
				"  - {title: Same wire again, publisher: example wire, url: \"https://wire.example/jeddah-2\"}\n"+
				"updated: 2025-03-14\ncorrections:\n  - {date: 2025-03-13, text: \"An earlier version named the wrong city.\"}\n  - {date: 2025-03-14, text: \"An earlier version gave the number injured as 18; the governor later said 21.\"}\n"+
				"events:\n  - id: drone-claim\n    title: Drones downed over Kursk\n    kind: military\n    status: disputed\n    attributed_to: [Ministry of Defence of Russia]\n"+
				"    sources: [{title: Statement, publisher: Ministry of Defence of Russia, url: \"https://mod.example/s\"}]\n"+
				"  - id: fake-video\n    title: A video of a strike\n    kind: military\n    withdrawn: {date: 2025-04-02, reason: \"The video was shown to be from 2022.\"}\n",
			"The story of the talks."),
		"content/withdrawn.md": testArticle("A strike that was not", "2025-03-12", "military",
			"actors: [Ukraine]\nlocation: {name: Kharkiv, country: Ukraine, lat: 50, lon: 36.2}\ntags: [strikes]\n"+
				"sources: [{title: Post, url: \"https://social.example/p/1\"}]\n"+
				"withdrawn: {date: 2025-04-01, reason: \"The video was shown to be from 2022.\"}\n"+
				"events:\n  - id: withdrawn-event\n    title: Its event\n",
			"The withdrawn story body."),
		"content/later.md": testArticle("Later entry", "2025-03-20", "military", "summary: Later.\nrelated: [withdrawn]\n", "See [[withdrawn]]."),
	})
	return buildMemory(t, options(dir))
}

func page(t *testing.T, files map[string][]byte, name string) string {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("no %s", name)
	}
	return string(b)
}

func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: no %q", what, w)
		}
	}
}

func lacks(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("%s: has %q", what, w)
		}
	}
}

func TestEntryPageShowsSourcesAndHistory(t *testing.T) {
	t.Parallel()
	files := evidenceSite(t)
	p := page(t, files, "events/jeddah/index.html")
	contains(t, "entry page", p,
		// A dead original: the archived copy first, then the original marked dead.
		`<li class="source source-gone"><a href="https://archive.example/20250312/https://state.example/statement" rel="noopener"><cite>Joint statement on the Jeddah meeting</cite></a>, <span class="publisher">US Department of State</span>, <time datetime="2025-03-11">11 March 2025</time> <span class="archived">(archived copy of <time datetime="2025-03-12">12 March 2025</time>; <a href="https://state.example/statement" rel="noopener nofollow">original link dead</a>)</span> <span class="source-type">primary source</span>`,
		`<blockquote class="source-quote"><p dir="auto">Ukraine expressed readiness to accept the U.S. proposal</p></blockquote>`,
		// A live original: the original first, then its archived copy.
		`<a href="https://wire.example/jeddah" rel="noopener"><cite>Talks in Jeddah</cite></a>, <span class="publisher">Example Wire</span> <span class="archived">(<a href="https://archive.example/2/https://wire.example/jeddah" rel="noopener">archived copy</a> of <time datetime="2025-03-13">13 March 2025</time>)</span>`,
		`<p class="updated">Updated <time datetime="2025-03-14">14 March 2025</time></p>`,
		`Correction, <time datetime="2025-03-13">13 March 2025</time>:</span> An earlier version named the wrong city.`,
		`the governor later said 21.`,
		// Two publishers: "example wire" is Example Wire again.
		`· 2 independent publishers`,
		// The attributed event.
		`<p class="attribution">According to <bdi>Ministry of Defence of Russia</bdi></p>`,
		// The withdrawn event keeps its section, with the notice instead of its story.
		`<section id="fake-video"`, `<strong>Withdrawn</strong> on <time datetime="2025-04-02">2 April 2025</time>. The video was shown to be from 2022.`,
	)
}

func TestWithdrawnEntryKeepsItsPageAndLeavesTheListings(t *testing.T) {
	t.Parallel()
	files := evidenceSite(t)
	p := page(t, files, "events/withdrawn/index.html")
	contains(t, "withdrawn page", p, `<div class="withdrawn-notice" role="note">`, `The video was shown to be from 2022.`, `<h1 id="title">A strike that was not</h1>`)
	lacks(t, "withdrawn page", p, "The withdrawn story body.", `rel="next"`, `rel="prev"`, `Its event`)
	for _, name := range []string{"index.html", "years/2025/index.html", "kinds/military/index.html", "actors/ukraine/index.html", "map/index.html", "feed.xml", "feed.json", "data/events.geojson", "data/timeline.json", "events/jeddah/index.html"} {
		lacks(t, name, page(t, files, name), "A strike that was not", "/events/withdrawn/\"", "Its event")
	}
	for _, name := range []string{"places/kharkiv/index.html", "tags/strikes/index.html"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s: a place or tag only a withdrawn entry names has a page", name)
		}
	}
	// Not even as a related entry.
	lacks(t, "later", page(t, files, "events/later/index.html"), `id="related-heading"`)
	for name, b := range files {
		if strings.HasPrefix(name, "search/") {
			lacks(t, name, string(b), "A strike that was not", "A video of a strike")
		}
	}
	// The link to it still leads to its page.
	contains(t, "later", page(t, files, "events/later/index.html"), `href="/tl/events/withdrawn/"`)
	contains(t, "sitemap", page(t, files, "sitemap.xml"), "https://example.org/tl/events/withdrawn/")
}

func TestCorrectionsLog(t *testing.T) {
	t.Parallel()
	files := evidenceSite(t)
	p := page(t, files, "corrections/index.html")
	order := []string{"2 April 2025", "A video of a strike", "1 April 2025", "A strike that was not", "14 March 2025", "the governor later said 21", "13 March 2025", "the wrong city"}
	last := -1
	for _, w := range order {
		i := strings.Index(p, w)
		if i < last {
			t.Errorf("corrections log: %q out of order (newest first)", w)
		}
		last = i
	}
	contains(t, "corrections log", p, `<a href="/tl/events/jeddah/#fake-video" dir="auto">A video of a strike</a>`, `<a href="/tl/events/withdrawn/" dir="auto">A strike that was not</a>`, `<a href="/tl/events/jeddah/" dir="auto">Ukraine accepts a ceasefire proposal</a>`)
	lacks(t, "corrections log", p, "Its event") // withdrawn with its article, not again
	x := page(t, files, "corrections.xml")
	contains(t, "corrections.xml", x,
		"<updated>2025-04-02T00:00:00Z</updated>",
		"<id>https://example.org/tl/events/jeddah/#correction-2</id>",
		"<id>https://example.org/tl/events/withdrawn/#withdrawn</id>",
		"<title>Withdrawn: A strike that was not</title>")
	contains(t, "footer", page(t, files, "index.html"), `<a href="/tl/corrections/">Corrections and withdrawals</a>`)
}

func TestStructuredDataAndFeedsCarryTheHistory(t *testing.T) {
	t.Parallel()
	files := evidenceSite(t)
	p := page(t, files, "events/jeddah/index.html")
	contains(t, "JSON-LD", p, `"dateModified":"2025-03-14"`, `"@type":"CorrectionComment","text":"An earlier version named the wrong city.","datePublished":"2025-03-13"`,
		`"citation":[{"@type":"CreativeWork","name":"Joint statement on the Jeddah meeting","url":"https://state.example/statement"`, `"archivedAt":"https://archive.example/20250312/https://state.example/statement"`)
	contains(t, "Atom", page(t, files, "feed.xml"), "<updated>2025-03-14T00:00:00Z</updated>")
	contains(t, "JSON Feed", page(t, files, "feed.json"), `"date_modified": "2025-03-14T00:00:00Z"`)

	var data struct {
		Entries []struct {
			Slug         string   `json:"slug"`
			Publishers   int      `json:"publishers"`
			AttributedTo []string `json:"attributed_to"`
			Updated      *string  `json:"updated"`
			Corrections  []struct{ Date, Text string }
			Withdrawn    *struct{ Date, Reason string }
			Sources      []struct {
				ArchiveURL string  `json:"archive_url"`
				Archived   *string `json:"archived"`
				URLStatus  string  `json:"url_status"`
				Quote      string  `json:"quote"`
				Type       string  `json:"type"`
			}
		}
	}
	if err := json.Unmarshal(files["data/events.json"], &data); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for i, e := range data.Entries {
		got[e.Slug] = i
	}
	for _, s := range []string{"jeddah", "drone-claim", "fake-video", "withdrawn", "withdrawn-event", "later"} {
		if _, ok := got[s]; !ok {
			t.Errorf("events.json: no %s (withdrawn entries stay, marked)", s)
		}
	}
	j := data.Entries[got["jeddah"]]
	if j.Publishers != 2 || j.Updated == nil || *j.Updated != "2025-03-14" || len(j.Corrections) != 2 || j.Withdrawn != nil ||
		j.Sources[0].ArchiveURL == "" || *j.Sources[0].Archived != "2025-03-12" || j.Sources[0].URLStatus != "dead" || j.Sources[0].Quote == "" || j.Sources[0].Type != "primary" {
		t.Errorf("events.json jeddah: %+v", j)
	}
	if w := data.Entries[got["withdrawn-event"]].Withdrawn; w == nil || w.Date != "2025-04-01" {
		t.Errorf("events.json: an event of a withdrawn article is withdrawn with it: %+v", w)
	}
	if d := data.Entries[got["drone-claim"]]; len(d.AttributedTo) != 1 || d.Publishers != 1 {
		t.Errorf("events.json drone-claim: %+v", d)
	}

	recs, err := csv.NewReader(bytes.NewReader(files["data/events.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, r := range recs[1:] {
		if r[col["event_id_cnty"]] == "jeddah" {
			if r[col["source_url_status"]] != "dead | live | live" || r[col["publishers"]] != "2" || r[col["updated"]] != "2025-03-14" ||
				!strings.HasPrefix(r[col["corrections"]], "2025-03-13: An earlier version named the wrong city. | 2025-03-14: ") {
				t.Errorf("events.csv jeddah: %q", r)
			}
		}
		if r[col["event_id_cnty"]] == "withdrawn" && r[col["withdrawn"]] != "2025-04-01" {
			t.Errorf("events.csv withdrawn: %q", r)
		}
	}
}

func TestVerificationSummaryAndStatusPages(t *testing.T) {
	t.Parallel()
	files := evidenceSite(t)
	home := page(t, files, "index.html")
	contains(t, "home", home,
		// Counts by status, and the withdrawn, linked to their pages.
		`<li><a href="/tl/status/confirmed/"><span class="count">1</span> confirmed</a></li>`,
		`<li><a href="/tl/status/reported/"><span class="count">1</span> reported</a></li>`,
		`<li><a href="/tl/status/disputed/"><span class="count">1</span> disputed</a></li>`,
		`<li><a href="/tl/corrections/"><span class="count">3</span> withdrawn</a></li>`,
		// Each card: its status, linked to its page, and its publishers.
		`<li class="entry k-diplomatic" data-status="confirmed">`,
		`<a class="status status-confirmed" href="/tl/status/confirmed/"><span class="visually-hidden">Status: </span>confirmed</a> <span class="publishers">· 2 independent publishers</span>`,
		`<span class="publishers">· 1 publisher</span>`,
		`<span class="publishers">· no source cited</span>`,
		`js/filters.js`,
	)
	disputed := page(t, files, "status/disputed/index.html")
	contains(t, "status/disputed", disputed, "Drones downed over Kursk", `<a href="/tl/status/" dir="auto">Status</a>`)
	lacks(t, "status/disputed", disputed, "Later entry", `data-status="confirmed"`)
	contains(t, "status index", page(t, files, "status/index.html"), `href="/tl/status/confirmed/"`, `href="/tl/status/disputed/"`)

	var shard [][]json.RawMessage
	if err := json.Unmarshal(files["search/index-0.json"], &shard); err != nil {
		t.Fatal(err)
	}
	for _, row := range shard {
		if string(row[0]) == `"jeddah"` && (string(row[8]) != "1" || string(row[9]) != "2") {
			t.Errorf("search row of jeddah: status %s, publishers %s; want 1 (confirmed), 2", row[8], row[9])
		}
	}
}

func TestCorrectionsLogPaginates(t *testing.T) {
	t.Parallel()
	files := map[string]string{"timeline.yaml": "title: Many\nfeed_entries: 5\nbase_url: https://example.org/\n"}
	for i := range 6 {
		var b strings.Builder
		b.WriteString("corrections:\n")
		for j := range 20 {
			fmt.Fprintf(&b, "  - {date: 2025-04-%02d, text: \"Correction %d of %d\"}\n", j+1, j, i)
		}
		files[fmt.Sprintf("content/a%d.md", i)] = testArticle(fmt.Sprint("A", i), "2025-03-11", "military", b.String(), "Body.")
	}
	out := buildMemory(t, options(sitetest.New(t, files)))
	first, second := page(t, out, "corrections/index.html"), page(t, out, "corrections/page/2/index.html")
	if n := strings.Count(first, "<li class=\"notice-correction\">"); n != 100 {
		t.Errorf("first page lists %d corrections, want 100", n)
	}
	if n := strings.Count(second, "<li class=\"notice-correction\">"); n != 20 {
		t.Errorf("second page lists %d corrections, want 20", n)
	}
	contains(t, "first page", first, `href="/corrections/page/2/" rel="next"`, "20 April 2025")
	contains(t, "second page", second, "1 April 2025", "Page 2 of 2")
	if n := strings.Count(page(t, out, "corrections.xml"), "<entry>"); n != 5 {
		t.Errorf("corrections.xml has %d entries, want feed_entries (5)", n)
	}
}
