package build_test

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
		name: "every field, well formed",
		files: map[string]string{"content/a.md": article("A",
			"sources:\n  - title: Joint statement\n    publisher: US Department of State\n    url: https://example.org/statement\n    date: 2025-03-11\n"+
				"    archive_url: https://archive.example/20250312/https://example.org/statement\n    archived: 2025-03-12\n    url_status: dead\n    quote: \"Ukraine expressed readiness\"\n    type: primary\n"+
				"attributed_to: [Ministry of Defence of Russia]\nupdated: 2025-03-14\ncorrections:\n  - {date: 2025-03-14, text: \"An earlier version gave 18.\"}\nwithdrawn: {date: 2025-04-01, reason: \"The video was from 2022.\"}\n", "")},
	},
}
