// Package searchtext computes the words search matches, exactly as the
// browser's static/js/search.js and static/js/stem.js do, so that the
// generator can split the search index by word and the browser find a
// query's words where the generator put them.
//
// The browser is the reference and this package mirrors it, quirks and
// all. Its tests run the real scripts under Node.js (and once in headless
// Chromium) on every text of the repository, on hard cases, under the
// fuzzer and on each of Unicode's code points, and compare word for word.
//
// Go's tables are Unicode 15.0 (package unicode and x/text's norm); Node.js
// 20 and Chromium 156 have ICU 78, Unicode 17.0. Two letters whose
// properties changed since are taken as 17.0 has them (see cased and
// caseIgnorable). A character assigned after 15.0 is still a letter to
// the browser and a separator here: the only difference left, which the
// tests tell apart from any other.
package searchtext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens is static/js/search.js's tokenize(s, stem): s's words, in order of
// first appearance, each once, exactly as the browser computes them:
//
//	String(s).toLowerCase().normalize('NFC').replace(APOSTROPHES, '')
//	split on /[^\p{L}\p{N}\p{M}]+/u; each word stemmed (if stem), then
//	.normalize('NFKD').replace(MARKS, '').normalize('NFC'); empty words
//	and repeats dropped.
//
// Invalid UTF-8 in s counts as U+FFFD for each bad byte, as it does once
// s is encoded as JSON for the browser. stem may be nil.
func Tokens(s string, stem func(string) string) []string {
	text, ok := lowerFast(s)
	if !ok {
		text = lowerSlow(s)
	}
	return words(text, stem)
}

// Runes as lowerFast sorts them.
const (
	notFast = iota
	wordRune
	separator
	apostrophe
)

// fastRune is the class of r and its lowercase, for the runes of most
// English, Russian and Ukrainian text: ASCII, the Latin letters of
// U+00C0–U+017F but İ, the Cyrillic letters of U+0400–U+045F and Ґ ґ, the
// apostrophes and common punctuation. None of
// them has a special lowercase, changes under NFC or composes with its
// neighbour; TestFastRunesAreTheSlowPath checks each against the slow path.
func fastRune(r rune) (rune, int) {
	switch {
	case r < 0x80:
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r, wordRune
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', wordRune
		case r == '\'' || r == '`':
			return r, apostrophe
		}
		return r, separator
	case 0xC0 <= r && r <= 0x17F && r != 0xD7 && r != 0xF7 && r != 'İ':
		// Latin-1's and Latin Extended-A's letters, precomposed: their
		// words take fold's slow path, the rest of the text need not.
		return unicode.ToLower(r), wordRune
	case 0x400 <= r && r <= 0x40F:
		return r + 0x50, wordRune
	case 0x410 <= r && r <= 0x42F:
		return r + 0x20, wordRune
	case 0x430 <= r && r <= 0x45F, r == 0x491:
		return r, wordRune
	case r == 0x490:
		return 0x491, wordRune
	case r == 0x2019, r == 0x2BC, r == 0x2B9:
		return r, apostrophe
	case r == 0xA0, r == 0xAB, r == 0xBB, r == 0xB0, r == 0x2009, r == 0x202F,
		0x2010 <= r && r <= 0x2015, r == 0x2018, 0x201A <= r && r <= 0x201F,
		r == 0x2026, r == 0x2116:
		return r, separator
	}
	return r, notFast
}

