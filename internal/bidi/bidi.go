// Package bidi keeps an editor's text from reordering the text around it:
// Unicode's bidirectional controls (U+202A–U+202E, U+2066–U+2069) left
// open in a field (a title with an unclosed RIGHT-TO-LEFT OVERRIDE) would
// otherwise reverse what follows it on the line, such as the site's name
// after a page's title in <title>. In HTML, pages isolate each field in
// an element (dir="auto", <bdi>); where markup is impossible (<title>,
// attributes) the text is balanced here. content warns of a field that
// needs it.
package bidi

import "strings"

// The controls: embeddings and overrides closed by PDF, isolates closed
// by PDI.
const (
	LRE = '\u202A'
	RLE = '\u202B'
	PDF = '\u202C'
	LRO = '\u202D'
	RLO = '\u202E'
	LRI = '\u2066'
	RLI = '\u2067'
	FSI = '\u2068'
	PDI = '\u2069'
)

// IsControl reports whether r is one of the controls.
func IsControl(r rune) bool { return r >= LRE && r <= RLO || r >= LRI && r <= PDI }

// scan walks s as UAX #9 pairs its controls (X1–X8, simplified to what
// closes what): it calls keep for each rune, false for a closer with
// nothing to close, and returns the controls left open, innermost last.
func scan(s string, keep func(r rune, ok bool)) []rune {
	var open []rune // the stack of open embeddings, overrides and isolates
	for _, r := range s {
		ok := true
		switch r {
		case LRE, RLE, LRO, RLO, LRI, RLI, FSI:
			open = append(open, r)
		case PDF:
			// A PDF closes the innermost embedding or override, but not
			// across an isolate.
			if n := len(open); n > 0 && !isIsolate(open[n-1]) {
				open = open[:n-1]
			} else {
				ok = false
			}
		case PDI:
			// A PDI closes the innermost isolate and everything opened
			// in it.
			i := len(open) - 1
			for i >= 0 && !isIsolate(open[i]) {
				i--
			}
			if i >= 0 {
				open = open[:i]
			} else {
				ok = false
			}
		}
		keep(r, ok)
	}
	return open
}

func isIsolate(r rune) bool { return r == LRI || r == RLI || r == FSI }

// Unbalanced is the first control s opens and does not close, or the
// first closer with nothing to close; 0 when s is balanced.
func Unbalanced(s string) rune {
	var stray rune
	open := scan(s, func(r rune, ok bool) {
		if !ok && stray == 0 {
			stray = r
		}
	})
	if len(open) > 0 {
		return open[0]
	}
	return stray
}

// Balance is s with every control it leaves open closed at its end and
// every closer with nothing to close left out: the same text, which can
// no longer reorder what follows it. s without controls is returned as is.
func Balance(s string) string {
	if !strings.ContainsFunc(s, IsControl) {
		return s
	}
	var b strings.Builder
	open := scan(s, func(r rune, ok bool) {
		if ok {
			b.WriteRune(r)
		}
	})
	for i := len(open) - 1; i >= 0; i-- {
		if isIsolate(open[i]) {
			b.WriteRune(PDI)
		} else {
			b.WriteRune(PDF)
		}
	}
	return b.String()
}

// Isolate is s balanced between FIRST STRONG ISOLATE and POP DIRECTIONAL
// ISOLATE: in plain text (<title>) it takes its direction from its own
// first strong letter and leaves the order of the text around it alone,
// as dir="auto" does in HTML. s without a letter of a right-to-left
// script or a control is returned as is.
func Isolate(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return IsControl(r) || isRTL(r) }) {
		return s
	}
	return string(FSI) + Balance(s) + string(PDI)
}

// isRTL reports whether r is a letter of a right-to-left script (Hebrew,
// Arabic, Syriac, Thaana, N'Ko and their presentation forms).
func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// Name is the control's name, for messages.
func Name(r rune) string {
	switch r {
	case LRE:
		return "U+202A LEFT-TO-RIGHT EMBEDDING"
	case RLE:
		return "U+202B RIGHT-TO-LEFT EMBEDDING"
	case PDF:
		return "U+202C POP DIRECTIONAL FORMATTING"
	case LRO:
		return "U+202D LEFT-TO-RIGHT OVERRIDE"
	case RLO:
		return "U+202E RIGHT-TO-LEFT OVERRIDE"
	case LRI:
		return "U+2066 LEFT-TO-RIGHT ISOLATE"
	case RLI:
		return "U+2067 RIGHT-TO-LEFT ISOLATE"
	case FSI:
		return "U+2068 FIRST STRONG ISOLATE"
	case PDI:
		return "U+2069 POP DIRECTIONAL ISOLATE"
	}
	return ""
}
