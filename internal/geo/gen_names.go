//go:build ignore

// gen_names writes names.txt: every country and territory of ISO 3166-1
// with its codes, the basemap's name for it, and its names in English,
// Ukrainian and Russian. The names are CLDR's display names as
// golang.org/x/text ships them, the basemap's own, and the usual short
// and current forms listed in extra below; nothing is made up. Run it
// with go generate after changing the basemap or extra: the program does
// not link x/text's display tables, only this generator does.
package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// extra are names in common use that CLDR's data in x/text does not give:
// current official short names (North Macedonia, Eswatini, Türkiye),
// abbreviations, the long forms newsrooms and ACLED write, and names
// without their accents.
var extra = map[string][]string{
	"AE": {"UAE", "ОАЕ", "ОАЭ"},
	"BA": {"Bosnia and Herzegovina"},
	"BY": {"Белоруссия"},
	"CD": {"DR Congo", "DRC", "Democratic Republic of the Congo", "Democratic Republic of Congo", "ДР Конго", "Демократична Республіка Конго", "Демократическая Республика Конго"},
	"CG": {"Republic of the Congo", "Republic of Congo", "Республіка Конго", "Республика Конго"},
	"CI": {"Ivory Coast", "Cote d'Ivoire"},
	"BL": {"Saint Barthelemy"},
	"CV": {"Cabo Verde"},
	"CW": {"Curacao"},
	"HK": {"Hong Kong"},
	"MO": {"Macau", "Macao"},
	"RE": {"Reunion"},
	"ST": {"Sao Tome and Principe"},
	"CZ": {"Czech Republic"},
	"GB": {"UK", "Britain", "Great Britain", "Великобританія", "Британія", "Британия"},
	"KP": {"DPRK", "КНДР"},
	"KR": {"Republic of Korea", "Республіка Корея", "Республика Корея"},
	"MD": {"Молдавия"},
	"MM": {"Burma", "Бірма", "Бирма"},
	"MK": {"North Macedonia", "Північна Македонія", "Северная Македония"},
	"PS": {"Palestine", "State of Palestine", "Палестина"},
	"RU": {"Russian Federation", "Російська Федерація", "Российская Федерация", "РФ"},
	"SZ": {"Eswatini", "Есватіні", "Эсватини"},
	"TL": {"East Timor"},
	"TR": {"Türkiye", "Turkiye"},
	"US": {"US", "USA", "United States of America", "США", "Сполучені Штати Америки", "Соединённые Штаты Америки"},
	"VA": {"Vatican", "Vatican City", "Ватикан"},
}

// withdrawn are ISO 3166-1 codes of countries that no longer exist and
// that x/text keeps: Netherlands Antilles, Serbia and Montenegro, the
// Neutral Zone, the Soviet Union, Yugoslavia.
var withdrawn = []string{"AN", "CS", "NT", "SU", "YU"}

// unlisted are the basemap's territories that have no ISO 3166-1 code.
var unlisted = map[string][]string{
	"N. Cyprus":  {"Northern Cyprus", "Північний Кіпр", "Северный Кипр"},
	"Somaliland": {"Сомаліленд", "Сомалиленд"},
}

func main() {
	basemap := map[string]string{} // alpha-2 → basemap name
	var names []string             // basemap names without a code
	f, err := os.Open("countries.txt")
	check(err)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		id, name := f[0], f[1]
		if id == "" {
			if name == "Kosovo" {
				basemap["XK"] = name
			} else {
				names = append(names, name)
			}
			continue
		}
		r, err := language.ParseRegion(id)
		check(err)
		basemap[r.String()] = name
	}
	check(sc.Err())
	en, uk, ru := display.English.Regions(), display.Regions(language.Ukrainian), display.Regions(language.Russian)
	var out strings.Builder
	out.WriteString("# Countries as editors name them, written by gen_names.go (go generate): do not edit.\n")
	out.WriteString("# One a line: ISO 3166-1 alpha-2 TAB alpha-3 TAB numeric TAB the basemap's name (empty if not on it) TAB names separated by '|':\n")
	out.WriteString("# CLDR's English, Ukrainian and Russian names (from golang.org/x/text), the basemap's name, and usual other forms.\n")
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			// Deprecated codes canonicalize to another (ZR, BU…), or are
			// in withdrawn when they split into several.
			if err != nil || !r.IsCountry() || r.Canonicalize().String() != code || slices.Contains(withdrawn, code) {
				continue
			}
			alpha3, num := r.ISO3(), fmt.Sprintf("%03d", r.M49())
			switch {
			case code == "XK":
				// Kosovo's alpha-2 code is in common use; CLDR's alpha-3
				// and numeric codes for it are not ISO's.
				alpha3, num = "", ""
			case r.M49() == 0:
				continue // CLDR's own regions (Ascension, Canary Islands…) are not in ISO 3166-1
			}
			var all []string
			for _, n := range []string{en.Name(r), uk.Name(r), ru.Name(r), basemap[code]} {
				all = append(all, variants(n)...)
			}
			all = append(all, extra[code]...)
			fmt.Fprintf(&out, "%s\t%s\t%s\t%s\t%s\n", code, alpha3, num, basemap[code], strings.Join(dedup(all), "|"))
			delete(basemap, code)
		}
	}
	for _, name := range names {
		fmt.Fprintf(&out, "\t\t\t%s\t%s\n", name, strings.Join(dedup(append([]string{name}, unlisted[name]...)), "|"))
	}
	if len(basemap) > 0 {
		check(fmt.Errorf("basemap countries without a code in CLDR: %v", basemap))
	}
	check(os.WriteFile("names.txt", []byte(out.String()), 0o644))
}

// variants are a CLDR name and, for "Myanmar (Burma)" or "Гонконг
// (САР)", the name without its parenthesis (which may hold another name
// or a qualifier, so it is not taken alone).
func variants(n string) []string {
	if n == "" {
		return nil
	}
	if i := strings.Index(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		return []string{n, n[:i]}
	}
	return []string{n}
}

func dedup(s []string) []string {
	var out []string
	for _, n := range s {
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen_names:", err)
		os.Exit(1)
	}
}
