package build

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	timelinegen "github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// stagingSite is a site of three articles in a row, whose middle one the
// tests edit; files, when given, are added to it.
func stagingSite(t *testing.T, files map[string]string) Options {
	t.Helper()
	site := map[string]string{
		"timeline.yaml": "title: T\nbase_url: https://example.org/\n",
		"content/a.md":  "---\ntitle: A\ndate: 2025-03-11\nkind: military\n---\nBody of A.\n",
		"content/b.md":  "---\ntitle: B\ndate: 2025-03-12\nkind: military\n---\nBody of B, after [[a]].\n",
		"content/c.md":  "---\ntitle: C\ndate: 2025-03-13\nkind: diplomatic\n---\nBody of C.\n",
	}
	for name, text := range files {
		site[name] = text
	}
	return Options{Source: sitetest.New(t, site), Theme: timelinegen.Theme, Generator: "test", Staging: t.TempDir()}
}

// newTestBuilder gives a Builder that has built opts's site once, and
// removes its folder when the test ends.
func newTestBuilder(t *testing.T, opts Options) *Builder {
	t.Helper()
	b := NewBuilder(opts)
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	if res, ds := b.Rebuild(nil); res == nil {
		t.Fatal(ds)
	}
	return b
}

// edit writes a file of the site and rebuilds what it changes.
func edit(t *testing.T, b *Builder, rel, text string) (*Result, error) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(b.opts.Source, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	res, ds := b.Rebuild([]string{rel})
	if res == nil {
		return nil, ds
	}
	return res, nil
}

// fullBuild is what a full build of the site gives, by file name.
func fullBuild(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	site, ds := Compile(opts)
	if site == nil {
		t.Fatal(ds)
	}
	mem := output.NewMemory()
	if _, err := site.Write(mem); err != nil {
		t.Fatal(err)
	}
	return mem.Files()
}

// stagedFiles are the files in the Builder's folder, by path.
func stagedFiles(t *testing.T, b *Builder) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(b.store.Dir())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		p := filepath.Join(b.store.Dir(), e.Name())
		if files[p], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// The Builder keeps the site's pages in its folder on disk, not in
// memory: each page's bytes are a file there.
func TestBuilderKeepsThePagesOnDisk(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	b.last.Finish()
	staged := stagedFiles(t, b)
	full := fullBuild(t, opts)
	for _, name := range []string{"index.html", "events/b/index.html", "kinds/military/index.html"} {
		st := stateOf(b.last.files, name)
		if st == nil || st.path == "" || st.data != nil {
			t.Fatalf("%s: not kept in the folder: %+v", name, st)
		}
		if !bytes.Equal(staged[st.path], full[name]) {
			t.Errorf("%s: the folder holds other bytes than a full build's", name)
		}
	}
	dir := b.store.Dir()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Close left %s: %v", dir, err)
	}
}

// The first build, with the default templates, renders each page when
// first asked for (serve has said it is ready by then), or all at once
// by Finish: serve is ready once the site is compiled.
func TestTheFirstBuildRendersWhenAskedFor(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	res := b.last
	full := fullBuild(t, opts)
	for name := range full {
		st := res.lookup(name)
		if st == nil {
			t.Fatalf("%s: not in the first build", name)
		}
		if st.done.Load() && !st.static {
			t.Errorf("%s: rendered before it was asked for", name)
		}
	}
	renderedWhenAsked(t, res, full, "index.html", "events/a/index.html", slices.Collect(maps.Keys(full)))
	if len(stagedFiles(t, b)) == 0 {
		t.Error("Finish put no page in the folder")
	}
}

// A stopped site's Finish renders nothing more, so that a server
// stopping right after its first build does not wait for every page;
// a page asked for is still rendered.
func TestAStoppedSiteIsNotFinished(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	res := b.last
	res.Stop()
	res.Finish()
	for _, p := range res.pending {
		if p.st.done.Load() {
			t.Fatal("Finish rendered a page of a stopped site")
		}
	}
	full := fullBuild(t, opts)
	if got, _ := res.File("index.html"); !bytes.Equal(got, full["index.html"]) {
		t.Error("index.html: not the full build's bytes once stopped")
	}
}

// renderedWhenAsked asks res for the page asked alone, which must render
// it and not the page other, then renders the rest (Finish): asked and
// the pages named are each as a full build gives it.
func renderedWhenAsked(t *testing.T, res *Result, full map[string][]byte, asked, other string, names []string) {
	t.Helper()
	if got, _ := res.File(asked); !bytes.Equal(got, full[asked]) {
		t.Errorf("%s: not the full build's bytes", asked)
	}
	if !stateOf(res.files, asked).done.Load() || stateOf(res.files, other).done.Load() {
		t.Error("asking for one page must render that page alone")
	}
	res.Finish()
	for _, name := range names {
		if got, _ := res.File(name); !bytes.Equal(got, full[name]) {
			t.Errorf("%s: not the full build's bytes after Finish", name)
		}
	}
}

