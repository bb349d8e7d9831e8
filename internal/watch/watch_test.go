package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func mkSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/2025", "templates", "static"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "content/2025/a.md", "a")
	return root
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for a batch that contains every path of want; batches of
// unrelated noise before it are skipped.
func next(t *testing.T, w *Watcher, want ...string) Batch {
	t.Helper()
	var seen []string
	timeout := time.After(5 * time.Second)
	for {
		select {
		case b := <-w.Batches():
			seen = append(seen, b...)
			ok := true
			for _, p := range want {
				ok = ok && slices.Contains(seen, p)
			}
			if ok {
				return b
			}
		case err := <-w.Errors():
			t.Fatal(err)
		case <-timeout:
			t.Fatalf("no batch with %v; saw %v", want, seen)
		}
	}
}

// noBatch asserts that nothing is reported for a while.
func noBatch(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Fatalf("unexpected batch %v", b)
	case <-time.After(300 * time.Millisecond):
	}
}

func modes(t *testing.T, f func(t *testing.T, opts Options)) {
	t.Run("notify", func(t *testing.T) { f(t, Options{}) })
	t.Run("poll", func(t *testing.T) { f(t, Options{Poll: true, PollInterval: 20 * time.Millisecond}) })
}

func start(t *testing.T, root string, opts Options) *Watcher {
	t.Helper()
	w, err := New(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func TestAtomicSaveIsOneChangeOfTheFile(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := mkSite(t)
		w := start(t, root, opts)
		// Write a temporary file, then rename it over the article.
		write(t, root, "content/2025/.a.md.swp", "x")
		write(t, root, "content/2025/a.md~", "x")
		write(t, root, "content/2025/4913", "x")
		write(t, root, "content/2025/a.md___jb_tmp___", "x")
		write(t, root, "content/2025/a.md.tmp", "new")
		if err := os.Rename(filepath.Join(root, "content/2025/a.md.tmp"), filepath.Join(root, "content/2025/a.md")); err != nil {
			t.Fatal(err)
		}
		b := next(t, w, "content/2025/a.md")
		for _, p := range b {
			if Ignored(p) {
				t.Errorf("temporary file %s reported", p)
			}
		}
	})
}

func TestNewFolderIsWatched(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := mkSite(t)
		w := start(t, root, opts)
		write(t, root, "content/2026/deep/b.md", "b")
		next(t, w, "content/2026/deep/b.md")
		// Files written into the new folder later are seen too.
		time.Sleep(50 * time.Millisecond)
		write(t, root, "content/2026/deep/c.md", "c")
		next(t, w, "content/2026/deep/c.md")
	})
}

func TestDeleteAndFolderRename(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := mkSite(t)
		w := start(t, root, opts)
		if err := os.Remove(filepath.Join(root, "content/2025/a.md")); err != nil {
			t.Fatal(err)
		}
		next(t, w, "content/2025/a.md")
		write(t, root, "content/2025/b.md", "b")
		next(t, w, "content/2025/b.md")
		if err := os.Rename(filepath.Join(root, "content/2025"), filepath.Join(root, "content/archive")); err != nil {
			t.Fatal(err)
		}
		next(t, w, "content/archive/b.md")
	})
}

func TestBurstIsOneBatch(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := mkSite(t)
		opts.Quiet = 200 * time.Millisecond
		w := start(t, root, opts)
		var want []string
		for i := range 300 {
			p := filepath.ToSlash(filepath.Join("content", "burst", string(rune('a'+i%26))+string(rune('a'+i/26))+".md"))
			write(t, root, p, "x")
			want = append(want, p)
		}
		write(t, root, "timeline.yaml", "title: x\n")
		want = append(want, "timeline.yaml")
		b := next(t, w, want...)
		if len(b) < len(want) {
			t.Errorf("the burst came in several batches; the last had %d paths", len(b))
		}
	})
}

func TestOutsideFilesAreIgnored(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := mkSite(t)
		w := start(t, root, opts)
		write(t, root, "public/index.html", "x")
		write(t, root, "notes.txt", "x")
		noBatch(t, w)
		write(t, root, "templates/entry.html", "x")
		next(t, w, "templates/entry.html")
	})
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": false, "a.md~": true, ".a.md.swp": true, "a.swx": true, "4913": true,
		"a.md___jb_tmp___": true, ".#a.md": true, "#a.md#": true, "timeline.yaml": false,
		"sedAb12Cd": true, "sed4xQ9zz": true, "sedan.md": false, "sedimentary": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

// After a folder is renamed, edits and new files in it, and in its
// subfolders, are reported under the new names.
func TestEditsAfterAFolderRename(t *testing.T) {
	modes(t, func(t *testing.T, opts Options) {
		root := mkSite(t)
		write(t, root, "content/2025/03/b.md", "b")
		write(t, root, "content/2025/03/deep/c.md", "c")
		w := start(t, root, opts)
		mv := func(from, to string) {
			t.Helper()
			if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
				t.Fatal(err)
			}
		}
		mv("content/2025/03", "content/2025/march")
		next(t, w, "content/2025/march/b.md")
		time.Sleep(50 * time.Millisecond)
		write(t, root, "content/2025/march/b.md", "edited")
		next(t, w, "content/2025/march/b.md")
		write(t, root, "content/2025/march/deep/c.md", "edited")
		next(t, w, "content/2025/march/deep/c.md")

		mv("content/2025", "content/y2025")
		next(t, w, "content/y2025/a.md")
		time.Sleep(50 * time.Millisecond)
		write(t, root, "content/y2025/march/deep/c.md", "again")
		b := next(t, w, "content/y2025/march/deep/c.md")
		for _, p := range b {
			if strings.HasPrefix(p, "content/2025/") {
				t.Errorf("reported under the old name: %s", p)
			}
		}
		write(t, root, "content/y2025/march/new.md", "new")
		next(t, w, "content/y2025/march/new.md")
	})
}
