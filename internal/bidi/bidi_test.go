package bidi

import "testing"

func TestBalance(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Talks in Jeddah", "Talks in Jeddah"},
		{"abc\u202Edef", "abc\u202Edef\u202C"},                   // an override left open is closed
		{"a\u202Eb\u202Cc", "a\u202Eb\u202Cc"},                   // balanced: as is
		{"a\u202Cb", "ab"},                                       // a stray PDF goes
		{"a\u2069b", "ab"},                                       // a stray PDI goes
		{"\u2067a\u202Eb", "\u2067a\u202Eb\u202C\u2069"},         // closed innermost first
		{"\u2067a\u202Eb\u2069c", "\u2067a\u202Eb\u2069c"},       // a PDI closes the override opened in it
		{"\u202Ea\u2067b\u202Cc", "\u202Ea\u2067bc\u2069\u202C"}, // no PDF across an isolate
		{"\u202B\u202Dx\u202C\u202Cy\u202C", "\u202B\u202Dx\u202C\u202Cy"},
	} {
		if got := Balance(c.in); got != c.want {
			t.Errorf("Balance(%+q) = %+q, want %+q", c.in, got, c.want)
		}
		if got := Unbalanced(c.want); got != 0 {
			t.Errorf("Unbalanced(Balance(%+q)) = %s", c.in, Name(got))
		}
	}
}

func TestUnbalanced(t *testing.T) {
	for in, want := range map[string]rune{
		"plain":                 0,
		"x\u202Ey":              RLO,
		"x\u202Ey\u202C":        0,
		"x\u202Cy":              PDF,
		"\u2066a\u202Eb\u2069":  0, // the isolate's PDI closes the override in it
		"\u2068a":               FSI,
		"\u202Aa\u2069\u202C":   PDI,
		"\u202Ba\u202Cb\u2069c": PDI,
	} {
		if got := Unbalanced(in); got != want {
			t.Errorf("Unbalanced(%+q) = %q, want %q", in, Name(got), Name(want))
		}
	}
}

func TestIsolate(t *testing.T) {
	for in, want := range map[string]string{
		"Talks in Jeddah":        "Talks in Jeddah",
		"محادثات جدة.":           "\u2068محادثات جدة.\u2069",
		"Site\u202E name":        "\u2068Site\u202E name\u202C\u2069",
		"Russia–Ukraine War: 30": "Russia–Ukraine War: 30",
	} {
		if got := Isolate(in); got != want {
			t.Errorf("Isolate(%+q) = %+q, want %+q", in, got, want)
		}
	}
}
