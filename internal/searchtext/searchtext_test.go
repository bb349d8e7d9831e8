package searchtext

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/timelinegen/timelinegen/internal/testenv"
)

// TestTokens says what a search word is, in examples; the browser's own
// answers are compared in browser_test.go.
func TestTokens(t *testing.T) {
	cases := []struct {
		lang, s string
		want    []string
	}{
		{"en", "Kyiv's mayor: Kyiv, KYIV", []string{"kyivs", "mayor", "kyiv"}},
		{"en", "Zürich São Paulo ﬁnance ＡＢＣ", []string{"zurich", "sao", "paulo", "finance", "abc"}},
		{"en", "ΟΔΟΣ ΟΔΟΣ.", []string{"οδος"}}, // ς folds to… ς, σ stays σ: one word here
		{"en", "İSTANBUL", []string{"istanbul"}},
		{"en", "", []string{}},
		{"ru", "Переговоры, переговорах; ёлка", []string{"переговор", "елк"}},
		{"uk", "Київ Києва у Києві", []string{"киів", "у"}},
		{"uk", "перемир'я перемирʼя перемир’я", []string{"перемир"}},
		{"uk", "Ґанок ганок", []string{"ганік"}},
		{"en", "Ґанок", []string{"ґанок"}}, // no stemmer, and ґ is a letter of its own
	}
	for _, c := range cases {
		if got := Tokens(c.s, Stemmer(c.lang)); !slices.Equal(got, c.want) {
			t.Errorf("%s: Tokens(%q) = %q, want %q", c.lang, c.s, got, c.want)
		}
	}
}

// TestFinalSigma: Σ at a word's end lowercases to ς, elsewhere to σ, as
// toLowerCase does, and folding keeps the difference.
func TestFinalSigma(t *testing.T) {
	for s, want := range map[string]string{
		"ΟΔΟΣ": "οδος", "ΣΟΔ": "σοδ", "Σ": "σ", "ΑΣ.": "ας.", "ΑΣ'Α": "ασ'α", "ʰΣ": "ʰσ", "ΑʰΣ": "αʰς",
	} {
		if got := toLower(s); got != want {
			t.Errorf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestStemmer(t *testing.T) {
	if Stemmer("en") != nil || Stemmer("") != nil || Stemmer("RU") != nil {
		t.Error("a stemmer for a language stem.js has none for")
	}
	for lang, pairs := range map[string][][2]string{
		"ru": {{"переговорах", "переговор"}, {"огнём", "огн"}, {"kyiv", "kyiv"}, {"соединёнными", "соединен"}},
		"uk-UA": {{"харкова", "харк"}, {"харків", "харк"}, {"ночі", "ніч"}, {"ґанок", "ганік"},
			// A stem of three or more counts UTF-16 units, as JavaScript does: 𝐀 is two.
			{"𝐀кая", "𝐀кая"}},
	} {
		st := Stemmer(lang)
		for _, p := range pairs {
			if got := st(p[0]); got != p[1] {
				t.Errorf("%s: %q stems to %q, want %q", lang, p[0], got, p[1])
			}
		}
	}
}

// fastRunes is every rune lowerFast takes.
func fastRunes() []rune {
	var out []rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if _, class := fastRune(r); class != notFast {
			out = append(out, r)
		}
	}
	return out
}

// TestFastRunesAreTheSlowPath proves the fast paths the slow ones for
// every rune they take and every pair of them: lowerFast is lowerSlow and
// fold is foldSlow.
func TestFastRunesAreTheSlowPath(t *testing.T) {
	runes := fastRunes()
	if len(runes) < 128+189+96+2 {
		t.Fatalf("only %d fast runes", len(runes))
	}
	var words []string
	for _, a := range runes {
		for _, b := range []rune{0, 'a', 'я', ' '} {
			for _, s := range []string{string(a), string(a) + string(b), string(b) + string(a)} {
				if got, ok := lowerFast(s); !ok || got != lowerSlow(s) {
					t.Errorf("lowerFast(%+q) = %+q, %v; lowerSlow %+q", s, got, ok, lowerSlow(s))
				}
			}
		}
		if l, class := fastRune(a); class == wordRune {
			words = append(words, string(l))
		}
	}
	for _, a := range words {
		for _, b := range words {
			if s := a + b; fold(s) != foldSlow(s) || !norm.NFC.IsNormalString(s) {
				t.Errorf("fold(%+q) = %+q, foldSlow %+q", s, fold(s), foldSlow(s))
			}
		}
	}
}

// TestNormalizeIsNorm: normalize, used for runs of more than 30
// non-starters, is x/text's norm wherever that has no such run: on the
// hard cases, the repository's texts and each assigned code point alone,
// with marks after it and after a starter.
func TestNormalizeIsNorm(t *testing.T) {
	if testenv.Race {
		// Every code point on one goroutine: make test runs it without.
		t.Skip("runs without -race")
	}
	var texts []string
	for _, s := range hardCases {
		// Tokens normalises only what it wrote itself: valid UTF-8.
		if s = asJSON(s); !longRun(s) {
			texts = append(texts, s)
		}
	}
	for r := rune(0); r <= unicode.MaxRune && !testing.Short(); r++ {
		if unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z) {
			c := string(r)
			texts = append(texts, c, c+"\u0323\u0301", "a"+c+"\u0301", "\u1100"+c, c+"\u11a8")
		}
	}
	for _, s := range texts {
		if got, want := normalize(s, norm.NFD, true), norm.NFC.String(s); got != want {
			t.Errorf("NFC(%+q) = %+q, norm %+q", s, got, want)
		}
		if got, want := normalize(s, norm.NFKD, false), norm.NFKD.String(s); got != want {
			t.Errorf("NFKD(%+q) = %+q, norm %+q", s, got, want)
		}
	}
}

// TestTokensEachOnce: each word once, in order of first appearance, for
// few words and many, and for words the table's hash cannot tell apart.
func TestTokensEachOnce(t *testing.T) {
	var distinct []string
	for i := range 30 {
		distinct = append(distinct, fmt.Sprintf("x%cy%cz", 'a'+i%26, 'a'+i/26)) // one hash for all
	}
	for i := range 40 {
		distinct = append(distinct, fmt.Sprintf("w%d", i))
	}
	for _, n := range []int{1, 5, 31, 32, 33, len(distinct)} {
		words := distinct[:n]
		text := strings.Join(words, " ") + " " + strings.ToUpper(strings.Join(words, ", "))
		slices.Reverse(words)
		text += " " + strings.Join(words, " ")
		slices.Reverse(words)
		if got := Tokens(text, nil); !slices.Equal(got, words) {
			t.Errorf("%d words: Tokens = %q", n, got)
		}
	}
}
