package build_test

// One tiny failing site per content error rule (docs/format.md, docs/config.md): each
// case writes a few files into a temporary folder, compiles it and checks
// every diagnostic of the run, in order, with its exact file, line and
// column. The message is checked by substring, so that wording can be
// polished without rewriting the suite, but each want names the part an
// editor needs (the value, the suggestion, the other file).

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/sitetest"
	"github.com/timelinegen/timelinegen/internal/theme"
)

// article is a valid article with the given extra frontmatter lines, which
// start on line 5, and body.
func article(title, extra, body string) string {
	return "---\ntitle: " + title + "\ndate: 2025-03-11\nkind: diplomatic\n" + extra + "---\n" + body
}

// ok is a valid article with no extras.
var ok = article("Fine", "", "Body.\n")

type ruleCase struct {
	name   string
	files  map[string]string // slash path relative to the site → content
	setup  func(t *testing.T, dir string)
	drafts bool
	strict bool
	// want are the diagnostics, sorted, as "path:line:col: [warning: ]text"
	// where text must be a substring of the message; line and col are
	// matched exactly ("path: text" for line 0).
	want []string
}

var ruleCases = []ruleCase{
	// --- frontmatter syntax (internal/front) ---
	{
		name:  "malformed YAML",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\nsummary: one: two\n---\nBody\n"},
		want:  []string{"content/a.md:5:13: frontmatter is not valid YAML: this value has a colon and a space in it, which YAML reads as another key: put the whole value in quotes"},
	},
	{
		name:  "malformed YAML: unclosed flow list",
		files: map[string]string{"content/a.md": "\n---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\ntags: [a, b\nsummary: x\n---\nBody\n"},
		want:  []string{"content/a.md:6:7: frontmatter is not valid YAML: the [ opened here is never closed: add ]"},
	},
	{
		name:  "malformed YAML: tab indentation",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\nlocation:\n\tname: Kyiv\n---\n"},
		want:  []string{"content/a.md:6:1: frontmatter is not valid YAML: this line is indented with a tab"},
	},
	{
		name:  "malformed YAML: unclosed quote, noticed lines later",
		files: map[string]string{"content/a.md": "---\ntitle: \"Oval Office dispute\ndate: 2025-02-28\nkind: diplomatic\nactors: [United States, Ukraine]\nstatus: confirmed\nsummary: The meeting ends in a dispute.\n---\nBody\n"},
		want:  []string{`content/a.md:2:8: frontmatter is not valid YAML: the quote (") that starts this value is never closed: add " at the end of the value`},
	},
	{
		name:  "malformed YAML: no space after a colon",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate:2025-03-11\nkind: diplomatic\n---\nBody\n"},
		want:  []string{`content/a.md:3:5: frontmatter is not valid YAML: put a space after the colon: write "date: 2025-03-11"`},
	},
	{
		name:  "malformed YAML: bad indentation",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\nlocation:\n  name: Moscow\n   country: Russia\n---\nBody\n"},
		want:  []string{`content/a.md:7:4: frontmatter is not valid YAML: this line is indented further than line 6, which already has a value`},
	},
	{
		// One typo, one error: the entries the unreadable file defines
		// (its slug, its events) are not reported again where linked.
		name: "unreadable file: links to its entries are not errors of their own",
		files: map[string]string{
			"content/oval-office-dispute.md": "---\ntitle: \"Oval Office dispute\ndate: 2025-02-28\nkind: diplomatic\nevents:\n  - id: minerals-deal-stalls\n    title: Minerals deal stalls\n---\nBody\n",
			"content/b.md":                   article("B", "related: [oval-office-dispute, oval-office-dispute#minerals-deal-stalls, minerals-deal-stalls]\n", "See [[oval-office-dispute]], [[minerals-deal-stalls]] and [[oval-office-dispute#minerals-deal-stalls|the deal]].\n"),
			"content/c.md":                   article("C", "related: [oval-ofice-dispute]\n", "Body.\n"),
		},
		want: []string{
			`content/c.md:5:11: related: no entry "oval-ofice-dispute"`,
			`content/oval-office-dispute.md:2:8: frontmatter is not valid YAML: the quote (") that starts this value is never closed`,
		},
	},
	{
		name:  "duplicate YAML key",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\ntitle: B\n---\n"},
		want:  []string{`content/a.md:5:1: key "title" is given twice (first on line 2)`},
	},
	{
		name:  "frontmatter is a list",
		files: map[string]string{"content/a.md": "---\n- title: A\n---\n"},
		want:  []string{"content/a.md:2:1: frontmatter must be a mapping"},
	},
	{
		name:  "malformed TOML",
		files: map[string]string{"content/a.md": "+++\ntitle = \"A\"\ndate = 2025-03-11\nkind = \"diplomatic\nsummary = \"x\"\n+++\nBody\n"},
		want:  []string{"content/a.md:4:19: frontmatter is not valid TOML: strings cannot contain newlines"},
	},
	{
		name:  "unclosed ---",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\n\nBody\n"},
		want:  []string{"content/a.md:1:1: frontmatter opened with --- is never closed"},
	},
	{
		name:  "unclosed +++",
		files: map[string]string{"content/a.md": "\n+++\ntitle = \"A\"\ndate = 2025-03-11\nkind = \"diplomatic\"\n"},
		want:  []string{"content/a.md:2:1: frontmatter opened with +++ is never closed"},
	},
	{
		name:  "no frontmatter",
		files: map[string]string{"content/a.md": "# Just Markdown\n"},
		want:  []string{"content/a.md:1:1: no frontmatter"},
	},
	{
		name:  "empty file",
		files: map[string]string{"content/a.md": "", "content/b.md": " \n\n"},
		want: []string{
			"content/a.md:1:1: empty file",
			"content/b.md:1:1: empty file",
		},
	},
	{
		name:  "invalid UTF-8",
		files: map[string]string{"content/a.md": "---\ntitle: Caf\xe9 talks\ndate: 2025-03-11\nkind: diplomatic\n---\n"},
		want:  []string{"content/a.md:2:11: invalid UTF-8"},
	},
	{
		name:  "byte-order mark is a warning",
		files: map[string]string{"content/a.md": "\ufeff" + ok},
		want:  []string{"content/a.md:1:1: warning: byte-order mark"},
	},
	{
		name:   "byte-order mark with strict",
		files:  map[string]string{"content/a.md": "\ufeff" + ok},
		strict: true,
		want:   []string{"content/a.md:1:1: byte-order mark"},
	},
	{
		name: "CRLF line endings keep lines",
		files: map[string]string{
			"content/a.md": strings.ReplaceAll(article("A", "related: [jedah-talks]\n", "One.\n\nSee [[nowhere]].\n"), "\n", "\r\n"),
		},
		want: []string{
			`content/a.md:5:11: related: no entry "jedah-talks"`,
			`content/a.md:9:5: no entry "nowhere"`,
		},
	},

	// --- field values (internal/content) ---
	{
		name:  "unknown kind with did-you-mean",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatc\n---\n"},
		want:  []string{`content/a.md:4:7: kind: unknown kind "diplomatc" (did you mean "diplomatic"?); the kinds are diplomatic, military, political, humanitarian, economic`},
	},
	{
		name: "unknown kind from timeline.yaml kinds",
		files: map[string]string{
			"timeline.yaml": "kinds:\n  - {name: battle}\n  - {name: talks}\n",
			"content/a.md":  ok, // diplomatic is not one of this site's kinds
		},
		want: []string{`content/a.md:4:7: kind: unknown kind "diplomatic"; the kinds are battle, talks`},
	},
	{
		name:  "empty kind",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind:\n---\n"},
		want:  []string{"content/a.md:4:6: kind is empty: one of diplomatic, military"},
	},
	{
		name:  "impossible date",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-02-30\nkind: diplomatic\n---\n"},
		want:  []string{`content/a.md:3:7: date: "2025-02-30" is not a real day (February 2025 has 28 days)`},
	},
	{
		name:  "month 13",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-13\nkind: diplomatic\n---\n"},
		want:  []string{"content/a.md:3:7: date: month 13 is out of range (01 to 12)"},
	},
	{
		name:  "not a date",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: March 2025\nkind: diplomatic\n---\n"},
		want:  []string{`content/a.md:3:7: date: "March 2025" is not a date: write 2025, 2025-03, 2025-03-11`},
	},
	{
		name:  "time without offset",
		files: map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11T14:30:00\nkind: diplomatic\n---\n"},
		want:  []string{`content/a.md:3:7: date: "2025-03-11T14:30:00" is not an RFC 3339 time`},
	},
	{
		name:  "end before date",
		files: map[string]string{"content/a.md": article("A", "end: 2025-03-10\n", "")},
		want:  []string{"content/a.md:5:6: end: 2025-03-10 is before date 2025-03-11"},
	},
	{
		name:  "end before date in an event",
		files: map[string]string{"content/a.md": article("A", "events:\n  - id: ev\n    title: E\n    date: 2025-03\n    end: 2025-02\n", "")},
		want:  []string{"content/a.md:9:10: end: 2025-02 is before date 2025-03"},
	},
	{
		name:  "end known to the month of date is fine",
		files: map[string]string{"content/a.md": article("A", "end: 2025-03\n", "")},
	},
	{
		name:  "missing title, date and kind",
		files: map[string]string{"content/a.md": "---\nsummary: nothing else\n---\n"},
		want: []string{
			"content/a.md:2:1: missing date",
			"content/a.md:2:1: missing kind: one of diplomatic, military, political, humanitarian, economic",
			"content/a.md:2:1: missing title",
		},
	},
	{
		name:  "empty frontmatter",
		files: map[string]string{"content/a.md": "---\n---\nBody\n"},
		want: []string{
			"content/a.md:2:1: missing date",
			"content/a.md:2:1: missing kind",
			"content/a.md:2:1: missing title",
		},
	},
	{
		name:  "empty title",
		files: map[string]string{"content/a.md": "---\ntitle: \"  \"\ndate: 2025-03-11\nkind: diplomatic\n---\n"},
		want:  []string{"content/a.md:2:8: title is empty"},
	},
	{
		name:  "title is a list",
		files: map[string]string{"content/a.md": "---\ntitle: [a, b]\ndate: 2025-03-11\nkind: diplomatic\n---\n"},
		want:  []string{"content/a.md:2:8: title: want text, got a list"},
	},
	{
		name: "coordinates out of range",
		files: map[string]string{
			"content/a.md": article("A", "location: {name: North, lat: 91, lon: 30}\n", ""),
			"content/b.md": article("B", "location:\n  name: West\n  lat: 10\n  lon: -181\n", ""),
		},
		want: []string{
			"content/a.md:5:30: location: lat 91 is out of range (−90 to 90)",
			"content/b.md:8:8: location: lon -181 is out of range (−180 to 180)",
		},
	},
	{
		name: "coordinates not numbers, lat without lon",
		files: map[string]string{
			"content/a.md": article("A", "location: {name: X, lat: north, lon: 30}\n", ""),
			"content/b.md": article("B", "location: {name: Y, lat: 10}\n", ""),
		},
		want: []string{
			`content/a.md:5:26: location: lat: want a number, got "north"`,
			"content/b.md:5:26: location: lat without lon",
		},
	},
	{
		name:  "location without a name, unknown location key",
		files: map[string]string{"content/a.md": article("A", "location: {contry: Ukraine}\n", "")},
		want: []string{
			`content/a.md:5:11: location: missing name`,
			`content/a.md:5:12: warning: location: unknown key "contry" (did you mean "country"?)`,
		},
	},
	{
		name:  "negative casualties",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: -3, injured: 2.5}\n", "")},
		want: []string{
			"content/a.md:5:22: casualties: killed is negative (-3)",
			`content/a.md:5:35: casualties: injured: want a whole number, got "2.5"`,
		},
	},
	{
		name: "source URL not http(s)",
		files: map[string]string{"content/a.md": article("A",
			"sources:\n  - {title: FTP, url: \"ftp://example.org/a\"}\n  - title: JS\n    url: \"javascript:alert(1)\"\n  - {title: Fine, url: \"https://example.org/\"}\n  - {title: No host, url: \"https://\"}\n", "")},
		want: []string{
			`content/a.md:6:23: sources: url "ftp://example.org/a" is not an http or https address`,
			`content/a.md:8:10: sources: url "javascript:alert(1)" is not an http or https address`,
			`content/a.md:10:27: sources: url "https://" is not an http or https address`,
		},
	},
	{
		name:  "empty source, unknown source key",
		files: map[string]string{"content/a.md": article("A", "sources:\n  - {}\n  - {title: T, publsher: P}\n", "")},
		want: []string{
			"content/a.md:6:5: sources: a source needs at least a title, a publisher or a url",
			`content/a.md:7:16: warning: sources: unknown key "publsher" (did you mean "publisher"?)`,
		},
	},
	{
		name:  "invalid status with suggestion",
		files: map[string]string{"content/a.md": article("A", "status: confirmd\n", "")},
		want:  []string{`content/a.md:5:9: status: want confirmed, reported or disputed, got "confirmd" (did you mean "confirmed"?)`},
	},
	{
		name:  "draft is not a boolean",
		files: map[string]string{"content/a.md": article("A", "draft: [yes]\n", "")},
		want:  []string{"content/a.md:5:8: draft: want true or false, got a list"},
	},

	// --- slugs and file names ---
	{
		name:  "file name is no valid slug",
		files: map[string]string{"content/Bad Name.md": ok},
		want:  []string{`content/Bad Name.md:1:1: file name "Bad Name.md" is not a valid slug: rename the file to "bad-name.md" or add slug: bad-name`},
	},
	{
		name:  "file name fixed by slug:",
		files: map[string]string{"content/Bad Name.md": article("A", "slug: bad-name\n", "")},
	},
	{
		name:  "slug: not a valid slug",
		files: map[string]string{"content/a.md": article("A", "slug: Bad Name\n", "")},
		want:  []string{`content/a.md:5:7: slug: "Bad Name" is not a valid slug: use lowercase a-z, 0-9 and -, such as "bad-name"`},
	},
	{
		name:  "empty slug:",
		files: map[string]string{"content/a.md": article("A", "slug: \"\"\n", "")},
		want:  []string{"content/a.md:5:7: slug is empty"},
	},
	{
		name: "duplicate slug names both files",
		files: map[string]string{
			"content/2024/talks.md": ok,
			"content/2025/talks.md": ok,
		},
		want: []string{`content/2025/talks.md:1:1: duplicate slug "talks": already used by content/2024/talks.md:1`},
	},
	{
		name: "duplicate slug through slug:",
		files: map[string]string{
			"content/a.md": ok,
			"content/b.md": article("B", "slug: a\n", ""),
		},
		want: []string{`content/b.md:5:7: duplicate slug "a": already used by content/a.md:1`},
	},
	{
		name: "duplicate event id across two files",
		files: map[string]string{
			"content/a.md": article("A", "events:\n  - id: strike\n    title: S\n", ""),
			"content/b.md": article("B", "events:\n  - {id: strike, title: T}\n", ""),
		},
		want: []string{`content/b.md:6:10: duplicate event id "strike": already used by content/a.md:6`},
	},
	{
		name: "duplicate event id within one file",
		files: map[string]string{
			"content/a.md": article("A", "events:\n  - id: strike\n    title: S\n  - id: strike\n    title: T\n", ""),
		},
		want: []string{`content/a.md:8:9: duplicate event id "strike": already used by content/a.md:6`},
	},
	{
		name: "event id equal to a slug",
		files: map[string]string{
			"content/a.md":     article("A", "events:\n  - {id: talks, title: T}\n", ""),
			"content/talks.md": ok,
		},
		want: []string{`content/talks.md:1:1: duplicate slug "talks": already used by content/a.md:6`},
	},

	{
		name:  "file name with capitals is lowercased",
		files: map[string]string{"content/Talks.md": ok, "content/a.md": article("A", "related: [talks]\n", "[[talks]]\n")},
	},
	{
		name: "TOML positions: events, inline tables, unknown keys",
		files: map[string]string{
			"content/a.md": "+++\ntitle = \"A\"\ndate = 2025-03-11\nkind = \"diplomatic\"\nactor = [\"Russia\"]\nlocation = {name = \"X\", lat = 91, lon = 0}\n\n[[events]]\nid = \"ev\"\ntitle = \"E\"\nkind = \"militray\"\n+++\n",
		},
		want: []string{
			`content/a.md:5:1: warning: unknown key "actor" (did you mean "actors"?)`,
			"content/a.md:6:1: location: lat 91 is out of range",
			`content/a.md:11:1: kind: unknown kind "militray" (did you mean "military"?)`,
		},
	},
	{
		name: "date of the wrong shape",
		files: map[string]string{
			"content/a.md": "---\ntitle: A\ndate: [2025]\nkind: diplomatic\n---\n",
			"content/b.md": "---\ntitle: B\ndate: 2025-03-11 14:30:00\nkind: diplomatic\n---\n",
			"content/c.md": "---\ntitle: C\ndate:\nkind: diplomatic\n---\n",
		},
		want: []string{
			"content/a.md:3:7: date: want a date such as 2025-03-11, got a list",
			`content/b.md:3:7: date: "2025-03-11 14:30:00" is not an RFC 3339 time`,
			"content/c.md:3:6: date: want a date such as 2025-03-11, got nothing",
		},
	},
	{
		name:  "columns count characters, not bytes",
		files: map[string]string{"content/a.md": article("A", "location: {name: Київ, lat: 91, lon: 30}\n", "")},
		want:  []string{"content/a.md:5:29: location: lat 91 is out of range"},
	},

	// --- events ---
	{
		name:  "unknown key inside events",
		files: map[string]string{"content/a.md": article("A", "events:\n  - id: ev\n    title: E\n    actor: [Russia]\n", "")},
		want:  []string{`content/a.md:8:5: warning: events: unknown key "actor" (did you mean "actors"?)`},
	},
	{
		name:  "event without id, event not a mapping, bad id",
		files: map[string]string{"content/a.md": article("A", "events:\n  - title: Drone strike\n  - just text\n  - {id: Bad Id, title: X}\n", "")},
		want: []string{
			"content/a.md:6:5: events: missing id: each event needs an id, such as id: drone-strike",
			"content/a.md:7:5: events: each event is a mapping",
			`content/a.md:8:10: events: id "Bad Id" is not a valid slug`,
		},
	},
	{
		name:  "event without title, with bad date and kind",
		files: map[string]string{"content/a.md": article("A", "events:\n  - id: ev\n    date: 2025-02-29\n    kind: militar\n", "")},
		want: []string{
			"content/a.md:6:5: events: missing title",
			`content/a.md:7:11: date: "2025-02-29" is not a real day`,
			`content/a.md:8:11: kind: unknown kind "militar" (did you mean "military"?)`,
		},
	},

	// --- unknown keys ---
	{
		name:  "unknown key is a warning with did-you-mean",
		files: map[string]string{"content/a.md": article("A", "actor: [Russia]\n", "")},
		want:  []string{`content/a.md:5:1: warning: unknown key "actor" (did you mean "actors"?)`},
	},
	{
		name:   "unknown key with strict is an error",
		files:  map[string]string{"content/a.md": article("A", "actor: [Russia]\n", "")},
		strict: true,
		want:   []string{`content/a.md:5:1: unknown key "actor" (did you mean "actors"?)`},
	},
	{
		name:  "unknown key without a close match",
		files: map[string]string{"content/a.md": article("A", "weather: sunny\n", "")},
		want:  []string{`content/a.md:5:1: warning: unknown key "weather"`},
	},

	// --- cross-links (internal/timeline, internal/markdown) ---
	{
		name: "broken related with did-you-mean",
		files: map[string]string{
			"content/jeddah-talks.md": ok,
			"content/a.md":            article("A", "related: [jedah-talks]\n", ""),
		},
		want: []string{`content/a.md:5:11: related: no entry "jedah-talks" (did you mean "jeddah-talks"?)`},
	},
	{
		name: "related slug#event where the event does not exist",
		files: map[string]string{
			"content/talks.md": article("Talks", "events:\n  - {id: moscow-strike, title: S}\n", ""),
			"content/a.md":     article("A", "related:\n  - talks#moscow-strik\n  - talks#moscow-strike\n", ""),
		},
		want: []string{`content/a.md:6:5: related: content/talks.md has no event "moscow-strik" (did you mean "moscow-strike"?)`},
	},
	{
		name:  "related is not a slug",
		files: map[string]string{"content/a.md": article("A", "related: [\"Jeddah Talks\", \"#ev\"]\n", "")},
		want: []string{
			`content/a.md:5:11: related: "Jeddah Talks" is not a slug or slug#event-id`,
			`content/a.md:5:27: related: "#ev" is not a slug or slug#event-id`,
		},
	},
	{
		name:  "related to itself is a warning",
		files: map[string]string{"content/a.md": article("A", "related: [a]\n", "")},
		want:  []string{`content/a.md:5:11: warning: related: "a" is this entry itself`},
	},
	{
		name: "broken wiki-link: file line, not body line",
		files: map[string]string{
			"content/jeddah-talks.md": ok,
			"content/a.md": article("A", "tags: [x]\n",
				"First paragraph.\n\nSecond, with a link to\nthe [[jedah-talks]] and [[jeddah-talks|fine]].\n"),
		},
		want: []string{`content/a.md:10:5: no entry "jedah-talks" (did you mean "jeddah-talks"?)`},
	},
	{
		name: "broken wiki-link after blank lines at the top of the body",
		files: map[string]string{
			"content/a.md": article("A", "", "\n\n  [[nowhere]]\n"),
		},
		want: []string{`content/a.md:8:3: no entry "nowhere"`},
	},
	{
		name: "[[#id]] names only this article's events",
		files: map[string]string{
			"content/b.md": article("B", "events:\n  - {id: other-event, title: O}\n", ""),
			"content/a.md": article("A", "", "See [[#b]] and [[#other-event]]; [[b#other-event]] is fine."),
		},
		want: []string{
			`content/a.md:6:5: this article has no event "b"`,
			`content/a.md:6:16: this article has no event "other-event"`,
		},
	},
	{
		name: "broken [[#event]]",
		files: map[string]string{
			"content/a.md": article("A", "events:\n  - {id: moscow-strike, title: S}\n",
				"See [[#moscow-strike]] and [[#moscow-strik]].\n"),
		},
		want: []string{`content/a.md:8:28: this article has no event "moscow-strik" (did you mean "moscow-strike"?)`},
	},
	{
		name: "broken wiki-link in TOML article",
		files: map[string]string{
			"content/a.md": "+++\ntitle = \"A\"\ndate = 2025-03-11\nkind = \"diplomatic\"\n+++\nIntro.\n\n[[nowhere]]\n",
		},
		want: []string{`content/a.md:8:1: no entry "nowhere"`},
	},

	{
		name: "wiki-link lines in lists, quotes, tables, after code and Cyrillic",
		files: map[string]string{
			"content/a.md": article("A", "",
				"Intro.\n\n```\n[[in-code]] is not a link\n```\n\n- item\n- item with [[one]]\n\n> quoted\n> [[two]]\n\n| a | b |\n|---|---|\n| x | [[three]] |\n\nКиїв і [[four]]\n"),
		},
		want: []string{
			`content/a.md:13:13: no entry "one"`,
			`content/a.md:16:3: no entry "two"`,
			`content/a.md:20:7: no entry "three"`,
			`content/a.md:22:8: no entry "four"`,
		},
	},
	{
		name:  "invalid UTF-8 in the body",
		files: map[string]string{"content/a.md": article("A", "", "Fine.\n\nCaf\xe9.\n")},
		want:  []string{"content/a.md:8:4: invalid UTF-8"},
	},

	// --- the run as a whole ---
	{
		name: "every diagnostic of a run at once, sorted",
		files: map[string]string{
			"content/c.md":      "---\ntitle: C\ndate: 2025-02-30\nkind: diplomatic\n---\n",
			"content/a.md":      "---\ntitle: A\n",
			"content/b/b.md":    article("B", "status: rumoured\n", "[[zzz]]\n"),
			"content/fine.md":   ok,
			"content/notes.txt": "not an article",
		},
		want: []string{
			"content/a.md:1:1: frontmatter opened with --- is never closed",
			`content/b/b.md:5:9: status: want confirmed, reported or disputed, got "rumoured"`,
			`content/b/b.md:7:1: no entry "zzz"`,
			`content/c.md:3:7: date: "2025-02-30" is not a real day`,
		},
	},

	// --- drafts ---
	{
		name: "draft left out: related to it is an error",
		files: map[string]string{
			"content/plan.md": article("Plan", "draft: true\n", ""),
			"content/a.md":    article("A", "related: [plan]\n", "See [[plan]].\n"),
		},
		// The draft is not on the site, so a link to it would be dead:
		// both the related entry and the wiki-link fail.
		want: []string{
			`content/a.md:5:11: related: "plan" is a draft (content/plan.md), left out without --drafts`,
			`content/a.md:7:5: "plan" is a draft (content/plan.md), left out without --drafts`,
		},
	},
	{
		name:   "draft included with Drafts",
		drafts: true,
		files: map[string]string{
			"content/plan.md": article("Plan", "draft: true\n", ""),
			"content/a.md":    article("A", "related: [plan]\n", "See [[plan]].\n"),
		},
	},
	{
		name: "draft left out: its own errors still reported",
		files: map[string]string{
			"content/plan.md": article("Plan", "draft: true\nstatus: rumour\n", ""),
		},
		want: []string{`content/plan.md:6:9: status: want confirmed, reported or disputed, got "rumour"`},
	},
	{
		name: "draft left out: no duplicate with it",
		files: map[string]string{
			"content/a/x.md": article("X", "draft: true\n", ""),
			"content/b/x.md": ok,
		},
	},

	// --- file system ---
	{
		name:  "symbolic link loop under content/",
		files: map[string]string{"content/sub/a.md": ok},
		setup: func(t *testing.T, dir string) {
			if runtime.GOOS == "windows" {
				t.Skip("symbolic links need privileges on Windows")
			}
			if err := os.Symlink("..", filepath.Join(dir, "content", "sub", "loop")); err != nil {
				t.Skip(err)
			}
			if err := os.Symlink("self", filepath.Join(dir, "content", "self")); err != nil {
				t.Skip(err)
			}
		},
		want: []string{
			"content/self: symbolic link loop",
			"content/sub/loop: symbolic link loop: this folder leads back to content",
		},
	},
	{
		name:  "broken symbolic link",
		files: map[string]string{"content/a.md": ok},
		setup: func(t *testing.T, dir string) {
			if runtime.GOOS == "windows" {
				t.Skip("symbolic links need privileges on Windows")
			}
			if err := os.Symlink("gone.md", filepath.Join(dir, "content", "b.md")); err != nil {
				t.Skip(err)
			}
		},
		want: []string{`content/b.md: broken symbolic link to "gone.md"`},
	},

	// --- timeline.yaml (§7) ---
	{
		name: "timeline.yaml unknown key and bad value",
		files: map[string]string{
			"timeline.yaml": "title: T\nbase_url: example.org\norder: newest\nfeed_entrie: 5\npaginate: -1\nunsafe_html: maybe\nkinds:\n  - {name: military, color: red}\n",
			"content/a.md":  article("A", "", ""),
		},
		want: []string{
			// The kinds list is rejected, so the defaults are kept.
			`timeline.yaml:2:11: base_url: want an http(s) address`,
			`timeline.yaml:3:8: order: want ascending or descending, got "newest"`,
			`timeline.yaml:4:1: unknown key "feed_entrie" (did you mean "feed_entries"?)`,
			`timeline.yaml:5:11: paginate: want a whole number from 1 to 100000, got "-1"`,
			`timeline.yaml:6:14: unsafe_html: want true or false, got "maybe"`,
			`timeline.yaml:8:29: kinds: color: want #rrggbb, got "red"`,
		},
	},
	{
		name: "timeline.yaml malformed",
		files: map[string]string{
			"timeline.yaml": "title: T\nkinds: [\n",
			"content/a.md":  ok,
		},
		want: []string{"timeline.yaml:2:8: frontmatter is not valid YAML: the [ opened here is never closed"},
	},

	// --- accepted date forms ---
	{
		name: "YAML number, timestamp and RFC 3339 dates",
		files: map[string]string{
			"content/y.md": "---\ntitle: Y\ndate: 2022\nkind: military\n---\n",
			"content/d.md": "---\ntitle: D\ndate: 2022-02-24\nkind: military\n---\n",
			"content/t.md": "---\ntitle: T\ndate: 2022-02-24T04:50:00+02:00\nend: 2022-02-24T05:00:00Z\nkind: military\n---\n",
			"content/m.md": "---\ntitle: M\ndate: \"2022-02\"\nkind: military\n---\n",
			"content/o.md": "+++\ntitle = \"O\"\ndate = 2022-02-24T04:50:00+02:00\nkind = \"military\"\n+++\n",
			"content/p.md": "+++\ntitle = \"P\"\ndate = 2022\nkind = \"military\"\n+++\n",
		},
	},
}

