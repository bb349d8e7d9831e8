package searchtext

import (
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The stemmers are ports of static/js/stem.js, line for line. They work on
// UTF-16 code units, as JavaScript strings do: stem.js's lengths, slices
// and charAt count units, so a letter outside the Basic Multilingual Plane
// counts twice, and Ukrainian's "stem of three letters or more" would
// differ on a word such as "𝐀ки…" if counted in runes.

// group is a list of endings and the letters one of them must follow (none
// for any), as stem.js's [[list], cond] pairs.
type group struct {
	endings [][]uint16
	after   letters
}

func units(s string) []uint16 { return utf16.Encode([]rune(s)) }

func newGroup(after string, endings ...string) group {
	g := group{after: newLetters(after)}
	for _, e := range endings {
		g.endings = append(g.endings, units(e))
	}
	return g
}

func hasSuffix(w, s []uint16) bool {
	if len(s) > len(w) {
		return false
	}
	w = w[len(w)-len(s):]
	for i := range s {
		if w[i] != s[i] {
			return false
		}
	}
	return true
}

// letters is a set of lowercase Cyrillic letters, one bit each from U+0430.
type letters uint64

func newLetters(s string) letters {
	var l letters
	for _, r := range s {
		l |= 1 << (r - 0x430)
	}
	return l
}

func (l letters) has(c uint16) bool { return c >= 0x430 && c < 0x430+64 && l>>(c-0x430)&1 != 0 }

// endings is groups' endings by their last unit (as an offset from
// U+0430: all are lowercase Cyrillic), longest first and, among endings
// of one length, in stem.js's order.
type endings [0x30][]ending

type ending struct {
	units []uint16
	after letters
}

func newEndings(groups ...group) *endings {
	var e endings
	for _, g := range groups {
		for _, s := range g.endings {
			c := s[len(s)-1] - 0x430
			e[c] = append(e[c], ending{s, g.after})
		}
	}
	for _, list := range e {
		slices.SortStableFunc(list, func(a, b ending) int { return len(b.units) - len(a.units) })
	}
	return &e
}

// suffix is stem.js's suffix: the length of the longest ending that w
// ends with at or after from, 0 for none, -1 for a match whose unit
// before is not one its group asks for.
func (e *endings) suffix(w []uint16, from int) int {
	if len(w) == 0 {
		return 0
	}
	c := int(w[len(w)-1]) - 0x430
	if c < 0 || c >= len(e) {
		return 0
	}
	for _, s := range e[c] {
		if len(w)-len(s.units) >= from && hasSuffix(w, s.units) {
			if s.after != 0 {
				at := len(w) - len(s.units) - 1
				if at < from || !s.after.has(w[at]) {
					return -1
				}
			}
			return len(s.units)
		}
	}
	return 0
}

func cut(w []uint16, n int) []uint16 {
	if n > 0 {
		return w[:len(w)-n]
	}
	return w
}

func endsWith(w []uint16, c rune) bool { return len(w) > 0 && w[len(w)-1] == uint16(c) }

// replaceUnit replaces from by to in w, and says whether it did.
func replaceUnit(w []uint16, from, to rune) bool {
	replaced := false
	for i, c := range w {
		if c == uint16(from) {
			w[i] = uint16(to)
			replaced = true
		}
	}
	return replaced
}

// russian is stem.js's stemRu: the Snowball Russian algorithm.
type russian struct {
	vowels                                               letters
	gerund, adjective, participle, reflexive, verb, noun *endings
	superlative, derivational                            *endings
}

func newRussian() *russian {
	return &russian{
		vowels:     newLetters("аеиоуыэюя"),
		gerund:     newEndings(newGroup("ая", "в", "вши", "вшись"), newGroup("", "ив", "ивши", "ившись", "ыв", "ывши", "ывшись")),
		adjective:  newEndings(newGroup("", "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею")),
		participle: newEndings(newGroup("ая", "ем", "нн", "вш", "ющ", "щ"), newGroup("", "ивш", "ывш", "ующ")),
		reflexive:  newEndings(newGroup("", "ся", "сь")),
		verb: newEndings(newGroup("ая", "ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"),
			newGroup("", "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю")),
		noun:         newEndings(newGroup("", "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я")),
		superlative:  newEndings(newGroup("", "ейше", "ейш")),
		derivational: newEndings(newGroup("", "ость", "ост")),
	}
}

// regions is stem.js's regions: RV and R2 of w.
func regions(w []uint16, vowels letters) (rv, p2 int) {
	rv, p2 = len(w), len(w)
	i := 0
	for i < len(w) && !vowels.has(w[i]) {
		i++
	}
	if i < len(w) {
		rv = i + 1
		i = rv
		for i < len(w) && vowels.has(w[i]) {
			i++
		}
		i++ // past a non-vowel: p1
		for i < len(w) && !vowels.has(w[i]) {
			i++
		}
		for i < len(w) && vowels.has(w[i]) {
			i++
		}
		if i < len(w) {
			p2 = i + 1
		}
	}
	return rv, p2
}

// stem is w's stem, and whether a letter was replaced rather than only
// letters taken off its end.
func (ru *russian) stem(w []uint16) ([]uint16, bool) {
	replaced := replaceUnit(w, 'ё', 'е')
	rv, p2 := regions(w, ru.vowels)
	if n := ru.gerund.suffix(w, rv); n > 0 {
		w = cut(w, n)
	} else {
		if n := ru.reflexive.suffix(w, rv); n > 0 {
			w = cut(w, n)
		}
		if n := ru.adjective.suffix(w, rv); n > 0 {
			w = cut(w, n)
			if n := ru.participle.suffix(w, rv); n > 0 {
				w = cut(w, n)
			}
		} else if n := ru.verb.suffix(w, rv); n > 0 {
			w = cut(w, n)
		} else {
			w = cut(w, ru.noun.suffix(w, rv))
		}
	}
	if len(w) > rv && endsWith(w, 'и') {
		w = w[:len(w)-1]
	}
	if n := ru.derivational.suffix(w, max(rv, p2)); n > 0 {
		w = cut(w, n)
	}
	nn := func() bool { return len(w)-2 >= rv && endsWith(w, 'н') && w[len(w)-2] == 'н' }
	if n := ru.superlative.suffix(w, rv); n > 0 {
		w = cut(w, n)
		if nn() {
			w = w[:len(w)-1]
		}
	} else if nn() {
		w = w[:len(w)-1]
	} else if len(w) > rv && endsWith(w, 'ь') {
		w = w[:len(w)-1]
	}
	return w, replaced
}

// ukrainian is stem.js's stemUk.
type ukrainian struct {
	vowels                      letters
	reflexive, inflections, ivs *endings
}

func newUkrainian() *ukrainian {
	return &ukrainian{
		vowels:    newLetters("аеєиіїоуюя"),
		reflexive: newEndings(newGroup("", "ся", "сь")),
		inflections: newEndings(newGroup("",
			// adjectives and pronouns
			"ого", "ього", "ому", "ьому", "ими", "іми", "ий", "ій", "ої", "ьої", "ою", "ую", "юю", "ая", "яя", "ім", "им", "их", "іх",
			// nouns
			"ами", "ями", "ові", "еві", "єві", "ах", "ях", "ів", "їв", "ей", "ам", "ям", "ом", "ем", "єм", "ею", "єю",
			"ія", "ії", "ію", "ією", "ья", "а", "я", "о", "е", "є", "у", "ю", "і", "ї", "и", "ь",
			// verbs
			"ати", "яти", "ити", "іти", "їти", "ути", "ть", "ють", "ують", "ають", "ять", "ить", "еш", "єш", "иш",
			"емо", "ємо", "имо", "ете", "єте", "ите", "ає", "ує", "ла", "ло", "ли", "ала", "ало", "али", "ила", "ило", "или")),
		ivs: newEndings(newGroup("", "ів", "їв")),
	}
}

// strip is stem.js's ukStrip: w without the longest of groups' endings
// that leaves a stem of three units or more with a vowel in it.
func (uk *ukrainian) strip(w []uint16, e *endings) []uint16 {
	for from := 3; from <= len(w); from++ {
		n := e.suffix(w, from)
		if n <= 0 {
			return w
		}
		rest := w[:len(w)-n]
		for _, c := range rest {
			if uk.vowels.has(c) {
				return rest
			}
		}
		// no vowel left: try a shorter ending
		from = len(w) - n + 1
	}
	return w
}

// alternate is stem.js's ukAlternate: the vowel of a closed last syllable
// folded to і (ї after a vowel).
func (uk *ukrainian) alternate(w []uint16) ([]uint16, bool) {
	i := len(w) - 1
	for i > 0 && !uk.vowels.has(w[i]) {
		i--
	}
	if i <= 0 || i == len(w)-1 {
		return w, false
	}
	c := w[i]
	switch c {
	case 'і', 'е', 'о':
		w[i] = 'і'
	case 'ї', 'є':
		w[i] = 'ї'
	}
	return w, w[i] != c
}

func (uk *ukrainian) stem(w []uint16) ([]uint16, bool) {
	replaced := replaceUnit(w, 'ґ', 'г')
	w = uk.strip(w, uk.reflexive)
	w, alternated := uk.alternate(uk.strip(w, uk.inflections))
	return uk.strip(w, uk.ivs), replaced || alternated
}

// Stemmer is the stemmer static/js/stem.js's stem(lang) gives: nil for a
// language it has none for; words that are not Cyrillic are left as they
// are. lang's part before a "-" chooses, as in stem.js ("uk-UA" is "uk").
// The stemmer keeps nothing between calls and is safe for concurrent use;
// making one builds its tables, so make one a language and keep it.
func Stemmer(lang string) func(word string) string {
	var ru *russian
	var uk *ukrainian
	switch base, _, _ := strings.Cut(lang, "-"); base {
	case "ru":
		ru = newRussian()
	case "uk":
		uk = newUkrainian()
	default:
		return nil
	}
	return func(word string) string {
		if !cyrillic(word) {
			return word
		}
		// The stemmers edit w in place and return a part of it.
		var buf [48]uint16
		w := buf[:0]
		for i := 0; i < len(word); {
			if c := word[i]; c < utf8.RuneSelf {
				w = append(w, uint16(c))
				i++
			} else if c >= 0xC2 && c <= 0xDF && i+1 < len(word) && word[i+1]&0xC0 == 0x80 {
				w = append(w, uint16(c&0x1F)<<6|uint16(word[i+1]&0x3F))
				i += 2
			} else {
				r, n := utf8.DecodeRuneInString(word[i:])
				w = utf16.AppendRune(w, r)
				i += n
			}
		}
		all := w
		var replaced bool
		if ru != nil {
			w, replaced = ru.stem(w)
		} else {
			w, replaced = uk.stem(w)
		}
		if replaced {
			return encode(w)
		}
		return prefix(word, all, len(w))
	}
}

// prefix is the first n of all's units as a part of word, whose units
// they are: the stemmers take off only Cyrillic letters, two bytes each.
func prefix(word string, all []uint16, n int) string {
	for _, c := range all[n:] {
		if c < 0x400 || c > 0x4FF {
			return encode(all[:n]) // a stemmer that took off something else
		}
	}
	return word[:len(word)-2*(len(all)-n)]
}

// encode is w's text as UTF-8. The stemmers only take off or replace
// Cyrillic units, so w has no surrogate split from its pair.
func encode(w []uint16) string {
	var buf [96]byte
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		r := rune(w[i])
		if utf16.IsSurrogate(r) && i+1 < len(w) {
			if d := utf16.DecodeRune(r, rune(w[i+1])); d != utf8.RuneError {
				r = d
				i++
			}
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// cyrillic is stem.js's CYRILLIC test: a letter of U+0400–U+04FF in word.
func cyrillic(word string) bool {
	for i := 0; i+1 < len(word); i++ {
		// U+0400–U+04FF is UTF-8 0xD0–0xD3 then a continuation byte.
		if c := word[i]; c >= 0xD0 && c <= 0xD3 && word[i+1]&0xC0 == 0x80 {
			return true
		}
	}
	return false
}
