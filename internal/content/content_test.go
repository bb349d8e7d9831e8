package content_test

import (
	"github.com/timelinegen/timelinegen/internal/casualty"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/diag"
)

var kinds = []string{"diplomatic", "military", "political", "humanitarian", "economic"}

func parse(t *testing.T, rel, src string) (*content.Article, diag.List) {
	t.Helper()
	return content.Loader{Kinds: kinds}.Parse(rel, []byte(src))
}

// mustParse parses src and fails on any diagnostic.
func mustParse(t *testing.T, rel, src string) *content.Article {
	t.Helper()
	a, ds := parse(t, rel, src)
	if len(ds) > 0 || a == nil {
		t.Fatalf("Parse(%s): %v\n%s", rel, a, ds.Error())
	}
	return a
}

func mustDate(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const full = `---
title: "  Russia says it is ready for talks  "
date: 2025-03-12
end: 2025-03
kind: diplomatic
summary: Moscow says it will discuss the US ceasefire initiative.
actors: [Russia, United States]
location: {name: Moscow, country: Russia, lat: 55.7558, lon: 37.6173}
status: confirmed
tags: [ceasefire, negotiations]
related: [jeddah-talks, jeddah-talks#moscow-strike]
sources:
  - {title: "Russia Open to Talks", publisher: Example News, url: "https://example.org/a", date: 2025-03-13}
  - publisher: Wire
draft: false
events:
  - id: moscow-drone-strike
    title: Ukrainian drones hit oil assets near Moscow
    date: 2025-03-11
    kind: military
    actors: Ukraine
    location: Moscow Oblast
    casualties: {killed: 3, injured: 18}
    status: disputed
  - id: inherits
    title: Same day, same kind
    summary: An event given only an id and a title.
---
Article body in Markdown.

Cross-link with [[jeddah-talks]].
`

func TestParseFields(t *testing.T) {
	a := mustParse(t, "content/2025/03/ready.md", full)

	if a.Path != "content/2025/03/ready.md" || a.Slug != "ready" || a.SlugPos != (content.Pos{Line: 1, Col: 1}) {
		t.Errorf("path %q, slug %q at %v", a.Path, a.Slug, a.SlugPos)
	}
	if a.Title != "Russia says it is ready for talks" {
		t.Errorf("title %q: want it trimmed", a.Title)
	}
	if a.Date != mustDate(t, "2025-03-12") || a.Date.Precision != date.Day {
		t.Errorf("date %v (%v)", a.Date, a.Date.Precision)
	}
	if a.End == nil || *a.End != mustDate(t, "2025-03") {
		t.Errorf("end %v: want 2025-03", a.End)
	}
	if a.Kind != "diplomatic" || a.Status != "confirmed" || a.Draft {
		t.Errorf("kind %q, status %q, draft %v", a.Kind, a.Status, a.Draft)
	}
	if a.Summary != "Moscow says it will discuss the US ceasefire initiative." {
		t.Errorf("summary %q", a.Summary)
	}
	if !slices.Equal(a.Actors, []string{"Russia", "United States"}) || !slices.Equal(a.Tags, []string{"ceasefire", "negotiations"}) {
		t.Errorf("actors %q, tags %q", a.Actors, a.Tags)
	}
	want := &content.Place{Name: "Moscow", Country: "Russia", HasCoords: true, Lat: 55.7558, Lon: 37.6173, Precision: "exact"}
	if a.Location == nil || *a.Location != *want {
		t.Errorf("location %+v, want %+v", a.Location, want)
	}
	if a.Casualties != nil {
		t.Errorf("casualties %+v, want nil when not given", a.Casualties)
	}

	wantRel := []content.Ref{
		{Slug: "jeddah-talks", Pos: content.Pos{Line: 11, Col: 11}},
		{Slug: "jeddah-talks", EventID: "moscow-strike", Pos: content.Pos{Line: 11, Col: 25}},
	}
	if !slices.Equal(a.Related, wantRel) {
		t.Errorf("related %+v, want %+v", a.Related, wantRel)
	}
	if a.Related[1].String() != "jeddah-talks#moscow-strike" {
		t.Errorf("ref string %q", a.Related[1].String())
	}

	if len(a.Sources) != 2 {
		t.Fatalf("sources %+v", a.Sources)
	}
	s := a.Sources[0]
	if s.Title != "Russia Open to Talks" || s.Publisher != "Example News" || s.URL != "https://example.org/a" || s.Date == nil || *s.Date != mustDate(t, "2025-03-13") {
		t.Errorf("source %+v", s)
	}
	if s := a.Sources[1]; s.Publisher != "Wire" || s.Title != "" || s.URL != "" || s.Date != nil {
		t.Errorf("source %+v", s)
	}

	if len(a.Events) != 2 {
		t.Fatalf("events %+v", a.Events)
	}
	e := a.Events[0]
	if e.ID != "moscow-drone-strike" || e.IDPos != (content.Pos{Line: 17, Col: 9}) {
		t.Errorf("event id %q at %v", e.ID, e.IDPos)
	}
	if e.Title != "Ukrainian drones hit oil assets near Moscow" || e.Date != mustDate(t, "2025-03-11") || e.Kind != "military" || e.Status != "disputed" {
		t.Errorf("event %+v", e.Fields)
	}
	if e.End != nil {
		t.Errorf("event end %v: an event does not inherit the article's end", e.End)
	}
	if !slices.Equal(e.Actors, []string{"Ukraine"}) {
		t.Errorf("event actors %q: a single name is a list of one", e.Actors)
	}
	if e.Location == nil || *e.Location != (content.Place{Name: "Moscow Oblast", Precision: "exact"}) {
		t.Errorf("event location %+v: a bare name is {name: ...}", e.Location)
	}
	if c := e.Casualties; c == nil || c.Killed == nil || *c.Killed != casualty.Exact(3) || c.Injured == nil || *c.Injured != casualty.Exact(18) {
		t.Errorf("event casualties %+v", c)
	}

	in := a.Events[1]
	if in.Date != a.Date || in.Kind != a.Kind {
		t.Errorf("event without date and kind: %v %q, want the article's %v %q", in.Date, in.Kind, a.Date, a.Kind)
	}
	if in.Status != "reported" || in.Location != nil || in.Actors != nil || in.Summary != "An event given only an id and a title." {
		t.Errorf("event fields %+v: status defaults to reported, nothing else is inherited", in.Fields)
	}

	if a.BodyLine != 29 || !strings.HasPrefix(string(a.Body), "Article body") {
		t.Errorf("body on line %d: %q", a.BodyLine, a.Body)
	}
}

func TestParseDefaultsAndShorthands(t *testing.T) {
	a := mustParse(t, "content/Talks.md", "---\ntitle: Talks\ndate: 2025\nkind: political\nactors: Russia\ntags: one\ncasualties: {injured: 0}\nlocation: {name: Kyiv, lat: \"50.45\", lon: 30.52}\ndraft: true\nend:\n---\n")
	if a.Slug != "talks" {
		t.Errorf("slug %q: want the file stem, lowercased", a.Slug)
	}
	if a.Status != "reported" || !a.Draft || a.End != nil || a.Date.Precision != date.Year {
		t.Errorf("status %q, draft %v, end %v, precision %v", a.Status, a.Draft, a.End, a.Date.Precision)
	}
	if !slices.Equal(a.Actors, []string{"Russia"}) || !slices.Equal(a.Tags, []string{"one"}) {
		t.Errorf("actors %q, tags %q", a.Actors, a.Tags)
	}
	if c := a.Casualties; c == nil || c.Killed != nil || c.Injured == nil || *c.Injured != casualty.Exact(0) {
		t.Errorf("casualties %+v: zero injured is known, killed is not", c)
	}
	if l := a.Location; l == nil || !l.HasCoords || l.Lat != 50.45 || l.Lon != 30.52 || l.String() != "Kyiv" {
		t.Errorf("location %+v", l)
	}
	if len(a.Body) != 0 || a.BodyLine != 12 {
		t.Errorf("body %q on line %d", a.Body, a.BodyLine)
	}

	a = mustParse(t, "content/x.md", "---\ntitle: X\ndate: 2025-03-11T14:30:00+02:00\nkind: military\nslug: Kyiv-Strike\nlocation: {name: Kyiv, country: Ukraine}\n---\n")
	if a.Slug != "kyiv-strike" || a.SlugPos != (content.Pos{Line: 5, Col: 7}) {
		t.Errorf("slug %q at %v: want slug: lowercased, at its value", a.Slug, a.SlugPos)
	}
	if a.Date.Precision != date.Time || a.Date.String() != "2025-03-11T14:30:00+02:00" {
		t.Errorf("date %v", a.Date)
	}
	if a.Location.String() != "Kyiv, Ukraine" || a.Location.HasCoords {
		t.Errorf("location %+v", a.Location)
	}
}

func TestParseTOML(t *testing.T) {
	a := mustParse(t, "content/t.md", `+++
title = "T"
date = 2025-03-11
kind = "economic"
actors = ["EU"]
location = {name = "Brussels", lat = 50.85, lon = 4.35}

[[events]]
id = "sanctions"
title = "Sanctions package"
date = "2025-03"
casualties = {killed = 0}
+++
Body
`)
	if a.Date != mustDate(t, "2025-03-11") || a.Kind != "economic" || !slices.Equal(a.Actors, []string{"EU"}) {
		t.Errorf("fields %+v", a.Fields)
	}
	if l := a.Location; l == nil || !l.HasCoords || l.Lat != 50.85 {
		t.Errorf("location %+v", l)
	}
	if len(a.Events) != 1 {
		t.Fatalf("events %+v", a.Events)
	}
	e := a.Events[0]
	if e.ID != "sanctions" || e.IDPos.Line != 9 || e.Date != mustDate(t, "2025-03") || e.Kind != "economic" {
		t.Errorf("event %q at %v: %+v", e.ID, e.IDPos, e.Fields)
	}
	if e.Casualties == nil || e.Casualties.Killed == nil || *e.Casualties.Killed != casualty.Exact(0) {
		t.Errorf("event casualties %+v", e.Casualties)
	}
	if a.BodyLine != 14 || string(a.Body) != "Body\n" {
		t.Errorf("body %q on line %d", a.Body, a.BodyLine)
	}
}

func TestParseProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // sorted diag strings, by substring of the message
	}{
		{"bad date keeps going", "---\ntitle: A\ndate: 2025-02-30\nkind: militray\nstatus: disputd\n---\n", []string{
			`a.md:3:7: date: "2025-02-30" is not a real day (February 2025 has 28 days)`,
			`a.md:4:7: kind: unknown kind "militray" (did you mean "military"?)`,
			`a.md:5:9: status: want confirmed, reported or disputed, got "disputd" (did you mean "disputed"?)`,
		}},
		{"event problems", "---\ntitle: A\ndate: 2025\nkind: military\nevents:\n  - id: a\n    titel: B\n  - id:\n  - {title: No id}\n---\n", []string{
			`a.md:6:5: events: missing title`,
			`a.md:7:5: warning: events: unknown key "titel" (did you mean "title"?)`,
			`a.md:8:8: events: id is empty`,
			`a.md:9:5: events: missing id: each event needs an id, such as id: no-id`,
		}},
		{"blank optional keys are not given", "---\ntitle: A\ndate: 2025\nkind: military\nend:\nlocation:\ncasualties:\nsummary:\nslug:\nstatus:\nsources:\nevents:\n---\n", nil},
		{"list of the wrong shape", "---\ntitle: A\ndate: 2025\nkind: military\nsources: https://example.org\nactors: [Russia, Russia]\n---\n", []string{
			`a.md:5:10: sources: want a list, such as sources: [{title: ..., url: https://...}]`,
			`a.md:6:18: warning: actors: "Russia" is listed twice`,
		}},
		{"related: one slug is a list of one", "---\ntitle: A\ndate: 2025\nkind: military\nrelated: Jeddah\n---\n", []string{
			`a.md:5:10: related: "Jeddah" is not a slug or slug#event-id`,
		}},
		// An unquoted comma ends a value in {…}: what follows it is
		// read as a key without a value.
		{"unquoted comma in a place's name", "---\ntitle: A\ndate: 2025\nkind: military\nlocation: {name: Washington, D.C., country: United States, lat: 38.9, lon: -77.03}\n---\n", []string{
			`a.md:5:18: location: name: the name has a comma: put it in quotes, name: "Washington, D.C."`,
		}},
		{"unquoted commas in a source and an event's place", "---\ntitle: A\ndate: 2025\nkind: military\nsources:\n  - {title: Talks end, no deal, publisher: Example News}\nevents:\n  - id: b\n    title: B\n    location: {name: Kursk Oblast, Sudzha district, Russia, lat: 51, 19, lon: 35.27}\n---\n", []string{
			`a.md:6:13: sources: title: the title has a comma: put it in quotes, title: "Talks end, no deal"`,
			`a.md:10:22: events: location: name: the name has a comma: put it in quotes, name: "Kursk Oblast, Sudzha district, Russia"`,
			`a.md:10:66: events: location: lat: the number has a comma, which ends a value in {…}: write it with a dot, such as lat: 51.19`,
		}},
		// The locator map shades the country written: one no table
		// knows is said, with the nearest name.
		{"unknown country", "---\ntitle: A\ndate: 2025\nkind: military\nlocation: {name: Geneva, country: Switzerlnd, lat: 46.2044, lon: 6.1432}\nevents:\n  - {id: b, title: B, location: {name: Kerch, country: Crimea}}\n  - {id: c, title: C, location: {name: Narva, country: Естонія}}\n---\n", []string{
			`a.md:5:35: warning: location: country: "Switzerlnd" is not a country or territory of ISO 3166-1 by any name timelinegen knows (did you mean "Switzerland"?): its locator map shades none`,
			`a.md:7:56: warning: location: country: "Crimea" is not a country or territory of ISO 3166-1`,
		}},
		{"empty location shorthand", "---\ntitle: A\ndate: 2025\nkind: military\nlocation: \"\"\n---\n", []string{
			`a.md:5:11: location: missing name`,
		}},
		// A control left open would reverse the text after the field.
		{"unbalanced bidirectional controls", "---\ntitle: \"Talks \u202Ein Jeddah\"\ndate: 2025\nkind: military\nsummary: \"Balanced \u2067ok\u2069 and \u202Ealso\u202C.\"\nactors: [\"Russia\u2069\"]\n---\n", []string{
			`a.md:2:8: warning: title: unbalanced bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE: it could reorder`,
			`a.md:6:10: warning: actors: unbalanced bidirectional control U+2069 POP DIRECTIONAL ISOLATE`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := parse(t, "a.md", tc.src)
			ds = ds.Sorted()
			if len(ds) != len(tc.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(ds), len(tc.want), ds.Error())
			}
			for i, w := range tc.want {
				at, msg, _ := strings.Cut(w, ": ")
				got := ds[i].String()
				if !strings.HasPrefix(got, at+": ") || !strings.Contains(got, msg) {
					t.Errorf("got  %s\nwant %s", got, w)
				}
			}
		})
	}
}

