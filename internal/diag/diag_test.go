package diag

import "testing"

func TestDiagnosticFormat(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Path: "content/a.md", Line: 12, Col: 3, Message: "boom"}, "content/a.md:12:3: boom"},
		{Diagnostic{Path: "content/a.md", Line: 2, Message: "boom"}, "content/a.md:2: boom"},
		{Diagnostic{Path: "content/a.md", Message: "boom"}, "content/a.md: boom"},
		{Diagnostic{Path: "a.md", Line: 1, Col: 1, Severity: Warning, Message: "w"}, "a.md:1:1: warning: w"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestSortedOrdersByFileLineColumnAndDropsDuplicates(t *testing.T) {
	var l List
	l.Errorf("b.md", 1, 1, "x")
	l.Errorf("a.md", 10, 1, "x")
	l.Errorf("a.md", 2, 5, "y")
	l.Errorf("a.md", 2, 5, "y")
	got := l.Sorted()
	want := []string{"a.md:2:5: y", "a.md:10:1: x", "b.md:1:1: x"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("%d: got %q, want %q", i, got[i], want[i])
		}
	}
}

func TestStrictMakesWarningsErrors(t *testing.T) {
	var l List
	l.Warnf("a.md", 1, 1, "unknown key")
	if l.HasErrors() {
		t.Fatal("a warning is not an error")
	}
	if !l.Strict().HasErrors() {
		t.Fatal("--strict must turn warnings into errors")
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		word  string
		cands []string
		want  string
	}{
		{"jedah-talks", []string{"jeddah-talks", "oval-office"}, ` (did you mean "jeddah-talks"?)`},
		{"actor", []string{"actors", "tags", "title"}, ` (did you mean "actors"?)`},
		{"militray", []string{"military", "political"}, ` (did you mean "military"?)`},
		{"zzzzzz", []string{"military"}, ""},
		{"x", nil, ""},
	} {
		if got := Suggest(tc.word, tc.cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}
