package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// StorePrefix begins the name of every Store's folder.
const StorePrefix = "serve-"

// Store keeps a served site's files on disk rather than in memory: each
// file is written once, under a name of its own, and never written
// again, so that a reader holding a file's name reads the bytes it was
// given whatever is written after. The folder is locked while in use:
// NewStore removes the folders of runs that were killed before they
// could Close.
type Store struct {
	dir    string
	unlock func()
	next   atomic.Uint64
}

// NewStore makes a Store in a new folder in parent, or, when parent is ""
// or cannot hold it (read-only, or not a folder), in the system's
// temporary folder.
func NewStore(parent string) (*Store, error) { return NewStoreNamed(parent, StorePrefix) }

// NewStoreNamed is NewStore with folders whose names begin with prefix,
// for a Store that is no site's.
func NewStoreNamed(parent, prefix string) (*Store, error) {
	if parent != "" {
		if s, err := newStore(parent, prefix); err == nil {
			return s, nil
		}
	}
	return newStore(os.TempDir(), prefix)
}

func newStore(parent, prefix string) (*Store, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// A link could lead the files anywhere: parent must be a folder.
	if info, err := os.Lstat(parent); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("output: %s is not a folder", parent)
	}
	for attempt := 0; ; attempt++ {
		dir, err := os.MkdirTemp(parent, prefix)
		if err != nil {
			return nil, err
		}
		if unlock, ok := tryLock(dir); ok {
			removeLeftovers(parent, prefix, dir, false)
			return &Store{dir: dir, unlock: unlock}, nil
		}
		// Another run took the new folder for a leftover: make another.
		if attempt == 10 {
			return nil, fmt.Errorf("cannot lock a folder in %s", parent)
		}
	}
}

// Dir is the Store's folder.
func (s *Store) Dir() string { return s.dir }

// Put writes data to a new file and gives its path. It may be called
// from many goroutines.
func (s *Store) Put(data []byte) (string, error) {
	name := s.newName()
	if err := sitefs.WriteFile(name, data); err != nil {
		return "", err
	}
	return name, nil
}

// PutStream writes the file write makes, as it makes it, and gives its
// path. It may be called from many goroutines.
func (s *Store) PutStream(write func(io.Writer) error) (string, error) {
	name := s.newName()
	if _, err := writeFile(name, write); err != nil {
		return "", err
	}
	return name, nil
}

// newName is the path of a file the Store has not written.
func (s *Store) newName() string {
	return filepath.Join(s.dir, strconv.FormatUint(s.next.Add(1), 36))
}

// Remove removes files the Store wrote, once no reader will open them.
// A file that cannot be removed stays until Close.
func (s *Store) Remove(paths ...string) {
	for _, p := range paths {
		if p != "" && strings.HasPrefix(p, s.dir+string(filepath.Separator)) {
			_ = os.Remove(p)
		}
	}
}

// Close removes the Store's folder and every file in it.
func (s *Store) Close() error {
	defer s.unlock()
	if err := os.RemoveAll(s.dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
