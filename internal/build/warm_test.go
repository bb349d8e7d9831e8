//go:build unix

package build_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
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
	if err := benchsite.Write(dir, benchsite.Options{Articles: 30, Words: 60, Seed: 5, Languages: []string{"en", "uk", "ar"}, TranslateEvery: 3}); err != nil {
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
	warm, cold := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "cold")
	if _, ds, err := build.Build(opts, warm); err != nil {
		t.Fatal(err, ds)
	}
	steps := raceSteps(2 * len(fixed))
	linkedSome, broken := false, 0
	for step := range steps {
		var what string
		if step%2 == 1 {
			what = fixed[step/2]()
		} else {
			what, _ = e.randomChange()
		}
		before := tree(t, warm)
		_, ds, err := build.Build(opts, warm)
		coldOpts := opts
		coldOpts.NoCache = true
		_, coldDS, coldErr := build.Build(coldOpts, cold)
		if ds.Error() != coldDS.Error() || (err == nil) != (coldErr == nil) {
			t.Fatalf("step %d (%s): warm build: %v\n%s\ncold build: %v\n%s", step, what, err, ds.Error(), coldErr, coldDS.Error())
		}
		after := tree(t, warm)
		if err != nil {
			broken++
			t.Logf("step %d (%s): does not build: %v: %s", step, what, err, ds.Error())
			compareTrees(t, fmt.Sprintf("step %d (%s): the failed build", step, what), after.files, before.files)
			continue
		}
		compareTrees(t, fmt.Sprintf("step %d (%s): the warm build", step, what), after.files, tree(t, cold).files)
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
		case step%2 == 0:
			linkedSome = linkedSome || linked > len(after.files)/4
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	if broken > steps/3 {
		t.Errorf("%d of %d steps failed to build: the edits compared errors, not files", broken, steps)
	}
	if !linkedSome && steps > len(fixed) {
		t.Error("no edit of an article linked a quarter of the files from the last build")
	}
}

// built is a built folder: its files, and the inode of each.
type built struct {
	files  map[string][]byte
	inodes map[string]uint64
}

func tree(t *testing.T, dir string) built {
	t.Helper()
	b := built{files: map[string][]byte{}, inodes: map[string]uint64{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b.files[rel] = data
		if info, err := d.Info(); err == nil {
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				b.inodes[rel] = uint64(st.Ino)
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