// TestLoad checks that Load finds articles at any depth, skips what is not
// an article, and keeps path order.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"content/b.md":               "---\ntitle: B\ndate: 2025\nkind: military\n---\n",
		"content/2025/03/a.MD":       "---\ntitle: A\ndate: 2025\nkind: military\n---\n",
		"content/notes.txt":          "not an article",
		"content/.hidden.md":         "not an article",
		"content/draft.md~":          "editor backup",
		"content/broken.md":          "",
		"content/.git/config.md":     "hidden folder",
		"content/deep/er/still.md":   "---\ntitle: S\ndate: 2025\nkind: military\n---\n",
		"templates/not-content.md":   "outside content/",
		"content/empty-folder/.keep": "",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	articles, ds := content.Loader{Kinds: kinds}.Load(dir)
	var paths []string
	for _, a := range articles {
		paths = append(paths, a.Path)
	}
	want := []string{"content/2025/03/a.MD", "content/b.md", "content/deep/er/still.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
	if len(ds) != 1 || ds[0].Path != "content/broken.md" || !strings.Contains(ds[0].Message, "empty file") {
		t.Errorf("diagnostics:\n%s", ds.Error())
	}

	// A site without content/ has no articles and no problems.
	articles, ds = content.Loader{Kinds: kinds}.Load(t.TempDir())
	if len(articles) != 0 || len(ds) != 0 {
		t.Errorf("empty site: %v, %v", articles, ds)
	}
}

func TestParseRelatedShorthand(t *testing.T) {
	a := mustParse(t, "content/a.md", "---\ntitle: A\ndate: 2025\nkind: military\nrelated: jeddah-talks#strike\n---\n")
	want := []content.Ref{{Slug: "jeddah-talks", EventID: "strike", Pos: content.Pos{Line: 5, Col: 10}}}
	if !slices.Equal(a.Related, want) {
		t.Errorf("related %+v, want %+v", a.Related, want)
	}
}
