package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// resolve knows a few entries, like the site's resolver would.
func resolve(target string) (string, error) {
	switch target {
	case "jeddah-talks":
		return "../jeddah-talks/", nil
	case "jeddah-talks#ceasefire-proposal":
		return "../jeddah-talks/#ceasefire-proposal", nil
	case "#moscow-drone-strike":
		return "#moscow-drone-strike", nil
	case "jedah-talks":
		return "", fmt.Errorf(`no entry "jedah-talks" (did you mean "jeddah-talks"?)`)
	}
	return "", fmt.Errorf("no entry %q", target)
}

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name    string
		unsafe  bool
		md      string
		want    []string // fragments that must appear
		notWant []string // fragments that must not
	}{
		{
			name: "table",
			md:   "| Side | Killed |\n|---|--:|\n| A | 3 |\n",
			want: []string{"<table>", "<th>Side</th>", `<td style="text-align:right">3</td>`},
		},
		{
			name: "strikethrough",
			md:   "~~ceasefire~~ truce",
			want: []string{"<p><del>ceasefire</del> truce</p>"},
		},
		{
			name: "linkify autolinks",
			md:   "See https://example.org/a and www.example.com.",
			want: []string{`<a href="https://example.org/a">https://example.org/a</a>`, `<a href="http://www.example.com">www.example.com</a>`},
		},
		{
			name: "e-mail autolink",
			md:   "Write to press@example.org.",
			want: []string{`<a href="mailto:press@example.org">press@example.org</a>.`},
		},
		{
			name:    "no bare URL, no autolink",
			md:      "Plain text: example.org.",
			notWant: []string{"<a"},
		},
		{
			name: "angle autolink",
			md:   "<https://example.org>",
			want: []string{`<a href="https://example.org">https://example.org</a>`},
		},
		{
			name: "footnote",
			md:   "Talks resumed.[^1]\n\n[^1]: Per officials.\n",
			want: []string{`<sup id="doc-fnref:1"><a href="#doc-fn:1"`, `<li id="doc-fn:1">`, `href="#doc-fnref:1"`},
		},
		{
			name:    "raw HTML omitted by default",
			md:      "<div class=\"x\">block</div>\n\nInline <b>bold</b>.",
			want:    []string{"<!-- raw HTML omitted -->"},
			notWant: []string{"<div", "<b>"},
		},
		{
			name:   "raw HTML kept with UnsafeHTML",
			unsafe: true,
			md:     "<div class=\"x\">block</div>\n\nInline <b>bold</b>.",
			want:   []string{`<div class="x">block</div>`, "<b>bold</b>"},
		},
		{
			name: "normal links and footnote refs unaffected by wiki-links",
			md:   "[a](https://b.example) [ref][r] [^1] [[jeddah-talks]]\n\n[r]: https://r.example\n[^1]: n\n",
			want: []string{`<a href="https://b.example">a</a>`, `<a href="https://r.example">ref</a>`, `class="footnote-ref"`, `<a href="../jeddah-talks/" class="wikilink">jeddah-talks</a>`},
		},
		{
			name: "wiki-link to entry",
			md:   "[[jeddah-talks]]",
			want: []string{`<p><a href="../jeddah-talks/" class="wikilink">jeddah-talks</a></p>`},
		},
		{
			name: "wiki-link with text",
			md:   "[[jeddah-talks|the Jeddah talks]]",
			want: []string{`<a href="../jeddah-talks/" class="wikilink">the Jeddah talks</a>`},
		},
		{
			name: "wiki-link text wrapped over two lines",
			md:   "See [[jeddah-talks|the Jeddah\ntalks]] now.",
			want: []string{`See <a href="../jeddah-talks/" class="wikilink">the Jeddah talks</a> now.`},
		},
		{
			name: "wiki-link to event of entry",
			md:   "[[jeddah-talks#ceasefire-proposal]]",
			want: []string{`<a href="../jeddah-talks/#ceasefire-proposal" class="wikilink">jeddah-talks#ceasefire-proposal</a>`},
		},
		{
			name: "wiki-link to event on this page shows the id",
			md:   "[[#moscow-drone-strike]]",
			want: []string{`<a href="#moscow-drone-strike" class="wikilink">moscow-drone-strike</a>`},
		},
		{
			name: "wiki-link text is escaped and entities decoded",
			md:   "[[jeddah-talks|US &amp; <Russia>]]",
			want: []string{`class="wikilink">US &amp; &lt;Russia&gt;</a>`},
		},
		{
			name: "wiki-link in table cell with escaped pipe",
			md:   "| a |\n|---|\n| [[jeddah-talks\\|Jeddah]] |\n",
			want: []string{`<td><a href="../jeddah-talks/" class="wikilink">Jeddah</a></td>`},
		},
		{
			name: "unresolved wiki-link",
			md:   "[[jedah-talks|Jeddah]]",
			want: []string{`<span class="wikilink broken">Jeddah</span>`},
		},
		{
			name:    "wiki-link inside a link does not nest anchors",
			md:      "[see [[jeddah-talks|Jeddah]]](https://example.org)",
			want:    []string{`<a href="https://example.org">see <span class="wikilink">Jeddah</span></a>`},
			notWant: []string{`class="wikilink">Jeddah</a>`},
		},
		{
			name:    "wiki-link inside code span untouched",
			md:      "Write `[[jeddah-talks]]` to link.",
			want:    []string{"<code>[[jeddah-talks]]</code>"},
			notWant: []string{"wikilink"},
		},
		{
			name:    "wiki-link inside code block untouched",
			md:      "```\n[[jeddah-talks]]\n```",
			want:    []string{"<pre><code>[[jeddah-talks]]\n</code></pre>"},
			notWant: []string{"wikilink"},
		},
		{
			name:    "escaped bracket is not a wiki-link",
			md:      `\[[jeddah-talks]]`,
			want:    []string{"[[jeddah-talks]]"},
			notWant: []string{"wikilink"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := New(Options{UnsafeHTML: tt.unsafe}).Render([]byte(tt.md), Doc{IDPrefix: "doc-", Resolve: resolve})
			for _, w := range tt.want {
				if !strings.Contains(res.HTML, w) {
					t.Errorf("HTML lacks %q:\n%s", w, res.HTML)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(res.HTML, w) {
					t.Errorf("HTML has %q:\n%s", w, res.HTML)
				}
			}
		})
	}
}

