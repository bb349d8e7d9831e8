package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// A build never deletes what it did not make: a --dest that is the site,
// holds it or lies in its folders is refused, and so is a folder of
// someone else's files unless --clean-dest.
func TestBuildRefusesADestThatWouldDeleteTheSite(t *testing.T) {
	parent := t.TempDir()
	src := filepath.Join(parent, "site")
	sitetest.Write(t, src, map[string]string{
		"timeline.yaml":   "title: T\n",
		"content/a.md":    good,
		"static/logo.txt": "logo",
	})
	sitetest.Write(t, parent, map[string]string{"notes.txt": "the user's notes"})
	for _, tc := range []struct{ dest, want string }{
		{src, "is the site itself"},
		{parent, "holds the site"},
		{filepath.Join(src, "content"), "inside the site's content/ folder"},
		{filepath.Join(src, "static", "out"), "inside the site's static/ folder"},
		{filepath.Join(src, "templates"), "inside the site's templates/ folder"},
		{filepath.Join(src, "i18n", "x"), "inside the site's i18n/ folder"},
		{filepath.Join(src, "content", "..", "content"), "inside the site's content/ folder"},
		{filepath.Join(parent, "notes.txt"), "is not a folder"},
	} {
		code, stdout, stderr := runCLI("build", "--source", src, "--dest", tc.dest)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("--dest %s: exit %d, want 2 saying %q; got:\n%s%s", tc.dest, code, tc.want, stdout, stderr)
		}
		for _, f := range []string{"site/timeline.yaml", "site/content/a.md", "site/static/logo.txt", "notes.txt"} {
			if _, err := os.Stat(filepath.Join(parent, f)); err != nil {
				t.Fatalf("--dest %s: %s is gone", tc.dest, f)
			}
		}
	}
	// Also through a symbolic link to the site.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(src, link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI("build", "--source", src, "--dest", link); code != exitUsage || !strings.Contains(stderr, "is the site itself") {
		t.Errorf("--dest a link to the site: exit %d: %s", code, stderr)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 2 {
		t.Errorf("refused builds left files beside the site: %v", entries)
	}
}

func TestBuildReplacesOnlyItsOwnOutputUnlessCleanDest(t *testing.T) {
	src := site(t, map[string]string{"content/a.md": good})
	theirs := filepath.Join(t.TempDir(), "docs")
	sitetest.Write(t, theirs, map[string]string{"report.pdf": "theirs"})
	code, _, stderr := runCLI("build", "--source", src, "--dest", theirs)
	if code != exitUsage || !strings.Contains(stderr, "--clean-dest") {
		t.Fatalf("a folder of other files: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(theirs, "report.pdf")); err != nil {
		t.Fatal("the refused build deleted the folder's files")
	}
	if code, _, stderr := runCLI("build", "--source", src, "--dest", theirs, "--clean-dest"); code != 0 {
		t.Fatalf("--clean-dest: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(theirs, "report.pdf")); err == nil {
		t.Error("--clean-dest kept the old files")
	}
	// Now the folder is a build's: the next build replaces it unasked.
	if code, _, stderr := runCLI("build", "--source", src, "--dest", theirs); code != 0 {
		t.Fatalf("rebuilding into a build's own folder: exit %d: %s", code, stderr)
	}
	// An empty folder, and the default --dest, need nothing.
	empty := t.TempDir()
	if code, _, stderr := runCLI("build", "--source", src, "--dest", empty); code != 0 {
		t.Fatalf("empty --dest: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI("build", "--source", src); code != 0 {
		t.Fatalf("default --dest: exit %d: %s", code, stderr)
	}
}
