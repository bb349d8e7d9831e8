// Package output receives a built site's files: into memory (for serve and
// tests) or into a folder beside the destination that is swapped in only
// when the build succeeds.
package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// Writer receives files by slash path relative to the site root. Write may
// be called from many goroutines, and must not keep data after it returns.
type Writer interface {
	Write(name string, data []byte) error
}

// Linker is a Writer that can publish a file already on disk, such as a
// cached share card or photo, by linking it instead of copying its bytes:
// a warm build of 10,000 articles read 190 MiB of cards back from the
// cache to write them again. An error means nothing was published, and
// the caller writes the bytes instead.
type Linker interface {
	// Link publishes from under name when same, given the file as
	// linked, says it is the file wanted (nil: any regular file).
	Link(name, from string, same func(fs.FileInfo) bool) error
}

// Streamer is a Writer that takes a file as write makes it, a piece at a
// time, rather than whole: events.json alone is 230 MB at 100,000
// entries. An error of write's or the Streamer's means the file is not
// published.
type Streamer interface {
	Stream(name string, write func(io.Writer) error) error
}

// Stream hands the file write makes to w: a piece at a time if w is a
// Streamer, else whole.
func Stream(w Writer, name string, write func(io.Writer) error) error {
	if s, ok := w.(Streamer); ok {
		return s.Stream(name, write)
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	return w.Write(name, b.Bytes())
}

// Discard throws files away, for checking that a site renders.
type Discard struct{}

func (Discard) Write(string, []byte) error { return nil }

// Stream makes the file, since making it may fail, and keeps none of it.
func (Discard) Stream(_ string, write func(io.Writer) error) error { return write(io.Discard) }

// Memory keeps files in a map.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

func (m *Memory) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	data = bytes.Clone(data)
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// Files returns the files written, by name. The map is the Memory's own;
// do not write to it while the Memory is in use.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

// Names lists the files written, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Dir writes a build into a new folder beside Dest; Commit swaps it in,
// Abort throws it away. Until Commit, Dest is untouched.
type Dir struct {
	Dest   string
	tmp    string
	unlock func() // releases the lock that marks tmp as in use
	mu     sync.Mutex
	made   map[string]bool
	wrote  atomic.Int64 // bytes written
	// removeAll removes a folder (a test makes it fail).
	removeAll func(string) error
}

// NewDir makes the folder beside dest that the build is written to, and
// removes what killed builds into dest left beside it. The folder is
// locked while the build runs, so that a build running at the same time
// does not take it for a leftover.
func NewDir(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	prefix := "." + filepath.Base(dest) + ".building-"
	var tmp string
	var unlock func()
	for attempt := 0; ; attempt++ {
		var err error
		if tmp, err = os.MkdirTemp(parent, prefix); err != nil {
			return nil, err
		}
		var ok bool
		if unlock, ok = tryLock(tmp); ok {
			break
		}
		// Another build took the new folder for a leftover: make another.
		if attempt == 10 {
			return nil, fmt.Errorf("cannot lock a folder beside %s", dest)
		}
	}
	d := &Dir{Dest: dest, tmp: tmp, unlock: unlock, made: map[string]bool{}, removeAll: removeTree}
	fail := func(err error) (*Dir, error) {
		_ = d.Abort()
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(MarkerText), 0o644); err != nil {
		return fail(err)
	}
	removeLeftovers(parent, prefix, tmp, false)
	return d, nil
}

// CreateTemp makes a file in dir as os.CreateTemp does, locked as a
// build's folder is until unlock, once it first removed the files of
// pattern that no running build holds: those of builds killed on the way,
// which may be large (a site's rendered bodies).
func CreateTemp(dir, pattern string) (f *os.File, unlock func(), err error) {
	prefix, _, _ := strings.Cut(pattern, "*")
	f, err = os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, nil, err
	}
	unlock, ok := tryLock(f.Name())
	if !ok {
		f.Close()
		os.Remove(f.Name())
		return nil, nil, fmt.Errorf("cannot lock %s", f.Name())
	}
	removeLeftovers(dir, prefix, f.Name(), true)
	return f, unlock, nil
}

// removeLeftovers removes the folders (with files, the regular files)
// named by prefix in parent, other than mine, of builds that were killed
// before they could clean up.
func removeLeftovers(parent, prefix, mine string, files bool) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(parent, e.Name())
		if e.IsDir() == files || files && !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), prefix) || p == mine {
			continue
		}
		if unlock, ok := abandoned(p); ok {
			_ = os.RemoveAll(p)
			unlock()
		}
	}
}

func (d *Dir) Write(name string, data []byte) error {
	full, err := d.place(name)
	if err != nil {
		return err
	}
	if err := sitefs.WriteFile(full, data); err != nil {
		return err
	}
	d.wrote.Add(int64(len(data)))
	return nil
}

