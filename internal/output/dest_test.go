//go:build unix

package output

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A folder whose index.html is a named pipe (a clone can hold one) is
// not a build's output, and asking does not wait for a writer.
func TestMadeByBuildDoesNotWaitOnANamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "index.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	go func() { done <- MadeByBuild(dir) }()
	select {
	case made := <-done:
		if made {
			t.Error("a named pipe made by a build")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("MadeByBuild still waiting after 10 s")
	}
}
