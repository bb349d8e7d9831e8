package desk

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/content"
)

// ArticleExt is the extension of articles and translations: the only
// text files the desk writes.
const ArticleExt = ".md"

// MediaExts are the photos an article may show (docs/media.md): the only
// other files the desk writes, beside the articles.
var MediaExts = []string{".jpg", ".jpeg", ".png", ".gif", ".webp"}

// A refusal is a request the desk will not carry out, with the reason
// the editor reads; it is answered with status.
type refusal struct {
	status  int
	message string
}

func (r *refusal) Error() string { return r.message }

func refuse(status int, format string, args ...any) error {
	return &refusal{status, fmt.Sprintf(format, args...)}
}

// sitePath checks a path the CMS sends ("content/2025/talks.md"): a slash
// path relative to the site, inside content/, with no way out of it, and
// one of exts. It returns the path below content/, for the content root.
func sitePath(p string, exts []string) (string, error) {
	const status = 403
	switch {
	case p == "":
		return "", refuse(400, "no path")
	case strings.HasPrefix(p, "/") || path.IsAbs(p) || len(p) > 1 && p[1] == ':':
		return "", refuse(status, "%s: an absolute path: the desk writes only inside %s/", p, content.Dir)
	case strings.ContainsAny(p, "\\\x00"):
		return "", refuse(status, "%q: a path has / between folders and no control characters", p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return "", refuse(status, "%s: the path climbs out of its folder or is not clean: the desk writes only inside %s/", p, content.Dir)
		}
		if strings.HasPrefix(seg, ".") {
			return "", refuse(status, "%s: a hidden file or folder: the desk leaves those alone", p)
		}
	}
	rest, ok := strings.CutPrefix(p, content.Dir+"/")
	if !ok {
		return "", refuse(status, "%s is outside %s/: the desk writes only the articles and their photos", p, content.Dir)
	}
	if ext := strings.ToLower(path.Ext(p)); !slices.Contains(exts, ext) {
		return "", refuse(status, "%s: the desk writes only %s files here", p, strings.Join(exts, ", "))
	}
	return rest, nil
}

// mediaExts are the extensions of anything the desk may write.
func anyExt() []string { return append([]string{ArticleExt}, MediaExts...) }

// escaped turns the error of an os.Root that refused to follow a path out
// of content/ into a refusal; other errors pass.
func escaped(p string, err error) error {
	var pe *fs.PathError
	if err != nil && errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes") {
		return refuse(403, "%s leads outside %s/ (a symbolic link): the desk does not follow it", p, content.Dir)
	}
	return err
}

// readFile reads a file below content/ through root, which refuses links
// that lead out of it. A missing file is (nil, nil).
func readFile(root *os.Root, p, rest string) ([]byte, error) {
	b, err := root.ReadFile(rest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, escaped(p, err)
}

// writeFile writes data to rest below content/ as a whole: into a file
// beside it, renamed over it, so that the watcher and a reader never see
// half a file.
func writeFile(root *os.Root, p, rest string, data []byte) error {
	if dir := path.Dir(rest); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return escaped(p, err)
		}
	}
	if info, err := root.Lstat(rest); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// Renaming over a link would replace the link, not its file.
		return refuse(403, "%s is a symbolic link: edit the file it leads to", p)
	}
	tmp := path.Join(path.Dir(rest), ".desk-"+path.Base(rest)+".tmp")
	if err := root.WriteFile(tmp, data, 0o644); err != nil {
		return escaped(p, err)
	}
	if err := root.Rename(tmp, rest); err != nil {
		_ = root.Remove(tmp)
		return escaped(p, err)
	}
	return nil
}
