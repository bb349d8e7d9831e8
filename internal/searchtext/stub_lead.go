// Package searchtext: the lead's stand-in until the tokens branch lands.
package searchtext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Stemmer stands in for stem.js's stem(lang).
func Stemmer(lang string) func(string) string { return nil }

// Tokens stands in for search.js's tokenize.
func Tokens(s string, stem func(string) string) []string {
	s = norm.NFC.String(strings.ToLower(s))
	s = strings.NewReplacer("'", "", "\u2019", "", "\u02bc", "", "\u02b9", "", "`", "").Replace(s)
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.In(r, unicode.L, unicode.N, unicode.M) }) {
		if stem != nil {
			w = stem(w)
		}
		w = norm.NFC.String(strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Mn, r) {
				return -1
			}
			return r
		}, norm.NFKD.String(w)))
		if w != "" && !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
