package geo

import (
	"strings"
	"testing"
)

// An editor's country is found by any of its usual names and codes.
func TestLookupNation(t *testing.T) {
	for _, tc := range []struct{ in, basemap string }{
		{"Switzerland", "Switzerland"},
		{"switzerland", "Switzerland"},
		{"CH", "Switzerland"},
		{"CHE", "Switzerland"},
		{"756", "Switzerland"},
		{"Швейцарія", "Switzerland"},
		{"Швейцария", "Switzerland"},
		{"Ukraine", "Ukraine"},
		{"Україна", "Ukraine"},
		{"UA", "Ukraine"},
		{"Russia", "Russia"},
		{"Росія", "Russia"},
		{"Российская Федерация", "Russia"},
		{"Estonia", "Estonia"},
		{"Естонія", "Estonia"},
		{"United States", "United States of America"},
		{"the United States", "United States of America"},
		{"U.S.", "United States of America"},
		{"USA", "United States of America"},
		{"США", "United States of America"},
		{"Соединенные Штаты Америки", "United States of America"},
		{"UK", "United Kingdom"},
		{"Great Britain", "United Kingdom"},
		{"Великобританія", "United Kingdom"},
		{"Bosnia & Herzegovina", "Bosnia and Herz."},
		{"Bosnia and Herz.", "Bosnia and Herz."},
		{"Côte d’Ivoire", "Côte d'Ivoire"},
		{"Ivory Coast", "Côte d'Ivoire"},
		{"DR Congo", "Dem. Rep. Congo"},
		{"Congo-Brazzaville", "Congo"},
		{"Burma", "Myanmar"},
		{"Türkiye", "Turkey"},
		{"North Macedonia", "Macedonia"},
		{"Kosovo", "Kosovo"},
		{"Northern Cyprus", "N. Cyprus"},
		{"Saudi Arabia", "Saudi Arabia"},
		{"Saint Kitts and Nevis", ""},
		{"St Kitts & Nevis", ""},
		{"Hong Kong", ""},
		{"Саудівська Аравія", "Saudi Arabia"},
		// Real countries too small for the basemap: known, not drawn.
		{"Bahrain", ""},
		{"Malta", ""},
		{"Singapore", ""},
	} {
		n, ok := LookupNation(tc.in)
		if !ok || n.Basemap != tc.basemap {
			t.Errorf("LookupNation(%q) = %+v, %v; want basemap %q", tc.in, n, ok, tc.basemap)
		}
	}
	for _, in := range []string{"Виргинские о-ва", "Narnia", "Switzerlnd", "", "ch", "Crimea", "Korea", "Europe"} {
		if n, ok := LookupNation(in); ok {
			t.Errorf("LookupNation(%q) = %+v, want no country", in, n)
		}
	}
}

// Every country on the basemap can be named by each of its names: none
// is shared with another territory once names are folded (a shared name
// names neither).
func TestNationNamesCoverTheBasemap(t *testing.T) {
	for _, c := range Countries() {
		n, ok := LookupNation(c.Name)
		if !ok || n.Basemap != c.Name {
			t.Errorf("basemap country %q: LookupNation = %+v, %v", c.Name, n, ok)
		}
	}
	owner := map[string]string{}
	for _, line := range strings.Split(namesTxt, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		for _, name := range strings.Split(f[4], "|") {
			k := normalizeName(name)
			if o, ok := owner[k]; ok && o != line && (f[3] != "" || strings.Split(o, "\t")[3] != "") {
				t.Errorf("%q names two countries, one on the basemap:\n%s\n%s", name, o, line)
			}
			owner[k] = line
		}
	}
}