// editedB is a staging site built, then rebuilt after B's title changed.
func editedB(t *testing.T) (Options, *Builder, *Result) {
	t.Helper()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	res, err := edit(t, b, "content/b.md", "---\ntitle: B, edited\ndate: 2025-03-12\nkind: military\n---\nBody of B, after [[a]].\n")
	if err != nil {
		t.Fatal(err)
	}
	return opts, b, res
}

// After an edit, with the default templates, the pages it changes are
// rendered when first asked for (serve has told the browser to reload
// by then), or all at once by Finish: each as a full build gives it.
func TestChangedPagesAreRenderedWhenFirstAskedFor(t *testing.T) {
	t.Parallel()
	opts, _, res := editedB(t)
	full := fullBuild(t, opts)
	changed := []string{"events/a/index.html", "events/b/index.html", "events/c/index.html", "kinds/military/index.html"}
	for _, name := range changed {
		if stateOf(res.files, name).done.Load() {
			t.Errorf("%s: rendered before it was asked for", name)
		}
	}
	renderedWhenAsked(t, res, full, "events/b/index.html", "events/a/index.html", changed)
	rendered := res.Rendered()
	for _, name := range changed {
		if !slices.Contains(rendered, name) {
			t.Errorf("%s: not rendered again", name)
		}
	}
	// A page the edit did not change keeps its file: the same bytes.
	for _, name := range []string{"kinds/diplomatic/index.html", "404.html"} {
		if slices.Contains(rendered, name) {
			t.Errorf("%s: rendered again, unchanged", name)
		}
		if got, _ := res.File(name); !bytes.Equal(got, full[name]) {
			t.Errorf("%s: not the full build's bytes", name)
		}
	}
}

// A site's own templates may fail on an edit: the pages are rendered
// before the rebuild is done, so that it fails and the last good site
// is served.
func TestWithTemplatesOfItsOwnPagesAreRenderedAtOnce(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, map[string]string{"templates/404.html": "{{define \"main\"}}<p>Gone.</p>{{end}}\n"})
	b := newTestBuilder(t, opts)
	res, err := edit(t, b, "content/b.md", "---\ntitle: B, edited\ndate: 2025-03-12\nkind: military\n---\nBody.\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.pending) != 0 || !stateOf(res.files, "events/b/index.html").done.Load() {
		t.Error("pages left to render on first use, with templates of the site's own")
	}
}

// A rebuild that fails leaves the Builder's folder as it was: what it
// rendered before the failure is removed, and the last good site reads
// as before.
func TestFailedRebuildLeavesTheFolderAsItWas(t *testing.T) {
	t.Parallel()
	// The entry template fails on an entry titled "Broken" only.
	opts := stagingSite(t, map[string]string{"templates/entry.html": "{{define \"main\"}}{{if eq .Title \"Broken\"}}{{.NoSuchField}}{{end}}<p>{{.Title}}</p>{{end}}\n"})
	b := newTestBuilder(t, opts)
	before := stagedFiles(t, b)
	last := b.last
	page, _ := last.File("events/b/index.html")
	if _, err := edit(t, b, "content/b.md", "---\ntitle: Broken\ndate: 2025-03-12\nkind: military\n---\nBody.\n"); err == nil {
		t.Fatal("want the rebuild to fail")
	}
	after := stagedFiles(t, b)
	if len(after) != len(before) {
		t.Errorf("the failed rebuild left %d files in the folder, want the %d of the last good site", len(after), len(before))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s changed", p)
		}
	}
	if again, _ := last.File("events/b/index.html"); !bytes.Equal(again, page) || b.last != last {
		t.Error("the last good site changed")
	}
}

// Sweep removes the files of earlier builds that the last does not use:
// however many edits, the folder holds one site.
func TestSweepLeavesOneSiteInTheFolder(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	for i, title := range []string{"B1", "B2", "B3"} {
		res, err := edit(t, b, "content/b.md", "---\ntitle: "+title+"\ndate: 2025-03-12\nkind: military\n---\nBody.\n")
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range res.Names() {
			res.File(name) // every file made
		}
		b.Sweep()
		oneSite(t, b, res, fmt.Sprintf("edit %d", i+1))
	}
}

