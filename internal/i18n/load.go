package i18n

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// Language is a language to load: its code and its label.
type Language struct{ Code, Label string }

// FileKeys are the keys an i18n/<code>.yaml may hold.
var FileKeys = []string{"title", "description", "actors", "places", "tags", "kinds", "strings"}

// File is where a site translates names and interface strings of a
// language.
func File(code string) string { return Dir + "/" + code + ".yaml" }

// Load reads the site's i18n/<code>.yaml of each language, where there is
// one, over the built-in strings. A language whose strings are not all
// given, built in or by the site, gets English's for the rest, with one
// warning listing them.
func Load(site string, langs []Language, ds *diag.List) []*Locale {
	out := make([]*Locale, len(langs))
	root := sitefs.NewRoot(site)
	for i, lang := range langs {
		rel := File(lang.Code)
		src, err := root.ReadFile(rel, sitefs.MaxText)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			src = nil
		case err != nil:
			sitefs.ReportRead(ds, rel, err)
			src = nil
		}
		out[i] = Parse(rel, lang, src, ds)
	}
	// A file for a language the site does not have is likely a typo.
	entries, _ := os.ReadDir(filepath.Join(site, Dir))
	for _, e := range entries {
		code, ok := strings.CutSuffix(e.Name(), ".yaml")
		// (A symbolic link is the site's link checks' business.)
		if ok && e.Type().IsRegular() && !slices.ContainsFunc(langs, func(l Language) bool { return l.Code == code }) {
			var codes []string
			for _, l := range langs {
				codes = append(codes, l.Code)
			}
			ds.Warnf(Dir+"/"+e.Name(), 0, 0, "no language %q in timeline.yaml's languages (%s): this file is not used%s", code, strings.Join(codes, ", "), diag.Suggest(code, codes))
		}
	}
	return out
}

// Parse reads one language file's text (nil: none) for lang.
func Parse(rel string, lang Language, src []byte, ds *diag.List) *Locale {
	l, _ := New(lang.Code, lang.Label)
	own := Builtin(lang.Code)
	given := map[string]bool{}
	if len(src) > 0 {
		root, err := front.DecodeYAML(src)
		if err != nil {
			var fe *front.Error
			if errors.As(err, &fe) {
				ds.Errorf(rel, fe.Line, fe.Col, "%s", fe.Message)
			} else {
				ds.Errorf(rel, 1, 1, "%v", err)
			}
		} else {
			english := English()
			for _, k := range root.Keys {
				var into map[string]string
				switch k.Name {
				case "title", "description":
					if k.Value.Kind != front.Scalar {
						ds.Errorf(rel, k.Value.Line, k.Value.Col, "%s: want text: the site's %s in this language", k.Name, k.Name)
					} else if k.Name == "title" {
						l.Title = k.Value.Text
					} else {
						l.Description = k.Value.Text
					}
					continue
				case "actors":
					into = l.Actors
				case "places":
					into = l.Places
				case "tags":
					into = l.Tags
				case "kinds":
					into = l.Kinds
					l.kindsLine = k.Line
				case "strings":
					into = l.Strings
				default:
					ds.Errorf(rel, k.Line, k.Col, "unknown key %q%s: a language file holds %s", k.Name, diag.Suggest(k.Name, FileKeys), strings.Join(FileKeys, ", "))
					continue
				}
				if k.Value.Kind == front.Null {
					continue
				}
				if k.Value.Kind != front.Map {
					ds.Errorf(rel, k.Value.Line, k.Value.Col, "%s: want a map of names, such as %s: {Ukraine: Україна}", k.Name, k.Name)
					continue
				}
				for _, kv := range k.Value.Keys {
					if kv.Value.Kind != front.Scalar || kv.Value.Text == "" {
						ds.Errorf(rel, kv.Value.Line, kv.Value.Col, "%s: %s: want text", k.Name, kv.Name)
						continue
					}
					if k.Name == "strings" {
						if _, ok := english[kv.Name]; !ok {
							ds.Warnf(rel, kv.Line, kv.Col, "strings: unknown key %q%s", kv.Name, diag.Suggest(kv.Name, keys(english)))
							continue
						}
						if bad := Placeholders(english[kv.Name], kv.Value.Text); bad != "" {
							ds.Errorf(rel, kv.Value.Line, kv.Value.Col, "strings: %s: %s", kv.Name, bad)
							continue
						}
						given[kv.Name] = true
					}
					into[kv.Name] = kv.Value.Text
				}
			}
		}
	}
	if own == nil {
		var missing []string
		for k := range l.Strings {
			if !given[k] {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			ds.Warnf(rel, 0, 0, "no built-in interface strings for %q: English is used for %d keys; translate them under strings: in this file: %s", lang.Code, len(missing), strings.Join(missing, ", "))
		}
	}
	return l
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Gaps warns, for each language but the default (the first), of what its
// i18n/<code>.yaml leaves in the default language's words on its pages:
// the site's title, its description (when timeline.yaml has one) and the
// labels of the site's kinds. One warning a file, at its kinds: line
// when it has one; --strict makes it an error.
func Gaps(locales []*Locale, kinds []string, description bool, ds *diag.List) {
	for i, l := range locales {
		if i == 0 {
			continue
		}
		var missing []string
		if l.Title == "" {
			missing = append(missing, "title:")
		}
		if l.Description == "" && description {
			missing = append(missing, "description:")
		}
		var unlabelled []string
		for _, k := range kinds {
			if l.Kinds[k] == "" {
				unlabelled = append(unlabelled, k)
			}
		}
		if len(unlabelled) > 0 {
			missing = append(missing, "kinds: ("+strings.Join(unlabelled, ", ")+")")
		}
		if len(missing) == 0 {
			continue
		}
		ds.Warnf(File(l.Code), l.kindsLine, 0, "%s pages show the default language's words for what this file does not give: add %s", l.Code, strings.Join(missing, ", "))
	}
}
