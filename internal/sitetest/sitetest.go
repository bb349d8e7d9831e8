// Package sitetest writes the tiny sites that tests build: from a map of
// files or from a txtar archive, the way Hugo's integration tests do, so
// that a test reads as the site in and the page or the error out.
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Write writes files, slash paths to their text, into dir.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		write(t, dir, name, []byte(text))
	}
}

// New writes files into a new temporary site, with a content/ folder even
// when files have none, and returns its folder.
func New(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	Write(t, dir, files)
	return dir
}

// Archive is a site written from a txtar archive: its files, and the
// archive's comment, which says what the site shows.
type Archive struct {
	Dir     string // the site's folder
	Comment string
	// Want holds the files under want/ in the archive, by the rest of
	// their path: what the test expects, not part of the site.
	Want map[string]string
}

// Txtar writes the files of a txtar archive into a new temporary site.
// Files under want/ are kept apart, for the test to compare with.
func Txtar(t testing.TB, archive string) *Archive {
	t.Helper()
	ar := txtar.Parse([]byte(archive))
	a := &Archive{Dir: t.TempDir(), Comment: strings.TrimSpace(string(ar.Comment)), Want: map[string]string{}}
	if err := os.MkdirAll(filepath.Join(a.Dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "want/"); ok {
			a.Want[rest] = string(f.Data)
			continue
		}
		write(t, a.Dir, f.Name, f.Data)
	}
	return a
}

// TxtarFile is Txtar of the archive in the file path.
func TxtarFile(t testing.TB, path string) *Archive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Txtar(t, string(b))
}

func write(t testing.TB, dir, name string, data []byte) {
	t.Helper()
	if name == "" || filepath.IsAbs(name) || strings.HasPrefix(filepath.Clean(filepath.FromSlash(name)), "..") {
		t.Fatalf("sitetest: %q is not a path inside the site", name)
	}
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