var wantRE = regexp.MustCompile(`^([^:]+)(?::(\d+)(?::(\d+))?)?: (warning: )?(.*)$`)

// compileRuleSite runs Compile, turning a panic into a test failure.
func compileRuleSite(t *testing.T, opts build.Options) (site *build.Site, ds diag.List) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 16<<10)
			buf = buf[:runtime.Stack(buf, false)]
			t.Fatalf("Compile panicked: %v\n%s", r, buf)
		}
	}()
	return build.Compile(opts)
}

func matchDiag(want string, d diag.Diagnostic) error {
	m := wantRE.FindStringSubmatch(want)
	if m == nil {
		return fmt.Errorf("bad want %q", want)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	sev := diag.Error
	if m[4] != "" {
		sev = diag.Warning
	}
	if d.Path != m[1] || d.Line != line || d.Col != col || d.Severity != sev || !strings.Contains(d.Message, m[5]) {
		return fmt.Errorf("want %s", want)
	}
	return nil
}

func TestContentErrors(t *testing.T) { runRuleCases(t, slices.Concat(ruleCases, evidenceRuleCases)) }

// runRuleCases compiles each case's site and checks its diagnostics.
func runRuleCases(t *testing.T, cases []ruleCase) {
	names := map[string]bool{}
	for _, tc := range cases {
		if names[tc.name] {
			t.Fatalf("two cases named %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) { checkRuleCase(t, tc) })
	}
}

// checkRuleCase compiles tc's site and checks its diagnostics.
func checkRuleCase(t *testing.T, tc ruleCase) {
	t.Helper()
	dir := sitetest.New(t, tc.files)
	if tc.setup != nil {
		tc.setup(t, dir)
	}
	site, ds := compileRuleSite(t, build.Options{
		Source: dir, Drafts: tc.drafts, Strict: tc.strict,
		Theme: timelinegen.Theme, Generator: "timelinegen test",
	})
	var got strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&got, "\n\t%s", d)
	}
	if len(ds) != len(tc.want) {
		t.Fatalf("got %d diagnostics, want %d:%s", len(ds), len(tc.want), got.String())
	}
	for i, want := range tc.want {
		if err := matchDiag(want, ds[i]); err != nil {
			t.Errorf("diagnostic %d: %v\n\tgot  %s", i, err, ds[i])
		}
	}
	if (site == nil) != ds.HasErrors() {
		t.Errorf("site is nil: %v, but has errors: %v%s", site == nil, ds.HasErrors(), got.String())
	}
	if t.Failed() {
		t.Logf("all diagnostics:%s", got.String())
	}
}

// TestAcceptedDateForms checks the precision each written form gives.
func TestAcceptedDateForms(t *testing.T) {
	t.Parallel()
	var tc ruleCase
	for _, c := range ruleCases {
		if c.name == "YAML number, timestamp and RFC 3339 dates" {
			tc = c
		}
	}
	site, ds := compileRuleSite(t, build.Options{Source: sitetest.New(t, tc.files), Theme: timelinegen.Theme})
	if site == nil {
		t.Fatalf("build failed:\n%s", ds.Error())
	}
	want := map[string]struct {
		date string
		prec date.Precision
	}{
		"y": {"2022", date.Year},
		"d": {"2022-02-24", date.Day},
		"t": {"2022-02-24T04:50:00+02:00", date.Time},
		"m": {"2022-02", date.Month},
		"o": {"2022-02-24T04:50:00+02:00", date.Time},
		"p": {"2022", date.Year},
	}
	if len(site.Articles) != len(want) {
		t.Fatalf("got %d articles, want %d", len(site.Articles), len(want))
	}
	for _, a := range site.Articles {
		w := want[a.Slug]
		if a.Date.String() != w.date || a.Date.Precision != w.prec {
			t.Errorf("%s: date %s at %v precision, want %s at %v", a.Path, a.Date, a.Date.Precision, w.date, w.prec)
		}
	}
	for _, a := range site.Articles {
		if a.Slug == "t" && (a.End == nil || a.End.String() != "2022-02-24T05:00:00Z") {
			t.Errorf("t: end = %v, want 2022-02-24T05:00:00Z", a.End)
		}
	}
}

// TestContentErrorsOddShapes gives every frontmatter key, of the article
// and of an event, values of every shape. Compile must not panic, must
// point every diagnostic at a line, and must say each problem once.
// bareTheme has every layout and nothing in it: for tests of what the
// content says, where loading the real theme 700 times is most of the cost.
var bareTheme = func() fstest.MapFS {
	fsys := fstest.MapFS{
		"templates/" + theme.Base:            {Data: []byte(`{{block "main" .}}{{end}}`)},
		"templates/partials/entry-card.html": {Data: []byte(`{{define "entry-card"}}{{end}}`)},
	}
	for _, l := range theme.Layouts {
		fsys["templates/"+l] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	return fsys
}()

func TestContentErrorsOddShapes(t *testing.T) {
	t.Parallel()
	shapes := []string{"", "[]", "{}", "[a, [b]]", "{a: {b: c}}", "\"\"", "-1", "1e400", ".nan", "true", "2025-02-29", "\"javascript:x\""}
	keys := []string{"title", "date", "end", "kind", "summary", "actors", "location", "casualties", "status", "tags", "related", "sources", "draft", "slug", "events", "id", "attributed_to", "updated", "corrections", "withdrawn"}
	var files []string
	for _, k := range keys {
		for _, v := range shapes {
			if k != "id" {
				files = append(files, "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\n"+k+": "+v+"\n---\n[[a]]\n")
			}
			files = append(files, "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\nevents:\n  - id: ev\n    "+k+": "+v+"\n---\n")
			files = append(files, "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\nlocation: {name: X, lat: 1, lon: 2}\ncasualties: {killed: 1}\nsources: [{title: T, url: \"https://e.org/\"}]\n"+
				"events:\n  - id: ev\n    location: {"+k+": "+v+"}\n    casualties: {"+k+": "+v+"}\n---\n")
		}
	}
	for i, text := range files {
		dir := sitetest.New(t, map[string]string{"content/a.md": text})
		site, ds := compileRuleSite(t, build.Options{Source: dir, Theme: bareTheme})
		seen := map[string]bool{}
		for _, d := range ds {
			if d.Line == 0 {
				t.Errorf("file %d: no line: %s\n%s", i, d, text)
			}
			at := fmt.Sprintf("%d:%d", d.Line, d.Col)
			if seen[at] {
				t.Errorf("file %d: two diagnostics at %s:\n%s\n%s", i, at, ds.Error(), text)
			}
			seen[at] = true
		}
		if (site == nil) != ds.HasErrors() {
			t.Errorf("file %d: site is nil: %v, but has errors: %v", i, site == nil, ds.HasErrors())
		}
	}
}
