package sitecheck

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/bidi"
)

var (
	ldJSONRE    = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	metaPropRE  = regexp.MustCompile(`<meta property="(og:[a-z_:]+)" content="([^"]*)">`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
)

// TestStructuredData checks what search engines and link previews read:
// every JSON-LD block of every page parses; each entry page has a
// schema.org Event (itself or what it is about) named as its title, a
// canonical link to itself and Open Graph og:title, og:type and og:url
// (the page's URL).
func TestStructuredData(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		var problems []string
		bad := func(page, msg string) { problems = append(problems, page+": "+msg) }
		entries := 0
		for _, page := range s.pages() {
			b := string(s.files[page])
			var types []string
			var eventName string
			for _, m := range ldJSONRE.FindAllStringSubmatch(b, -1) {
				var v map[string]any
				if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
					bad(page, "JSON-LD does not parse: "+err.Error())
					continue
				}
				if v["@context"] != "https://schema.org" && v["@context"] != "http://schema.org" {
					bad(page, "JSON-LD @context is not schema.org")
				}
				for _, o := range []any{v, v["about"], v["mainEntity"]} {
					if o, ok := o.(map[string]any); ok {
						if ty, _ := o["@type"].(string); ty != "" {
							types = append(types, ty)
							if ty == "Event" {
								eventName, _ = o["name"].(string)
							}
						}
					}
				}
			}
			if !strings.HasPrefix(page, "events/") {
				continue
			}
			entries++
			url := s.url(page)
			og := map[string]string{}
			for _, m := range metaPropRE.FindAllStringSubmatch(b, -1) {
				og[m[1]] = html.UnescapeString(m[2])
			}
			for _, k := range []string{"og:title", "og:type", "og:url"} {
				if og[k] == "" {
					bad(page, "no "+k)
				}
			}
			if og["og:url"] != "" && og["og:url"] != url {
				bad(page, "og:url "+og["og:url"]+", want "+url)
			}
			if m := canonicalRE.FindStringSubmatch(b); m == nil || html.UnescapeString(m[1]) != url {
				bad(page, "no canonical link to "+url)
			}
			if eventName == "" {
				bad(page, "no schema.org Event in its JSON-LD (types: "+strings.Join(types, ", ")+")")
			} else if og["og:title"] != "" && bidi.Balance(eventName) != og["og:title"] {
				// JSON-LD keeps the title as written; an attribute has its
				// bidirectional controls closed, as it cannot isolate them.
				bad(page, "the Event's name "+quote(eventName)+" is not the title "+quote(og["og:title"]))
			}
		}
		report(t, "structured data", problems)
		t.Logf("%d entry pages", entries)
	})
}
