package output

import (
	"os"
	"path/filepath"
	"testing"
)

// A Store writes each file once under a new name, removes the folders of
// runs killed before they could close but not those of runs still going,
// and removes its own folder on Close.
func TestStoreKeepsFilesInAFolderOfItsOwn(t *testing.T) {
	parent := t.TempDir()
	killed := filepath.Join(parent, StorePrefix+"killed")
	if err := os.MkdirAll(killed, 0o755); err != nil {
		t.Fatal(err)
	}
	running, err := NewStore(parent)
	if err != nil {
		t.Fatal(err)
	}
	defer running.Close()
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Error("the folder of a killed run is left")
	}
	s, err := NewStore(parent)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(running.Dir()); err != nil {
		t.Errorf("the folder of a running store was removed: %v", err)
	}
	a, err := s.Put([]byte("a"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Put([]byte("b"))
	if a == b || filepath.Dir(a) != s.Dir() {
		t.Errorf("files %s and %s, want two in %s", a, b, s.Dir())
	}
	if data, _ := os.ReadFile(a); string(data) != "a" {
		t.Errorf("%s holds %q", a, data)
	}
	s.Remove(a, filepath.Join(parent, "not-the-stores"))
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Error("Remove left the file")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Dir()); !os.IsNotExist(err) {
		t.Error("Close left the folder")
	}
}

// A parent that cannot hold the folder (here a file) gives way to the
// system's temporary folder.
func TestStoreFallsBackToTheTemporaryFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := NewStore(file)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if filepath.Dir(s.Dir()) != filepath.Clean(os.TempDir()) {
		t.Errorf("store in %s, want one in %s", s.Dir(), os.TempDir())
	}
}