func TestDangerousURLsNeverEmitted(t *testing.T) {
	tests := []struct {
		md   string
		want string // the text that must survive
	}{
		{"[x](javascript:alert(1))", "x"},
		{"[x](JavaScript:alert(1))", "x"},
		{"[x](<java\tscript:alert(1)>)", "x"},
		{"[x](<\x01 javascript:alert(1)>)", "x"},
		{"[x](&#106;avascript:alert(1))", "x"},
		{"[x](javascript&colon;alert(1))", "x"},
		{"[x](vbscript:msgbox)", "x"},
		{"[x](data:text/html;base64,PHNjcmlwdD4=)", "x"},
		{"[x](data:image/png;base64,AAAA)", "x"}, // data: is for images only
		{"[x][r]\n\n[r]: javascript:alert(1)", "x"},
		{"![pic](javascript:alert(1))", "pic"},
		{"![pic](data:image/svg+xml;base64,AAAA)", "pic"},
		{"<javascript:alert(1)>", "javascript:alert(1)"},
		{"<JAVASCRIPT:alert(1)>", "JAVASCRIPT:alert(1)"},
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{UnsafeHTML: unsafe})
		for _, tt := range tests {
			html := r.Render([]byte(tt.md), Doc{}).HTML
			low := strings.ToLower(html)
			if strings.Contains(low, "href") || strings.Contains(low, "src=") {
				t.Errorf("unsafe=%v %q: emitted a URL: %s", unsafe, tt.md, html)
			}
			if !strings.Contains(html, tt.want) {
				t.Errorf("unsafe=%v %q: lost the text %q: %s", unsafe, tt.md, tt.want, html)
			}
		}
	}
}

func TestSafeURLsKept(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		html := New(Options{UnsafeHTML: unsafe}).Render([]byte(
			"[a](https://example.org/x?q=1) [b](../jeddah-talks/) ![c](data:image/png;base64,AAAA)"), Doc{}).HTML
		for _, w := range []string{`href="https://example.org/x?q=1"`, `href="../jeddah-talks/"`, `src="data:image/png;base64,AAAA"`} {
			if !strings.Contains(html, w) {
				t.Errorf("unsafe=%v: lacks %s: %s", unsafe, w, html)
			}
		}
	}
}

