package build_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
)

// A page costly to make is skipped by a shortcut key, which sums up what
// it is made from instead of its data. For every such page of the sample
// site and of generated sites under random edits, the shortcut must change
// whenever the sum of the page's data does, or serve would keep a stale
// page.
func TestShortcutKeysFollowPageData(t *testing.T) {
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		// The sample site's files, not the repository's around them
		// (tools/ alone is 46 MB of validators).
		dir := t.TempDir()
		for _, name := range []string{"content", "i18n", "static", "templates"} {
			if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(goldenSites["sample"], name))); err != nil {
				t.Fatal(err)
			}
		}
		yaml, err := os.ReadFile(filepath.Join(goldenSites["sample"], "timeline.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "timeline.yaml"), yaml, 0o644); err != nil {
			t.Fatal(err)
		}
		testShortcuts(t, dir, 1, 20)
	})
	for seed := range uint64(2) {
		t.Run(fmt.Sprint("generated", seed), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := benchsite.Write(dir, benchsite.Options{Articles: 30, Words: 60, Seed: int64(seed) + 7}); err != nil {
				t.Fatal(err)
			}
			testShortcuts(t, dir, seed, 25)
		})
	}
}

func testShortcuts(t *testing.T, dir string, seed uint64, steps int) {
	b := build.NewBuilder(options(dir))
	res, ds := b.Rebuild(nil)
	if res == nil {
		t.Fatal(ds.Error())
	}
	last := build.PageKeys(res)
	if len(last) == 0 {
		t.Fatal("no page names its inputs")
	}
	e := &editor{t: t, dir: dir, rng: rand.New(rand.NewPCG(seed, 7))}
	// Each plain edit once, in turn, then random ones of every kind.
	for step := range changeOps + steps {
		var what string
		var changed []string
		if step < changeOps {
			e.n++
			paths := e.articles()
			p := paths[e.rng.IntN(len(paths))]
			what, changed = e.change(p, e.read(p), step)
		} else {
			what, changed = e.randomChange()
		}
		res, _ := b.Rebuild(changed)
		if res == nil {
			continue // a broken file: nothing is rendered
		}
		keys := build.PageKeys(res)
		for file, k := range keys {
			old, ok := last[file]
			if ok && old[1] != k[1] && old[0] == k[0] {
				t.Errorf("step %d (%s): %s shows other data, but the key of its inputs is unchanged", step, what, file)
			}
		}
		last = keys
	}
}
