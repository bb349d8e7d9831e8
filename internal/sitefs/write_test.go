package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteFile and Create make a file or empty one that is there, as
// os.WriteFile and os.Create do, and name the file in their errors.
func TestWriteFileMakesOrEmptiesTheFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.html")
	if err := os.WriteFile(name, []byte(strings.Repeat("old ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	big := []byte(strings.Repeat("new page ", 100_000))
	if err := WriteFile(name, big); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(name); err != nil || string(got) != string(big) {
		t.Fatalf("read back %d bytes, %v; wrote %d", len(got), err, len(big))
	}
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("streamed"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != "streamed" {
		t.Fatalf("after Create: %q", got)
	}
	fresh := filepath.Join(dir, "new.html")
	if err := WriteFile(fresh, nil); err != nil {
		t.Fatal(err)
	}
	// The mode of a new file is os.WriteFile's 0644, less the umask.
	if err := os.WriteFile(filepath.Join(dir, "os.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	osInfo, _ := os.Stat(filepath.Join(dir, "os.html"))
	if info, err := os.Stat(fresh); err != nil || info.Mode() != osInfo.Mode() {
		t.Errorf("a new file's mode is %v (%v), os.WriteFile's %v", info.Mode(), err, osInfo.Mode())
	}
	missing := filepath.Join(dir, "no", "folder.html")
	for _, err := range []error{WriteFile(missing, []byte("x")), func() error { _, err := Create(missing); return err }()} {
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != missing || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %v does not name %s as not there", err, missing)
		}
	}
}

// Rename replaces the file there, and cannot put a file in a folder's
// place.
func TestRenameReplacesAFileNotAFolder(t *testing.T) {
	dir := t.TempDir()
	from, to, folder := filepath.Join(dir, "card.png.tmp"), filepath.Join(dir, "card.png"), filepath.Join(dir, "folder")
	for _, f := range []string{from, to} {
		if err := os.WriteFile(f, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Rename(from, to); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(to); string(got) != from {
		t.Errorf("renamed over a file: it holds %q", got)
	}
	if err := Rename(to, folder); err == nil {
		t.Error("a file renamed in a folder's place")
	}
	if info, err := os.Stat(folder); err != nil || !info.IsDir() {
		t.Errorf("the folder is gone: %v", err)
	}
}
