// Package casualty is one casualty figure as it was reported: an exact
// count, a minimum ("at least 9"), a range ("10–20") or an estimate with
// low, best and high figures as UCDP publishes them ("14 (10–20)"), and
// sums of such figures that say no more than their parts.
package casualty

import (
	"fmt"
	"strconv"
)

// Figure is a count of people. Min is always known; Best and Max unless
// NoBest and NoMax say they are not. An exact count has all three equal,
// so the zero Figure is exactly 0.
type Figure struct {
	Min    int
	Best   int
	Max    int
	NoBest bool // no best figure was reported
	NoMax  bool // no maximum: the figure is "at least" Min
}

// Exact is a count as reported: 3.
func Exact(n int) Figure { return Figure{Min: n, Best: n, Max: n} }

// AtLeast is a minimum: "at least 9".
func AtLeast(n int) Figure { return Figure{Min: n, NoBest: true, NoMax: true} }

// Range is a range without a best figure: "10–20".
func Range(lo, hi int) Figure { return Figure{Min: lo, Max: hi, NoBest: true} }

// Estimate is a low, best and high estimate: "14 (10–20)".
func Estimate(low, best, high int) Figure { return Figure{Min: low, Best: best, Max: high} }

// HasBest and HasMax report whether Best and Max are known.
func (f Figure) HasBest() bool { return !f.NoBest }
func (f Figure) HasMax() bool  { return !f.NoMax }

// IsExact reports whether f is a single count.
func (f Figure) IsExact() bool {
	return f.Min == f.Max && f.HasMax() && (!f.HasBest() || f.Best == f.Min)
}

// IsOpen reports whether f has no upper bound ("at least").
func (f Figure) IsOpen() bool { return !f.HasMax() }

// Value is the figure a chart draws and ACLED's conservative fatalities
// column holds: the best figure, else the minimum.
func (f Figure) Value() int {
	if f.HasBest() {
		return f.Best
	}
	return f.Min
}

// BestPtr and MaxPtr are Best and Max, or nil when not known (for data
// files, where unknown is null).
func (f Figure) BestPtr() *int {
	if !f.HasBest() && !f.IsExact() {
		return nil
	}
	v := f.Value()
	return &v
}

func (f Figure) MaxPtr() *int {
	if !f.HasMax() {
		return nil
	}
	v := f.Max
	return &v
}

// Text is the figure as readers see it everywhere: "3", "at least 9",
// "10–20", "14 (10–20)", or for a sum with a minimum in it "12 (at least
// 9)".
func (f Figure) Text() string {
	n := thousands
	switch {
	case f.IsExact():
		return n(f.Min)
	case !f.HasMax() && (!f.HasBest() || f.Best == f.Min):
		return "at least " + n(f.Min)
	case !f.HasMax():
		return n(f.Best) + " (at least " + n(f.Min) + ")"
	case f.HasBest():
		return n(f.Best) + " (" + n(f.Min) + "–" + n(f.Max) + ")"
	}
	return n(f.Min) + "–" + n(f.Max)
}

// Check says what is wrong with f, or nil: every number whole and at
// least 0, min ≤ best ≤ max.
func (f Figure) Check() error {
	switch {
	case f.Min < 0:
		return fmt.Errorf("the minimum is negative (%d)", f.Min)
	case f.HasBest() && f.Best < f.Min:
		return fmt.Errorf("best %d is below the minimum %d: want min ≤ best ≤ max", f.Best, f.Min)
	case f.HasMax() && f.Max < f.Min:
		return fmt.Errorf("max %d is below the minimum %d: want min ≤ best ≤ max", f.Max, f.Min)
	case f.HasBest() && f.HasMax() && f.Best > f.Max:
		return fmt.Errorf("best %d is above the maximum %d: want min ≤ best ≤ max", f.Best, f.Max)
	}
	return nil
}

// Add is the sum of f and g, which claims no more than they do: its
// minimum is the sum of the minimums, its maximum the sum of the maximums
// (none if either has none: then the sum reads "at least"), and its Value
// the sum of their Values, so that a total is what its bars add up to.
func (f Figure) Add(g Figure) Figure {
	s := Figure{Min: f.Min + g.Min, Max: f.Max + g.Max, NoMax: f.NoMax || g.NoMax, NoBest: true}
	// An exact count says nothing about a best estimate of the other.
	fb, gb := f.HasBest() && !f.IsExact(), g.HasBest() && !g.IsExact()
	if fb || gb || f.IsExact() && g.IsExact() {
		s.NoBest, s.Best = false, f.Value()+g.Value()
	}
	if s.NoMax {
		s.Max = 0
	}
	return s
}

// Sum adds figures, starting from exactly 0.
func Sum(figs ...Figure) Figure {
	s := Exact(0)
	for _, f := range figs {
		s = s.Add(f)
	}
	return s
}

// Written is f in the frontmatter form an editor writes: 3, {min: 9},
// {min: 10, max: 20}, {low: 10, best: 14, high: 20} or {min: 9, best: 12}.
func (f Figure) Written() string {
	n := strconv.Itoa
	switch {
	case f.IsExact():
		return n(f.Min)
	case f.HasBest() && f.HasMax():
		return "{low: " + n(f.Min) + ", best: " + n(f.Best) + ", high: " + n(f.Max) + "}"
	case f.HasMax():
		return "{min: " + n(f.Min) + ", max: " + n(f.Max) + "}"
	case f.HasBest():
		return "{min: " + n(f.Min) + ", best: " + n(f.Best) + "}"
	}
	return "{min: " + n(f.Min) + "}"
}

// thousands writes n with commas between thousands: 1,204.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
