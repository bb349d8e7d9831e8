package build_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The words a translated page may show in Latin letters: names, the
// formats the interface names (Atom, JSON Feed, oEmbed) and the keys of
// the keyboard the visual timeline's help names.
var latinAllowed = []string{"timelinegen", "devel", "Atom", "JSON", "Feed", "English", "Natural", "Earth", "YouTube", "JavaScript", "Markdown", "content", "oEmbed", "Enter", "Shift"}

// What the test site's originals say that translations do not carry
// (corrections, withdrawal reasons, captions: docs/languages.md): in the
// page's text they must be marked lang="en"; in a meta description, a
// video's data-title or JSON-LD, which cannot be marked, they may stand.
var originalWords = []string{"It was shown to be false.", "The video was from 2022.", "An earlier version named the wrong city.", "The delegations arrive."}

var latinWord = regexp.MustCompile(`[A-Za-z]{2,}`)

// TestTranslatedPagesSayNothingInEnglish builds testdata/sites/languages,
// a site in English, Ukrainian, Russian and Arabic with every interface
// string an entry can make (sources, attribution, corrections,
// withdrawals, places known only to an area, large casualty figures, a
// video, charts, maps), and reads every page and locator map of the
// translated languages as a reader and a screen reader would: the text,
// the attributes read aloud, the description and the JSON-LD; and the
// language's feeds, timeline.json and search index. Every word
// of the site there is translated, so a Latin word outside what is marked
// as in another language (lang="en") or is a source's own words (cite,
// publisher, quote, credit) is an interface string left in English.
func TestTranslatedPagesSayNothingInEnglish(t *testing.T) {
	t.Parallel()
	opts := options("testdata/sites/languages")
	opts.Generator = "timelinegen"
	files := buildMemory(t, opts)
	for _, lang := range []string{"uk", "ru", "ar"} {
		// Every kind of page is read: an entry, listings, the map, charts,
		// the corrections log, a status page, search and 404.
		for _, want := range []string{"index.html", "events/talks/index.html", "events/withdrawn/index.html", "kinds/military/index.html",
			"actors/ukraine/index.html", "places/moscow-oblast/index.html", "places/moscow-oblast/map.svg", "tags/ceasefire/index.html",
			"years/2025/index.html", "map/index.html", "corrections/index.html", "status/disputed/index.html", "search/index.html", "404.html",
			"feed.xml", "feed.json", "data/timeline.json", "search/manifest.json"} {
			if _, ok := files[lang+"/"+want]; !ok {
				t.Errorf("no %s/%s", lang, want)
			}
		}
		for name, data := range files {
			if !strings.HasPrefix(name, lang+"/") {
				continue
			}
			var said []string
			switch {
			case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".svg"):
				said = readAloud(t, name, data, lang)
			case strings.Contains(name, "/data/visual/"):
				said = visualText(t, name, data)
			case strings.HasSuffix(name, "feed.xml"):
				said = feedText(t, name, data)
			case strings.HasSuffix(name, ".json"):
				var v any
				if err := json.Unmarshal(data, &v); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				said = jsonText(v)
			}
			for _, s := range said {
				if w := englishWords(s); len(w) > 0 {
					t.Errorf("%s: English %q in %q", name, w, s)
				}
			}
		}
	}
}

// englishWords are the Latin words of s that no language's page may show
// untranslated.
func englishWords(s string) []string {
	var out []string
	for _, w := range latinWord.FindAllString(s, -1) {
		if !slices.Contains(latinAllowed, w) {
			out = append(out, w)
		}
	}
	return out
}