func TestFootnotePrefixPerDocument(t *testing.T) {
	r := New(Options{})
	md := []byte("Claim.[^a]\n\n[^a]: Source.\n")
	a := r.Render(md, Doc{IDPrefix: "moscow-talks-"}).HTML
	b := r.Render(md, Doc{IDPrefix: "jeddah-talks-"}).HTML
	for _, w := range []string{`id="moscow-talks-fnref:1"`, `id="moscow-talks-fn:1"`, `href="#moscow-talks-fn:1"`} {
		if !strings.Contains(a, w) {
			t.Errorf("lacks %s: %s", w, a)
		}
	}
	if !strings.Contains(b, `id="jeddah-talks-fn:1"`) || strings.Contains(b, "moscow") {
		t.Errorf("second document has wrong footnote ids: %s", b)
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		name     string
		md       string
		reserved []string
		want     []Heading
	}{
		{
			name: "ukrainian",
			md:   "# Битва за Київ",
			want: []Heading{{2, "битва-за-київ", "Битва за Київ"}},
		},
		{
			name: "ukrainian and russian stay distinct",
			md:   "## Переговори в Джидді\n## Переговоры в Джидде",
			want: []Heading{{2, "переговори-в-джидді", "Переговори в Джидді"}, {2, "переговоры-в-джидде", "Переговоры в Джидде"}},
		},
		{
			name: "punctuation collapses, ends trimmed",
			md:   "## — Talks: U.S. & Russia (2025) —",
			want: []Heading{{2, "talks-u-s-russia-2025", "— Talks: U.S. & Russia (2025) —"}},
		},
		{
			name: "id from text, not markup",
			md:   "## [Kyiv](https://example.org) *under* `fire` [[jeddah-talks|Jeddah]]",
			want: []Heading{{2, "kyiv-under-fire-jeddah", "Kyiv under fire Jeddah"}},
		},
		{
			name: "duplicates numbered",
			md:   "## Aftermath\n## Aftermath\nAftermath\n---",
			want: []Heading{{2, "aftermath", "Aftermath"}, {2, "aftermath-1", "Aftermath"}, {2, "aftermath-2", "Aftermath"}},
		},
		{
			name: "empty becomes section",
			md:   "## ???\n## !!!",
			want: []Heading{{2, "section", "???"}, {2, "section-1", "!!!"}},
		},
		{
			name:     "reserved ids avoided",
			md:       "# Main\n## Moscow drone strike\n## Top",
			reserved: []string{"main", "moscow-drone-strike", "top", "top-1"},
			want:     []Heading{{2, "main-1", "Main"}, {2, "moscow-drone-strike-1", "Moscow drone strike"}, {2, "top-2", "Top"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := New(Options{}).Render([]byte(tt.md), Doc{ReservedIDs: tt.reserved, Resolve: resolve})
			if !reflect.DeepEqual(res.Headings, tt.want) {
				t.Errorf("headings = %+v\nwant      %+v", res.Headings, tt.want)
			}
			for _, h := range tt.want {
				if !strings.Contains(res.HTML, fmt.Sprintf(`<h%d id="%s">`, h.Level, h.ID)) {
					t.Errorf("HTML lacks heading id %q: %s", h.ID, res.HTML)
				}
			}
		})
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name    string
		md      string
		resolve Resolver
		want    []Problem
	}{
		{
			name:    "resolved: none",
			md:      "[[jeddah-talks]] [[#moscow-drone-strike]]",
			resolve: resolve,
		},
		{
			name:    "unresolved on line 3 col 5",
			md:      "Intro.\n\nSee [[jedah-talks]] too.",
			resolve: resolve,
			want:    []Problem{{3, 5, `no entry "jedah-talks" (did you mean "jeddah-talks"?)`}},
		},
		{
			name:    "column counts characters, not bytes",
			md:      "Див. [[київ]]",
			resolve: resolve,
			want:    []Problem{{1, 6, `no entry "київ"`}},
		},
		{
			name:    "in order, including footnotes and headings",
			md:      "# [[a]]\n\n[^1]: [[b]]\n\nx[^1] [[c]]",
			resolve: resolve,
			want:    []Problem{{1, 3, `no entry "a"`}, {3, 7, `no entry "b"`}, {5, 7, `no entry "c"`}},
		},
		{
			name: "nil resolver: every wiki-link is a problem",
			md:   "[[jeddah-talks]]",
			want: []Problem{{1, 1, "cannot resolve wiki-link [[jeddah-talks]]"}},
		},
		{
			name:    "empty wiki-link",
			md:      "x [[ ]]",
			resolve: resolve,
			want:    []Problem{{1, 3, "empty wiki-link"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(Options{}).Render([]byte(tt.md), Doc{Resolve: tt.resolve}).Problems
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems = %+v\nwant       %+v", got, tt.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("Negotiators met again in Riyadh. ", 20) // 660 chars
	tests := []struct {
		name string
		md   string
		want string
	}{
		{
			name: "first paragraph, markup stripped, entities decoded",
			md:   "# Title\n\n- a list item\n\n```\ncode\n```\n\n![photo](p.jpg)\n\nRussia &amp; the *US* met in [Riyadh](https://x.example)\non `Tuesday` with [[jeddah-talks|the envoys]].[^1] \\*Not\\* &#8220;final&#8221;.\n\nSecond paragraph.\n\n[^1]: note",
			want: "Russia & the US met in Riyadh on Tuesday with the envoys. *Not* “final”.",
		},
		{
			name: "raw HTML dropped",
			md:   "A <b>bold</b> claim.",
			want: "A bold claim.",
		},
		{
			name: "none",
			md:   "## Only a heading",
			want: "",
		},
		{
			name: "cut at a word boundary",
			md:   long,
			want: strings.TrimSpace(long[:297]) + "…", // "...in Riyadh. Negotiators met again in…"
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(Options{}).Render([]byte(tt.md), Doc{Resolve: resolve}).Summary
			if got != tt.want {
				t.Errorf("summary = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestAppendUnescaped(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `plain`},
		{`\*not\* a\b \\`, `*not* a\b \`},
		{`AT&amp;T &copy; &#65;&#x42;&#X43;`, `AT&T © ABC`},
		{`&#0; &#xD800; &#12345678;`, "\uFFFD \uFFFD &#12345678;"},
		{`& &; &bogus; &amp`, `& &; &bogus; &amp`},
		{"nul\x00", "nul\uFFFD"},
	}
	for _, tt := range tests {
		if got := string(appendUnescaped(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("appendUnescaped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestConcurrentRender shares one Renderer between goroutines with
// different prefixes and resolvers; run with -race.
func TestConcurrentRender(t *testing.T) {
	r := New(Options{})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prefix := fmt.Sprintf("doc%d-", g)
			for range 50 {
				res := r.Render([]byte(sampleBody), Doc{IDPrefix: prefix, Resolve: resolve, ReservedIDs: []string{"top"}})
				if !strings.Contains(res.HTML, `id="`+prefix+`fn:1"`) || strings.Count(res.HTML, "fn:1\"") != strings.Count(res.HTML, prefix+"fn:1\"") {
					t.Errorf("goroutine %d: footnote ids leaked between documents", g)
					return
				}
				if len(res.Problems) != 1 || len(res.Headings) != 3 {
					t.Errorf("goroutine %d: problems %v headings %v", g, res.Problems, res.Headings)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// sampleBody is a realistic article of about 600 words.
var sampleBody = `Russia said on Wednesday that it was ready to discuss the ceasefire initiative put forward by the United States after the [[jeddah-talks|talks in Jeddah]], but officials in Moscow stressed that any agreement would have to address what they called the root causes of the conflict. The statement came hours after Ukrainian drones struck oil facilities near the capital ([[#moscow-drone-strike]]).[^1]

## Background

The proposal, agreed by Ukrainian and American delegations in Saudi Arabia, calls for a **30-day** halt to hostilities on land, at sea and in the air, to be extended by mutual consent. Washington resumed intelligence sharing and military aid to Kyiv the same day, reversing a pause that had lasted more than a week. European governments welcomed the move but warned that verification would be difficult along a front line of more than 1,000 kilometres.

Kremlin spokesman Dmitry Peskov told reporters that Moscow was "carefully studying" the document and that President Vladimir Putin would set out his position once the details had been received through diplomatic channels. He declined to say whether Russia would accept the proposal without conditions, noting that "the devil is in the details" and that the Russian side had *not yet* been formally briefed.

| Date | Event | Venue |
|---|---|---|
| 11 March | US–Ukraine talks | Jeddah |
| 12 March | Russian response | Moscow |
| 13 March | Envoy visit | Moscow |

## Reactions

Ukrainian President Volodymyr Zelensky said the ball was now in Russia's court and urged Western partners to press Moscow to agree. "Ukraine is ready for peace," he said in his nightly address, adding that the coming days would show whether Russia wanted to end the war or prolong it. Foreign Minister Andrii Sybiha said Kyiv expected a clear answer within days, and that silence would itself be an answer.

In Brussels, officials said the European Union would continue to support Ukraine and would not ease sanctions until a durable settlement was reached. Several governments, including those of France and the United Kingdom, said they were preparing plans for a possible reassurance force that could be deployed after a ceasefire, although the details remained ~~unclear~~ under discussion. See also [[jedah-talks]] for the earlier round.

- The United States will resume intelligence sharing.
- Ukraine will consider a partial truce on energy infrastructure.
- Prisoner exchanges are to be expanded.

## Military situation

Fighting continued along much of the front. Russian forces claimed further advances in the Kursk region, where Ukrainian units that crossed the border last August have come under increasing pressure. The Ukrainian general staff reported dozens of clashes in the Pokrovsk direction and said air defences had shot down most of the drones launched overnight. Analysts at https://example.org/analysis noted that the tempo of Russian glide-bomb strikes had not slowed.

The drone attack on the Moscow region was among the largest of the war, according to the regional governor, who said that three people had been killed and eighteen injured. Flights at several airports were suspended for hours. Russian officials described the strike as an attempt to derail diplomacy, while Ukrainian sources said the targets were fuel facilities supplying the army. The timing, a day before the Russian response, was noted by observers on both sides.

Further talks are expected when the US special envoy travels to Moscow later in the week. Diplomats cautioned that even if a pause in fighting were agreed, negotiations on a lasting settlement, including territorial questions and security guarantees, would be long and difficult. Markets reacted cautiously, with the rouble and oil prices little changed by the end of the day.

[^1]: Reported by several news agencies; casualty figures are preliminary.
`

// BenchmarkRender renders a ~600-word article; the site budget is 10,000
// of them well within a second on two cores, i.e. well under 200µs/op per
// core. "bare-url" has a bare URL, so linkify runs.
func BenchmarkRender(b *testing.B) {
	bodies := map[string]string{
		"bare-url":    sampleBody,
		"no-bare-url": strings.Replace(sampleBody, "https://example.org/analysis", "the institute", 1),
	}
	for _, name := range []string{"bare-url", "no-bare-url"} {
		b.Run(name, func(b *testing.B) {
			r := New(Options{})
			src := []byte(bodies[name])
			doc := Doc{IDPrefix: "moscow-talks-", Resolve: resolve, ReservedIDs: []string{"main", "top", "moscow-drone-strike"}}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					r.Render(src, doc)
				}
			})
		})
	}
}

func TestBodyH1BecomesH2(t *testing.T) {
	r := New(Options{})
	got := r.Render([]byte("# Top\n\n## Next\n"), Doc{}).HTML
	if strings.Contains(got, "<h1") || !strings.Contains(got, `<h2 id="top">Top</h2>`) {
		t.Errorf("a body h1 must become h2 so the page keeps one h1: %s", got)
	}
}

// A body put aside as it is rendered is the HTML Render would give, and
// Render then gives none; a body Aside refuses is given as ever.
func TestABodyPutAsideIsTheHTML(t *testing.T) {
	for _, tt := range []struct {
		name   string
		unsafe bool
		md     string
	}{
		{"markdown", false, "# Talks\n\nDelegations *meet* in [Riyadh](https://example.org/).\n"},
		{"raw HTML, guarded", true, "<p onclick=\"x()\">Raw</p>\n\n<a href=\"javascript:alert(1)\">x</a>\n"},
	} {
		r := New(Options{UnsafeHTML: tt.unsafe})
		want := r.Render([]byte(tt.md), Doc{}).HTML
		var got []byte
		res := r.Render([]byte(tt.md), Doc{Aside: func(html []byte) bool { got = append(got, html...); return true }})
		if string(got) != want || res.HTML != "" {
			t.Errorf("%s: put aside %q, Render gave %q; want %q put aside and nothing given", tt.name, got, res.HTML, want)
		}
		if res := r.Render([]byte(tt.md), Doc{Aside: func([]byte) bool { return false }}); res.HTML != want {
			t.Errorf("%s: refused, Render gave %q, want %q", tt.name, res.HTML, want)
		}
	}
}
