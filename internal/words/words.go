// Package words shortens text to a number of characters without cutting a
// word: the summaries of listings and feeds, search results and imported
// articles all end the same way.
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ellipsis ends text that Cut shortened.
const Ellipsis = "…"

// Cut shortens s to at most max characters (runes), counting the ellipsis
// it ends with when anything was dropped. It ends at the last space when
// that keeps more than half of the text, so a long word is cut rather than
// the text dropped to a stub; trailing spaces and separators go, so the
// ellipsis never follows ", " or " –".
func Cut(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max < 1 {
		return ""
	}
	end, n := 0, 0
	for i := range s {
		if n == max-1 {
			end = i
			break
		}
		n++
	}
	head := s[:end]
	if r, _ := utf8.DecodeRuneInString(s[end:]); !unicode.IsSpace(r) {
		if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
			head = head[:sp]
		}
	}
	for head != "" {
		r, size := utf8.DecodeLastRuneInString(head)
		if !unicode.IsSpace(r) && !strings.ContainsRune(separators, r) {
			break
		}
		head = head[:len(head)-size]
	}
	return head + Ellipsis
}

// separators are what a cut text may not end in before the ellipsis:
// the marks that join or open. A sentence's full stop and a closing
// bracket or quote stay: "Riyadh.…", "(Jeddah)…".
const separators = ",;:-–—(/[{«„"
