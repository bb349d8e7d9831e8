package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
)

// acledDate reads event_date with ACLED's time_precision: 1 the day, 2 a
// day give or take a week (an approximate day, 2025-03-11~), 3 only the
// month. timelinegen's own export adds date_precision and date_qualifier,
// which say it exactly and win when present, so that its rows round-trip.
func acledDate(get func(string) string) (date.Date, error) {
	written := get("event_date")
	var d date.Date
	switch prec := get("date_precision"); prec {
	case "year", "month", "time":
		v, err := date.Parse(written)
		if err != nil {
			return d, fmt.Errorf("event_date: %v", err)
		}
		if v.Precision.String() != prec {
			return d, fmt.Errorf("event_date %q is not at date_precision %s", written, prec)
		}
		d = v
	default:
		t, err := parseACLEDDate(written)
		if err != nil {
			return d, err
		}
		d = date.Date{Year: t.Year(), Month: t.Month(), Day: t.Day(), Precision: date.Day}
	}
	switch p := get("time_precision"); p {
	case "", "1":
	case "2":
		// Within a week of the date: the day is ACLED's best estimate.
		if d.Precision == date.Day {
			d.Qualifier = date.Approximate
		}
	case "3":
		// Within its month: never claim a day.
		if d.Precision > date.Month {
			d.Day, d.Clock, d.Precision = 0, time.Time{}, date.Month
		}
	default:
		return d, fmt.Errorf("time_precision %q: want 1, 2 or 3", p)
	}
	if q := get("date_qualifier"); q != "" {
		found := false
		for _, c := range []date.Qualifier{date.Approximate, date.Uncertain, date.ApproximateUncertain} {
			if c.String() == q {
				d.Qualifier, found = c, true
			}
		}
		if !found {
			return d, fmt.Errorf("date_qualifier %q: want approximate, uncertain or approximate-uncertain", q)
		}
		if d.Precision == date.Time {
			return d, fmt.Errorf("date_qualifier %q on a time: a time cannot be qualified", q)
		}
	}
	return d, nil
}

// acledPlacePrecision reads geo_precision: 1 an exact place, 2 near a
// town (the town is known), 3 only the region. timelinegen's own
// location_precision column wins when present.
func acledPlacePrecision(get func(string) string) (string, error) {
	if p := get("location_precision"); p != "" {
		if !slices.Contains(content.PlacePrecisions, p) {
			return "", fmt.Errorf("location_precision %q: want one of %s", p, strings.Join(content.PlacePrecisions, ", "))
		}
		return p, nil
	}
	switch g := get("geo_precision"); g {
	case "", "1":
		return "exact", nil
	case "2":
		return "town", nil
	case "3":
		return "region", nil
	default:
		return "", fmt.Errorf("geo_precision %q: want 1, 2 or 3", g)
	}
}

// acledFigure reads a casualty figure: the plain column (ACLED's
// fatalities, the best figure or the minimum), made a range by
// <column>_low, _best and _high when present, or for fatalities by
// UCDP's low, best and high.
func acledFigure(get func(string) string, column string, ucdp bool) (*casualty.Figure, error) {
	num := func(name string) (int, bool, error) {
		s := strings.TrimSpace(get(name))
		if s == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, false, fmt.Errorf("%s %q: want a whole number, 0 or more", name, s)
		}
		return n, true, nil
	}
	names := [3]string{column + "_low", column + "_best", column + "_high"}
	if ucdp && get(names[0]) == "" && get(names[1]) == "" && get(names[2]) == "" {
		names = [3]string{"low", "best", "high"}
	}
	var vals [3]int
	var has [3]bool
	for i, n := range names {
		v, ok, err := num(n)
		if err != nil {
			return nil, err
		}
		vals[i], has[i] = v, ok
	}
	plain, hasPlain, err := num(column)
	if err != nil {
		return nil, err
	}
	if has[0] || has[1] || has[2] {
		f := casualty.Figure{Min: vals[0], Best: vals[1], NoBest: !has[1], Max: vals[2], NoMax: !has[2]}
		if !has[0] && has[1] {
			// A best without a low: the best is the least that is known
			// (a high alone leaves the minimum 0).
			f.Min = vals[1]
		}
		if err := f.Check(); err != nil {
			return nil, fmt.Errorf("%s, %s, %s: %v", names[0], names[1], names[2], err)
		}
		return &f, nil
	}
	// ACLED writes 0 fatalities when none were reported, which is not a
	// count of none: only reported deaths are written.
	if !hasPlain || plain == 0 && column == "fatalities" {
		return nil, nil
	}
	f := casualty.Exact(plain)
	return &f, nil
}
