package serve

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/sitetest"
	"github.com/timelinegen/timelinegen/internal/testenv"
)

const talks = `---
title: Talks in Jeddah
date: 2025-03-11
kind: diplomatic
actors: [Ukraine, United States]
location: {name: Jeddah, country: Saudi Arabia, lat: 21.54, lon: 39.17}
tags: [ceasefire]
sources:
  - {title: Talks open, publisher: Example Wire, url: "https://wire.example.org/a", date: 2025-03-11}
events:
  - id: delegations-meet
    title: Delegations meet
---
The talks began. See [[strike]].
`

// TestServedSiteEqualsAFreshBuildAfterEveryEdit runs serve with its real
// watcher and edits, one save at a time, every frontmatter field, a
// wiki-link target's title, timeline.yaml, a template override and a
// static file. After each save every file served equals that of a fresh
// full build (with the live-reload script), and no other file is served.
func TestServedSiteEqualsAFreshBuildAfterEveryEdit(t *testing.T) {
	dir := sitetest.New(t, map[string]string{
		"timeline.yaml":            "title: Test\nlanguages:\n  - {code: en}\n  - {code: uk}\n",
		"content/2025/talks.md":    talks,
		"content/2025/talks.uk.md": "---\ntitle: Переговори в Джидді\n---\nПереговори почалися.\n",
		"content/2025/strike.md":   "---\ntitle: Strike\ndate: 2025-03-09\nkind: military\nactors: [Russia]\n---\nA strike.\n",
		"content/2025/aid.md":      "---\ntitle: Aid resumes\ndate: 2025-03-12\nkind: humanitarian\n---\nAid resumed.\n",
		"content/2025/note.md":     "---\ntitle: A note\ndate: 2025-03\nkind: political\n---\nA note.\n",
	})
	opts := build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test", BaseURL: "http://127.0.0.1/"}
	s := built(t, Options{Build: opts})
	base := run(t, s)
	time.Sleep(200 * time.Millisecond) // the watcher is watching

	const a = "content/2025/talks.md"
	edit := func(old, new string) func(string) string {
		return func(text string) string {
			if !strings.Contains(text, old) {
				t.Fatalf("the file has no %q:\n%s", old, text)
			}
			return strings.Replace(text, old, new, 1)
		}
	}
	steps := []struct {
		what, file string
		change     func(string) string
	}{
		{"title", a, edit("title: Talks in Jeddah", "title: Talks in Jeddah resume")},
		{"date", a, edit("date: 2025-03-11\nkind", "date: 2025-03-10\nkind")},
		{"date precision", a, edit("date: 2025-03-10\nkind", "date: 2025-03~\nkind")},
		{"end", a, edit("kind: diplomatic\n", "kind: diplomatic\nend: 2025-04\n")},
		{"kind", a, edit("kind: diplomatic", "kind: political")},
		{"summary", a, edit("kind: political\n", "kind: political\nsummary: Delegations met for a day.\n")},
		{"actors", a, edit("actors: [Ukraine, United States]", "actors: [Ukraine, United States, Saudi Arabia]")},
		{"location name", a, edit("name: Jeddah", "name: Jeddah port")},
		{"coordinates", a, edit("lat: 21.54, lon: 39.17", "lat: 21.5, lon: 39.2")},
		{"location precision", a, edit("lon: 39.2}", "lon: 39.2, precision: town}")},
		{"casualties", a, edit("tags:", "casualties: {killed: {min: 2}}\ntags:")},
		{"status", a, edit("tags:", "status: disputed\ntags:")},
		{"tags", a, edit("tags: [ceasefire]", "tags: [ceasefire, talks]")},
		{"related", a, edit("tags:", "related: [aid]\ntags:")},
		{"source title", a, edit("title: Talks open", "title: Talks opened")},
		{"source publisher", a, edit("publisher: Example Wire", "publisher: Example News")},
		{"source url", a, edit("wire.example.org/a", "wire.example.org/b")},
		{"source date", a, edit("date: 2025-03-11}", "date: 2025-03-12}")},
		{"source archive", a, edit(`url: "https://wire.example.org/b"`, `url: "https://wire.example.org/b", archive_url: "https://archive.example.org/b"`)},
		{"attributed_to", a, edit("tags:", "attributed_to: Ukraine\ntags:")},
		{"updated and a correction", a, edit("tags:", "updated: 2025-03-14\ncorrections:\n  - {date: 2025-03-14, text: The date was wrong.}\ntags:")},
		{"event added", a, edit("---\nThe talks", "  - id: statement\n    title: A joint statement\n---\nThe talks")},
		{"event renamed", a, edit("id: statement\n    title: A joint statement", "id: joint-statement\n    title: The joint statement")},
		{"event removed", a, edit("  - id: joint-statement\n    title: The joint statement\n", "")},
		{"body", a, edit("The talks began.", "The talks began in the morning.")},
		{"wiki-link target title", "content/2025/strike.md", edit("title: Strike", "title: Strike on Kharkiv")},
		{"translation", "content/2025/talks.uk.md", edit("Переговори почалися.", "Переговори тривали.")},
		{"draft on", "content/2025/note.md", edit("kind: political", "kind: political\ndraft: true")},
		{"draft off", "content/2025/note.md", edit("\ndraft: true", "")},
		{"slug", "content/2025/note.md", edit("kind: political", "kind: political\nslug: a-note")},
		{"withdrawn", "content/2025/aid.md", edit("kind: humanitarian", "kind: humanitarian\nwithdrawn: {date: 2025-03-13, reason: Not confirmed.}")},
		{"timeline.yaml title", "timeline.yaml", edit("title: Test", "title: Test timeline")},
		{"timeline.yaml order", "timeline.yaml", edit("title: Test timeline\n", "title: Test timeline\norder: descending\n")},
		{"template override added", "templates/partials/kind.html", func(string) string {
			return `{{define "kind"}}<span class="kind">[{{.Kind.Label}}]</span>{{end}}`
		}},
		{"template override changed", "templates/partials/kind.html", edit("[{{.Kind.Label}}]", "({{.Kind.Label}})")},
		{"template override removed", "templates/partials/kind.html", nil},
		{"static file added", "static/notes.txt", func(string) string { return "one\n" }},
		{"static file changed", "static/notes.txt", edit("one", "two")},
		{"static file removed", "static/notes.txt", nil},
	}
	for i, st := range steps {
		s.mu.Lock()
		before := s.version
		s.mu.Unlock()
		p := filepath.Join(dir, filepath.FromSlash(st.file))
		if st.change == nil {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		} else {
			old, _ := os.ReadFile(p)
			writeFile(t, dir, st.file, st.change(string(old)))
		}
		// The served site matches once serve has rebuilt; a save can
		// come as more than one batch, so it is asked again for a while.
		// Under -race every save is still rebuilt, which is what the race
		// detector watches, but compared (a full build, and a fetch of
		// every file) only at every sixth step and the last: make test
		// also runs this test without -race, comparing at every step.
		compare := !testenv.Race || i%6 == 5 || i == len(steps)-1
		var diff string
		rebuilt := false
		for try := 0; try < 50; try++ {
			time.Sleep(100 * time.Millisecond)
			s.mu.Lock()
			v, errs := s.version, s.errors
			s.mu.Unlock()
			if errs != nil {
				t.Fatalf("step %d (%s): the save broke the site: %v", i, st.what, errs)
			}
			if v == before {
				continue
			}
			rebuilt = true
			if !compare {
				break
			}
			if diff = compareServed(t, s, base, opts); diff == "" {
				break
			}
		}
		if !rebuilt {
			t.Fatalf("step %d (%s): serve did not rebuild within 5 s", i, st.what)
		}
		if diff != "" {
			t.Fatalf("step %d (%s): %s", i, st.what, diff)
		}
	}
}

// compareServed fetches every file of a fresh full build from the running
// server and says how the first that differs does, or "".
func compareServed(t *testing.T, s *Server, base string, opts build.Options) string {
	t.Helper()
	site, ds := build.Compile(opts)
	if site == nil {
		t.Fatalf("the full build failed: %v", ds)
	}
	mem := output.NewMemory()
	if _, err := site.Write(mem); err != nil {
		t.Fatal(err)
	}
	fresh := mem.Files()
	s.mu.Lock()
	served, stamp, overlay := s.site.Names(), s.stamp(), s.overlay
	s.mu.Unlock()
	if want := slices.Sorted(maps.Keys(fresh)); !slices.Equal(served, want) { // Names is sorted
		return fmt.Sprintf("serve has files %v, a fresh build %v", served, want)
	}
	for name, data := range fresh {
		res, err := http.Get(base + name)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.HasSuffix(name, ".html") {
			data = Inject(data, stamp, overlay)
		}
		if !bytes.Equal(got, data) {
			return fmt.Sprintf("%s served differs from a fresh build (%d and %d bytes)", name, len(got), len(data))
		}
	}
	return ""
}
