package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// Dir is the folder of articles inside a site.
const Dir = "content"

// Loader reads articles. Kinds are the site's kind names.
type Loader struct {
	Kinds []string
	// Languages are the site's language codes, the default first, which
	// translations are checked against.
	Languages []string
}

// Load reads every .md file under site/content, at any depth, following
// symbolic links but not around in circles. It returns the articles in path
// order, drafts included, and every problem found.
func (l Loader) Load(site string) ([]*Article, diag.List) {
	var ds diag.List
	paths := findMarkdown(site, &ds)
	paths = slices.DeleteFunc(paths, IsTranslation)
	articles, lists := l.LoadFiles(site, paths)
	for _, l := range lists {
		ds = append(ds, l...)
	}
	return slices.DeleteFunc(articles, func(a *Article) bool { return a == nil }), ds
}

// LoadFiles reads the articles at paths (slash, relative to site), in
// parallel: parsing is CPU-bound and files are independent. The i-th
// article and diagnostics are path i's; a nil article could not be read.
func (l Loader) LoadFiles(site string, paths []string) ([]*Article, []diag.List) {
	articles := make([]*Article, len(paths))
	lists := make([]diag.List, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range next {
				articles[i], lists[i] = l.LoadFile(filepath.Join(site, filepath.FromSlash(paths[i])), paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return articles, lists
}

// LoadFile reads one article from file, reported as rel. A nil Article
// means the file could not be read as an article at all.
func (l Loader) LoadFile(file, rel string) (*Article, diag.List) {
	src, err := sitefs.ReadFile(file, sitefs.MaxArticle)
	if err != nil {
		var ds diag.List
		sitefs.ReportRead(&ds, rel, err)
		return nil, ds
	}
	return l.Parse(rel, src)
}

// Parse reads one article from its text.
func (l Loader) Parse(rel string, src []byte) (*Article, diag.List) {
	d := &decoder{path: rel, kinds: l.Kinds}
	f, err := front.Split(src)
	if err != nil {
		var fe *front.Error
		if errors.As(err, &fe) {
			d.ds.Errorf(rel, fe.Line, fe.Col, "%s", fe.Message)
		} else {
			d.ds.Errorf(rel, 1, 1, "%v", err)
		}
		return nil, d.ds
	}
	if f.HadBOM {
		d.ds.Warnf(rel, 1, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
	}
	return d.article(f), d.ds
}

// findMarkdown lists the .md files under site/content as slash paths
// relative to site, sorted.
func findMarkdown(site string, ds *diag.List) []string {
	root := filepath.Join(site, Dir)
	info, err := os.Stat(root)
	if err != nil || !info.IsDir() {
		return nil
	}
	var paths []string
	site0 := sitefs.NewRoot(site)
	var walk func(dir, rel string, ancestors []fs.FileInfo)
	walk = func(dir, rel string, ancestors []fs.FileInfo) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			ds.Errorf(rel, 0, 0, "cannot read folder: %v", sitefs.Message(err))
			return
		}
		for _, e := range entries {
			name := e.Name()
			if IgnoredName(name) {
				continue
			}
			full, relChild := filepath.Join(dir, name), rel+"/"+name
			// The folder's listing says what a file is: only links and
			// folders are looked at, not each of 10,000 articles.
			var info fs.FileInfo
			if e.Type()&(fs.ModeSymlink|fs.ModeDir) != 0 {
				if e.Type()&fs.ModeSymlink != 0 {
					if target, out := site0.Escapes(full); out {
						sitefs.Report(ds, relChild, target)
						continue
					}
				}
				var err error
				if info, err = os.Stat(full); err != nil { // follows symbolic links
					if e.Type()&fs.ModeSymlink != 0 {
						if errors.Is(err, syscall.ELOOP) {
							ds.Errorf(relChild, 0, 0, "symbolic link loop: the link leads back to itself")
						} else {
							target, _ := os.Readlink(full)
							ds.Errorf(relChild, 0, 0, "broken symbolic link to %q", target)
						}
					} else {
						ds.Errorf(relChild, 0, 0, "cannot read: %v", sitefs.Message(err))
					}
					continue
				}
			}
			switch {
			case info != nil && info.IsDir():
				if i := slices.IndexFunc(ancestors, func(a fs.FileInfo) bool { return os.SameFile(a, info) }); i >= 0 {
					ds.Errorf(relChild, 0, 0, "symbolic link loop: this folder leads back to %s", ancestorPath(rel, len(ancestors)-i-1))
					continue
				}
				walk(full, relChild, append(slices.Clip(ancestors), info))
			case strings.EqualFold(filepath.Ext(name), ".md"):
				// Anything but a regular file (a named pipe, a device)
				// is refused where it is read, with its name.
				paths = append(paths, relChild)
			}
		}
	}
	walk(root, Dir, []fs.FileInfo{info})
	slices.Sort(paths)
	return paths
}

// IgnoredName reports a file or folder name the site passes over: hidden
// files and editors' temporary files.
func IgnoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.Contains(name, "___jb_")
}

// ancestorPath is rel with up levels removed.
func ancestorPath(rel string, up int) string {
	for range up {
		rel = rel[:max(strings.LastIndex(rel, "/"), 0)]
	}
	return rel
}

// String is for debugging and test failures.
func (a *Article) String() string { return fmt.Sprintf("%s (%s)", a.Slug, a.Path) }
