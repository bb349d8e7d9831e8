//go:build unix

package output_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/timelinegen/timelinegen/internal/output"
)

// A build's temporary file is locked while the build runs: the next build
// removes the one a killed build left, and leaves a running build's.
func TestCreateTempRemovesWhatKilledBuildsLeft(t *testing.T) {
	dir := t.TempDir()
	killed := filepath.Join(dir, "compiled-1.tmp")
	other := filepath.Join(dir, "parsed-1.tmp")
	for _, f := range []string{killed, other} {
		if err := os.WriteFile(f, []byte("left"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	running, unlock, err := output.CreateTemp(dir, "compiled-*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	defer running.Close()
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("the killed build's %s is still there (%v)", filepath.Base(killed), err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another pattern's file was removed: %v", err)
	}
	mine, unlockMine, err := output.CreateTemp(dir, "compiled-*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	defer unlockMine()
	defer mine.Close()
	if _, err := os.Stat(running.Name()); err != nil {
		t.Errorf("the running build's file was removed: %v", err)
	}
}
