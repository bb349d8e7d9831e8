package build_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// uncertainSite uses every uncertain form of docs/uncertainty.md. Its
// coordinates carry six decimals, so that a test can find any of them
// published more precisely than publish_coordinates allows.
var uncertainSite = map[string]string{
	"timeline.yaml": "title: Uncertain\nbase_url: https://example.org/t/\n",
	"content/strike.md": `---
title: Strike on Kryvyi Rih
date: 2025-03-11~
kind: military
location: {name: Kryvyi Rih, country: Ukraine, lat: 47.910512, lon: 33.391834}
casualties: {killed: 3, injured: {min: 9}}
---
Body.
`,
	"content/talks.md": `---
title: Talks
date: 2025-01
end: 2025-02?
kind: diplomatic
location: {name: Kyiv, country: Ukraine, lat: 50.450123, lon: 30.523456, precision: town}
events:
  - id: oblast-shelling
    title: Shelling in the oblast
    date: 2025-04?
    kind: military
    location: {name: Dnipropetrovsk Oblast, country: Ukraine, lat: 48.456789, lon: 34.987654, precision: region}
    casualties: {killed: {low: 10, best: 14, high: 20}}
  - id: year-of-raids
    title: A year of raids
    date: 2022%
    kind: military
    casualties: {killed: {min: 10, max: 20}}
---
Body.
`,
	// The article sums up its events: 5 killed in all, 2 and 2 of them
	// in the events it reports. Totals count 5, not 9.
	"content/summary.md": `---
title: Two strikes
date: 2025-05
kind: military
casualties: {killed: 5}
events:
  - id: first-strike
    title: First strike
    date: 2025-05-02
    casualties: {killed: 2}
  - id: second-strike
    title: Second strike
    date: 2025-05-09
    casualties: {killed: 2}
---
Body.
`,
}

// buildFiles builds a site of files, strictly, into memory.
func buildFiles(t *testing.T, files map[string]string) map[string][]byte {
	t.Helper()
	return buildMemory(t, build.Options{Source: sitetest.New(t, files), Theme: timelinegen.Theme, Generator: "test", Strict: true})
}

