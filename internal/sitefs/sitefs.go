// Package sitefs guards the edges of a site's folder: a symbolic link in
// it may lead anywhere inside the site, but not out of it, since whatever
// it leads to would be published (a cloned repository's link to
// /etc/passwd or to a CI machine's keys).
package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
)

// Root is a site's folder with its symbolic links resolved.
type Root struct {
	dir string
}

// NewRoot resolves site.
func NewRoot(site string) Root {
	dir, err := filepath.Abs(site)
	if err == nil {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			dir = real
		}
	}
	return Root{dir: dir}
}

// Escapes reports whether the symbolic link at full leads outside the
// root, and where it leads. A broken link does not escape: it is reported
// as broken where it is read.
func (r Root) Escapes(full string) (target string, escapes bool) {
	_, target, escapes = r.resolve(full)
	return target, escapes
}

// resolve gives the path full leads to, with every link resolved ("" when
// it cannot be resolved), and whether and where it leads out of the root.
func (r Root) resolve(full string) (real, target string, escapes bool) {
	// The root is absolute with its links resolved, so full must be too:
	// a relative --source (the default ".") would otherwise never be
	// inside it.
	abs, err := filepath.Abs(full)
	if err != nil {
		return "", "", false
	}
	real, err = filepath.EvalSymlinks(abs)
	if err != nil {
		return "", "", false
	}
	rel, err := filepath.Rel(r.dir, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		if target, err = os.Readlink(full); err != nil {
			target = real // full is inside a linked folder
		}
		return real, target, true
	}
	return real, "", false
}

// EscapeError is a symbolic link that leads outside the site.
type EscapeError struct {
	Target string // where the link says it leads
}

func (e *EscapeError) Error() string {
	return fmt.Sprintf("symbolic link to %q leads outside the site: what it leads to would be published; copy the file into the site instead", e.Target)
}

// Report adds the error for a link at rel (slash, relative to the site)
// that leads to target outside the site.
func Report(ds *diag.List, rel, target string) {
	ds.Errorf(rel, 0, 0, "%v", &EscapeError{Target: target})
}

// ReportRead adds the error err of reading the file at rel: the reason
// alone, since the diagnostic names the file. A link out of the site is
// said as Report says it, so that the two make one diagnostic.
func ReportRead(ds *diag.List, rel string, err error) {
	if e := (*EscapeError)(nil); errors.As(err, &e) {
		ds.Errorf(rel, 0, 0, "%v", e)
		return
	}
	ds.Errorf(rel, 0, 0, "cannot read: %s", Message(err))
}

// ReadFile reads the file at rel (slash, relative to the site) as the
// package's ReadFile does, unless it leads outside the site.
func (r Root) ReadFile(rel string, limit int64) ([]byte, error) {
	full := filepath.Join(r.dir, filepath.FromSlash(rel))
	real, target, out := r.resolve(full)
	if out {
		return nil, &fs.PathError{Op: "read", Path: full, Err: &EscapeError{Target: target}}
	}
	if real == "" {
		real = full // missing or a loop: reading says which
	}
	// The path checked is the one read: a link changed meanwhile is not
	// followed.
	return ReadFile(real, limit)
}

// CheckLinks reports every symbolic link under site/dir that leads
// outside the site. A missing dir has none.
func CheckLinks(site, dir string, ds *diag.List) {
	root := NewRoot(site)
	start := filepath.Join(site, filepath.FromSlash(dir))
	_ = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				return nil // reported by whoever reads it
			}
			return fs.SkipDir
		}
		if d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if target, out := root.Escapes(p); out {
			rel, _ := filepath.Rel(site, p)
			Report(ds, filepath.ToSlash(rel), target)
		}
		return nil
	})
}
