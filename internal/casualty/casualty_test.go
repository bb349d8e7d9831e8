package casualty

import "testing"

func TestText(t *testing.T) {
	tests := []struct {
		f          Figure
		text, form string
		value      int
	}{
		{Exact(3), "3", "3", 3},
		{Exact(0), "0", "0", 0},
		{Figure{}, "0", "0", 0}, // the zero Figure is exactly 0
		{Exact(1204), "1,204", "1204", 1204},
		{AtLeast(1000000), "at least 1,000,000", "{min: 1000000}", 1000000},
		{AtLeast(9), "at least 9", "{min: 9}", 9},
		{Range(10, 20), "10–20", "{min: 10, max: 20}", 10},
		{Range(5, 5), "5", "5", 5},
		{Estimate(10, 14, 20), "14 (10–20)", "{low: 10, best: 14, high: 20}", 14},
		{Figure{Min: 9, Best: 12, NoMax: true}, "12 (at least 9)", "{min: 9, best: 12}", 12},
	}
	for _, tt := range tests {
		if got := tt.f.Text(); got != tt.text {
			t.Errorf("%+v.Text() = %q, want %q", tt.f, got, tt.text)
		}
		if got := tt.f.Written(); got != tt.form {
			t.Errorf("%+v.Written() = %q, want %q", tt.f, got, tt.form)
		}
		if got := tt.f.Value(); got != tt.value {
			t.Errorf("%+v.Value() = %d, want %d", tt.f, got, tt.value)
		}
	}
}

// A total that includes a minimum reads "at least"; a total of ranges is
// a range; a total's Value is the sum of what its parts draw.
func TestSum(t *testing.T) {
	tests := []struct {
		figs []Figure
		text string
		val  int
	}{
		{[]Figure{Exact(1), Exact(3)}, "4", 4},
		{[]Figure{Exact(1), AtLeast(9)}, "at least 10", 10},
		{[]Figure{Range(10, 20), Exact(2)}, "12–22", 12},
		{[]Figure{Estimate(10, 14, 20), Exact(1)}, "15 (11–21)", 15},
		{[]Figure{Estimate(10, 14, 20), AtLeast(9)}, "23 (at least 19)", 23},
		{nil, "0", 0},
	}
	for _, tt := range tests {
		s := Sum(tt.figs...)
		if s.Text() != tt.text || s.Value() != tt.val {
			t.Errorf("Sum(%v) = %q (%d), want %q (%d)", tt.figs, s.Text(), s.Value(), tt.text, tt.val)
		}
		if err := s.Check(); err != nil {
			t.Errorf("Sum(%v) is not a valid figure: %v", tt.figs, err)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, f := range []Figure{Estimate(10, 9, 20), Estimate(10, 21, 20), Range(5, 4), AtLeast(-1)} {
		if f.Check() == nil {
			t.Errorf("%+v passes Check", f)
		}
	}
	for _, f := range []Figure{Exact(0), AtLeast(0), Range(0, 1), Estimate(1, 1, 1)} {
		if err := f.Check(); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	}
}