// readAloud is what a page says in its own language: its text and the
// attributes read aloud, less what is marked as in another language or
// quoted from a source, and the strings of its JSON-LD.
func readAloud(t *testing.T, name string, data []byte, lang string) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var out []string
	skip := 0 // depth inside an element not in the page's words
	ld := false
	var stack []bool
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Name.Local] = a.Value
			}
			el := tok.Name.Local
			// Code (the embed snippet) is not the page's words.
			other := el == "script" || el == "style" || el == "cite" || el == "blockquote" || el == "code" ||
				slices.ContainsFunc([]string{"publisher", "media-credit"}, func(c string) bool { return slices.Contains(strings.Fields(attr["class"]), c) }) ||
				attr["lang"] != "" && attr["lang"] != lang
			ld = el == "script" && attr["type"] == "application/ld+json"
			if other {
				skip++
			}
			stack = append(stack, other)
			if skip > 0 {
				continue
			}
			for _, k := range []string{"alt", "title", "aria-label", "placeholder", "data-title"} {
				if v := attr[k]; v != "" {
					out = append(out, withoutOriginal(v))
				}
			}
			if el == "meta" && (strings.Contains(attr["name"], "description") || strings.Contains(attr["property"], "description") || strings.HasSuffix(attr["property"], ":title")) {
				out = append(out, withoutOriginal(attr["content"]))
			}
		case xml.EndElement:
			if n := len(stack); n > 0 {
				if stack[n-1] {
					skip--
				}
				stack = stack[:n-1]
			}
			ld = false
		case xml.CharData:
			if ld {
				var v any
				if err := json.Unmarshal(tok, &v); err != nil {
					t.Fatalf("%s: JSON-LD: %v", name, err)
				}
				out = append(out, ldWords(v)...)
			} else if skip == 0 && strings.TrimSpace(string(tok)) != "" {
				out = append(out, string(tok))
			}
		}
	}
	return out
}

// visualText is what the visual timeline's data says: its words, its
// titles and its kinds' labels (not their names and colours).
func visualText(t *testing.T, name string, data []byte) []string {
	t.Helper()
	if strings.HasSuffix(name, "/words.json") {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return jsonStrings(v)
	}
	var v struct {
		Titles []string
		Kinds  [][3]string
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := v.Titles
	for _, k := range v.Kinds {
		out = append(out, k[1])
	}
	return out
}

// feedText is what an Atom feed says: its titles, summaries and
// contents.
func feedText(t *testing.T, name string, data []byte) []string {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	in := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local
		case xml.EndElement:
			in = ""
		case xml.CharData:
			if slices.Contains([]string{"title", "subtitle", "summary", "content", "name"}, in) {
				out = append(out, withoutOriginal(string(tok)))
			}
		}
	}
}

var markup = regexp.MustCompile(`<[^>]*>`)

// jsonText is what a JSON feed, timeline.json or the search index says:
// the strings of the keys that hold words, without markup.
func jsonText(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch k {
			case "title", "summary", "content_text", "content_html", "description", "headline", "text", "group", "name",
				"kinds", "actors", "places", "tags":
				for _, s := range jsonStrings(x) {
					out = append(out, withoutOriginal(markup.ReplaceAllString(s, " ")))
				}
			default:
				out = append(out, jsonText(x)...)
			}
		}
	case []any:
		for _, x := range v {
			out = append(out, jsonText(x)...)
		}
	}
	return out
}

// jsonStrings are every string in v, but the kinds' names ([name, label]).
func jsonStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if pair, ok := x.([]any); ok && len(pair) == 2 {
				x = pair[1] // a kind: [name, label]
			}
			out = append(out, jsonStrings(x)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, x := range v {
			out = append(out, jsonStrings(x)...)
		}
		return out
	}
	return nil
}

// ldWords are the words of JSON-LD values: not types, URLs, dates or a
// source's citation.
func ldWords(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch k {
			case "@context", "@type", "url", "mainEntityOfPage", "image", "citation", "inLanguage", "translationOfWork", "startDate", "endDate", "datePublished", "dateModified":
				continue
			}
			out = append(out, ldWords(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, ldWords(x)...)
		}
	case string:
		out = append(out, withoutOriginal(v))
	}
	return out
}

func withoutOriginal(s string) string {
	for _, o := range originalWords {
		s = strings.ReplaceAll(s, o, "")
	}
	return s
}

// Numbers are written as each language writes them, with CLDR's digits
// and thousands separator.
func TestNumbersInEachLanguage(t *testing.T) {
	t.Parallel()
	files := buildMemory(t, options("testdata/sites/languages"))
	for name, want := range map[string]string{
		"events/talks/index.html":    "12,500 (10,000–15,000)",
		"uk/events/talks/index.html": "12\u00a0500 (10\u00a0000–15\u00a0000)",
		"ru/events/talks/index.html": "12\u00a0500 (10\u00a0000–15\u00a0000)",
		"ar/events/talks/index.html": "١٢٬٥٠٠ (١٠٬٠٠٠–١٥٬٠٠٠)",
		// The casualty chart's axis and table.
		"uk/index.html": ">10\u00a0000</text>",
		"ar/index.html": ">١٠٬٠٠٠</text>",
	} {
		if !strings.Contains(page(t, files, name), want) {
			t.Errorf("%s: no %q", name, want)
		}
	}
}
