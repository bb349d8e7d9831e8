package geo

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

//go:generate go run gen_names.go

//go:embed names.txt
var namesTxt string

// Nation is a country or territory as an editor names it in a place's
// country: its ISO 3166-1 codes and its name on the basemap.
type Nation struct {
	Alpha2, Alpha3, Numeric string // empty where ISO gives none
	// Basemap is the name of its outline in Countries; empty for a
	// country too small for the basemap (Bahrain, Malta, Singapore…).
	Basemap string
	// Name is its English name.
	Name string
}

type nationIndex struct {
	byName map[string]int // normalized name → index in list; -1 when ambiguous
	byCode map[string]int // alpha-2, alpha-3 and numeric codes
	list   []Nation
}

var nations = sync.OnceValue(func() *nationIndex {
	ix := &nationIndex{byName: map[string]int{}, byCode: map[string]int{}}
	for _, line := range strings.Split(namesTxt, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		names := strings.Split(f[4], "|")
		n := Nation{Alpha2: f[0], Alpha3: f[1], Numeric: f[2], Basemap: f[3], Name: names[0]}
		i := len(ix.list)
		ix.list = append(ix.list, n)
		for _, c := range f[:3] {
			if c != "" {
				ix.byCode[c] = i
			}
		}
		for _, name := range names {
			k, to := normalizeName(name), i
			if j, ok := ix.byName[k]; ok && j != i {
				to = -1 // two territories share it: it names neither
			}
			ix.byName[k] = to
		}
	}
	return ix
})

// LookupNation is the country an editor wrote: by its English,
// Ukrainian or Russian name in any letter case (CLDR's, the basemap's,
// and the usual short and long forms, such as "USA", "Britain", "США",
// "Белоруссия"), or by its ISO 3166-1 alpha-2, alpha-3 or numeric code
// in capitals ("CH", "CHE", "756").
func LookupNation(s string) (Nation, bool) {
	ix := nations()
	i, ok := ix.byCode[strings.TrimSpace(s)]
	if !ok {
		i, ok = ix.byName[normalizeName(s)]
	}
	if !ok || i < 0 {
		return Nation{}, false
	}
	return ix.list[i], true
}

// NationNames are the English names of every country LookupNation knows,
// for suggestions.
func NationNames() []string {
	ix := nations()
	out := make([]string, len(ix.list))
	for i, n := range ix.list {
		out[i] = n.Name
	}
	return out
}

// normalizeName folds what differs between ways of writing one name:
// case, ё, apostrophes, dots, dashes, "&" and "St.", and a leading "the".
func normalizeName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == 'ё':
			r = 'е'
		case r == '’' || r == 'ʼ' || r == '`' || r == '´':
			r = '\''
		case r == '.':
			continue
		case r == '&':
			b.WriteString(" and")
			space = true
			continue
		}
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == ',' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	words := strings.Fields(strings.TrimPrefix(b.String(), "the "))
	for i, w := range words {
		if w == "st" {
			words[i] = "saint" // CLDR's "St. Kitts & Nevis"
		}
	}
	return strings.Join(words, " ")
}
