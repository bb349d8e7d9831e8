// Package slug makes readable ASCII URL slugs from names and titles in any
// script, so that "Битва за Київ" gets the page bytva-za-kyiv.
package slug

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
)

// Make returns a slug of s: lowercase a-z, 0-9 and single interior dashes.
// Latin letters lose their diacritics and Cyrillic is transliterated
// (Ukrainian national system of 2010, with the few Russian-only letters
// added). Apostrophes and combining marks are dropped; any other run of
// characters that has no ASCII spelling becomes one dash.
//
// Make returns "" only when s is empty or all white space. When nothing of s
// can be written in ASCII (say "東京"), the slug is "x-" and eight hex digits
// of a hash of s, so that every name still gets a stable page.
func Make(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	rs := []rune(strings.ToLower(s))
	var b strings.Builder
	dash := false
	// prev is the previous source letter: Ukrainian spells some letters
	// differently at the start of a word, and г after з.
	prev := rune(0)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) {
			if c, ok := compose(r, rs[i+1]); ok {
				r = c
				i++
			}
		}
		var out string
		mapped := true
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			out = string(r)
		case isApostrophe(r):
			// Dropped without splitting the word: Знам'янка is znamianka,
			// don't is dont.
			prev = r
			continue
		case unicode.Is(unicode.Mn, r):
			// Marks of decomposed text go the way of precomposed ones.
			continue
		default:
			if out, mapped = latin[r]; !mapped {
				out, mapped = cyrillic(r, prev)
			}
		}
		prev = r
		switch {
		case !mapped:
			dash = b.Len() > 0
		case out != "":
			if dash {
				b.WriteByte('-')
				dash = false
			}
			b.WriteString(out)
		}
	}
	if b.Len() == 0 {
		h := fnv.New32a()
		h.Write([]byte(s))
		return fmt.Sprintf("x-%08x", h.Sum32())
	}
	if out := b.String(); Reserved(out) {
		return out + "-1" // a page of its own that Windows can hold
	}
	return b.String()
}

// Valid reports whether s can be used as a slug as written: non-empty, only
// a-z, 0-9 and '-', not starting or ending with '-'. Interior runs of dashes
// are allowed, since they do no harm in a URL; Make never produces them.
func Valid(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// MaxLen is the longest slug an article may have: it is a folder's name,
// and file systems hold 255 bytes.
const MaxLen = 200

// Usable reports whether s may be an article's slug as `check` has it:
// Valid, not Reserved, at most MaxLen long. Whatever writes articles
// (the importer) makes only such slugs.
func Usable(s string) bool { return Valid(s) && !Reserved(s) && len(s) <= MaxLen }

// Cut shortens the slug s to at most n bytes, at a dash where there is
// one, and keeps it off Reserved names.
func Cut(s string, n int) string {
	if len(s) > n {
		s = s[:n]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if Reserved(s) {
		s += "-1"
	}
	return s
}

// Reserved reports whether s is a name Windows refuses for a file or
// folder (con, prn, aux, nul, com0-com9, lpt0-lpt9, with any extension):
// an output folder of that name could not be checked out there.
func Reserved(s string) bool {
	base, _, _ := strings.Cut(strings.ToLower(s), ".")
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && '0' <= base[3] && base[3] <= '9'
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', '`':
		return true
	}
	return false
}

// compose joins the decomposed Cyrillic letters whose spelling differs from
// their base letter's, as macOS file names and some editors write them.
func compose(base, mark rune) (rune, bool) {
	switch {
	case base == 'и' && mark == '\u0306':
		return 'й', true
	case base == 'і' && mark == '\u0308':
		return 'ї', true
	case base == 'е' && mark == '\u0308':
		return 'ё', true
	case base == 'у' && mark == '\u0306':
		return 'ў', true
	}
	return 0, false
}

// latin maps lowercase Latin-1 and Latin Extended-A letters (and a few
// common others) to ASCII. It is built once and never changed.
var latin = func() map[rune]string {
	m := make(map[rune]string)
	for _, g := range []struct{ from, to string }{
		{"àáâãäåāăą", "a"},
		{"æ", "ae"},
		{"çćĉċč", "c"},
		{"ďđð", "d"},
		{"èéêëēĕėęěə", "e"},
		{"ĝğġģ", "g"},
		{"ĥħ", "h"},
		{"ìíîïĩīĭįı", "i"},
		{"ĳ", "ij"},
		{"ĵ", "j"},
		{"ķĸ", "k"},
		{"ĺļľŀł", "l"},
		{"ñńņňŉ", "n"},
		{"ŋ", "ng"},
		{"òóôõöøōŏő", "o"},
		{"œ", "oe"},
		{"ŕŗř", "r"},
		{"śŝşšșſ", "s"},
		{"ß", "ss"},
		{"ţťŧț", "t"},
		{"þ", "th"},
		{"ùúûüũūŭůűų", "u"},
		{"ŵ", "w"},
		{"ýÿŷ", "y"},
		{"źżž", "z"},
	} {
		for _, r := range g.from {
			m[r] = g.to
		}
	}
	return m
}()

// cyrillic transliterates a lowercase Cyrillic letter. prev is the source
// letter before it, or a non-letter at the start of a word. ok is false for
// letters it does not know; a known letter may map to "" (ь, ъ).
func cyrillic(r, prev rune) (out string, ok bool) {
	wordStart := !unicode.IsLetter(prev) && !isApostrophe(prev)
	switch r {
	// Ukrainian letters spelt differently at the start of a word.
	case 'є':
		return pick(wordStart, "ye", "ie"), true
	case 'ї':
		return pick(wordStart, "yi", "i"), true
	case 'й':
		return pick(wordStart, "y", "i"), true
	case 'ю':
		return pick(wordStart, "yu", "iu"), true
	case 'я':
		return pick(wordStart, "ya", "ia"), true
	case 'г':
		// зг is zgh so that it does not read as ж (zh): Розгон is rozghon.
		return pick(prev == 'з', "gh", "h"), true
	}
	out, ok = cyrillicPlain[r]
	return out, ok
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// cyrillicPlain holds the letters spelt the same wherever they stand:
// Ukrainian, then Russian-only letters (Russian и shares Ukrainian y), then
// Belarusian ў and the South Slavic letters. Never changed.
var cyrillicPlain = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'ґ': "g", 'д': "d", 'е': "e", 'ж': "zh",
	'з': "z", 'и': "y", 'і': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n",
	'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ь': "",
	'ё': "e", 'ъ': "", 'ы': "y", 'э': "e",
	'ў': "u",
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
}
