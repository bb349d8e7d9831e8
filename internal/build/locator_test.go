package build_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// A place's locator map shades the country its editor wrote, in whatever
// usual name or code, and none when there is none: the README's Geneva,
// which falls in France on the basemap, shades Switzerland, the same
// outline as when written CH.
func TestLocatorShadesTheCountryWritten(t *testing.T) {
	t.Parallel()
	files := buildMemory(t, options(sitetest.New(t, map[string]string{
		"content/a.md": article("Talks in Geneva", "location: {name: Geneva, country: Switzerland, lat: 46.2044, lon: 6.1432}\n", ""),
		"content/b.md": article("Talks in Geneva again", "location: {name: Genève, country: CH, lat: 46.2044, lon: 6.1432}\n", ""),
		"content/c.md": article("A point in Geneva, said to be France", "location: {name: Gex, country: Франция, lat: 46.2044, lon: 6.1432}\n", ""),
		"content/d.md": article("No country given", "location: {name: Somewhere, lat: 46.2044, lon: 6.1432}\n", ""),
	})))
	focus := regexp.MustCompile(`<path class="tg-country tg-map-focus"[^>]*>`)
	shaded := func(place string) string {
		svg := string(files["places/"+place+"/map.svg"])
		if svg == "" {
			t.Fatalf("no map of %s", place)
		}
		m := focus.FindAllString(svg, -1)
		if len(m) > 1 {
			t.Errorf("%s: %d countries shaded", place, len(m))
		}
		return strings.Join(m, "")
	}
	geneva, ch, gex := shaded("geneva"), shaded("geneve"), shaded("gex")
	if geneva == "" || geneva != ch {
		t.Errorf("Geneva, Switzerland and Genève, CH do not shade the same country:\n%.200s\n%.200s", geneva, ch)
	}
	if gex == "" || gex == geneva {
		t.Error("Франция shades the same outline as Switzerland")
	}
	if s := shaded("somewhere"); s != "" {
		t.Errorf("a place without a country shades one: %.200s", s)
	}
}
