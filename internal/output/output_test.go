package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirSwapsInOnlyOnCommit(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := os.MkdirAll(filepath.Join(dest, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "old/index.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("new/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "new/index.html")); !os.IsNotExist(err) {
		t.Fatal("a file appeared in dest before Commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "new/index.html")); string(b) != "new" {
		t.Error("new build not in dest")
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Error("files of the old build survived")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left beside dest: %v", entries)
	}
}

func TestAbortLeavesDestAlone(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Write("index.html", []byte("x"))
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("abort left %v", entries)
	}
}

func TestNamesOutsideTheRootAreRefused(t *testing.T) {
	m := NewMemory()
	for _, name := range []string{"", "/etc/passwd", "../x", "a/../../x", "a\\b", "./a"} {
		if err := m.Write(name, nil); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
	data := []byte("abc")
	_ = m.Write("a.html", data)
	data[0] = 'X'
	if string(m.Files()["a.html"]) != "abc" {
		t.Error("Memory must copy what it is given")
	}
}
