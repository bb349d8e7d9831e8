// Package date parses the dates editors write in frontmatter. The form an
// editor writes is the precision of the date: "2025" says only the year is
// known, and the date is shown, sorted and compared as such.
package date

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// Precision is how much of a date was written.
type Precision int

// Precisions, coarsest first; the zero Precision marks a zero Date.
const (
	Year Precision = iota + 1
	Month
	Day
	Time
)

func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	case Time:
		return "time"
	}
	return fmt.Sprintf("Precision(%d)", int(p))
}

// Date is a date as written, with its precision. Fields finer than the
// precision are zero. For Time precision, Year, Month and Day are the local
// date as written (not the UTC date) and Clock is the instant with its
// written offset.
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Clock     time.Time
	Precision Precision
	// Qualifier is the EDTF level-1 mark written after the date: it says
	// how sure the date is, never moves it (a qualified date sorts as the
	// same date unqualified).
	Qualifier Qualifier
}

// Qualifier is an EDTF level-1 date qualifier.
type Qualifier int

// Qualifiers; the zero Qualifier is a date as sure as it is written.
const (
	Sure                 Qualifier = iota
	Approximate                    // "~": about that date
	Uncertain                      // "?": that date, not confirmed
	ApproximateUncertain           // "%": both
)

// Mark is the EDTF character of q: "~", "?", "%" or "".
func (q Qualifier) Mark() string {
	return [...]string{"", "~", "?", "%"}[q&3]
}

// String names q for data files: "", "approximate", "uncertain" or
// "approximate-uncertain".
func (q Qualifier) String() string {
	return [...]string{"", "approximate", "uncertain", "approximate-uncertain"}[q&3]
}

// IsApproximate and IsUncertain report the two halves of q.
func (q Qualifier) IsApproximate() bool { return q == Approximate || q == ApproximateUncertain }
func (q Qualifier) IsUncertain() bool   { return q == Uncertain || q == ApproximateUncertain }

func qualifierOf(c byte) Qualifier {
	switch c {
	case '~':
		return Approximate
	case '?':
		return Uncertain
	case '%':
		return ApproximateUncertain
	}
	return Sure
}

// forms is appended to errors so that an editor sees what to write instead.
const forms = "write 2025, 2025-03, 2025-03-11 or an RFC 3339 time such as 2025-03-11T14:30:00+02:00, with ~ (approximate), ? (uncertain) or % (both) after a date if need be"

// Forms says which forms a date takes, in the words of Parse's errors:
// forms that show a date elsewhere (the desk's form) say the same.
const Forms = forms

// Parse reads one of the accepted forms: YYYY, YYYY-MM, YYYY-MM-DD or an
// RFC 3339 date-time, the first three optionally followed by an EDTF
// level-1 qualifier (~, ? or %). Surrounding white space is ignored.
// Errors are written for editors and carry no "date:" prefix; callers add
// the position.
func Parse(s string) (Date, error) {
	t := strings.TrimSpace(s)
	if i := strings.IndexAny(t, "~?%"); i >= 0 {
		return parseQualified(t, i)
	}
	switch {
	case t == "":
		return Date{}, fmt.Errorf("the date is empty: %s", forms)
	case shape(t, "dddd"):
		return checkDate(t, Date{Year: num(t[0:4]), Precision: Year})
	case shape(t, "dddd-dd"):
		return checkDate(t, Date{Year: num(t[0:4]), Month: time.Month(num(t[5:7])), Precision: Month})
	case shape(t, "dddd-dd-dd"):
		return checkDate(t, Date{Year: num(t[0:4]), Month: time.Month(num(t[5:7])), Day: num(t[8:10]), Precision: Day})
	case len(t) > 10 && shape(t[:10], "dddd-dd-dd"):
		// The date part is right, so the editor meant a time: say what a
		// time needs rather than listing every form.
		return parseTime(t)
	}
	return Date{}, fmt.Errorf("%q is not a date: %s", t, forms)
}

// parseQualified reads t, whose first qualifier mark is at i. EDTF level
// 1 qualifies a whole date, so the mark goes last, once, after a year,
// month or day (a time is as exact as it is written).
func parseQualified(t string, i int) (Date, error) {
	mark := t[i]
	base := t[:i]
	switch {
	case i == len(t)-1:
	case strings.ContainsAny(t[i+1:], "~?%"):
		return Date{}, fmt.Errorf("%q has more than one qualifier: write one at the end, ~ (approximate), ? (uncertain) or %% (both), such as %s%%", t, strings.Trim(t, "~?%"))
	default:
		clean := strings.ReplaceAll(t, string(mark), "")
		if _, err := Parse(clean); err != nil || strings.ContainsAny(clean, "~?%T") {
			clean = "2025-03-11"
		}
		return Date{}, fmt.Errorf("%q: the qualifier %c goes only at the end of the date, such as %s%c", t, mark, clean, mark)
	}
	d, err := Parse(base)
	if err != nil {
		return Date{}, err
	}
	if d.Precision == Time {
		return Date{}, fmt.Errorf("%q: a time cannot be qualified: write the day, %s%c, and say the time in the text", t, base[:10], mark)
	}
	d.Qualifier = qualifierOf(mark)
	return d, nil
}

