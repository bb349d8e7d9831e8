package date

import (
	"strings"
	"testing"
	"time"
)

func TestParseAcceptsTheWrittenForms(t *testing.T) {
	plus2 := time.FixedZone("", 2*3600)
	minus5 := time.FixedZone("", -5*3600)
	tests := []struct {
		in   string
		want Date
	}{
		{"2025", Date{Year: 2025, Precision: Year}},
		{"0001", Date{Year: 1, Precision: Year}},
		{"9999", Date{Year: 9999, Precision: Year}},
		{"2025-03", Date{Year: 2025, Month: time.March, Precision: Month}},
		{"2025-12", Date{Year: 2025, Month: time.December, Precision: Month}},
		{"2025-03-11", Date{Year: 2025, Month: time.March, Day: 11, Precision: Day}},
		{"2024-02-29", Date{Year: 2024, Month: time.February, Day: 29, Precision: Day}},
		{"2000-02-29", Date{Year: 2000, Month: time.February, Day: 29, Precision: Day}},
		{"2025-01-31", Date{Year: 2025, Month: time.January, Day: 31, Precision: Day}},
		{"  2025-03-11\n", Date{Year: 2025, Month: time.March, Day: 11, Precision: Day}},
		{"2025-03-11T14:30:00+02:00", Date{Year: 2025, Month: time.March, Day: 11, Precision: Time,
			Clock: time.Date(2025, time.March, 11, 14, 30, 0, 0, plus2)}},
		{"2025-03-11T14:30:00Z", Date{Year: 2025, Month: time.March, Day: 11, Precision: Time,
			Clock: time.Date(2025, time.March, 11, 14, 30, 0, 0, time.UTC)}},
		{"2025-03-11t14:30:00z", Date{Year: 2025, Month: time.March, Day: 11, Precision: Time,
			Clock: time.Date(2025, time.March, 11, 14, 30, 0, 0, time.UTC)}},
		{"2025-03-11T14:30:00.5-05:00", Date{Year: 2025, Month: time.March, Day: 11, Precision: Time,
			Clock: time.Date(2025, time.March, 11, 14, 30, 0, 500_000_000, minus5)}},
		{"2025-03-11T14:30:00.123456789Z", Date{Year: 2025, Month: time.March, Day: 11, Precision: Time,
			Clock: time.Date(2025, time.March, 11, 14, 30, 0, 123_456_789, time.UTC)}},
		// Digits finer than a nanosecond are legal RFC 3339 and dropped.
		{"2025-03-11T14:30:00.1234567891Z", Date{Year: 2025, Month: time.March, Day: 11, Precision: Time,
			Clock: time.Date(2025, time.March, 11, 14, 30, 0, 123_456_789, time.UTC)}},
		// The written date is kept even when the UTC date differs.
		{"2025-03-12T01:00:00+03:00", Date{Year: 2025, Month: time.March, Day: 12, Precision: Time,
			Clock: time.Date(2025, time.March, 12, 1, 0, 0, 0, time.FixedZone("", 3*3600))}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): unexpected error %v", tt.in, err)
			continue
		}
		if got.Year != tt.want.Year || got.Month != tt.want.Month || got.Day != tt.want.Day ||
			got.Precision != tt.want.Precision || !got.Clock.Equal(tt.want.Clock) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if tt.want.Precision == Time {
			_, gotOff := got.Clock.Zone()
			_, wantOff := tt.want.Clock.Zone()
			if gotOff != wantOff {
				t.Errorf("Parse(%q) offset = %d, want the written %d", tt.in, gotOff, wantOff)
			}
		}
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		in, err string
	}{
		// Impossible days, leap years included.
		{"2023-02-29", `"2023-02-29" is not a real day (February 2023 has 28 days)`},
		{"1900-02-29", `"1900-02-29" is not a real day (February 1900 has 28 days)`},
		{"2025-02-30", `"2025-02-30" is not a real day (February 2025 has 28 days)`},
		{"2025-04-31", `"2025-04-31" is not a real day (April 2025 has 30 days)`},
		{"2025-01-32", `"2025-01-32" is not a real day (January 2025 has 31 days)`},
		{"2025-03-00", `"2025-03-00" is not a real day (March 2025 has 31 days)`},
		{"2025-02-30T10:00:00Z", `"2025-02-30" is not a real day (February 2025 has 28 days)`},
		// Out of range.
		{"0000", "year 0000 is out of range (0001 to 9999)"},
		{"0000-01-01", "year 0000 is out of range (0001 to 9999)"},
		{"2025-00", "month 00 is out of range (01 to 12)"},
		{"2025-13", "month 13 is out of range (01 to 12)"},
		{"2025-13-01", "month 13 is out of range (01 to 12)"},
		{"2025-03-11T24:00:00Z", "hour 24 is out of range (00 to 23)"},
		{"2025-03-11T14:60:00Z", "minute 60 is out of range (00 to 59)"},
		{"2025-12-31T23:59:60Z", "second 60 is out of range (00 to 59; leap seconds are not supported)"},
		{"2025-03-11T14:30:00+24:00", "UTC offset +24:00 is out of range (-23:59 to +23:59)"},
		{"2025-03-11T14:30:00+02:60", "UTC offset +02:60 is out of range (-23:59 to +23:59)"},
		// Not a date at all.
		{"", "the date is empty: write 2025, 2025-03, 2025-03-11 or an RFC 3339 time such as 2025-03-11T14:30:00+02:00"},
		{"   ", "the date is empty: write 2025, 2025-03, 2025-03-11 or an RFC 3339 time such as 2025-03-11T14:30:00+02:00"},
		{"March 2025", `"March 2025" is not a date: write 2025, 2025-03, 2025-03-11 or an RFC 3339 time such as 2025-03-11T14:30:00+02:00`},
		{"11/03/2025", `"11/03/2025" is not a date: write`},
		{"25", `"25" is not a date: write`},
		{"20250", `"20250" is not a date: write`},
		{"2025-3", `"2025-3" is not a date: write`},
		{"2025-03-1", `"2025-03-1" is not a date: write`},
		{"2025/03/11", `"2025/03/11" is not a date: write`},
		{"+2025", `"+2025" is not a date: write`},
		{"-2025", `"-2025" is not a date: write`},
		{"２０２５", `"２０２５" is not a date: write`},
		{"2025-03-", `"2025-03-" is not a date: write`},
		// A date with a malformed time gets the time's rules.
		{"2025-03-11T14:30:00", `"2025-03-11T14:30:00" is not an RFC 3339 time: write the date, T, the time with seconds and a UTC offset`},
		{"2025-03-11T14:30Z", `"2025-03-11T14:30Z" is not an RFC 3339 time`},
		{"2025-03-11 14:30:00Z", `"2025-03-11 14:30:00Z" is not an RFC 3339 time`},
		{"2025-03-11T14:30:00.Z", `"2025-03-11T14:30:00.Z" is not an RFC 3339 time`},
		{"2025-03-11T14:30:00+0200", `"2025-03-11T14:30:00+0200" is not an RFC 3339 time`},
		{"2025-03-11T14:30:00 UTC", `"2025-03-11T14:30:00 UTC" is not an RFC 3339 time`},
		{"2025-03-11T14:30:00Zjunk", `"2025-03-11T14:30:00Zjunk" is not an RFC 3339 time`},
		{"2025-03-11x", `"2025-03-11x" is not an RFC 3339 time`},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error %q", tt.in, got, tt.err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("Parse(%q) error = %q, want it to start %q", tt.in, err, tt.err)
		}
	}
}