// oneSite checks that the Builder's folder holds the files of res alone.
func oneSite(t *testing.T, b *Builder, res *Result, when string) {
	t.Helper()
	want := map[string]bool{}
	res.files.each(func(_ string, st *pageState) {
		for _, p := range st.stored() {
			want[p] = true
		}
	})
	staged := stagedFiles(t, b)
	for p := range staged {
		if !want[p] {
			t.Errorf("%s: %s is no file of the last site", when, p)
		}
	}
	if len(staged) != len(want) {
		t.Errorf("%s: %d files in the folder, want %d", when, len(staged), len(want))
	}
}

// A Sweep before an edit's pages are rendered keeps the files of the site
// before that they may find unchanged and take over (serve sweeps as
// soon as it has reloaded); once they are rendered, the next Sweep
// leaves one site.
func TestSweepKeepsWhatPagesNotRenderedMayTakeOver(t *testing.T) {
	t.Parallel()
	opts, b, res := editedB(t)
	b.Sweep()
	res.Finish()
	full := fullBuild(t, opts)
	for _, name := range res.Names() {
		if got, _ := res.File(name); !bytes.Equal(got, full[name]) {
			t.Errorf("%s: not the full build's bytes", name)
		}
	}
	if unchanged := "kinds/diplomatic/index.html"; slices.Contains(res.Rendered(), unchanged) {
		t.Errorf("%s: rendered again, unchanged", unchanged)
	}
	b.Sweep()
	oneSite(t, b, res, "once rendered")
}

// serve's Builder keeps no article's body in memory: each is in a file
// of its own folder, read back for its page, which shows the body as a
// full build does, before and after an edit of it.
func TestBuilderPutsTheBodiesAside(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	inMemory := func(when string) {
		t.Helper()
		for _, ls := range b.st.langs {
			for path, body := range ls.bodies {
				if body.body.HTML != "" || body.body.Aside == nil {
					t.Errorf("%s: the body of %s is in memory", when, path)
				}
			}
		}
	}
	inMemory("first build")
	res, err := edit(t, b, "content/a.md", "---\ntitle: A\ndate: 2025-03-11\nkind: military\n---\nBody of A, edited.\n")
	if err != nil {
		t.Fatal(err)
	}
	inMemory("after an edit")
	res.Finish()
	full := fullBuild(t, opts)
	for _, name := range []string{"events/a/index.html", "events/b/index.html"} {
		if got, _ := res.File(name); !bytes.Equal(got, full[name]) || !bytes.Contains(got, []byte("Body of")) {
			t.Errorf("%s: not the full build's page", name)
		}
	}
	if files, _ := os.ReadDir(b.store.Dir()); slices.ContainsFunc(files, func(e os.DirEntry) bool { return e.Name() == "bodies.html" }) {
		t.Error("the bodies' file is in the site's folder")
	}
}

// TestBuilderLetsGoOfTheMarkdown: once rendered, no article holds its
// Markdown, in any language; a body rendered again because a wiki-link now
// reads otherwise is read again from its file: the original's, or the
// translation's when it has a body of its own (a translation without one
// shows none, and none is rendered for it).
func TestBuilderLetsGoOfTheMarkdown(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, map[string]string{
		"timeline.yaml":   "title: T\nbase_url: https://example.org/\nlanguages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n",
		"content/c.md":    "---\ntitle: C\ndate: 2025-03-13\nkind: diplomatic\n---\nBody of C, before [[a]].\n",
		"content/b.uk.md": "---\ntitle: Б\n---\nТіло Б, після [[a]].\n",
		"content/c.uk.md": "---\ntitle: В\n---\n",
	})
	b := newTestBuilder(t, opts)
	held := func(when string) {
		t.Helper()
		for p, f := range b.st.files.byPath {
			if a := f.article; a != nil && (a.Body != nil || !a.BodyAside) {
				t.Errorf("%s: %s holds its Markdown", when, p)
			}
		}
		for _, ls := range b.st.langs {
			for _, c := range ls.copies {
				if c.a.Body != nil || !c.a.BodyAside {
					t.Errorf("%s: the copy of %s (%s) holds its Markdown", when, c.a.Slug, c.a.Path)
				}
			}
		}
	}
	held("first build")
	res, err := edit(t, b, "content/a.md", "---\ntitle: A, renamed\ndate: 2025-03-11\nkind: military\n---\nBody of A.\n")
	if err != nil {
		t.Fatal(err)
	}
	held("after an edit")
	// c has no body in Ukrainian: none was rendered, nor read again.
	if st := b.st.langs["uk"].bodies["content/c.md"]; st == nil || st.key != 0 || st.body.Sum != 0 || st.aside != (aside{}) {
		t.Errorf("the Ukrainian page of c shows no body, but one was rendered for it: %+v", st)
	}
	res.Finish()
	full := fullBuild(t, opts)
	for _, name := range []string{"events/b/index.html", "events/c/index.html", "uk/events/b/index.html", "uk/events/c/index.html"} {
		got, _ := res.File(name)
		if !bytes.Equal(got, full[name]) {
			t.Errorf("%s: not the full build's page", name)
		}
		if !bytes.Contains(got, []byte(">A, renamed</a>")) && name != "uk/events/c/index.html" {
			t.Errorf("%s: the link to a does not read its new title", name)
		}
	}
	for name, data := range full {
		if got, _ := res.File(name); !bytes.Equal(got, data) {
			t.Errorf("%s: not the full build's", name)
		}
	}
}

