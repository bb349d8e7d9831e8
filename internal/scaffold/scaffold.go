// Package scaffold writes new sites and new articles: what
// `timelinegen new site DIR` and `timelinegen new article "Title"` do. It
// also holds the frontmatter writer the importer shares, so that every
// generated article is valid YAML that reads back as written.
package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// UsageError is a problem with what the user asked for (exit status 2),
// as opposed to a problem with the site's content (exit status 1).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error {
	return &UsageError{fmt.Sprintf(format, args...)}
}

// IsUsage reports whether err is a UsageError.
func IsUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// ContentError is a site whose timeline.yaml or content could not be read;
// Diagnostics say why.
type ContentError struct{ Diagnostics diag.List }

func (e *ContentError) Error() string {
	return fmt.Sprintf("the site has %d problem(s)", len(e.Diagnostics))
}

// Slugs maps every slug and event id used under site/content to the slash
// path of the file using it. Files that do not parse count with their file
// stem, so a broken article still keeps its name.
func Slugs(site string) map[string]string {
	used := map[string]string{}
	paths, _ := content.Find(site)
	// Kinds do not matter here: only slugs and ids are read.
	l := content.Loader{}
	for _, rel := range paths {
		if content.IsTranslation(rel) {
			continue // a translation has its original's slug
		}
		stem := strings.ToLower(strings.TrimSuffix(path.Base(rel), path.Ext(rel)))
		if _, ok := used[stem]; !ok {
			used[stem] = rel
		}
		a, _ := l.LoadFile(filepath.Join(site, filepath.FromSlash(rel)), rel)
		if a == nil {
			continue
		}
		if _, ok := used[a.Slug]; !ok && a.Slug != "" {
			used[a.Slug] = rel
		}
		for _, e := range a.Events {
			if _, ok := used[e.ID]; !ok {
				used[e.ID] = rel
			}
		}
	}
	return used
}

// isEmptyDir reports whether dir is missing or holds nothing but a .git
// folder; it returns the first entry otherwise.
func isEmptyDir(dir string) (bool, string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return true, "", nil
	}
	if err != nil {
		return false, "", err
	}
	for _, e := range entries {
		if e.Name() != ".git" {
			return false, e.Name(), nil
		}
	}
	return true, "", nil
}
