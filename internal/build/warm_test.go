//go:build unix

package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/output"
)

// TestWarmBuildEqualsColdBuild builds a site, edits it, and builds it
// again into the same folder, where the build links each page whose key
// is unchanged from the last build: after every edit (random edits of
// articles, translations, media and static files, and edits of what no
// page's key holds: timeline.yaml, templates/, static/, i18n/, the
// options) it publishes exactly what a cold build (--no-cache) does. A
// build that fails leaves the published folder as it was; one after
// .timelinegen/ is deleted links nothing.
func TestWarmBuildEqualsColdBuild(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Two languages, a third of the articles translated: small, since
	// every step builds twice.
	if err := benchsite.Write(dir, benchsite.Options{Articles: 14, Words: 40, Seed: 5, Languages: []string{"en", "uk"}, TranslateEvery: 3}); err != nil {
		t.Fatal(err)
	}
	e := &editor{t: t, dir: dir, rng: rand.New(rand.NewPCG(5, 99))}
	e.write("i18n/uk.yaml", "actors: {Ukraine: Україна}\nkinds: {military: Військові}\n")
	e.write("content/later.md", "---\ntitle: Not yet\ndate: 2020-05\nkind: military\ndraft: true\n---\nA draft.\n")
	theme := func(name string) string {
		b, err := fs.ReadFile(timelinegen.Theme, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	opts := build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}
	warm, cold := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "cold")
	// What no page's key holds, each edited in turn among random edits.
	fixed := []func() string{
		func() string {
			e.write("templates/baseof.html", strings.Replace(theme("templates/baseof.html"), "<head>", "<head>\n<meta name=\"edited\" content=\"1\">", 1))
			return "edit templates/baseof.html"
		},
		func() string {
			e.write("templates/partials/entry-card.html", strings.Replace(theme("templates/partials/entry-card.html"), "</article>", "<!-- --></article>", 1)+"\n")
			return "edit templates/partials/entry-card.html"
		},
		func() string {
			e.write("i18n/uk.yaml", "actors: {Ukraine: Україна}\nkinds: {military: Армія}\n")
			return "edit i18n/uk.yaml"
		},
		func() string {
			e.write("timeline.yaml", titleRE.ReplaceAllString(e.read("timeline.yaml"), `title: "Edited"`))
			return "edit timeline.yaml"
		},
		func() string {
			e.write("static/css/style.css", theme("static/css/style.css")+"\n.edited {}\n")
			return "edit static/css/style.css"
		},
		func() string {
			p := e.articles()[0]
			e.deleted = map[string][]byte{p: []byte(e.read(p))}
			e.write(p, strings.Replace(e.read(p), "---\n", "---\nbroken: [\n", 1))
			return "break " + p // fails: the published folder stays as it was
		},
		func() string {
			for p, text := range e.deleted {
				e.write(p, string(text))
				delete(e.deleted, p)
			}
			return "mend it"
		},
		func() string {
			// What the articles are parsed against: a kept parse of an
			// article of that kind would pass.
			y := e.read("timeline.yaml")
			e.deleted = map[string][]byte{config.FileName: []byte(y)}
			e.write(config.FileName, strings.Replace(y, `name: "military"`, `name: "armed"`, 1))
			return "rename the kind military in timeline.yaml" // fails
		},
		func() string {
			e.write(config.FileName, string(e.deleted[config.FileName]))
			delete(e.deleted, config.FileName)
			return "mend timeline.yaml"
		},
		func() string { what, _ := e.linkedTitleChange(); return what },
		func() string {
			// An event, which the body links to by its id: the link's
			// text is the event's title.
			p := e.articles()[2]
			text := strings.Replace(e.read(p), "---\n", "---\nevents:\n  - {id: added-event, title: An added event, date: 2020-02}\n", 1)
			e.write(p, text+"\nSee [[#added-event]].\n")
			return "add an event to " + p
		},
		func() string {
			p := e.articles()[3]
			what, _ := e.change(p, e.read(p), 15) // a translation
			return what
		},
		func() string {
			p := e.articles()[3]
			what, _ := e.mediaChange(0, p, e.read(p))
			return what
		},
		func() string {
			p := e.articles()[3]
			what, _ := e.mediaChange(1, p, e.read(p)) // its pixels only
			return what
		},
		func() string {
			// By hand: the folder is made again, but for the files
			// linked from the last build, which it must not write
			// through (they are the last build's too).
			if err := os.Remove(filepath.Join(warm, "search", "manifest.json")); err != nil {
				t.Fatal(err)
			}
			return removedByHand
		},
		func() string { return nothing },
		func() string {
			// Cut short: the next build makes what they held afresh.
			for _, f := range []string{build.CompiledFile, build.ParsedFile} {
				file := filepath.Join(dir, filepath.FromSlash(f))
				if err := os.Truncate(file, fileSize(t, file)/2); err != nil {
					t.Fatal(err)
				}
			}
			e.write(e.articles()[1], e.read(e.articles()[1])+"\nOne more line.\n")
			return "cut .timelinegen/compiled and parsed short and edit a body"
		},
		func() string { opts.Drafts = !opts.Drafts; return fmt.Sprint("--drafts=", opts.Drafts) },
		func() string { opts.BaseURL = "https://example.org/elsewhere/"; return "--base-url" },
		func() string { opts.Generator = "test 2"; return "another version" },
		func() string {
			if err := os.RemoveAll(filepath.Join(dir, ".timelinegen")); err != nil {
				t.Fatal(err)
			}
			return "delete .timelinegen/"
		},
	}
	if _, ds, err := build.Build(opts, warm); err != nil {
		t.Fatal(err, ds)
	}
	// Five random edits, then each fixed one, in turn.
	const random = 5
	steps := raceSteps(len(fixed) + random)
	linkedSome, broken, done := false, 0, 0
	for step := range steps {
		var what string
		if step%2 == 0 && step < 2*random {
			what, _ = e.randomChange()
		} else {
			what = fixed[done]()
			done++
		}
		before := tree(t, warm, false)
		kept := map[string]string{}
		for _, f := range []string{build.CompiledFile, build.ParsedFile} {
			kept[f] = fileStamp(filepath.Join(dir, filepath.FromSlash(f)))
		}
		coldOpts := opts
		coldOpts.NoCache = true
		// A check takes what the last build kept, and writes nothing: it
		// finds what one that takes nothing does.
		_, checkDS := build.Check(opts)
		if _, coldCheckDS := build.Check(coldOpts); checkDS.Error() != coldCheckDS.Error() {
			t.Fatalf("step %d (%s): check: %s\ncheck --no-cache: %s", step, what, checkDS.Error(), coldCheckDS.Error())
		}
		for f, stamp := range kept {
			if now := fileStamp(filepath.Join(dir, filepath.FromSlash(f))); now != stamp {
				t.Errorf("step %d (%s): check wrote %s", step, what, f)
			}
		}
		_, ds, err := build.Build(opts, warm)
		_, coldDS, coldErr := build.Build(coldOpts, cold)
		if ds.Error() != coldDS.Error() || (err == nil) != (coldErr == nil) {
			t.Fatalf("step %d (%s): warm build: %v\n%s\ncold build: %v\n%s", step, what, err, ds.Error(), coldErr, coldDS.Error())
		}
		if err != nil {
			broken++
			t.Logf("step %d (%s): does not build: %v: %s", step, what, err, ds.Error())
			// Not a file written, removed or added.
			if after := tree(t, warm, false); !maps.Equal(after.stamps, before.stamps) {
				t.Fatalf("step %d (%s): the failed build changed the published folder", step, what)
			}
			continue
		}
		after := tree(t, warm, true)
		compareTrees(t, fmt.Sprintf("step %d (%s): the warm build", step, what), after.files, tree(t, cold, true).files)
		linked := 0
		for name, ino := range after.inodes {
			if before.inodes[name] == ino && strings.HasSuffix(name, ".html") {
				linked++
			}
		}
		t.Logf("step %d (%s): %d of %d files linked from the last build", step, what, linked, len(after.files))
		switch {
		case what == "delete .timelinegen/" && linked > 0:
			t.Errorf("step %d (%s): %d pages linked from the last build", step, what, linked)
		case what == nothing:
			// Every page and data file is the last build's; only the
			// static files and the marker are written again. Every body,
			// card and article was taken as kept: neither file is
			// written again.
			for name, ino := range after.inodes {
				if before.inodes[name] != ino && !isStatic(dir, name) && name != output.Marker {
					t.Errorf("step %d (%s): %s was made again", step, what, name)
				}
			}
			for _, f := range []string{build.CompiledFile, build.ParsedFile} {
				if now := fileStamp(filepath.Join(dir, filepath.FromSlash(f))); now != kept[f] {
					t.Errorf("step %d (%s): %s was written again", step, what, f)
				}
			}
		case what == removedByHand:
			// The rest of the folder was linked, and stays the last
			// build's: the published folder before this build is
			// unchanged (it is compared with the cold build above).
			if after.inodes["search/index-0.json"] != before.inodes["search/index-0.json"] {
				t.Errorf("step %d (%s): the rest of search/ was not linked", step, what)
			}
		case step%2 == 0 && step < 2*random:
			linkedSome = linkedSome || linked > len(after.files)/4
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	// Under -race only the first steps run (raceSteps): these say
	// something of the whole run only.
	whole := steps == len(fixed)+random
	if broken == 0 && whole {
		t.Error("no build failed: the published folder was not seen to stay as it was")
	}
	if broken > steps/3 {
		t.Errorf("%d of %d steps failed to build: the edits compared errors, not files", broken, steps)
	}
	if !linkedSome && whole {
		t.Error("no edit of an article linked a quarter of the files from the last build")
	}
}

// nothing is the step that edits nothing; removedByHand the one that
// removes a data file of a folder from the published site.
const (
	nothing       = "nothing edited"
	removedByHand = "remove search/manifest.json from the published folder"
)

// isStatic reports whether the site or the theme has a static file
// name: such files are written again by every build.
func isStatic(dir, name string) bool {
	if _, err := fs.Stat(timelinegen.Theme, "static/"+name); err == nil {
		return true
	}
	_, err := os.Stat(filepath.Join(dir, "static", filepath.FromSlash(name)))
	return err == nil
}

// fileStamp is a file's inode, size and time; "" when it is missing.
func fileStamp(file string) string {
	info, err := os.Stat(file)
	if err != nil {
		return ""
	}
	return fmt.Sprint(info.Sys().(*syscall.Stat_t).Ino, info.Size(), info.ModTime().UnixNano())
}

func fileSize(t *testing.T, file string) int64 {
	t.Helper()
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// built is a built folder: each file's inode, size and time, and its
// bytes when read.
type built struct {
	files  map[string][]byte
	inodes map[string]uint64
	stamps map[string]string // inode, size and time
}

// tree looks at the folder dir, reading its files when read.
func tree(t *testing.T, dir string, read bool) built {
	t.Helper()
	b := built{files: map[string][]byte{}, inodes: map[string]uint64{}, stamps: map[string]string{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			b.inodes[rel] = uint64(st.Ino)
		}
		b.stamps[rel] = fmt.Sprint(b.inodes[rel], info.Size(), info.ModTime().UnixNano())
		if read {
			if b.files[rel], err = os.ReadFile(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func compareTrees(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for name, data := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s has no %s", what, name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s: %s differs:\n%s", what, name, firstDiff(data, g))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s has %s, which it should not", what, name)
		}
	}
}

// A build links pages only from its own --dest: the keys of a build into
// another folder are not used there.
func TestPagesAreLinkedOnlyFromTheDest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := benchsite.Write(dir, benchsite.Options{Articles: 10, Words: 40}); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	var trees []built
	for _, dest := range []string{a, a, b} {
		if _, ds, err := build.Build(opts, dest); err != nil {
			t.Fatal(err, ds)
		}
		trees = append(trees, tree(t, dest, false))
	}
	shared := func(x, y built) int {
		n := 0
		for name, ino := range y.inodes {
			if strings.HasSuffix(name, ".html") && x.inodes[name] == ino {
				n++
			}
		}
		return n
	}
	if n := shared(trees[0], trees[1]); n == 0 {
		t.Error("the second build into a linked no page from the first")
	}
	if n := shared(trees[1], trees[2]); n > 0 {
		t.Errorf("the build into b linked %d pages from a", n)
	}
}

// A page is linked only when it is the file the last build published,
// reached from within the dest: a page's folder swapped for a link out of
// the site, with PagesFile forged to give the stamp of the file it leads
// to (a clone's .timelinegen/ may hold anything), publishes the page
// rendered, not that file; so does a folder swapped for another of the
// dest's.
func TestALinkedPageIsTheFileTheLastBuildPublished(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := benchsite.Write(dir, benchsite.Options{Articles: 6, Words: 40}); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}
	dest := filepath.Join(t.TempDir(), "public")
	if _, ds, err := build.Build(opts, dest); err != nil {
		t.Fatal(err, ds)
	}
	want := tree(t, dest, true)
	var pages []string
	for name := range want.files {
		if strings.HasPrefix(name, "events/") && strings.HasSuffix(name, "/index.html") {
			pages = append(pages, name)
		}
	}
	if len(pages) < 2 {
		t.Fatalf("the site has %d entry pages; the test needs two", len(pages))
	}
	slices.Sort(pages)
	out, inside := pages[0], pages[1]

	// out's folder leads out of the site, to a file PagesFile is forged for.
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.MkdirAll(secret, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(secret, "index.html"), []byte("a file of the machine's, never to be published"), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dest, filepath.FromSlash(path.Dir(out)))
	if err := os.RemoveAll(outDir); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, outDir); err != nil {
		t.Fatal(err)
	}
	pagesFile := filepath.Join(dir, filepath.FromSlash(build.PagesFile))
	data, err := os.ReadFile(pagesFile)
	if err != nil {
		t.Fatal(err)
	}
	var st syscall.Stat_t
	if err := syscall.Stat(filepath.Join(secret, "index.html"), &st); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	forged := false
	for i, l := range lines {
		if f := strings.Fields(l); len(f) == 5 && f[4] == fmt.Sprintf("%q", out) {
			lines[i] = fmt.Sprintf("%s %d %d %d %s", f[0], st.Size, st.Mtim.Nano(), st.Ino, f[4])
			forged = true
		}
	}
	if !forged {
		t.Fatalf("%s has no line for %s", build.PagesFile, out)
	}
	if err := os.WriteFile(pagesFile, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}

	// inside's folder is swapped for a link to another page's folder.
	inDir := filepath.Join(dest, filepath.FromSlash(path.Dir(inside)))
	if err := os.RemoveAll(inDir); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dest, filepath.FromSlash(path.Dir(pages[2%len(pages)]))), inDir); err != nil {
		t.Fatal(err)
	}

	if _, ds, err := build.Build(opts, dest); err != nil {
		t.Fatal(err, ds)
	}
	got := tree(t, dest, true)
	for _, name := range []string{out, inside} {
		if !bytes.Equal(got.files[name], want.files[name]) {
			t.Errorf("%s published %.60q, want the page as rendered", name, got.files[name])
		}
	}
	compareTrees(t, "the build after the swaps", got.files, want.files)
}
