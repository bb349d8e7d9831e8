package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// Marker is the file every build leaves at the root of its output: a
// non-empty folder without it was not made by timelinegen, and a build
// replaces it only when told to (--clean-dest).
const Marker = ".timelinegen-build"

// MarkerText is what the Marker says.
const MarkerText = "This folder is the output of `timelinegen build`: the next build replaces it whole.\n"

// SiteFolders are the folders of a site that hold the editors' files:
// output may never go inside them.
var SiteFolders = []string{"content", "templates", "static", "i18n"}

// DestError says why a destination is refused. It is a usage error: the
// command line named the wrong folder, and nothing was written.
type DestError struct {
	Dest   string
	Reason string
}

func (e *DestError) Error() string { return fmt.Sprintf("--dest %s: %s", e.Dest, e.Reason) }

// CheckDest refuses a destination a build would destroy the site or other
// files by replacing: the source itself, a folder holding the source, one
// inside the site's own folders, a file, or a non-empty folder that an
// earlier build did not make (unless clean).
func CheckDest(source, dest string, clean bool) error {
	src, err := resolve(source)
	if err != nil {
		return &DestError{dest, err.Error()}
	}
	dst, err := resolve(dest)
	if err != nil {
		return &DestError{dest, err.Error()}
	}
	refuse := func(format string, args ...any) error {
		return &DestError{dest, fmt.Sprintf(format, args...)}
	}
	switch {
	case dst == src:
		return refuse("is the site itself: a build replaces --dest whole and would delete the site; use the default, %s", filepath.Join(source, "public"))
	case within(src, dst):
		return refuse("holds the site %s: a build replaces --dest whole and would delete it; name a folder of its own, such as %s", source, filepath.Join(source, "public"))
	case dst == filepath.Dir(dst):
		return refuse("is the root of the file system")
	}
	for _, f := range SiteFolders {
		if d := filepath.Join(src, f); dst == d || within(dst, d) {
			return refuse("lies inside the site's %s/ folder, which holds your files; name a folder outside it, such as %s", f, filepath.Join(source, "public"))
		}
	}
	info, err := os.Lstat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return refuse("%v", unwrap(err))
	case !info.IsDir():
		return refuse("exists and is not a folder")
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		return refuse("cannot read it: %v", unwrap(err))
	}
	if len(entries) == 0 || clean || MadeByBuild(dst) {
		return nil
	}
	return refuse("holds %s that timelinegen did not make (it has no %s); a build replaces --dest whole, deleting them: pass --clean-dest to allow that, or name an empty or new folder", contents(entries), Marker)
}

// contents says what a folder holds: "1 file", "3 folders", "2 files
// and 1 folder".
func contents(entries []fs.DirEntry) string {
	files, folders := 0, 0
	for _, e := range entries {
		if e.IsDir() {
			folders++
		} else {
			files++
		}
	}
	count := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	switch {
	case folders == 0:
		return count(files, "file", "files")
	case files == 0:
		return count(folders, "folder", "folders")
	}
	return count(files, "file", "files") + " and " + count(folders, "folder", "folders")
}

// MadeByBuild reports whether the folder dir is the output of a build:
// it has the Marker, or, made before there was one, its home page names
// timelinegen as its generator.
func MadeByBuild(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, Marker)); err == nil {
		return true
	}
	// Only its head is read, but a named pipe would stop the open.
	f, _, err := sitefs.Open(filepath.Join(dir, "index.html"), math.MaxInt64)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8<<10)
	n, _ := f.Read(head)
	return bytes.Contains(head[:n], []byte(`<meta name="generator" content="timelinegen`))
}

// resolve makes p absolute and follows the symbolic links of the part of
// it that exists, so that two names of one folder compare equal.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = parent
	}
}

// within reports whether p lies strictly inside dir (both resolved).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