// lowerFast is s lowercased, its apostrophes taken out and each separator
// a space, when s is all fast runes (see fastRune); otherwise ok is false.
func lowerFast(s string) (text string, ok bool) {
	buf := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				buf = append(buf, c)
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '\'' || c == '`':
			default:
				buf = append(buf, ' ')
			}
			continue
		}
		if i+1 < len(s) && (c == 0xD0 || c == 0xD1) {
			// Cyrillic, lowercased in its UTF-8 bytes (as fastRune does).
			d := s[i+1]
			switch {
			case c == 0xD0 && 0x80 <= d && d <= 0x8F: // Ѐ–Џ
				buf = append(buf, 0xD1, d+0x10)
			case c == 0xD0 && 0x90 <= d && d <= 0x9F: // А–П
				buf = append(buf, 0xD0, d+0x20)
			case c == 0xD0 && 0xA0 <= d && d <= 0xAF: // Р–Я
				buf = append(buf, 0xD1, d-0x20)
			case c == 0xD0 && 0xB0 <= d && d <= 0xBF, c == 0xD1 && 0x80 <= d && d <= 0x9F: // а–џ
				buf = append(buf, c, d)
			default:
				goto other
			}
			i += 2
			continue
		}
	other:
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		l, class := fastRune(r)
		switch {
		case r == utf8.RuneError || class == notFast:
			return "", false
		case class == wordRune && l < 0x800:
			// What fastRune lowercases is two bytes long; so is Cyrillic.
			buf = append(buf, 0xC0|byte(l>>6), 0x80|byte(l&0x3F))
		case class == wordRune:
			buf = utf8.AppendRune(buf, l)
		case class == separator:
			buf = append(buf, ' ')
		}
	}
	return string(buf), true
}

// lowerSlow is lowerFast for any s: JavaScript's toLowerCase, NFC, the
// apostrophes taken out, and each rune that is not a letter, number or
// mark a space.
func lowerSlow(s string) string {
	text := nfc(toLower(s))
	out := make([]byte, 0, len(text))
	for _, r := range text {
		switch {
		case isApostrophe(r):
		case isWordRune(r):
			out = utf8.AppendRune(out, r)
		default:
			out = append(out, ' ')
		}
	}
	return string(out)
}

// isWordRune is search.js's \p{L}, \p{N} or \p{M}: a rune of a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// toLower is JavaScript's String.prototype.toLowerCase: Unicode's full
// lowercase mapping, not that of one language, with Final_Sigma.
func toLower(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r == 'İ':
			// SpecialCasing's one unconditional lowercase of more than one rune.
			b.WriteString("i\u0307")
		case r == 'Σ':
			if finalSigma(s, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isApostrophe is search.js's APOSTROPHES: ' ’ ʼ ʹ `.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02bc' || r == '\u02b9' || r == '`'
}

// finalSigma is SpecialCasing's Final_Sigma for the Σ at s[i], as ICU
// (and so V8) tests it: the nearest rune before it that is not
// case-ignorable is cased, and the nearest after it is not. A rune both
// cased and case-ignorable is skipped as ignorable.
func finalSigma(s string, i int) bool {
	return !casedNext(s[i+len("Σ"):], false) && casedNext(s[:i], true)
}

// casedNext is whether the first rune of s (the last, if backwards) that
// is not case-ignorable is cased.
func casedNext(s string, backwards bool) bool {
	for len(s) > 0 {
		var r rune
		var n int
		if backwards {
			r, n = utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-n]
		} else {
			r, n = utf8.DecodeRuneInString(s)
			s = s[n:]
		}
		if caseIgnorable(r) {
			continue
		}
		return cased(r)
	}
	return false
}