// Stream writes the file as write makes it.
func (d *Dir) Stream(name string, write func(io.Writer) error) error {
	full, err := d.place(name)
	if err != nil {
		return err
	}
	n, err := writeFile(full, write)
	d.wrote.Add(n)
	return err
}

// writeFile writes the file path as write makes it, through a buffer of
// streamBuffer bytes, and gives how many bytes it holds. On an error no
// file is left.
func writeFile(path string, write func(io.Writer) error) (int64, error) {
	f, err := sitefs.Create(path)
	if err != nil {
		return 0, err
	}
	c := &counter{w: f}
	b := bufio.NewWriterSize(c, streamBuffer)
	err = write(b)
	if err == nil {
		err = b.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return 0, err
	}
	return c.n, nil
}

// streamBuffer is Dir.Stream's buffer: a 133 MB events.csv in 512 system
// calls.
const streamBuffer = 256 << 10

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Link publishes the regular file from under name as a hard link to it,
// where from and the build are on one file system, when same says it is
// the file wanted. A link is refused: the file published is the file
// from was when linked, never where a link leads.
func (d *Dir) Link(name, from string, same func(fs.FileInfo) bool) error {
	full, err := d.place(name)
	if err != nil {
		return err
	}
	if err := os.Link(from, full); err != nil {
		return err
	}
	// A hard link is to what from is, not where a symbolic link leads:
	// what was linked is looked at once linked, so that nothing can be
	// swapped in between.
	info, err := os.Lstat(full)
	if err != nil || !info.Mode().IsRegular() {
		os.Remove(full)
		return fmt.Errorf("output: %s is not a regular file", from)
	}
	if same != nil && !same(info) {
		os.Remove(full)
		return fmt.Errorf("output: %s is not the file wanted", from)
	}
	d.wrote.Add(info.Size())
	return nil
}

// place makes the folder of the file name in the build, and gives where
// the file goes.
func (d *Dir) place(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := path.Dir(name)
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if !made {
		// Mkdir first: a page's folder is new and its parent mostly made,
		// one system call where MkdirAll takes three.
		if err := os.Mkdir(filepath.Dir(full), 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return "", err
			}
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	return full, nil
}

// Written is how many bytes have been written so far.
func (d *Dir) Written() int64 { return d.wrote.Load() }

// Commit puts the new build in Dest's place. Files of earlier builds that
// this build did not write are gone with the old folder. When only the
// removal of the old folder failed, the new build is in place and the
// error is a *StaleError.
func (d *Dir) Commit() error { return d.CommitThen(nil) }

// CommitThen is Commit, which runs then, when set, once the new build is
// in place: beside the removal of the old folder, which is one file at
// a time (at 100,000 articles 318,000 files, 1.8 s into a RAM disk and
// 18 s onto a disk), and returns when both are done.
func (d *Dir) CommitThen(then func()) error {
	defer d.unlock()
	for {
		info, err := os.Lstat(d.Dest)
		switch {
		case errors.Is(err, os.ErrNotExist):
			err := os.Rename(d.tmp, d.Dest)
			// Another build may have made dest between the look and the
			// rename: then it is replaced like any earlier build.
			if _, serr := os.Lstat(d.Dest); err != nil && serr == nil {
				continue
			}
			if err == nil && then != nil {
				then()
			}
			return err
		case err != nil:
			return err
		case !info.IsDir():
			return fmt.Errorf("%s exists and is not a folder", d.Dest)
		}
		break
	}
	old := d.tmp
	if exchange(d.tmp, d.Dest) != nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.Dest, old); err != nil {
			return err
		}
		if err := os.Rename(d.tmp, d.Dest); err != nil {
			_ = os.Rename(old, d.Dest)
			return err
		}
	}
	// The new build is in place; old holds the earlier one.
	if then != nil {
		var after sync.WaitGroup
		after.Go(then)
		defer after.Wait()
	}
	// The lock on it keeps other builds from removing it at the same
	// time; its own build may hold it for a moment more, if it committed
	// just before.
	d.unlock()
	d.unlock = func() {}
	unlock, ok := waitLock(old)
	if !ok {
		return nil // removed by another build meanwhile
	}
	defer unlock()
	if err := d.removeAll(old); err != nil {
		return &StaleError{Path: old, Err: err}
	}
	return nil
}

// StaleError says that a build was published but the build it replaced
// could not be removed.
type StaleError struct {
	Path string // where the earlier build is
	Err  error
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("the earlier build could not be removed (%v); it is still at %s: remove it by hand", unwrap(e.Err), e.Path)
}

func (e *StaleError) Unwrap() error { return e.Err }

// Abort removes the unfinished build.
func (d *Dir) Abort() error {
	defer d.unlock()
	return os.RemoveAll(d.tmp)
}

// checkName refuses names that would land outside the output root.
func checkName(name string) error {
	if name == "" || path.IsAbs(name) || strings.Contains(name, "\\") || path.Clean(name) != name || name == ".." || strings.HasPrefix(name, "../") {
		return fmt.Errorf("output: bad file name %q", name)
	}
	return nil
}
