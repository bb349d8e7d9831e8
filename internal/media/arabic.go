package media

import (
	"strings"
	"unicode"
)

// The font renderer draws glyphs one after another, left to right, and
// knows nothing of scripts. Arabic text is shaped here: each letter takes
// its joined form from Unicode's Presentation Forms-B, lam and alef become
// their ligature, and right-to-left runs are laid out in visual order.

// arabicForms gives, for each Arabic letter, its isolated presentation
// form and how many forms it has: 4 for a letter that joins on both
// sides, 2 for one that joins only to the letter before it.
var arabicForms = map[rune]struct {
	isolated rune
	forms    int
}{
	0x0621: {0xFE80, 1}, 0x0622: {0xFE81, 2}, 0x0623: {0xFE83, 2}, 0x0624: {0xFE85, 2},
	0x0625: {0xFE87, 2}, 0x0626: {0xFE89, 4}, 0x0627: {0xFE8D, 2}, 0x0628: {0xFE8F, 4},
	0x0629: {0xFE93, 2}, 0x062A: {0xFE95, 4}, 0x062B: {0xFE99, 4}, 0x062C: {0xFE9D, 4},
	0x062D: {0xFEA1, 4}, 0x062E: {0xFEA5, 4}, 0x062F: {0xFEA9, 2}, 0x0630: {0xFEAB, 2},
	0x0631: {0xFEAD, 2}, 0x0632: {0xFEAF, 2}, 0x0633: {0xFEB1, 4}, 0x0634: {0xFEB5, 4},
	0x0635: {0xFEB9, 4}, 0x0636: {0xFEBD, 4}, 0x0637: {0xFEC1, 4}, 0x0638: {0xFEC5, 4},
	0x0639: {0xFEC9, 4}, 0x063A: {0xFECD, 4}, 0x0641: {0xFED1, 4}, 0x0642: {0xFED5, 4},
	0x0643: {0xFED9, 4}, 0x0644: {0xFEDD, 4}, 0x0645: {0xFEE1, 4}, 0x0646: {0xFEE5, 4},
	0x0647: {0xFEE9, 4}, 0x0648: {0xFEED, 2}, 0x0649: {0xFEEF, 2}, 0x064A: {0xFEF1, 4},
}

// lamAlef is the isolated ligature of lam with each alef.
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

const tatweel = 0x0640

func isMark(r rune) bool { return r >= 0x064B && r <= 0x065F || r == 0x0670 }

func joins(r rune) int {
	if r == tatweel {
		return 4
	}
	return arabicForms[r].forms
}

// shapeArabic replaces Arabic letters by their joined forms, in logical
// order.
func shapeArabic(rs []rune) []rune {
	out := make([]rune, 0, len(rs))
	// neighbour finds the letter before (step -1) or after (+1) i,
	// passing over vowel marks.
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !isMark(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		before := joins(neighbour(i, -1)) == 4 && f.forms >= 2
		if r == 0x0644 {
			if lig, ok := lamAlef[neighbour(i, 1)]; ok {
				if before {
					lig++ // the final form follows the isolated one
				}
				out = append(out, lig)
				for i+1 < len(rs) && isMark(rs[i+1]) {
					i++
				}
				i++ // the alef is in the ligature
				continue
			}
		}
		after := f.forms == 4 && joins(neighbour(i, 1)) >= 2
		switch {
		case before && after:
			out = append(out, f.isolated+3)
		case before:
			out = append(out, f.isolated+1)
		case after:
			out = append(out, f.isolated+2)
		default:
			out = append(out, f.isolated)
		}
	}
	return out
}

// Digits, Arabic-Indic ones too, read left to right.
func isRTL(r rune) bool {
	return !unicode.IsDigit(r) && unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Hebrew, r) || r >= 0xFB1D && r <= 0xFEFC
}

func isLTR(r rune) bool { return unicode.IsLetter(r) && !isRTL(r) || unicode.IsDigit(r) }

// RightToLeft reports whether a line's first strong letter is of a
// right-to-left script.
func RightToLeft(s string) bool {
	for _, r := range s {
		if isRTL(r) {
			return true
		}
		if isLTR(r) {
			return false
		}
	}
	return false
}

// visual shapes a line and puts it in the order it is drawn, left to
// right: a simplified bidi algorithm that knows runs of right-to-left
// letters (with the spaces and marks between them) and left-to-right ones
// (Latin words, numbers).
func visual(line string) []rune {
	if !strings.ContainsFunc(line, isRTL) {
		return []rune(line) // nothing to shape or turn round
	}
	rs := shapeArabic([]rune(line))
	rtl := RightToLeft(line)
	// Each rune's direction: strong letters their own; neutrals take that
	// of the letters around them when both agree, else the line's.
	dir := make([]bool, len(rs)) // true: right to left
	for i, r := range rs {
		switch {
		case isRTL(r):
			dir[i] = true
		case isLTR(r):
			dir[i] = false
		default:
			prev, next := rtl, rtl
			for j := i - 1; j >= 0; j-- {
				if isRTL(rs[j]) || isLTR(rs[j]) {
					prev = isRTL(rs[j])
					break
				}
			}
			for j := i + 1; j < len(rs); j++ {
				if isRTL(rs[j]) || isLTR(rs[j]) {
					next = isRTL(rs[j])
					break
				}
			}
			dir[i] = rtl
			if prev == next {
				dir[i] = prev
			}
		}
	}
	// Runs in logical order; a right-to-left line lays its runs out from
	// the right, and each right-to-left run reads backwards.
	type run struct {
		rtl bool
		rs  []rune
	}
	var runs []run
	for i, r := range rs {
		if len(runs) == 0 || runs[len(runs)-1].rtl != dir[i] {
			runs = append(runs, run{rtl: dir[i]})
		}
		runs[len(runs)-1].rs = append(runs[len(runs)-1].rs, r)
	}
	if rtl {
		for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
			runs[i], runs[j] = runs[j], runs[i]
		}
	}
	out := make([]rune, 0, len(rs))
	for _, ru := range runs {
		if ru.rtl {
			for i := len(ru.rs) - 1; i >= 0; i-- {
				out = append(out, mirror(ru.rs[i]))
			}
		} else {
			out = append(out, ru.rs...)
		}
	}
	return out
}

// mirror gives the glyph of a bracket drawn in a right-to-left run.
func mirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '«':
		return '»'
	case '»':
		return '«'
	}
	return r
}
