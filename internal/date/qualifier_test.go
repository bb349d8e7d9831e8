package date

import (
	"strings"
	"testing"
)

func TestQualifiedDates(t *testing.T) {
	tests := []struct {
		in, display, edtf, iso string
		q                      Qualifier
		p                      Precision
	}{
		{"2025-03-11~", "c. 11 March 2025", "2025-03-11~", "2025-03-11", Approximate, Day},
		{"2025-03~", "c. March 2025", "2025-03~", "2025-03", Approximate, Month},
		{"2022~", "c. 2022", "2022~", "2022", Approximate, Year},
		{"2025-04?", "April 2025 (uncertain)", "2025-04?", "2025-04", Uncertain, Month},
		{"2025-03-11?", "11 March 2025 (uncertain)", "2025-03-11?", "2025-03-11", Uncertain, Day},
		{"2022%", "c. 2022 (uncertain)", "2022%", "2022", ApproximateUncertain, Year},
		{" 2025-03-11% ", "c. 11 March 2025 (uncertain)", "2025-03-11%", "2025-03-11", ApproximateUncertain, Day},
		{"2025-03-11", "11 March 2025", "2025-03-11", "2025-03-11", Sure, Day},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if d.Display() != tt.display || d.EDTF() != tt.edtf || d.String() != tt.iso || d.Qualifier != tt.q || d.Precision != tt.p {
			t.Errorf("Parse(%q) = %q %q %q %v %v, want %q %q %q %v %v", tt.in, d.Display(), d.EDTF(), d.String(), d.Qualifier, d.Precision,
				tt.display, tt.edtf, tt.iso, tt.q, tt.p)
		}
	}
}

func TestQualifierNames(t *testing.T) {
	for q, want := range map[Qualifier]string{Sure: "", Approximate: "approximate", Uncertain: "uncertain", ApproximateUncertain: "approximate-uncertain"} {
		if q.String() != want {
			t.Errorf("%d.String() = %q, want %q", q, q.String(), want)
		}
	}
}

// A qualified date sorts like the same date without its qualifier: "about
// 11 March" is still placed on 11 March.
func TestQualifiedDatesSortAsUnqualified(t *testing.T) {
	for _, pair := range [][2]string{{"2025-03-11~", "2025-03-11"}, {"2025-03?", "2025-03"}, {"2022%", "2022"}} {
		a, _ := Parse(pair[0])
		b, _ := Parse(pair[1])
		if a.Compare(b) != 0 || b.Compare(a) != 0 || !a.Earliest().Equal(b.Earliest()) || !a.Latest().Equal(b.Latest()) {
			t.Errorf("%s and %s do not sort together", pair[0], pair[1])
		}
	}
	early, _ := Parse("2025-03~")
	day, _ := Parse("2025-03-01")
	if early.Compare(day) >= 0 {
		t.Errorf("2025-03~ should sort before 2025-03-01, as 2025-03 does")
	}
}

func TestQualifierRejects(t *testing.T) {
	tests := []struct{ in, err string }{
		{"2025~-03", `"2025~-03": the qualifier ~ goes only at the end of the date, such as 2025-03~`},
		{"~2025-03-11", `the qualifier ~ goes only at the end of the date, such as 2025-03-11~`},
		{"2025-03?-11", `such as 2025-03-11?`},
		{"2025-03-11~?", `has more than one qualifier`},
		{"2025??", `has more than one qualifier`},
		{"2025-03-11T14:30:00Z~", `a time cannot be qualified: write the day, 2025-03-11~`},
		{"2025-02-30~", `"2025-02-30" is not a real day`},
		{"~", `the date is empty`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Parse(%q) error = %v, want one containing %q", tt.in, err, tt.err)
		}
	}
}
