//go:build unix

package sitefs_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// hostile are files that are not regular files, or not really: each
// must be refused at once, with nothing read from it.
func hostile(t *testing.T) map[string]string {
	if runtime.GOOS != "linux" {
		t.Skip("needs /dev and /proc")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"/dev/zero":          "not a regular file but a character device",
		"/dev/urandom":       "not a regular file but a character device",
		"/proc/self/pagemap": "", // refuses a read of one byte
		"/proc/self/maps":    "holds more than its size says",
		"/proc/self/status":  "holds more than its size says",
		"/proc/self":         "not a regular file but a folder",
		dir:                  "not a regular file but a folder",
		fifo:                 "not a regular file but a named pipe",
	}
}

func TestOnlyRegularFilesAreRead(t *testing.T) {
	for name, want := range hostile(t) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			b, err := sitefs.ReadFile(name, sitefs.MaxText)
			if err == nil || !contains(err.Error(), want) || b != nil {
				t.Errorf("%s: read %d bytes, err %v, want %q", name, len(b), err, want)
			}
			if err != nil && !contains(err.Error(), name) {
				t.Errorf("%s: the error does not name the file: %v", name, err)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading after 10 s", name)
		}
	}
}

func TestFilesOverTheirLimitAreNotRead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.css")
	if err := os.WriteFile(p, make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sitefs.ReadFile(p, 1024)
	var tl *sitefs.TooLargeError
	if !errors.As(err, &tl) || tl.Size != 2048 || sitefs.Message(err) != "the file is 2 KiB, more than the 1 KiB a file of its kind may hold" {
		t.Errorf("err = %v", err)
	}
	if b, err := sitefs.ReadFile(p, 2048); err != nil || len(b) != 2048 {
		t.Errorf("a file at its limit: %d bytes, %v", len(b), err)
	}
}

func TestReadFSRefusesDevices(t *testing.T) {
	hostile(t)
	_, err := sitefs.ReadFS(sitefs.DirFS("/dev"), "zero", sitefs.MaxStatic)
	if err == nil || !contains(err.Error(), "character device") {
		t.Errorf("err = %v", err)
	}
	if _, err := sitefs.DirFS("/dev").Open("../etc/passwd"); err == nil {
		t.Error("DirFS opened a path outside its folder")
	}
}

// A site gives the same answer whichever way its folder is named: a link
// inside it stays inside with a relative --source (the default ".") as
// with an absolute one.
func TestLinksInsideTheSiteWhateverTheSourceIsCalled(t *testing.T) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	outside := filepath.Join(parent, "secret.txt")
	for _, f := range []string{filepath.Join(site, "content", "good.jpg"), outside} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inside := filepath.Join("content", "alias.jpg")
	out := filepath.Join("content", "secret.txt")
	if err := os.Symlink("good.jpg", filepath.Join(site, inside)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(site, out)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(parent)
	for _, source := range []string{"site", "./site", filepath.Join(parent, "site")} {
		root := sitefs.NewRoot(source)
		if target, escapes := root.Escapes(filepath.Join(source, inside)); escapes {
			t.Errorf("--source %s: %s leads outside to %q", source, inside, target)
		}
		if _, escapes := root.Escapes(filepath.Join(source, out)); !escapes {
			t.Errorf("--source %s: %s does not lead outside", source, out)
		}
		if b, err := root.ReadFile("content/alias.jpg", 10); err != nil || string(b) != "x" {
			t.Errorf("--source %s: %q, %v", source, b, err)
		}
	}
	t.Chdir(site)
	if _, escapes := sitefs.NewRoot(".").Escapes(inside); escapes {
		t.Errorf("--source .: %s leads outside", inside)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// A file is read into one allocation of its size: a site's articles are
// kept as read, and a buffer grown to twice the file's size would hold
// twice their memory (and a build read 680 MB to take in 245 MB).
func TestAFileIsReadIntoItsSize(t *testing.T) {
	for _, size := range []int{0, 1, 511, 512, 513, 20_000, 100_000} {
		name := filepath.Join(t.TempDir(), "a.md")
		want := strings.Repeat("x", size)
		if err := os.WriteFile(name, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		var b []byte
		// AllocsPerRun counts the process's allocations: a collection
		// meanwhile can run the cleanups of earlier tests' files, which
		// allocate too (7 once, in make test). Those only add: the least
		// of three counts is the read's.
		allocs := math.Inf(1)
		for range 3 {
			allocs = min(allocs, testing.AllocsPerRun(5, func() {
				var err error
				if b, err = sitefs.ReadFile(name, 1<<20); err != nil {
					t.Fatal(err)
				}
			}))
		}
		if string(b) != want {
			t.Fatalf("%d bytes: read %d bytes, not the file's", size, len(b))
		}
		if cap(b) > size+1 {
			t.Errorf("%d bytes: read into %d", size, cap(b))
		}
		if allocs > 6 {
			t.Errorf("%d bytes: %.0f allocations", size, allocs)
		}
	}
}

// A mapped file reads as its bytes, and stays so once another file is
// renamed over it, as every cache file is replaced.
func TestAMappedFileKeepsItsBytesWhenReplaced(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cache")
	want := strings.Repeat("timelinegen ", 5000)
	if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	f, info, err := sitefs.Open(p, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := sitefs.Map(f, info.Size())
	f.Close()
	if !ok {
		t.Fatal("a regular file on a unix system was not mapped")
	}
	next := filepath.Join(dir, "next")
	if err := os.WriteFile(next, []byte("another build's cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, p); err != nil {
		t.Fatal(err)
	}
	if s != want {
		t.Fatalf("the mapped file reads %d bytes beginning %.40q, want the %d it had", len(s), s, len(want))
	}
	if _, ok := sitefs.Map(f, 0); ok {
		t.Error("an empty file was mapped; it must be read, which costs nothing")
	}
}