// cased is Unicode's Cased property: Lowercase, Uppercase or Lt.
func cased(r rune) bool {
	if r == 0x295 {
		// ʕ is Ll in Go's Unicode 15.0, Lo since 16.0: as the browsers have it.
		return false
	}
	return unicode.IsLower(r) || unicode.IsUpper(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// caseIgnorable is Unicode's Case_Ignorable property: Mn, Me, Cf, Lm, Sk,
// and Word_Break MidLetter, MidNumLet and Single_Quote (Unicode 15.0's,
// which package unicode does not carry).
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027,
		0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A:
		return true
	case 0x1171E:
		// Ahom's medial ra is Mn in Go's Unicode 15.0, Mc since 16.0: as the
		// browsers have it.
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// words is text's words (text as lowerFast gives it: words between
// spaces), each stemmed and folded, in order, each once.
func words(text string, stem func(string) string) []string {
	// Words are at most one more than spaces (counted quickly, in bulk).
	out := make([]string, 0, strings.Count(text, " ")+1)
	// The first words are found again through a small table of their
	// places by a hash of their length and three bytes, later ones by map.
	var table [64]uint8
	var seen map[string]bool
	for len(text) > 0 {
		i := strings.IndexByte(text, ' ')
		if i < 0 {
			i = len(text)
		}
		w := text[:i]
		text = text[min(i+1, len(text)):]
		if w == "" {
			continue
		}
		if stem != nil {
			w = stem(w)
		}
		w = fold(w)
		if w == "" {
			continue
		}
		if seen == nil && len(out) < len(table)/2 {
			h := (uint(len(w))*31 + uint(w[0])*7 + uint(w[len(w)/2])*131 + uint(w[len(w)-1])) % uint(len(table))
			for table[h] != 0 && out[table[h]-1] != w {
				h = (h + 1) % uint(len(table))
			}
			if table[h] != 0 {
				continue
			}
			table[h] = uint8(len(out) + 1)
		} else {
			if seen == nil {
				seen = make(map[string]bool, 2*len(out))
				for _, o := range out {
					seen[o] = true
				}
			}
			if seen[w] {
				continue
			}
			seen[w] = true
		}
		out = append(out, w)
	}
	return out
}

// fold is search.js's folding of a word: NFKD, the MARKS taken out, NFC.
func fold(w string) string {
	plain := true // only runes fold leaves as they are
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		// Lowercase Cyrillic (а–џ, ґ) is folded here, in its UTF-8 bytes.
		if i+1 >= len(w) {
			return foldSlow(w)
		}
		switch d := w[i+1]; {
		case c == 0xD0 && 0xB0 <= d && d <= 0xBF:
			plain = plain && d != 0xB9 // й
		case c == 0xD1 && 0x80 <= d && d <= 0x9F:
			switch d {
			case 0x90, 0x91, 0x93, 0x97, 0x9C, 0x9D, 0x9E: // ѐ ё ѓ ї ќ ѝ ў
				plain = false
			}
		case c == 0xD2 && d == 0x91: // ґ
		default:
			return foldSlow(w)
		}
		i += 2
	}
	if plain {
		return w
	}
	b := make([]byte, 0, len(w))
	for _, r := range w {
		b = utf8.AppendRune(b, foldCyrillic(r))
	}
	return string(b)
}

// foldCyrillic is fold for one lowercase Cyrillic letter of U+0430–U+045F
// or ґ: the base letter of those that NFKD splits into a letter and a mark
// of U+0300–U+036F.
func foldCyrillic(r rune) rune {
	switch r {
	case 'й', 'ѝ':
		return 'и'
	case 'ё', 'ѐ':
		return 'е'
	case 'ѓ':
		return 'г'
	case 'ї':
		return 'і'
	case 'ќ':
		return 'к'
	case 'ў':
		return 'у'
	}
	return r
}

// foldSlow is fold for any w.
func foldSlow(w string) string {
	d := nfkd(w)
	b := make([]byte, 0, len(d))
	for _, r := range d {
		if !isMark(r) {
			b = utf8.AppendRune(b, r)
		}
	}
	return nfc(string(b))
}

// isMark is search.js's MARKS: the combining diacritical marks, their
// extended and supplement blocks, those for symbols and the half marks.
// Other marks (Cyrillic titlo, Hebrew points, Devanagari signs…) stay.
func isMark(r rune) bool {
	return 0x300 <= r && r <= 0x36F || 0x1AB0 <= r && r <= 0x1AFF || 0x1DC0 <= r && r <= 0x1DFF ||
		0x20D0 <= r && r <= 0x20FF || 0xFE20 <= r && r <= 0xFE2F
}
