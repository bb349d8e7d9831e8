package pages_test

import (
	"fmt"
	"strings"
	"testing"
)

// A chart's month links to the page of its year that lists the month's
// first entry in reading order, at the month's anchor: with the newest
// first (descending), January 2025's first is the 20th, on the second
// page of one entry each.
func TestAMonthLinksToThePageThatListsIt(t *testing.T) {
	var site strings.Builder
	site.WriteString("-- timeline.yaml --\ntitle: Months\npaginate: 1\n")
	for i, date := range []string{"2025-01-05", "2025-01-20", "2025-03-02"} {
		fmt.Fprintf(&site, "-- content/a%d.md --\n---\ntitle: Entry %d\ndate: %s\nkind: military\n---\nText.\n", i, i, date)
	}
	for _, tc := range []struct {
		order        string
		january, mar string
	}{
		{"", `href=\"/years/2025/#2025-01\"`, `href=\"/years/2025/page/3/#2025-03\"`},
		{"order: descending\n", `href=\"/years/2025/page/2/#2025-01\"`, `href=\"/years/2025/#2025-03\"`},
	} {
		p, _, err := plannedText(t, strings.Replace(site.String(), "paginate: 1\n", "paginate: 1\n"+tc.order, 1))
		if err != nil {
			t.Fatal(err)
		}
		figures := fmt.Sprintf("%#v", page(t, p, "years/2025/index.html").Figures)
		for _, want := range []string{tc.january, tc.mar} {
			if !strings.Contains(figures, want) {
				t.Errorf("%q: the year's charts link no %s", tc.order, want)
			}
		}
	}
}
