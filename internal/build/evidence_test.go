package build_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// One case per rule of sources, attribution, corrections and withdrawals
// (docs/sources.md), run by TestContentErrors.
var evidenceRuleCases = []ruleCase{
	{
		name:  "archive_url not http(s)",
		files: map[string]string{"content/a.md": article("A", "sources:\n  - {title: T, url: \"https://example.org/a\", archive_url: \"ftp://archive.example/a\"}\n", "")},
		want:  []string{`content/a.md:6:59: sources: archive_url "ftp://archive.example/a" is not an http or https address`},
	},
	{
		name: "archived before the source's date",
		files: map[string]string{"content/a.md": article("A",
			"sources:\n  - title: T\n    url: https://example.org/a\n    date: 2025-03-11\n    archive_url: https://archive.example/a\n    archived: 2025-03-10\n", "")},
		want: []string{"content/a.md:10:15: sources: archived: 2025-03-10 is before the source's date 2025-03-11"},
	},
	{
		name: "archived the same month as a month-only date is fine",
		files: map[string]string{"content/a.md": article("A",
			"sources:\n  - {title: T, url: \"https://example.org/a\", date: 2025-03, archive_url: \"https://archive.example/a\", archived: 2025-03-01}\n", "")},
	},
	{
		name:  "dead url without archive_url",
		files: map[string]string{"content/a.md": article("A", "sources:\n  - title: T\n    url: https://example.org/a\n    url_status: dead\n", "")},
		want:  []string{"content/a.md:8:17: warning: sources: url_status: dead, and no archive_url"},
	},
	{
		name:   "dead url without archive_url with --strict",
		strict: true,
		files:  map[string]string{"content/a.md": article("A", "sources:\n  - title: T\n    url: https://example.org/a\n    url_status: dead\n", "")},
		want:   []string{"content/a.md:8:17: sources: url_status: dead, and no archive_url"},
	},
	{
		name:  "bad url_status and type",
		files: map[string]string{"content/a.md": article("A", "sources:\n  - {title: T, url_status: gone, type: primery}\n", "")},
		want: []string{
			`content/a.md:6:28: sources: url_status: want live, dead or unfit, got "gone"`,
			`content/a.md:6:40: sources: type: want primary or secondary, got "primery" (did you mean "primary"?)`,
		},
	},
	{
		name:  "unknown source key suggests the new ones",
		files: map[string]string{"content/a.md": article("A", "sources:\n  - {title: T, archive_ur: \"https://archive.example/a\"}\n", "")},
		want:  []string{`content/a.md:6:16: warning: sources: unknown key "archive_ur" (did you mean "archive_url"?)`},
	},
	{
		name:  "correction without a date",
		files: map[string]string{"content/a.md": article("A", "corrections:\n  - {text: \"An earlier version gave 18.\"}\n", "")},
		want:  []string{"content/a.md:6:5: corrections: missing date"},
	},
	{
		name:  "correction without text",
		files: map[string]string{"content/a.md": article("A", "corrections:\n  - {date: 2025-03-14}\n", "")},
		want:  []string{"content/a.md:6:5: corrections: missing text"},
	},
	{
		name:  "corrections out of order",
		files: map[string]string{"content/a.md": article("A", "corrections:\n  - {date: 2025-03-14, text: Second}\n  - {date: 2025-03-12, text: First}\n", "")},
		want:  []string{"content/a.md:7:5: corrections: 2025-03-12 is before the correction above it (2025-03-14): list corrections oldest first"},
	},
	{
		name:  "correction after updated",
		files: map[string]string{"content/a.md": article("A", "updated: 2025-03-14\ncorrections:\n  - {date: 2025-03-15, text: Late}\n", "")},
		want:  []string{"content/a.md:7:5: corrections: 2025-03-15 is after updated 2025-03-14"},
	},
	{
		name:  "withdrawn without a reason",
		files: map[string]string{"content/a.md": article("A", "withdrawn: {date: 2025-04-01}\n", "")},
		want:  []string{"content/a.md:5:12: withdrawn: needs a reason"},
	},
	{
		name:  "withdrawn without a date",
		files: map[string]string{"content/a.md": article("A", "withdrawn: {reason: \"The video was from 2022.\"}\n", "")},
		want:  []string{"content/a.md:5:12: withdrawn: needs a date"},
	},
	{
		name:  "withdrawn as a bare value",
		files: map[string]string{"content/a.md": article("A", "withdrawn: true\n", "")},
		want:  []string{"content/a.md:5:12: withdrawn: want {date, reason}"},
	},
	{
		name: "the rules hold for an event's own fields",
		files: map[string]string{"content/a.md": article("A",
			"events:\n  - id: ev\n    title: E\n    attributed_to: [Ministry of Defence of Russia]\n    sources:\n      - {title: T, url: \"https://example.org/a\", url_status: dead}\n    withdrawn: {date: 2025-04-01}\n", "")},
		want: []string{
			"content/a.md:10:62: warning: events: sources: url_status: dead, and no archive_url",
			"content/a.md:11:16: events: withdrawn: needs a reason",
		},
	},
	{
		name:  "too many sources",
		files: map[string]string{"content/a.md": article("A", "sources: ["+strings.Repeat("{title: T}, ", content.MaxSources)+"{title: T}]\n", "")},
		want:  []string{"content/a.md:5:10: sources: 21 sources, more than the 20 allowed"},
	},
	{
		name:  "too many corrections",
		files: map[string]string{"content/a.md": article("A", "corrections: ["+strings.Repeat("{date: 2025-03-12, text: T}, ", content.MaxCorrections)+"{date: 2025-03-12, text: T}]\n", "")},
		want:  []string{"content/a.md:5:14: corrections: 21 corrections, more than the 20 allowed"},
	},
	{
		name:  "a quote too long",
		files: map[string]string{"content/a.md": article("A", "sources: [{title: T, quote: "+strings.Repeat("q", 1001)+"}]\n", "")},
		want:  []string{"content/a.md:5:29: sources: quote is 1001 characters long, more than the 1000 allowed"},
	},
	{
		name: "every field, well formed",
		files: map[string]string{"content/a.md": article("A",
			"sources:\n  - title: Joint statement\n    publisher: US Department of State\n    url: https://example.org/statement\n    date: 2025-03-11\n"+
				"    archive_url: https://archive.example/20250312/https://example.org/statement\n    archived: 2025-03-12\n    url_status: dead\n    quote: \"Ukraine expressed readiness\"\n    type: primary\n"+
				"attributed_to: [Ministry of Defence of Russia]\nupdated: 2025-03-14\ncorrections:\n  - {date: 2025-03-14, text: \"An earlier version gave 18.\"}\nwithdrawn: {date: 2025-04-01, reason: \"The video was from 2022.\"}\n", "")},
	},
}

