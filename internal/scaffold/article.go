package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/slug"
)

// ArticleOptions say what `new article` writes.
type ArticleOptions struct {
	Source string // the site's folder; "" is the current folder
	Title  string
	Kind   string // "" is the site's first kind
	Date   string // "" is today, at day precision
	// Slug is the article's slug, its file's name: "" makes one from the
	// title (with -2, -3 … when taken); one given must be free.
	Slug string
	// Dir is the folder under content/ to write into, made if missing:
	// "2025/03" or "content/2025/03"; "" is content/ itself.
	Dir string
	// Now gives today; nil is time.Now. Tests fix it.
	Now func() time.Time
}

// LoadConfig reads site/timeline.yaml, or the defaults when there is none.
// Problems in it are a *ContentError.
func LoadConfig(site string) (config.Config, error) {
	src, err := config.ReadFile(site)
	if errors.Is(err, fs.ErrNotExist) {
		return config.Default(), nil
	}
	if err != nil {
		return config.Default(), err
	}
	var ds diag.List
	cfg := config.Parse(config.FileName, src, &ds)
	for _, d := range ds {
		if d.Severity == diag.Error {
			return cfg, &ContentError{ds}
		}
	}
	return cfg, nil
}

// NewArticle writes content/<dir>/<slug>.md in the site with the
// frontmatter skeleton filled in and returns its path and slug. The slug
// is opts.Slug, or comes from the title; when one from the title is taken
// anywhere under content/ (by a file, a slug: key or an event id), -2,
// -3 … is appended, and a given one that is taken is a usage error. An
// existing file is never overwritten.
func NewArticle(opts ArticleOptions) (file, articleSlug string, err error) {
	site := opts.Source
	if site == "" {
		site = "."
	}
	title := strings.TrimSpace(opts.Title)
	if title == "" {
		return "", "", usagef(`new article: the title is empty: write timelinegen new article "Ceasefire talks open in Jeddah"`)
	}
	if strings.ContainsAny(title, "\r\n") {
		return "", "", usagef("new article: the title must be one line")
	}
	if info, err := os.Stat(site); err != nil || !info.IsDir() {
		return "", "", usagef("new article: %s is not a site folder (use --source DIR)", site)
	}
	cfg, err := LoadConfig(site)
	if err != nil {
		return "", "", err
	}
	kinds := cfg.KindNames()
	kind := strings.TrimSpace(opts.Kind)
	switch {
	case kind == "":
		kind = kinds[0]
	case !slices.Contains(kinds, kind):
		return "", "", usagef("new article: --kind: unknown kind %q%s; the kinds in %s are %s",
			kind, diag.Suggest(kind, kinds), config.FileName, strings.Join(kinds, ", "))
	}
	var d date.Date
	if strings.TrimSpace(opts.Date) == "" {
		now := time.Now
		if opts.Now != nil {
			now = opts.Now
		}
		t := now()
		d = date.Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: date.Day}
	} else if d, err = date.Parse(opts.Date); err != nil {
		return "", "", usagef("new article: --date: %v", err)
	}

	base, given := slug.Make(title), strings.TrimSpace(opts.Slug) != ""
	if given {
		base = strings.ToLower(strings.TrimSpace(opts.Slug))
		switch {
		case !slug.Valid(base):
			return "", "", usagef("new article: --slug: %q is not a slug: use lowercase a-z, 0-9 and -, such as %q", opts.Slug, slug.Make(opts.Slug))
		case !slug.Usable(base):
			// check refuses it: a name Windows keeps for a device, or
			// longer than a folder's name may be.
			return "", "", usagef("new article: --slug: %q cannot be an article's slug (check refuses it), such as %q", opts.Slug, slug.Cut(base+"-1", slug.MaxLen))
		}
	}
	sub, err := contentFolder(opts.Dir)
	if err != nil {
		return "", "", err
	}
	used := Slugs(site)
	if by, taken := used[base]; taken && given {
		return "", "", usagef("new article: --slug: %q is taken by %s: choose another", base, by)
	}
	dir := filepath.Join(site, content.Dir, sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	src := articleSkeleton(title, d, kind, kinds)
	for n := 1; ; n++ {
		s := base
		if n > 1 {
			s = base + "-" + strconv.Itoa(n)
		}
		if _, taken := used[s]; taken {
			continue
		}
		p := filepath.Join(dir, s+".md")
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) && !given {
			continue // a file that is not an article, such as Foo.MD, or a race
		}
		if errors.Is(err, fs.ErrExist) {
			return "", "", usagef("new article: --slug: %s exists already: choose another slug", p)
		}
		if err != nil {
			return "", "", err
		}
		_, err = f.Write(src)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(p)
			return "", "", err
		}
		return p, s, nil
	}
}

// contentFolder is --dir as a folder relative to content/: "2025/03" and
// "content/2025/03" are the same. A folder outside content/, or one the
// site passes over (.drafts), is a usage error.
func contentFolder(dir string) (string, error) {
	d := path.Clean(filepath.ToSlash(strings.TrimSpace(dir)))
	d = strings.TrimPrefix(strings.TrimPrefix(d, content.Dir+"/"), "./")
	if d == content.Dir || d == "." || d == "" {
		return "", nil
	}
	if path.IsAbs(d) || filepath.IsAbs(dir) || d == ".." || strings.HasPrefix(d, "../") {
		return "", usagef("new article: --dir: %s is not inside content/: give a folder under it, such as 2025/03", dir)
	}
	for _, name := range strings.Split(d, "/") {
		if content.IgnoredName(name) {
			return "", usagef("new article: --dir: the site passes over %q (a hidden or temporary name): the article would not be read", name)
		}
	}
	return filepath.FromSlash(d), nil
}

// articleSkeleton is a new article: title, date and kind filled in, the
// other fields present and empty, with a hint of what to write.
func articleSkeleton(title string, d date.Date, kind string, kinds []string) []byte {
	var b strings.Builder
	// Comments line up at column 27, or one space after a long value.
	field := func(line, comment string) {
		fmt.Fprintf(&b, "%-25s # %s\n", line, comment)
	}
	fmt.Fprintf(&b, "---\ntitle: %s\n", Quote(title))
	field("date: "+d.EDTF(), "2025, 2025-03, 2025-03-11 or 2025-03-11T14:30:00+02:00; end a date with ~ (about) or ? (uncertain)")
	field("# end:", "for a span: when it ended, in the same forms")
	field("kind: "+Quote(kind), "one of: "+strings.Join(kinds, ", "))
	b.WriteString(`summary:                  # one sentence; default: the first paragraph
actors: []                # [Russia, Ukraine]
location:                 # {name: Kyiv, country: Ukraine, lat: 50.4501, lon: 30.5234}
casualties:               # {killed: 0, injured: 0}
status: reported          # confirmed, reported or disputed
tags: []
related: []               # slugs of other entries: [jeddah-talks]
sources: []               # - {title: ..., publisher: ..., url: "https://...", date: 2025-03-12}
# Below: the article in Markdown. Link other entries with [[their-slug]].
---
What happened, in Markdown.
`)
	return []byte(b.String())
}
