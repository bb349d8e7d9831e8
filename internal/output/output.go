// Package output receives a built site's files: into memory (for serve and
// tests) or into a folder beside the destination that is swapped in only
// when the build succeeds.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Writer receives files by slash path relative to the site root. Write may
// be called from many goroutines, and must not keep data after it returns.
type Writer interface {
	Write(name string, data []byte) error
}

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
	Dest string
	tmp  string
	mu   sync.Mutex
	made map[string]bool
}

// NewDir makes the folder beside dest that the build is written to.
func NewDir(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".building-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{Dest: dest, tmp: tmp, made: map[string]bool{}}, nil
}

func (d *Dir) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := path.Dir(name)
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if !made {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	return os.WriteFile(full, data, 0o644)
}

// Commit puts the new build in Dest's place. Files of earlier builds that
// this build did not write are gone with the old folder.
func (d *Dir) Commit() error {
	if info, err := os.Lstat(d.Dest); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s exists and is not a folder", d.Dest)
		}
		if exchange(d.tmp, d.Dest) == nil {
			// tmp now holds the old build.
			return os.RemoveAll(d.tmp)
		}
		old := d.tmp + ".old"
		if err := os.Rename(d.Dest, old); err != nil {
			return err
		}
		if err := os.Rename(d.tmp, d.Dest); err != nil {
			_ = os.Rename(old, d.Dest)
			return err
		}
		return os.RemoveAll(old)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.Rename(d.tmp, d.Dest)
}

// Abort removes the unfinished build.
func (d *Dir) Abort() error { return os.RemoveAll(d.tmp) }

// checkName refuses names that would land outside the output root.
func checkName(name string) error {
	if name == "" || path.IsAbs(name) || strings.Contains(name, "\\") || path.Clean(name) != name || name == ".." || strings.HasPrefix(name, "../") {
		return fmt.Errorf("output: bad file name %q", name)
	}
	return nil
}