// An entry with every source and correction field at its bound, and one
// withdrawn, still give pages under 1 MiB.
func TestTheLargestSourcingKeepsTheOutputBounds(t *testing.T) {
	t.Parallel()
	long := strings.Repeat
	url := "https://example.org/" + long("a", 1970)
	evidence := func(withdrawn bool) string {
		var b strings.Builder
		b.WriteString("sources:\n")
		for i := range content.MaxSources {
			fmt.Fprintf(&b, "  - {title: %q, publisher: %q, url: %q, date: 2025-03-11, archive_url: %q, archived: 2025-03-12, url_status: dead, quote: %q, type: primary}\n",
				long("ю", 300), fmt.Sprint(i, long("ж", 97)), url, url, long("я", 1000))
		}
		b.WriteString("attributed_to: [" + long("ж", 100) + "]\nupdated: 2025-04-01\ncorrections:\n")
		for range content.MaxCorrections {
			fmt.Fprintf(&b, "  - {date: 2025-03-14, text: %q}\n", long("я", 1000))
		}
		if withdrawn {
			fmt.Fprintf(&b, "withdrawn: {date: 2025-04-01, reason: %q}\n", long("я", 1000))
		}
		return b.String()
	}
	files := map[string]string{
		"content/a.md": article(long("ю", 300), evidence(true), long("Слова. ", content.MaxBody/14)),
		"content/b.md": article(long("ю", 300), evidence(false), long("Слова. ", content.MaxBody/14)),
	}
	out := buildMemory(t, options(sitetest.New(t, files)))
	for name, data := range out {
		if strings.HasPrefix(name, "data/") || strings.HasPrefix(name, "feed.") {
			continue // one file of every entry: bounded by the number of entries
		}
		if len(data) > 1<<20 {
			t.Errorf("%s is %d KiB, more than 1 MiB", name, len(data)>>10)
		}
	}
	if len(out["events/b/index.html"]) < 300<<10 {
		t.Errorf("events/b/index.html is only %d KiB: the fields did not reach it", len(out["events/b/index.html"])>>10)
	}
}
