package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/config"
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

// NewArticle writes content/<slug>.md in the site with the frontmatter
// skeleton filled in and returns its path. The slug comes from the title;
// when it is taken anywhere under content/ (by a file, a slug: key or an
// event id), -2, -3 … is appended. An existing file is never overwritten.
func NewArticle(opts ArticleOptions) (string, error) {
	site := opts.Source
	if site == "" {
		site = "."
	}
	title := strings.TrimSpace(opts.Title)
	if title == "" {
		return "", usagef(`new article: the title is empty: write timelinegen new article "Ceasefire talks open in Jeddah"`)
	}
	if strings.ContainsAny(title, "\r\n") {
		return "", usagef("new article: the title must be one line")
	}
	if info, err := os.Stat(site); err != nil || !info.IsDir() {
		return "", usagef("new article: %s is not a site folder (use --source DIR)", site)
	}
	cfg, err := LoadConfig(site)
	if err != nil {
		return "", err
	}
	kinds := cfg.KindNames()
	kind := strings.TrimSpace(opts.Kind)
	switch {
	case kind == "":
		kind = kinds[0]
	case !slices.Contains(kinds, kind):
		return "", usagef("new article: --kind: unknown kind %q%s; the kinds in %s are %s",
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
		return "", usagef("new article: --date: %v", err)
	}

	base := slug.Make(title)
	dir := filepath.Join(site, "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	used := Slugs(site)
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
		if errors.Is(err, fs.ErrExist) {
			continue // a file that is not an article, such as Foo.MD, or a race
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(src)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(p)
			return "", err
		}
		return p, nil
	}
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