// Every output says a qualified date, a casualty figure and a place's
// precision the same way.
func TestUncertaintyInEveryOutput(t *testing.T) {
	t.Parallel()
	files := buildFiles(t, uncertainSite)
	has := func(name string, wants ...string) {
		t.Helper()
		b, ok := files[name]
		if !ok {
			t.Errorf("no %s", name)
			return
		}
		for _, w := range wants {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s: no %q", name, w)
			}
		}
	}
	has("events/strike/index.html",
		`<time datetime="2025-03-11" data-precision="day" data-qualifier="approximate">c. 11 March 2025</time>`,
		`3 killed, at least 9 injured`,
		`"disambiguatingDescription":"Date: c. 11 March 2025. Casualties: 3 killed, at least 9 injured"`,
	)
	has("events/talks/index.html", `January 2025</time><span class="date-sep"> – </span><time datetime="2025-02" data-precision="month" data-qualifier="uncertain">February 2025 (uncertain)</time>`,
		`<time datetime="2025-04" data-precision="month" data-qualifier="uncertain">April 2025 (uncertain)</time>`,
		`c. 2022 (uncertain)`, `14 (10–20) killed`, `10–20 killed`,
		`(known only to the region)`, `(known only to the town)`,
		`"geo":{"@type":"GeoCircle","geoMidpoint":{"@type":"GeoCoordinates","latitude":50.450123,"longitude":30.523456},"geoRadius":5000}`)
	for _, listing := range []string{"index.html", "years/2025/index.html", "kinds/military/index.html", "places/kryvyi-rih/index.html"} {
		has(listing, `c. 11 March 2025`, `3 killed, at least 9 injured`)
	}
	has("places/dnipropetrovsk-oblast/index.html", `14 (10–20) killed`, `April 2025 (uncertain)`, `Dnipropetrovsk Oblast</a> <span class="place-precision">(region)</span>`)
	has("feed.xml", `Date: c. 11 March 2025`, `Killed: 3`, `Injured: at least 9`, `Killed: 14 (10–20)`, `Place: Dnipropetrovsk Oblast, Ukraine (known only to the region)`)
	has("feed.json", `Date: c. 11 March 2025`, `Injured: at least 9`)
	// Charts: bars of best figures or minimums, totals "at least".
	has("index.html",
		`<title>March 2025: 3 killed, at least 9 injured</title>`,
		`<title>April 2025: 14 (10–20) killed, 0 injured</title>`,
		`<title>2022 (month unknown): 10–20 killed, 0 injured</title>`,
		`<title>May 2025: 5 killed, 0 injured</title>`,
		`class="tg-open"`, `class="tg-range"`,
		// 3 + 14 (10–20) + 10–20 + 5 killed: best 32, 28 to 48; at least 9 injured.
		`All months</th><td>32 (28–48)</td><td>at least 9</td>`,
	)
	// Maps: an area, never a pin, for the oblast and the town, and a key.
	has("map/index.html", `tg-map-area-point`, `class="tg-map-area"`, `place known only to an area (town to country)`, `<td>region</td>`)
	has("places/dnipropetrovsk-oblast/map.svg", `class="tg-map-area"`, `known only to the region`)
	// Search results show the date as the site does.
	var index strings.Builder
	for name, b := range files {
		if strings.HasPrefix(name, "search/") {
			index.Write(b)
		}
	}
	for _, want := range []string{"c. 11 March 2025", "April 2025 (uncertain)", "Dnipropetrovsk Oblast, Ukraine (region)"} {
		if !strings.Contains(index.String(), want) {
			t.Errorf("the search index does not show %q", want)
		}
	}

	// events.json: date_qualifier, casualties {min, best, max, text},
	// location.precision.
	var ev struct {
		Entries []struct {
			Slug          string  `json:"slug"`
			Date          string  `json:"date"`
			DateQualifier *string `json:"date_qualifier"`
			DateText      string  `json:"date_text"`
			Location      *struct {
				Precision string `json:"precision"`
			} `json:"location"`
			Casualties struct {
				Killed, Injured *struct {
					Min       int
					Best, Max *int
					Text      string
				}
			} `json:"casualties"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(files["data/events.json"], &ev); err != nil {
		t.Fatal(err)
	}
	for _, e := range ev.Entries {
		switch e.Slug {
		case "strike":
			k, i := e.Casualties.Killed, e.Casualties.Injured
			if e.Date != "2025-03-11" || e.DateQualifier == nil || *e.DateQualifier != "approximate" || e.DateText != "c. 11 March 2025" ||
				k == nil || k.Min != 3 || *k.Best != 3 || *k.Max != 3 || k.Text != "3" ||
				i == nil || i.Min != 9 || i.Best != nil || i.Max != nil || i.Text != "at least 9" || e.Location.Precision != "exact" {
				t.Errorf("events.json strike: %+v", e)
			}
		case "oblast-shelling":
			k := e.Casualties.Killed
			if *e.DateQualifier != "uncertain" || e.Location.Precision != "region" || k.Min != 10 || *k.Best != 14 || *k.Max != 20 || k.Text != "14 (10–20)" {
				t.Errorf("events.json oblast-shelling: %+v", e)
			}
		case "year-of-raids":
			k := e.Casualties.Killed
			if *e.DateQualifier != "approximate-uncertain" || k.Best != nil || *k.Max != 20 || k.Text != "10–20" {
				t.Errorf("events.json year-of-raids: %+v", e)
			}
		}
	}
	// events.csv: ACLED's conservative fatalities (best, else minimum),
	// time_precision 2 for an approximate day, geo_precision 3 for a region.
	// (Each row goes on with the sourcing columns: attributed_to is empty.)
	has("data/events.csv",
		"strike,2025-03-11,2025,2,day,Military,",
		",3,military,reported,9,,,https://example.org/t/events/strike/,,1,exact,approximate,,,,9,,,,",
		",14,military,reported,,,,https://example.org/t/events/talks/#oblast-shelling,talks,3,region,uncertain,10,14,20,,,,,",
		",10,military,reported,,,,https://example.org/t/events/talks/#year-of-raids,talks,,,approximate-uncertain,10,,20,,,,,",
	)
	has("data/events.geojson", `"precision":"region","radius_km":100`, `"date_qualifier":"uncertain","date_text":"April 2025 (uncertain)"`, `"text":"at least 9"`)
	has("data/timeline.json", `"display_date":"c. 11 March 2025"`, `"display_date":"April 2025 (uncertain)"`, `"display_date":"c. 2022 (uncertain)"`)
}

// With publish_coordinates, no published file carries a coordinate more
// precisely than allowed: every output is searched for the written
// numbers and for any of their forms with more decimals.
func TestPublishCoordinatesRoundsEveryOutput(t *testing.T) {
	t.Parallel()
	written := []string{"47.910512", "33.391834", "48.456789", "34.987654", "50.450123", "30.523456"}
	// Any form of a written coordinate with 3 or more decimals: 47.911,
	// 47.9105, 47.91051, …
	var leaks []*regexp.Regexp
	for _, w := range written {
		i := strings.IndexByte(w, '.')
		leaks = append(leaks, regexp.MustCompile(regexp.QuoteMeta(w[:i+3])+`\d`), regexp.MustCompile(regexp.QuoteMeta(roundedTo(w, 3))+`\d*`))
	}
	plain := buildFiles(t, uncertainSite)
	if !strings.Contains(string(plain["data/events.json"]), "47.910512") {
		t.Fatal("without publish_coordinates the written coordinates are not published: the test would prove nothing")
	}

	files := map[string]string{}
	for k, v := range uncertainSite {
		files[k] = v
	}
	files["timeline.yaml"] += "publish_coordinates: {decimals: 2}\n"
	out := buildFiles(t, files)
	for name, b := range out {
		for _, re := range leaks {
			if loc := re.FindIndex(b); loc != nil {
				from := max(loc[0]-60, 0)
				t.Errorf("%s publishes %s: …%s…", name, b[loc[0]:loc[1]], b[from:min(loc[1]+20, len(b))])
			}
		}
	}
	for name, want := range map[string]string{
		"data/events.json":             `"lat":47.91,"lon":33.39`,
		"data/events.geojson":          `"coordinates":[34.99,48.46]`,
		"data/events.csv":              `,47.91,33.39,`,
		"events/strike/index.html":     `(47.91, 33.39)`,
		"events/talks/index.html":      `"latitude":50.45,"longitude":30.52`,
		"places/kryvyi-rih/map.svg":    `latitude 47.91 and longitude 33.39`,
		"places/kryvyi-rih/index.html": `Map: Kryvyi Rih, Ukraine, at 47.91, 33.39`,
	} {
		if !strings.Contains(string(out[name]), want) {
			t.Errorf("%s: no rounded %s", name, want)
		}
	}
}

// roundedTo is the decimal string w cut to n decimals, rounding half up,
// as a reader would round it by hand.
func roundedTo(w string, n int) string {
	i := strings.IndexByte(w, '.')
	digits := []byte(w[:i] + w[i+1:i+1+n])
	if w[i+1+n] >= '5' {
		for j := len(digits) - 1; j >= 0; j-- {
			if digits[j] < '9' {
				digits[j]++
				break
			}
			digits[j] = '0'
		}
	}
	return string(digits[:i]) + "." + string(digits[i:])
}
