package searchtext

import (
	"slices"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// x/text's norm writes the Stream-Safe Text Format: after 30 non-starters
// in a row it puts in a U+034F COMBINING GRAPHEME JOINER, and it orders
// marks only within each 30. JavaScript's normalize (ICU) does neither, so
// a string with such a run (the stacked marks of "Zalgo" text, in
// practice) is normalised here by the algorithm itself: decomposition,
// canonical order of each run of non-starters, canonical composition.

// nfc is s.normalize('NFC').
func nfc(s string) string {
	if longRun(s) {
		return normalize(s, norm.NFD, true)
	}
	return norm.NFC.String(s)
}

// nfkd is s.normalize('NFKD').
func nfkd(s string) string {
	if longRun(s) {
		return normalize(s, norm.NFKD, false)
	}
	return norm.NFKD.String(s)
}

// longRun is whether s may have more than 30 non-starters in a row once
// decomposed. A rune adds three at the most, and a starter that neither
// decomposes nor combines with the rune before it ends a run: so, whether
// s has ten or more other runes in a row.
func longRun(s string) bool {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n = 0
			i++
			continue
		}
		p := norm.NFKD.PropertiesString(s[i:])
		i += max(p.Size(), 1)
		if p.CCC() == 0 && p.Decomposition() == nil && norm.NFC.PropertiesString(s[i-max(p.Size(), 1):]).BoundaryBefore() {
			n = 0
		} else if n++; n >= 10 {
			return true
		}
	}
	return false
}

func ccc(r rune) uint8 {
	var b [utf8.UTFMax]byte
	return norm.NFD.Properties(utf8.AppendRune(b[:0], r)).CCC()
}

// normalize is s in form (NFD or NFKD), then composed if compose (NFC or,
// from NFKD, NFKC), with no limit on a run of non-starters.
func normalize(s string, form norm.Form, compose bool) string {
	var rs []rune
	for _, r := range s {
		// One rune's decomposition is short and in canonical order.
		var b [utf8.UTFMax]byte
		for _, d := range string(form.Bytes(utf8.AppendRune(b[:0], r))) {
			rs = append(rs, d)
		}
	}
	for i := 0; i < len(rs); {
		if ccc(rs[i]) == 0 {
			i++
			continue
		}
		j := i
		for j < len(rs) && ccc(rs[j]) != 0 {
			j++
		}
		slices.SortStableFunc(rs[i:j], func(a, b rune) int { return int(ccc(a)) - int(ccc(b)) })
		i = j
	}
	if !compose {
		return string(rs)
	}
	out := rs[:0]
	starter := -1 // out's last starter
	for _, c := range rs {
		cc := ccc(c)
		// c is blocked from the starter by anything between them of its
		// class or higher (between them, the classes only rise).
		if starter >= 0 && (len(out)-1 == starter || ccc(out[len(out)-1]) < cc) {
			if p, ok := composePair(out[starter], c); ok {
				out[starter] = p
				continue
			}
		}
		if cc == 0 {
			starter = len(out)
		}
		out = append(out, c)
	}
	return string(out)
}

// composePair is the primary composite of starter and c, if there is one.
// NFC of the two alone gives it: c's class is at least that of any mark
// already composed into starter, so nothing is reordered.
func composePair(starter, c rune) (rune, bool) {
	var b [2 * utf8.UTFMax]byte
	p := norm.NFC.Bytes(utf8.AppendRune(utf8.AppendRune(b[:0], starter), c))
	r, n := utf8.DecodeRune(p)
	return r, n == len(p) && r != starter
}
