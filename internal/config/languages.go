package config

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/permalink"
)

// Language is one language a site is published in.
type Language struct {
	Code  string // a BCP 47 tag, lowercase: "en", "uk", "pt-br"
	Label string // its name in itself, for the language switcher
}

// languageCodeRE accepts the BCP 47 tags a site would use: a two- or
// three-letter language, optionally a script or region ("pt-br",
// "sr-latn"). Lowercase, so that the code is also a URL segment.
var languageCodeRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// CheckLanguageCode reports whether code can name a language.
func CheckLanguageCode(code string) error {
	if !languageCodeRE.MatchString(code) {
		return fmt.Errorf("%q is not a language code: use a lowercase BCP 47 tag such as en, uk, ar or pt-br", code)
	}
	return nil
}

// checkLanguageFolder reports whether a language other than the default
// can have the code: its pages go under /<code>/ (permalink.LanguagePrefix),
// which may not be a name the site takes at its root, such as map (a
// language's code too), or they would overwrite the default language's.
func checkLanguageFolder(code string) error {
	if slices.Contains(permalink.TopLevel(), code) {
		return fmt.Errorf("%q cannot be the code of a language other than the default: its pages would go under /%s/, where the site has pages or files of its own, and overwrite them; use another tag for the language, such as one with a region (%s-xx)", code, code, code)
	}
	return nil
}

// knownLabels names languages in themselves, for sites that write only
// `language:` or leave out a label.
func knownLabels() map[string]string {
	return map[string]string{
		"en": "English", "uk": "Українська", "ru": "Русский", "ar": "العربية",
		"he": "עברית", "fa": "فارسی", "ur": "اردو", "de": "Deutsch", "fr": "Français",
		"es": "Español", "pl": "Polski", "it": "Italiano", "pt": "Português",
		"tr": "Türkçe", "ka": "ქართული", "be": "Беларуская",
	}
}

// LanguageLabel is a language's name in itself where known, else its code.
func LanguageLabel(code string) string {
	if l, ok := knownLabels()[code]; ok {
		return l
	}
	return code
}

// LanguageCodes lists the codes of c's languages, the default first.
func (c *Config) LanguageCodes() []string {
	codes := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		codes[i] = l.Code
	}
	return codes
}

func parseLanguages(n *front.Node, errf func(*front.Node, string, ...any)) ([]Language, bool) {
	if n.Kind != front.List || len(n.Items) == 0 {
		errf(n, "languages: want a list such as - {code: en, label: English}, the default language first")
		return nil, false
	}
	var langs []Language
	ok := true
	seen := map[string]bool{}
	for i, item := range n.Items {
		var l Language
		switch item.Kind {
		case front.Scalar: // - uk
			l.Code = item.Text
		case front.Map:
			for _, k := range item.Keys {
				if k.Value.Kind != front.Scalar {
					errf(k.Value, "languages: %s: want text", k.Name)
					ok = false
					continue
				}
				switch k.Name {
				case "code":
					l.Code = k.Value.Text
				case "label":
					l.Label = k.Value.Text
				default:
					errf(&front.Node{Line: k.Line, Col: k.Col}, "languages: unknown key %q%s", k.Name, diag.Suggest(k.Name, []string{"code", "label"}))
					ok = false
				}
			}
		default:
			errf(item, "languages: each language is {code, label}")
			ok = false
			continue
		}
		switch {
		case l.Code == "":
			errf(item, "languages: a language needs a code, such as {code: uk, label: Українська}")
			ok = false
			continue
		case CheckLanguageCode(l.Code) != nil:
			errf(item, "languages: %v", CheckLanguageCode(l.Code))
			ok = false
			continue
		case i > 0 && checkLanguageFolder(l.Code) != nil:
			errf(item, "languages: %v", checkLanguageFolder(l.Code))
			ok = false
			continue
		case seen[l.Code]:
			errf(item, "languages: %q is listed twice", l.Code)
			ok = false
			continue
		}
		seen[l.Code] = true
		if l.Label == "" {
			l.Label = LanguageLabel(l.Code)
		}
		langs = append(langs, l)
	}
	return langs, ok && len(langs) > 0
}
