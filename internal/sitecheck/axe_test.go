package sitecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeViolation is one violation of axe.run's results.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axePages picks the pages axe checks: the home page, an entry, a year, a
// taxonomy index and a taxonomy page of each kind, the search page when
// there is one, the 404 page, the maps and embed pages.
var mediaMarkup = regexp.MustCompile(`class="(media|figures|entry-thumb)[ "]`)

func axePages(s *site) []string {
	pages := s.pages()
	if s.name == "media" {
		// Its pages are the layouts every other site has; those that show
		// photos, videos, a sensitive photo or thumbnails are its own.
		var own []string
		for _, p := range pages {
			if mediaMarkup.Match(s.files[p]) {
				own = append(own, p)
			}
		}
		return own
	}
	first := s.firstPage
	out := []string{first("embed/years/"), first("embed/actors/")}
	for _, l := range s.prefixes() { // every layout in every language
		out = append(out, l+"index.html", l+"embed/index.html", first(l+"events/"), first(l+"years/"), l+"kinds/index.html", first(l+"kinds/"), first(l+"actors/"), first(l+"places/"), first(l+"tags/"), l+"404.html", l+"map/index.html", first(l+"map/kinds/"), l+"corrections/index.html", first(l+"status/"))
		if _, ok := s.files[l+"search/index.html"]; ok {
			out = append(out, l+"search/index.html")
		}
	}
	var have []string
	for _, p := range out {
		if _, ok := s.files[p]; ok && p != "" {
			have = append(have, p)
		}
	}
	return have
}

// TestAccessibility reads the axe-core checks of the site's tour: a page
// of every layout in every language in the light color scheme and, in the
// default language, the dark one too: no serious or critical violations.
func TestAccessibility(t *testing.T) {
	t.Parallel() // the slow ones overlap: Java, and Chromium
	forEachSiteAtOnce(t, func(t *testing.T, s *site) {
		var problems, light, dark []string
		for _, v := range s.tour(t) {
			if v.axed {
				problems = append(problems, axeProblems(v.page, "light", v.axe)...)
				light = append(light, v.page)
			}
			if v.darkAxed {
				problems = append(problems, axeProblems(v.page, "dark", v.dark)...)
				dark = append(dark, v.page)
			}
		}
		report(t, "axe-core", problems)
		t.Logf("axe checked %s; in the dark too %s", strings.Join(light, ", "), strings.Join(dark, ", "))
	})
}

// inTheDark says whether axe checks the page in the dark color scheme
// too. The dark stylesheet changes only colours, so a translation has the
// colors of its default-language page (only its words differ, which the
// light run checks), and a large site's pages show the components of the
// others' but one, the pager: in the dark, its pages with a pager are
// checked (a page of a hundred entries took axe a second).
func inTheDark(s *site, page string) bool {
	if !inDefaultLanguage(s, page) {
		return false
	}
	return !s.large || bytes.Contains(s.files[page], []byte(`<nav class="pager"`))
}

// injectAxe puts axe-core, whose source is axeJS, in the page, once for
// both of its runs (light and dark): an injection of its 650 KB took
// Chromium 0.07 CPU-s.
func injectAxe(ctx context.Context, axeJS string) error {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeJS)); err != nil {
		return fmt.Errorf("inject axe: %v", err)
	}
	return nil
}

// runAxe runs the axe-core injectAxe put in the page with the options'
// rules (all, when rules is ""), and returns its serious and critical
// violations.
func runAxe(ctx context.Context, rules string) ([]axeViolation, error) {
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {resultTypes: ["violations"]`+rules+`}).then(r => r.violations.filter(v => v.impact === "serious" || v.impact === "critical"))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %v", err)
	}
	return vs, nil
}

// axeProblems says what each violation found on the page, with five of
// its nodes.
func axeProblems(page, scheme string, vs []axeViolation) []string {
	var problems []string
	for _, v := range vs {
		var nodes []string
		for i, n := range v.Nodes {
			if i == 5 {
				nodes = append(nodes, fmt.Sprintf("... and %d more", len(v.Nodes)-5))
				break
			}
			nodes = append(nodes, fmt.Sprintf("%v %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t\t")))
		}
		problems = append(problems, fmt.Sprintf("%s (%s): %s %s: %s; %d nodes:\n\t%s", page, scheme, v.Impact, v.ID, v.Help, len(v.Nodes), strings.Join(nodes, "\n\t")))
	}
	return problems
}

// darkRules are the axe rules the dark scheme can change: those that
// read colors. Only colors change in it (style.css's dark block sets the
// color properties alone; the visual timeline lightens its kinds' colors),
// so every other rule finds in the dark what it finds on the same page in
// the light run, which checks them all.
const darkRules = `, runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}`

// inDefaultLanguage says whether the page is of the default language. Axe
// checks only those in the dark scheme too: a translation has the colors
// of its default-language page; only its words differ, which the light
// run checks.
func inDefaultLanguage(s *site, page string) bool {
	for _, l := range s.prefixes()[1:] {
		if strings.HasPrefix(page, l) {
			return false
		}
	}
	return true
}

// firstTitleWord is the longest word of the first entry's title, to
// search for.
func firstTitleWord(s *site) (string, error) {
	var ev struct {
		Entries []struct{ Title string } `json:"entries"`
	}
	if err := json.Unmarshal(s.files["data/events.json"], &ev); err != nil || len(ev.Entries) == 0 {
		return "", fmt.Errorf("data/events.json: %v", err)
	}
	word := ""
	for _, w := range strings.Fields(ev.Entries[0].Title) {
		if len(w) > len(word) {
			word = w
		}
	}
	return strings.Trim(word, `.,;:"'`), nil
}
