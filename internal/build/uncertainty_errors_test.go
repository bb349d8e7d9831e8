package build_test

// One tiny failing site per rule of docs/uncertainty.md: qualified dates,
// casualty figures, location.precision and publish_coordinates. Cases are
// run by TestUncertaintyErrors exactly as TestContentErrors runs its own.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// dated is a valid article whose date line (line 3) is date.
func dated(date, extra string) string {
	return "---\ntitle: A\ndate: " + date + "\nkind: diplomatic\n" + extra + "---\nBody.\n"
}

var uncertaintyCases = []ruleCase{
	// --- dates: EDTF level-1 qualifiers ---
	{
		name:  "date: qualifier inside the date",
		files: map[string]string{"content/a.md": dated("2025~-03", "")},
		want:  []string{`content/a.md:3:7: date: "2025~-03": the qualifier ~ goes only at the end of the date, such as 2025-03~`},
	},
	{
		name:  "date: qualifier before the date",
		files: map[string]string{"content/a.md": dated("\"?2025-03-11\"", "")},
		want:  []string{`content/a.md:3:7: date: "?2025-03-11": the qualifier ? goes only at the end of the date, such as 2025-03-11?`},
	},
	{
		name:  "date: two qualifiers",
		files: map[string]string{"content/a.md": dated("2025-03-11~?", "")},
		want:  []string{`content/a.md:3:7: date: "2025-03-11~?" has more than one qualifier: write one at the end`},
	},
	{
		name:  "date: a qualified time",
		files: map[string]string{"content/a.md": dated("2025-03-11T14:30:00Z~", "")},
		want:  []string{`content/a.md:3:7: date: "2025-03-11T14:30:00Z~": a time cannot be qualified: write the day, 2025-03-11~`},
	},
	{
		name:  "end: qualifier inside the date",
		files: map[string]string{"content/a.md": dated("2025-03", "end: 2025-04%-01\n")},
		want:  []string{`content/a.md:5:6: end: "2025-04%-01": the qualifier % goes only at the end of the date, such as 2025-04-01%`},
	},
	{
		name:  "end: qualified end before a qualified date",
		files: map[string]string{"content/a.md": dated("2025-03~", "end: 2025-02?\n")},
		want:  []string{`content/a.md:5:6: end: 2025-02 is before date 2025-03`},
	},
	// --- casualty figures ---
	{
		name:  "casualties: best below min",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: {low: 10, best: 9, high: 20}}\n", "")},
		want:  []string{`content/a.md:5:22: casualties: killed: best 9 is below the minimum 10: want min ≤ best ≤ max`},
	},
	{
		name:  "casualties: max below min",
		files: map[string]string{"content/a.md": article("A", "casualties:\n  injured: {min: 20, max: 10}\n", "")},
		want:  []string{`content/a.md:6:12: casualties: injured: max 10 is below the minimum 20: want min ≤ best ≤ max`},
	},
	{
		name:  "casualties: best above max",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: {low: 1, best: 30, high: 20}}\n", "")},
		want:  []string{`content/a.md:5:22: casualties: killed: best 30 is above the maximum 20: want min ≤ best ≤ max`},
	},
	{
		name:  "casualties: a negative minimum",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: {min: -1}}\n", "")},
		want:  []string{`content/a.md:5:28: casualties: killed: min is negative (-1)`},
	},
	{
		name:  "casualties: a figure that is not a whole number",
		files: map[string]string{"content/a.md": article("A", "casualties: {injured: {min: 9.5}}\n", "")},
		want:  []string{`content/a.md:5:29: casualties: injured: min: want a whole number, got "9.5"`},
	},
	{
		name:  "casualties: a range without its minimum",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: {max: 20}}\n", "")},
		want:  []string{`content/a.md:5:22: casualties: killed: a range needs its minimum: write {min: 9} for "at least 9"`},
	},
	{
		name:  "casualties: min and low both",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: {min: 1, low: 2}}\n", "")},
		want:  []string{`content/a.md:5:36: casualties: killed: min and low say the same: write one of them`},
	},
	{
		name:  "casualties: max and high both",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: {min: 1, max: 2, high: 3}}\n", "")},
		want:  []string{`content/a.md:5:45: casualties: killed: max and high say the same: write one of them`},
	},
	{
		name:  "casualties: a figure that is a list",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: [1, 2]}\n", "")},
		want:  []string{`content/a.md:5:22: casualties: killed: want a whole number, {min: 9}, {min: 10, max: 20} or {low: 10, best: 14, high: 20}`},
	},
	{
		name:  "casualties: unknown key in a figure",
		files: map[string]string{"content/a.md": article("A", "casualties: {killed: {min: 1, bset: 2}}\n", "")},
		want:  []string{`content/a.md:5:31: warning: casualties: killed: unknown key "bset" (did you mean "best"?)`},
	},
	{
		name:  "events: casualties range in an event",
		files: map[string]string{"content/a.md": article("A", "events:\n  - id: ev\n    title: E\n    casualties: {killed: {min: 5, max: 4}}\n", "")},
		want:  []string{`content/a.md:8:26: casualties: killed: max 4 is below the minimum 5`},
	},
	// --- location.precision ---
	{
		name:  "location: unknown precision",
		files: map[string]string{"content/a.md": article("A", "location: {name: Kyiv, precision: city}\n", "")},
		want:  []string{`content/a.md:5:35: location: precision: unknown precision "city"`},
	},
	{
		name:  "location: precision that is a list",
		files: map[string]string{"content/a.md": article("A", "location: {name: Kyiv, precision: [town]}\n", "")},
		want:  []string{`content/a.md:5:35: location: precision: want text, got a list`},
	},
	// --- timeline.yaml publish_coordinates ---
	{
		name:  "publish_coordinates: decimals above 6",
		files: map[string]string{"timeline.yaml": "title: T\npublish_coordinates: {decimals: 7}\n", "content/a.md": ok},
		want:  []string{`timeline.yaml:2:33: publish_coordinates: decimals: want a whole number from 0 to 6, got "7"`},
	},
	{
		name:  "publish_coordinates: negative decimals",
		files: map[string]string{"timeline.yaml": "publish_coordinates:\n  decimals: -1\n", "content/a.md": ok},
		want:  []string{`timeline.yaml:2:13: publish_coordinates: decimals: want a whole number from 0 to 6, got "-1"`},
	},
	{
		name:  "publish_coordinates: decimals not a number",
		files: map[string]string{"timeline.yaml": "publish_coordinates: {decimals: two}\n", "content/a.md": ok},
		want:  []string{`timeline.yaml:1:33: publish_coordinates: decimals: want a whole number from 0 to 6, got "two"`},
	},
	{
		name:  "publish_coordinates: not a mapping",
		files: map[string]string{"timeline.yaml": "publish_coordinates: 2\n", "content/a.md": ok},
		want:  []string{`timeline.yaml:1:22: publish_coordinates: want {decimals: N}, N from 0 to 6`},
	},
	{
		name:  "publish_coordinates: missing decimals",
		files: map[string]string{"timeline.yaml": "publish_coordinates: {}\n", "content/a.md": ok},
		want:  []string{`timeline.yaml:1:22: publish_coordinates: missing decimals`},
	},
	{
		name:  "publish_coordinates: unknown key",
		files: map[string]string{"timeline.yaml": "publish_coordinates: {decimals: 2, decimal: 3}\n", "content/a.md": ok},
		want:  []string{`timeline.yaml:1:36: publish_coordinates: unknown key "decimal" (did you mean "decimals"?)`},
	},
}

func TestUncertaintyErrors(t *testing.T) {
	for _, tc := range uncertaintyCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := tc.want
			site, ds := compileRuleSite(t, build.Options{Source: sitetest.New(t, tc.files), Theme: timelinegen.Theme, Generator: "test"})
			var got strings.Builder
			for _, d := range ds {
				fmt.Fprintf(&got, "\n\t%s", d)
			}
			if len(ds) != len(want) {
				t.Fatalf("got %d diagnostics, want %d:%s", len(ds), len(want), got.String())
			}
			for i, w := range want {
				if err := matchDiag(w, ds[i]); err != nil {
					t.Errorf("diagnostic %d: %v\n\tgot  %s", i, err, ds[i])
				}
			}
			if (site == nil) != ds.HasErrors() {
				t.Errorf("site is nil: %v, but has errors: %v%s", site == nil, ds.HasErrors(), got.String())
			}
		})
	}
}
