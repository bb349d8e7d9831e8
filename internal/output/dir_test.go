package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Killed builds leave their folders beside dest; the next build removes
// them, but never the folder of a build that is still running.
func TestLeftoversOfKilledBuildsAreRemoved(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for _, name := range []string{".public.building-111", ".public.building-222/events/x"} {
		if err := os.MkdirAll(filepath.Join(parent, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(parent, "notes.building-1"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	running, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(running.tmp); err != nil {
		t.Fatal("a build removed the folder of a build still running")
	}
	for _, x := range []*Dir{running, d} {
		if err := x.Write("index.html", []byte("x")); err != nil {
			t.Fatal(err)
		}
		if err := x.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "notes.building-1 public" {
		t.Errorf("beside dest: %v", names)
	}
}

func TestBuildsIntoOneDestAtOnceAllSucceed(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			d, err := NewDir(dest)
			if err == nil {
				for j := range 50 {
					if err = d.Write(filepath.ToSlash(filepath.Join("p", string(rune('a'+j)), "index.html")), []byte("x")); err != nil {
						break
					}
				}
			}
			if err == nil {
				err = d.Commit()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left beside dest: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(dest, "p/a/index.html")); err != nil || !MadeByBuild(dest) {
		t.Error("dest is not one whole build")
	}
}

// When the new build is in place but the old one cannot be removed, the
// error says so and where the old one is, and the site is published.
func TestOldBuildThatCannotBeRemovedIsReported(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i := range 2 {
		d, err := NewDir(dest)
		if err != nil {
			t.Fatal(err)
		}
		_ = d.Write("index.html", []byte{'0' + byte(i)})
		d.removeAll = func(string) error { return os.ErrPermission }
		err = d.Commit()
		var stale *StaleError
		switch {
		case i == 0 && err != nil:
			t.Fatal(err)
		case i == 1 && !errors.As(err, &stale):
			t.Fatalf("got %v, want a StaleError", err)
		case i == 1:
			if _, err := os.Stat(stale.Path); err != nil || !strings.Contains(stale.Error(), stale.Path) {
				t.Errorf("%v: the old build is not where the error says", stale)
			}
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "1" {
		t.Errorf("the new build is not published: %q", b)
	}
}

// CommitThen runs its func once the new build is in place, the first
// into an empty dest as well as one replacing another, and returns once
// it and the old build's removal are done; a commit that fails runs it
// not at all.
func TestCommitThenRunsOnceTheBuildIsInPlace(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i := range 2 {
		d, err := NewDir(dest)
		if err != nil {
			t.Fatal(err)
		}
		want := []byte{'0' + byte(i)}
		_ = d.Write("index.html", want)
		removed := make(chan struct{})
		d.removeAll = func(p string) error {
			<-removed // not before then has seen the new build
			return os.RemoveAll(p)
		}
		ran := false
		err = d.CommitThen(func() {
			if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != string(want) {
				t.Errorf("build %d: then ran with %q published", i, b)
			}
			ran = true
			close(removed)
		})
		if err != nil || !ran {
			t.Fatalf("build %d: err %v, then ran: %v", i, err, ran)
		}
	}
	file := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(file)
	if err == nil {
		if err := d.CommitThen(func() { t.Error("then ran on a commit that failed") }); err == nil {
			t.Error("a commit onto a file succeeded")
		}
	}
}

// removeTree removes a build whole, whatever its folders hold (a folder
// whose listing takes several reads among them), and a link in it goes
// without what it leads to.
func TestRemoveTreeRemovesTheFolderNotWhatItLinksTo(t *testing.T) {
	outside := t.TempDir()
	kept := filepath.Join(outside, "kept.html")
	if err := os.WriteFile(kept, []byte("not the build's"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "old")
	names := []string{"index.html", "events/a/index.html", "events/a/oembed.json", "data/events.json", "media/x/y/z.png"}
	for i := range 1500 { // about 100 KB of listing
		names = append(names, fmt.Sprintf("events/an-article-whose-slug-is-long-enough-to-fill-a-listing-%04d/index.html", i))
	}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, link := range []string{"events/out", "top"} {
		if err := os.Symlink(outside, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder is still there: %v", err)
	}
	if b, err := os.ReadFile(kept); err != nil || string(b) != "not the build's" {
		t.Errorf("the file a link led to: %q, %v", b, err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("a folder already gone: %v", err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(file); err != nil {
		t.Errorf("a file: %v", err)
	}
}