// parseTime reads an RFC 3339 date-time whose first ten bytes are known to
// have the shape of a date.
func parseTime(t string) (Date, error) {
	bad := fmt.Errorf("%q is not an RFC 3339 time: write the date, T, the time with seconds and a UTC offset, such as 2025-03-11T14:30:00+02:00 or 2025-03-11T12:30:00Z", t)
	if t[10] != 'T' && t[10] != 't' {
		return Date{}, bad
	}
	rest := t[11:]
	if len(rest) < 8 || !shape(rest[:8], "dd:dd:dd") {
		return Date{}, bad
	}
	hour, minute, second := num(rest[0:2]), num(rest[3:5]), num(rest[6:8])
	rest = rest[8:]

	nsec := 0
	if rest != "" && rest[0] == '.' {
		n := 1
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		if n == 1 {
			return Date{}, bad
		}
		// RFC 3339 allows any number of digits; time.Time keeps nanoseconds,
		// so finer digits are dropped.
		frac := rest[1:n]
		if len(frac) > 9 {
			frac = frac[:9]
		}
		nsec = num(frac + strings.Repeat("0", 9-len(frac)))
		rest = rest[n:]
	}

	offset := 0
	switch {
	case rest == "Z" || rest == "z":
	case shape(rest, "+dd:dd") || shape(rest, "-dd:dd"):
		oh, om := num(rest[1:3]), num(rest[4:6])
		if oh > 23 || om > 59 {
			return Date{}, fmt.Errorf("UTC offset %s is out of range (-23:59 to +23:59)", rest)
		}
		offset = (oh*60 + om) * 60
		if rest[0] == '-' {
			offset = -offset
		}
	default:
		return Date{}, bad
	}

	d, err := checkDate(t[:10], Date{Year: num(t[0:4]), Month: time.Month(num(t[5:7])), Day: num(t[8:10]), Precision: Time})
	if err != nil {
		return Date{}, err
	}
	switch {
	case hour > 23:
		return Date{}, fmt.Errorf("hour %s is out of range (00 to 23)", t[11:13])
	case minute > 59:
		return Date{}, fmt.Errorf("minute %s is out of range (00 to 59)", t[14:16])
	case second > 59:
		// time.Date would roll second 60 into the next minute, so the date
		// would no longer be what the editor wrote.
		return Date{}, fmt.Errorf("second %s is out of range (00 to 59; leap seconds are not supported)", t[17:19])
	}
	loc := time.UTC
	if offset != 0 {
		loc = time.FixedZone("", offset)
	}
	d.Clock = time.Date(d.Year, d.Month, d.Day, hour, minute, second, nsec, loc)
	return d, nil
}

// checkDate range-checks the year, month and day of d, which was read from
// written (for the messages).
func checkDate(written string, d Date) (Date, error) {
	if d.Year < 1 {
		return Date{}, fmt.Errorf("year %s is out of range (0001 to 9999)", written[0:4])
	}
	if d.Precision >= Month && (d.Month < time.January || d.Month > time.December) {
		return Date{}, fmt.Errorf("month %s is out of range (01 to 12)", written[5:7])
	}
	if d.Precision >= Day {
		if n := daysIn(d.Year, d.Month); d.Day < 1 || d.Day > n {
			return Date{}, fmt.Errorf("%q is not a real day (%s %d has %d days)", written[0:10], d.Month, d.Year, n)
		}
	}
	return d, nil
}

