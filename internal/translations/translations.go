// Package translations surveys a site's translations: per language, which
// articles are translated and up to date, which are out of date (the
// original's text changed since), and which are missing.
package translations

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// Item is an article in one language.
type Item struct {
	Original    string   // the article's path
	Translation string   // the translation's path, "" when missing
	Changed     []string // for an out-of-date translation: what changed
}

// Language is the state of one language's translations.
type Language struct {
	Code, Label             string
	Done, Outdated, Missing []Item
}

// Survey reads the site's articles and translations. Problems reading
// them are in the diagnostics.
func Survey(site string, cfg *config.Config) ([]Language, diag.List) {
	paths, ds := content.Find(site)
	loader := content.Loader{Kinds: cfg.KindNames(), Languages: cfg.LanguageCodes()}
	var articlePaths, trPaths []string
	for _, p := range paths {
		if content.IsTranslation(p) {
			trPaths = append(trPaths, p)
		} else {
			articlePaths = append(articlePaths, p)
		}
	}
	articles, lists := loader.LoadFiles(site, articlePaths)
	for _, l := range lists {
		ds = append(ds, l...)
	}
	articles = slices.DeleteFunc(articles, func(a *content.Article) bool { return a == nil })
	trs, trLists := loader.LoadTranslations(site, trPaths)
	for _, l := range trLists {
		ds = append(ds, l...)
	}
	trs = slices.DeleteFunc(trs, func(t *content.Translation) bool { return t == nil })
	originals, mds := content.Match(trs, articles)
	ds = append(ds, mds...)

	var out []Language
	for _, l := range cfg.Languages[1:] {
		byOriginal := map[*content.Article]*content.Translation{}
		for i, t := range trs {
			if t.Lang == l.Code && originals[i] != nil {
				byOriginal[originals[i]] = t
			}
		}
		lang := Language{Code: l.Code, Label: l.Label}
		for _, a := range articles {
			t := byOriginal[a]
			switch {
			case t == nil:
				lang.Missing = append(lang.Missing, Item{Original: a.Path})
			case len(content.Changed(t.Of, a)) > 0:
				lang.Outdated = append(lang.Outdated, Item{Original: a.Path, Translation: t.Path, Changed: content.Changed(t.Of, a)})
			default:
				lang.Done = append(lang.Done, Item{Original: a.Path, Translation: t.Path})
			}
		}
		out = append(out, lang)
	}
	return out, ds.Sorted()
}

// Print writes the survey, one language after another: its counts, then
// what is out of date and what is missing.
func Print(w io.Writer, langs []Language) {
	if len(langs) == 0 {
		fmt.Fprintln(w, "The site has one language: add others under languages: in timeline.yaml.")
		return
	}
	for i, l := range langs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		total := len(l.Done) + len(l.Outdated) + len(l.Missing)
		fmt.Fprintf(w, "%s (%s): %d of %d done, %d out of date, %d missing\n", l.Code, l.Label, len(l.Done), total, len(l.Outdated), len(l.Missing))
		for _, it := range l.Outdated {
			fmt.Fprintf(w, "  out of date: %s (%s changed)\n", it.Translation, strings.Join(it.Changed, ", "))
		}
		for _, it := range l.Missing {
			fmt.Fprintf(w, "  missing:     %s\n", it.Original)
		}
	}
}
