package words

import (
	"testing"
	"unicode/utf8"
)

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three", 12, "one two…"},
		{"one two three", 8, "one two…"}, // the cut falls on a space
		{"one two, three four", 10, "one two…"},
		{"one two – three four", 10, "one two…"},
		{"talks (Jeddah) resumed later", 16, "talks (Jeddah)…"},
		{"Переговори в Джидді", 15, "Переговори в…"},
		{"Київ заявив про нові удари", 12, "Київ заявив…"},
		{"a abcdefghijklmnop", 8, "a abcde…"}, // one long word: cut, not dropped
		{"abcdefghijklmnop", 5, "abcd…"},
		{"They met in Riyadh. Talks went on", 22, "They met in Riyadh.…"},
		{"abc", 0, ""},
	} {
		got := Cut(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > tc.max {
			t.Errorf("Cut(%q, %d) has %d characters", tc.in, tc.max, n)
		}
	}
}

func FuzzCut(f *testing.F) {
	f.Add("one two, three four", 10)
	f.Add("Київ заявив про нові удари", 12)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 400
		if max < 0 {
			max = -max
		}
		got := Cut(s, max)
		if n := utf8.RuneCountInString(got); n > max && got != s {
			t.Fatalf("Cut(%q, %d) = %q: %d characters", s, max, got, n)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Cut(%q, %d) = %q: not UTF-8", s, max, got)
		}
	})
}