func mustParse(t *testing.T, s string) Date {
	t.Helper()
	d, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return d
}

func TestFormsAtEachPrecision(t *testing.T) {
	tests := []struct {
		in        string
		precision string
		str       string
		display   string
	}{
		{"2025", "year", "2025", "2025"},
		{"0476", "year", "0476", "476"},
		{"2025-03", "month", "2025-03", "March 2025"},
		{"2025-03-01", "day", "2025-03-01", "1 March 2025"},
		{"2025-03-11", "day", "2025-03-11", "11 March 2025"},
		{" 2025-03-11 ", "day", "2025-03-11", "11 March 2025"},
		{"2025-03-11T14:30:00+02:00", "time", "2025-03-11T14:30:00+02:00", "11 March 2025, 14:30 UTC+02:00"},
		{"2025-03-11T14:30:00-05:30", "time", "2025-03-11T14:30:00-05:30", "11 March 2025, 14:30 UTC-05:30"},
		{"2025-03-11T14:30:00Z", "time", "2025-03-11T14:30:00Z", "11 March 2025, 14:30 UTC"},
		{"2025-03-11t14:30:00z", "time", "2025-03-11T14:30:00Z", "11 March 2025, 14:30 UTC"},
		{"2025-03-11T14:30:00+00:00", "time", "2025-03-11T14:30:00Z", "11 March 2025, 14:30 UTC"},
		{"2025-03-11T14:30:15.250Z", "time", "2025-03-11T14:30:15.25Z", "11 March 2025, 14:30:15 UTC"},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.in)
		if got := d.Precision.String(); got != tt.precision {
			t.Errorf("Parse(%q).Precision = %s, want %s", tt.in, got, tt.precision)
		}
		if got := d.String(); got != tt.str {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.str)
		}
		if got := d.Display(); got != tt.display {
			t.Errorf("Parse(%q).Display() = %q, want %q", tt.in, got, tt.display)
		}
	}
}

func TestZeroDate(t *testing.T) {
	var d Date
	if !d.IsZero() {
		t.Error("Date{}.IsZero() = false")
	}
	if d.String() != "" || d.Display() != "" {
		t.Errorf("Date{} String/Display = %q/%q, want empty", d.String(), d.Display())
	}
	if !d.Earliest().IsZero() || !d.Latest().IsZero() {
		t.Error("Date{} Earliest/Latest should be the zero time")
	}
	if mustParse(t, "2025").IsZero() {
		t.Error("a parsed date reports IsZero")
	}
	if got := Precision(7).String(); got != "Precision(7)" {
		t.Errorf("Precision(7).String() = %q", got)
	}
}

