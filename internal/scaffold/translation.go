package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// NewTranslation writes the translation into lang of the article at file
// (a path from the current folder, or from site): <stem>.<lang>.md beside
// it, holding the original's text to translate over (title, summary, the
// events' titles and summaries, the body) and translation_of, the
// fingerprint of that text, so that a later change of the original is
// noticed. It returns the new file's path; an existing file is never
// overwritten.
func NewTranslation(site, lang, file string) (string, error) {
	if site == "" {
		site = "."
	}
	cfg, err := LoadConfig(site)
	if err != nil {
		return "", err
	}
	codes := cfg.LanguageCodes()
	switch {
	case lang == codes[0]:
		return "", usagef("new translation: %q is the site's default language, the originals'; translate into one of %s", lang, strings.Join(codes[1:], ", "))
	case !slices.Contains(codes, lang):
		return "", usagef("new translation: no language %q in timeline.yaml's languages (%s): add it there first, such as\n  languages:\n    - {code: %s}\n    - {code: %s}", lang, strings.Join(codes, ", "), codes[0], lang)
	}
	rel, err := siteRelative(site, file)
	if err != nil {
		return "", err
	}
	if content.IsTranslation(rel) {
		return "", usagef("new translation: %s is a translation already: name the original", rel)
	}
	src, err := sitefs.ReadFile(filepath.Join(site, filepath.FromSlash(rel)), sitefs.MaxArticle)
	if err != nil {
		return "", usagef("new translation: cannot read %s: %s", file, sitefs.Message(err))
	}
	a, ds := content.Loader{Kinds: cfg.KindNames(), Languages: codes}.Parse(rel, src)
	if ds.HasErrors() {
		return "", &ContentError{ds}
	}
	out := strings.TrimSuffix(rel, path.Ext(rel)) + "." + lang + ".md"
	dest := filepath.Join(site, filepath.FromSlash(out))
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", usagef("new translation: %s exists already; edit it, or delete it to start again", out)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(TranslationSkeleton(a, lang)); err != nil {
		f.Close()
		return "", err
	}
	return dest, f.Close()
}

// TranslationSkeleton is the text of a new translation of a into lang.
func TranslationSkeleton(a *content.Article, lang string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# The %s translation of %s: translate the text over; every fact\n# (date, kind, actors, place, sources …) comes from the original.\n", lang, path.Base(a.Path))
	fmt.Fprintf(&b, "title: %s\n", Quote(a.Title))
	if a.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", Quote(a.Summary))
	}
	if len(a.Events) > 0 {
		b.WriteString("events:\n")
		for _, e := range a.Events {
			fmt.Fprintf(&b, "  - id: %s\n    title: %s\n", e.ID, Quote(e.Title))
			if e.Summary != "" {
				fmt.Fprintf(&b, "    summary: %s\n", Quote(e.Summary))
			}
		}
	}
	b.WriteString("translator: \"\"\n")
	b.WriteString("# The original's text this translation follows: when the original\n# changes, check and build say so. Update it once the translation is.\n")
	fmt.Fprintf(&b, "translation_of: %s\n", content.Fingerprint(a))
	b.WriteString("---\n")
	b.Write(a.Body)
	return []byte(b.String())
}

// siteRelative is file as a slash path relative to site, which must be
// an article's path under content/.
func siteRelative(site, file string) (string, error) {
	candidates := []string{file, filepath.Join(site, file)}
	for _, c := range candidates {
		if _, err := os.Stat(c); err != nil {
			continue
		}
		absSite, err1 := filepath.Abs(site)
		absFile, err2 := filepath.Abs(c)
		if err1 != nil || err2 != nil {
			continue
		}
		rel, err := filepath.Rel(absSite, absFile)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, content.Dir+"/") || !strings.HasSuffix(rel, ".md") {
			return "", usagef("new translation: %s is not an article of the site under %s/", file, content.Dir)
		}
		return rel, nil
	}
	return "", usagef("new translation: no file %s", file)
}
