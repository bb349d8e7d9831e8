// Package i18n is what a site says in each of its languages: interface
// strings (built in for en, uk, ru and ar, overridable by the site's
// i18n/<code>.yaml), translated names of actors, places, tags and kinds,
// plural forms, writing direction, and dates with CLDR month names in the
// grammatical case each language uses.
package i18n

import (
	"fmt"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Dir is the folder of a site's language files, i18n/<code>.yaml.
const Dir = "i18n"

// Strings are a language's interface strings by key. A locale's are made
// once and never changed after Load: every view of its pages carries the
// same map, and page keys sum it once (internal/build/rebuild).
type Strings map[string]string

// Locale is one language of a site.
type Locale struct {
	Code  string
	Label string
	// Strings are the interface strings, every key of English's present.
	Strings Strings
	// Names translate actors, places, tags and kind labels, by the name
	// the original writes.
	Actors, Places, Tags, Kinds map[string]string
	// Title and Description, when set, are the site's in this language.
	Title, Description string
	months             *months
	kindsLine          int // where i18n/<code>.yaml's kinds: is, for Gaps
	// numbers writes numbers with CLDR's digits and grouping for the
	// language (10,000; 10 000; ١٠٬٠٠٠); small are the numbers below
	// 1,000 as it writes them, which need no grouping: most counts are.
	numbers *message.Printer
	small   []string
}

// New is the Locale of code with its built-in strings, where it has them,
// over English's. missing lists the keys taken from English.
func New(code, label string) (l *Locale, missing []string) {
	l = &Locale{Code: code, Label: label, Strings: English(),
		Actors: map[string]string{}, Places: map[string]string{}, Tags: map[string]string{}, Kinds: map[string]string{}}
	own := Builtin(code)
	for k := range l.Strings {
		if v, ok := own[k]; ok {
			l.Strings[k] = v
		} else if code != "en" {
			missing = append(missing, k)
		}
	}
	slices.Sort(missing)
	l.months = monthsOf(code)
	if tag, err := language.Parse(code); err == nil {
		l.numbers = message.NewPrinter(tag)
		l.small = make([]string, 1000)
		for i := range l.small {
			l.small[i] = l.numbers.Sprint(number.Decimal(i))
		}
	}
	return l, missing
}

// RTL reports whether a language is written right to left.
func RTL(code string) bool {
	base, _, _ := strings.Cut(code, "-")
	switch base {
	case "ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ug", "ckb":
		return true
	}
	return false
}

// Dir is "rtl" or "ltr", for <html dir>.
func (l *Locale) Dir() string {
	if RTL(l.Code) {
		return "rtl"
	}
	return "ltr"
}

// T is an interface string.
func (l *Locale) T(key string) string {
	if s, ok := l.Strings[key]; ok {
		return s
	}
	return key
}

// F formats the interface string key with args, as fmt.Sprintf.
func (l *Locale) F(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// N is the plural form of key for n, with n put in: key's string holds
// the forms of the language's plural categories, separated by "|", in the
// order of Categories; "%d" in a form is n.
func (l *Locale) N(key string, n int) string {
	forms := strings.Split(l.T(key), "|")
	cats := Categories(l.Code)
	cat := PluralCategory(l.Code, n)
	form := forms[len(forms)-1]
	if i := slices.Index(cats, cat); i >= 0 && i < len(forms) {
		form = forms[i]
	}
	if strings.Contains(form, "%d") {
		return strings.Replace(form, "%d", l.Number(n), 1)
	}
	return form
}

// Number writes a whole number as the language writes it in running
// text, with CLDR's digits and thousands separator: "10,000" in English,
// "10 000" (a no-break space) in Ukrainian and Russian, "١٠٬٠٠٠" in Arabic.
// Years are not numbers in this sense: see Year.
func (l *Locale) Number(n int) string {
	if n >= 0 && n < len(l.small) {
		return l.small[n]
	}
	if l.numbers != nil {
		return l.numbers.Sprint(number.Decimal(n))
	}
	s := fmt.Sprint(n)
	if l.months != nil && l.months.digits != nil {
		s = l.months.digit(s)
	}
	return s
}

// Actor, Place, Tag and Kind are a name as this language writes it.
func (l *Locale) Actor(name string) string { return or(l.Actors[name], name) }
func (l *Locale) Place(name string) string { return or(l.Places[name], name) }
func (l *Locale) Tag(name string) string   { return or(l.Tags[name], name) }

// Kind is a kind's label: the site's translation, else label.
func (l *Locale) Kind(name, label string) string { return or(l.Kinds[name], label) }

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// Sum is a fingerprint of everything the locale says, for page keys.
func (l *Locale) Sum() string {
	var b strings.Builder
	b.WriteString(l.Code + "\x00" + l.Label + "\x00" + l.Title + "\x00" + l.Description + "\x00")
	for _, m := range []map[string]string{l.Strings, l.Actors, l.Places, l.Tags, l.Kinds} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b.WriteString(k + "\x00" + m[k] + "\x00")
		}
		b.WriteString("\x01")
	}
	return b.String()
}

// Figure is a casualty figure as the language writes it: "3", "at least
// 9", "10–20", "14 (10–20)", with the language's digits and separators.
func (l *Locale) Figure(f casualty.Figure) string {
	n, least := l.Number, func(v int) string { return l.F("at_least", l.Number(v)) }
	switch {
	case f.IsExact():
		return n(f.Min)
	case !f.HasMax() && (!f.HasBest() || f.Best == f.Min):
		return least(f.Min)
	case !f.HasMax():
		return n(f.Best) + " (" + least(f.Min) + ")"
	case f.HasBest():
		return n(f.Best) + " (" + n(f.Min) + "–" + n(f.Max) + ")"
	}
	return n(f.Min) + "–" + n(f.Max)
}

// Numbering is the CLDR numbering system of the language's digits on its
// pages ("arab" for Arabic's ٠١٢, else "latn"): scripts that write numbers
// and dates with Intl ask for it ("ar-u-nu-arab"), since browsers' own
// defaults for a language differ from this program's and from each other.
// One rule per language: the digits a page shows are the same whoever
// wrote them.
func (l *Locale) Numbering() string {
	if l.months != nil && l.months.digits != nil && l.months.digits[0] == "٠" {
		return "arab"
	}
	return "latn"
}