// daysIn counts the days of a month, leap years included: day 0 of the next
// month is the last day of this one.
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// shape reports whether s matches pattern byte for byte, where 'd' in the
// pattern stands for an ASCII digit and any other byte for itself.
func shape(s, pattern string) bool {
	if len(s) != len(pattern) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if pattern[i] == 'd' {
			if !isDigit(s[i]) {
				return false
			}
		} else if s[i] != pattern[i] {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// num converts a run of ASCII digits already checked by shape.
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// IsZero reports whether d is the zero Date, i.e. no date was given.
func (d Date) IsZero() bool { return d.Precision == 0 }

// EDTF is the canonical written form with its qualifier, "2025-03-11~";
// Parse reads it back to an equal date.
func (d Date) EDTF() string {
	if d.IsZero() {
		return ""
	}
	return d.String() + d.Qualifier.Mark()
}

// String is the canonical written form at d's precision, without the
// qualifier: the ISO 8601 form wanted by <time datetime>, schema.org and
// TimelineJS. Parse reads it back to an equal date. A time keeps its
// written offset.
func (d Date) String() string {
	switch d.Precision {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	case Time:
		return d.Clock.Format(time.RFC3339Nano)
	}
	return ""
}

// Display is the form shown to readers: "2025", "March 2025",
// "11 March 2025" or "11 March 2025, 14:30 UTC+02:00", with its qualifier
// in words: "c. 11 March 2025" (approximate), "April 2025 (uncertain)",
// "c. 2022 (uncertain)" (both). Seconds are shown only when written as
// non-zero, fractions never.
func (d Date) Display() string {
	s := d.plain()
	if d.Qualifier.IsApproximate() {
		s = "c. " + s
	}
	if d.Qualifier.IsUncertain() {
		s += " (uncertain)"
	}
	return s
}

// plain is Display without the qualifier.
func (d Date) plain() string {
	switch d.Precision {
	case Year:
		return fmt.Sprintf("%d", d.Year)
	case Month:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	case Day:
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	case Time:
		clock := d.Clock.Format("15:04")
		if d.Clock.Second() != 0 {
			clock = d.Clock.Format("15:04:05")
		}
		zone := "UTC"
		if _, off := d.Clock.Zone(); off != 0 {
			zone += d.Clock.Format("-07:00")
		}
		return fmt.Sprintf("%d %s %d, %s %s", d.Day, d.Month, d.Year, clock, zone)
	}
	return ""
}

// MonthKey is the year and month d falls in, for grouping a timeline by
// month. A year-only date has month 0, so it groups apart from the year's
// months. For a time, it is the month as written, not in UTC.
func (d Date) MonthKey() (year int, month time.Month) {
	if d.Precision < Month {
		return d.Year, 0
	}
	return d.Year, d.Month
}

// Compare orders dates on a timeline and returns -1, 0 or +1. Dates sort by
// year, then month, then day, with a missing month or day sorting first, so
// an entry known only to the month comes before that month's days. Timed
// entries come after an untimed entry of the same written day and among
// themselves in order of their instants.
func (d Date) Compare(o Date) int {
	dy, dm, dd := d.key()
	oy, om, od := o.key()
	if c := cmp.Compare(dy, oy); c != 0 {
		return c
	}
	if c := cmp.Compare(dm, om); c != 0 {
		return c
	}
	if c := cmp.Compare(dd, od); c != 0 {
		return c
	}
	dt, ot := d.Precision == Time, o.Precision == Time
	switch {
	case dt && ot:
		return d.Clock.Compare(o.Clock)
	case dt:
		return 1
	case ot:
		return -1
	}
	return 0
}

// key masks the fields finer than the precision, so that a hand-built Date
// with stray fields still sorts by what its precision says.
func (d Date) key() (year, month, day int) {
	year = d.Year
	if d.Precision >= Month {
		month = int(d.Month)
	}
	if d.Precision >= Day {
		day = d.Day
	}
	return year, month, day
}

// Earliest is the first instant d can denote: the start of its year, month
// or day in UTC, or the written instant for a time. It is the zero time for
// the zero Date.
func (d Date) Earliest() time.Time {
	switch d.Precision {
	case Year:
		return time.Date(d.Year, time.January, 1, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year, d.Month, 1, 0, 0, 0, 0, time.UTC)
	case Day:
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	case Time:
		return d.Clock
	}
	return time.Time{}
}

// Latest is the last instant d can denote: the last nanosecond of its year,
// month or day in UTC, or the written instant for a time. It is the zero
// time for the zero Date.
func (d Date) Latest() time.Time {
	start := d.Earliest()
	switch d.Precision {
	case Year:
		return start.AddDate(1, 0, 0).Add(-1)
	case Month:
		return start.AddDate(0, 1, 0).Add(-1)
	case Day:
		return start.AddDate(0, 0, 1).Add(-1)
	}
	return start
}

// EndsBefore reports whether d, used as the end of a span, ends before
// start begins, which makes the span invalid. Overlap at any instant is
// allowed: "end: 2025-03" with "date: 2025-03-11" is a valid span, since
// the editor may know the end only to the month.
func (d Date) EndsBefore(start Date) bool {
	return d.Latest().Before(start.Earliest())
}
