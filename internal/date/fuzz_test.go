package date

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// survives a round trip through String, which pages and feeds rely on.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("Parse(%q): empty error message", s)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("Parse(%q) succeeded with a zero Date", s)
		}
		if d.Latest().Before(d.Earliest()) {
			t.Fatalf("Parse(%q): Latest %v before Earliest %v", s, d.Latest(), d.Earliest())
		}
		_ = d.Display()
		// The qualifier never moves a date: the written form without it
		// is the same date.
		if q, err := Parse(d.EDTF()); err != nil || q.Qualifier != d.Qualifier || q.Compare(d) != 0 || q.EDTF() != d.EDTF() {
			t.Fatalf("Parse(%q).EDTF() = %q, which reads back as %v, %v", s, d.EDTF(), q, err)
		}
		if d.Qualifier != Sure && (d.Precision == Time || !strings.Contains(s, d.Qualifier.Mark())) {
			t.Fatalf("Parse(%q) = qualifier %v at precision %v", s, d.Qualifier, d.Precision)
		}
		back, err := Parse(d.String())
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q, which does not parse: %v", s, d.String(), err)
		}
		if back.Qualifier != Sure {
			t.Fatalf("String of %q keeps a qualifier: %q", s, d.String())
		}
		if back.Precision != d.Precision || back.Compare(d) != 0 || d.Compare(back) != 0 {
			t.Fatalf("Parse(%q) = %v (%s), but its String parses to %v (%s)", s, d, d.Precision, back, back.Precision)
		}
		if back.String() != d.String() {
			t.Fatalf("String is not canonical: %q then %q", d.String(), back.String())
		}
	})
}
