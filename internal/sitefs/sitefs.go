// Package sitefs guards the edges of a site's folder: a symbolic link in
// it may lead anywhere inside the site, but not out of it, since whatever
// it leads to would be published (a cloned repository's link to
// /etc/passwd or to a CI machine's keys).
package sitefs

import (
	"errors"
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
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(r.dir, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		target, _ = os.Readlink(full)
		return target, true
	}
	return "", false
}

// Report adds the error for a link at rel (slash, relative to the site)
// that leads to target outside the site.
func Report(ds *diag.List, rel, target string) {
	ds.Errorf(rel, 0, 0, "symbolic link to %q leads outside the site: what it leads to would be published; copy the file into the site instead", target)
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