func TestCompareIsTimelineOrder(t *testing.T) {
	// Each date sorts strictly before every later one in this list.
	ordered := []string{
		"2024-12-31T23:00:00Z",
		"2025",
		"2025-01",
		"2025-01-31",
		"2025-03",
		"2025-03-11",
		"2025-03-11T09:00:00+05:00", // 04:00 UTC
		"2025-03-11T06:00:00Z",
		"2025-03-11T14:30:00+02:00", // 12:30 UTC
		"2025-03-11T23:00:00-05:00", // 04:00 UTC on the 12th, yet written on the 11th
		"2025-03-12",
		"2025-03-12T01:00:00+03:00", // 22:00 UTC on the 11th, yet written on the 12th
		"2025-04",
		"2026",
	}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := mustParse(t, a).Compare(mustParse(t, b)); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestCompareEqual(t *testing.T) {
	tests := []struct{ a, b string }{
		{"2025", " 2025 "},
		{"2025-03-11T14:30:00+02:00", "2025-03-11T12:30:00Z"},
		{"2025-03-11T14:30:00Z", "2025-03-11t14:30:00.000z"},
	}
	for _, tt := range tests {
		if got := mustParse(t, tt.a).Compare(mustParse(t, tt.b)); got != 0 {
			t.Errorf("Compare(%s, %s) = %d, want 0", tt.a, tt.b, got)
		}
	}
	// Fields finer than the precision do not count.
	stray := Date{Year: 2025, Month: time.May, Day: 3, Precision: Year}
	if got := stray.Compare(mustParse(t, "2025")); got != 0 {
		t.Errorf("year-only date with stray month/day compares %d to 2025, want 0", got)
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		in       string
		earliest string
		latest   string
	}{
		{"2025", "2025-01-01T00:00:00Z", "2025-12-31T23:59:59.999999999Z"},
		{"2024-02", "2024-02-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z"},
		{"2025-03", "2025-03-01T00:00:00Z", "2025-03-31T23:59:59.999999999Z"},
		{"2025-12", "2025-12-01T00:00:00Z", "2025-12-31T23:59:59.999999999Z"},
		{"2025-03-11", "2025-03-11T00:00:00Z", "2025-03-11T23:59:59.999999999Z"},
		{"9999-12-31", "9999-12-31T00:00:00Z", "9999-12-31T23:59:59.999999999Z"},
		{"2025-03-11T14:30:00+02:00", "2025-03-11T14:30:00+02:00", "2025-03-11T14:30:00+02:00"},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.in)
		if got := d.Earliest().Format(time.RFC3339Nano); got != tt.earliest {
			t.Errorf("Parse(%q).Earliest() = %s, want %s", tt.in, got, tt.earliest)
		}
		if got := d.Latest().Format(time.RFC3339Nano); got != tt.latest {
			t.Errorf("Parse(%q).Latest() = %s, want %s", tt.in, got, tt.latest)
		}
	}
}

func TestEndsBefore(t *testing.T) {
	tests := []struct {
		start, end string
		before     bool
	}{
		{"2025-03-11", "2025-03-12", false},
		{"2025-03-11", "2025-03-11", false},
		{"2025-03-11", "2025-03-10", true},
		// An end known only coarsely is fine if it can overlap the start.
		{"2025-03-11", "2025-03", false},
		{"2025-03-11", "2025", false},
		{"2025-03-11", "2025-02", true},
		{"2025-03-11", "2024", true},
		{"2025", "2025-01-01", false},
		{"2025", "2024-12-31", true},
		// Times compare as instants.
		{"2025-03-11T14:30:00+02:00", "2025-03-11T12:30:00Z", false},
		{"2025-03-11T14:30:00+02:00", "2025-03-11T12:29:59Z", true},
		{"2025-03-11T14:30:00Z", "2025-03-11", false},
		{"2025-03-11T14:30:00Z", "2025-03-10", true},
		{"2025-03-11", "2025-03-11T00:00:00Z", false},
		// Day-only dates are UTC days: this end is 2025-03-10T23:00Z.
		{"2025-03-11", "2025-03-11T01:00:00+02:00", true},
	}
	for _, tt := range tests {
		start, end := mustParse(t, tt.start), mustParse(t, tt.end)
		if got := end.EndsBefore(start); got != tt.before {
			t.Errorf("end %s EndsBefore(start %s) = %v, want %v", tt.end, tt.start, got, tt.before)
		}
	}
}

func TestMonthKey(t *testing.T) {
	tests := []struct {
		in    string
		year  int
		month time.Month
	}{
		{"2025", 2025, 0},
		{"2025-03", 2025, time.March},
		{"2025-03-11", 2025, time.March},
		// The month as written, though the instant is in February in UTC.
		{"2025-03-01T01:00:00+03:00", 2025, time.March},
	}
	for _, tt := range tests {
		y, m := mustParse(t, tt.in).MonthKey()
		if y != tt.year || m != tt.month {
			t.Errorf("Parse(%q).MonthKey() = %d, %d; want %d, %d", tt.in, y, m, tt.year, tt.month)
		}
	}
}
