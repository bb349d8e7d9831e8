package searchtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The summaries of the sample's Jeddah talks entry (content/2025), in
// English and in Ukrainian: the length of a typical summary.
const (
	summaryEN = "At talks with American officials in Jeddah, Saudi Arabia, Ukraine accepts a US proposal for a 30-day ceasefire, which the United States pledges to present to Russia."
	summaryUK = "На переговорах з американськими посадовцями в Джидді, Саудівська Аравія, Україна погоджується на пропозицію США про 30-денне перемир’я, яку Сполучені Штати зобов’язуються представити Росії."
)

func benchmarkTokens(b *testing.B, lang, s string) {
	stem := Stemmer(lang)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	b.ReportMetric(float64(utf8.RuneCountInString(s)), "chars")
	for b.Loop() {
		Tokens(s, stem)
	}
}

func BenchmarkTokensEnglish(b *testing.B)   { benchmarkTokens(b, "en", summaryEN) }
func BenchmarkTokensUkrainian(b *testing.B) { benchmarkTokens(b, "uk", summaryUK) }

// BenchmarkTokensAccented is the English summary with one accented
// letter: its word is folded by x/text's normalisation.
func BenchmarkTokensAccented(b *testing.B) { benchmarkTokens(b, "en", summaryEN+" Zürich") }

// BenchmarkBaselineLowerFields is strings.Fields(strings.ToLower(s)) on
// the Ukrainian summary: the machine's speed, for reading the others on a
// machine others share.
func BenchmarkBaselineLowerFields(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = strings.Fields(strings.ToLower(summaryUK))
	}
}