// A share card not yet asked for is kept, not made again, by a save that
// leaves it as it was: its maker holds the media cache alone. A card the
// save changes is a new file; either gives a full build's bytes.
func TestASaveKeepsTheCardsNotYetMade(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	before := b.last
	before.Finish()
	cards := func(r *Result) []string {
		var names []string
		r.files.each(func(name string, _ *pageState) {
			if strings.HasSuffix(name, "-share.png") {
				names = append(names, name)
			}
		})
		slices.Sort(names)
		return names
	}
	if n := len(cards(before)); n != 3 {
		t.Fatalf("%d share cards, want one an article", n)
	}
	res, err := edit(t, b, "content/b.md", "---\ntitle: B again\ndate: 2025-03-12\nkind: military\n---\nBody of B.\n")
	if err != nil {
		t.Fatal(err)
	}
	res.Finish()
	full := fullBuild(t, opts)
	kept := 0
	for _, name := range cards(res) {
		st := stateOf(res.files, name)
		if st == stateOf(before.files, name) {
			kept++
			if st.done.Load() {
				t.Errorf("%s: made, though never asked for", name)
			}
		}
		if got, _ := res.File(name); !bytes.Equal(got, full[name]) {
			t.Errorf("%s: not the full build's bytes", name)
		}
	}
	if kept != 2 {
		t.Errorf("%d cards kept from the build before, want the 2 of the articles not edited", kept)
	}
}

// stored lists the files the store holds of s; nil until it is made.
func (s *pageState) stored() []string {
	if !s.done.Load() {
		return nil
	}
	if s.path != "" {
		return []string{s.path}
	}
	return slices.Collect(maps.Values(s.paths))
}

// serve's cards go where its bodies do once every page is rendered, as
// a one-shot build's stay in memory: each view's card is read back as a
// full build renders it, after the first build and after an edit, and
// the listings show them.
func TestBuilderPutsTheListingCardsAside(t *testing.T) {
	t.Parallel()
	opts := stagingSite(t, nil)
	b := newTestBuilder(t, opts)
	full, _ := Compile(opts)
	want := map[string]string{}
	for _, v := range full.Planner.Made().Views {
		if v.ListingCard().Aside() {
			t.Errorf("%s: a one-shot build put its card aside", v.Slug)
		}
		want[v.Slug] = string(v.Card())
	}
	asideOnceFinished := func(res *Result) {
		t.Helper()
		res.Finish()
		for _, v := range res.Site.Planner.Made().Views {
			if !v.ListingCard().Aside() {
				t.Errorf("%s: serve holds its card", v.Slug)
			}
			if got := string(v.Card()); got != want[v.Slug] || !strings.Contains(got, "<li") {
				t.Errorf("%s: card read back\n%s\nwant\n%s", v.Slug, got, want[v.Slug])
			}
		}
	}
	asideOnceFinished(b.last)
	res, err := edit(t, b, "content/b.md", "---\ntitle: B edited\ndate: 2025-03-12\nkind: military\n---\nBody of B.\n")
	if err != nil {
		t.Fatal(err)
	}
	full, _ = Compile(opts)
	for _, v := range full.Planner.Made().Views {
		want[v.Slug] = string(v.Card())
	}
	asideOnceFinished(res)
	files := fullBuild(t, opts)
	for _, name := range []string{"index.html", "kinds/military/index.html"} {
		if got, _ := res.File(name); !bytes.Equal(got, files[name]) {
			t.Errorf("%s differs from a full build's", name)
		}
	}
}

// stateOf is the state of the file name in t; nil when it has none.
func stateOf(t *stateTable, name string) *pageState {
	st, _ := t.get(name)
	return st
}
