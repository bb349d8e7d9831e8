package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// A tiny site in English and Ukrainian: one article translated, one not.
func languagesSite(t *testing.T, extra map[string]string) string {
	files := map[string]string{
		"timeline.yaml": "title: Timeline\nbase_url: https://example.org/\nlanguages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n",
		"content/talks.md": testArticle("Talks in Jeddah", "2025-03-11", "diplomatic", "actors: [Ukraine]\nsummary: Delegations meet.\nevents:\n  - {id: statement, title: A joint statement}\n",
			"Talks, after [[strike]]."),
		"content/talks.uk.md": "---\ntitle: Переговори в Джидді\nsummary: Делегації зустрічаються.\nevents:\n  - {id: statement, title: Спільна заява}\n---\nПереговори після [[strike]].\n",
		"content/strike.md":   testArticle("A strike", "2025-03", "military", "actors: [Ukraine]\n", "A strike."),
		"i18n/uk.yaml":        "title: Хронологія\nactors: {Ukraine: Україна}\nkinds: {diplomatic: Дипломатія, military: Військові події, political: Політика, humanitarian: Гуманітарні питання, economic: Економіка}\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	return sitetest.New(t, files)
}

func TestEveryPageInUkrainianToo(t *testing.T) {
	t.Parallel()
	files := buildMemory(t, options(languagesSite(t, nil)))
	for name := range files {
		if strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "uk/") {
			if _, ok := files["uk/"+name]; !ok {
				t.Errorf("%s has no uk/%s", name, name)
			}
		}
	}
	page := func(name string) string {
		b, ok := files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		return string(b)
	}
	for name, wants := range map[string][]string{
		"uk/events/talks/index.html": {
			`<html lang="uk" dir="ltr">`, `<h1 id="title">Переговори в Джидді</h1>`, "11 березня 2025",
			`<a href="/uk/events/strike/" class="wikilink">`, `"inLanguage":"uk"`, `Спільна заява`,
			`<link rel="alternate" hreflang="en" href="https://example.org/events/talks/">`, `<link rel="alternate" hreflang="x-default" href="https://example.org/events/talks/">`,
			`<a href="/events/talks/" hreflang="en" lang="en" rel="alternate">English</a>`, "<title>Переговори в Джидді · Хронологія</title>",
		},
		"uk/events/strike/index.html": {
			`<h1 id="title" lang="en" dir="ltr">A strike</h1>`, `Ще не перекладено: показано мовою оригіналу.`, `"inLanguage":"en"`, "березень 2025",
		},
		"uk/actors/ukraine/index.html": {"<h1 dir=\"auto\">Події за участю: Україна</h1>", "березень 2025"},
		"uk/index.html":                {`<h3 class="entry-title" lang="en" dir="ltr"><a href="/uk/events/strike/">A strike</a></h3>`},
		"events/talks/index.html":      {`<html lang="en" dir="ltr">`, `<h1 id="title">Talks in Jeddah</h1>`, `hreflang="uk" href="https://example.org/uk/events/talks/"`},
		"uk/feed.xml":                  {`xml:lang="uk"`, "<title>Переговори в Джидді</title>"},
		"uk/404.html":                  {"Сторінку не знайдено"},
		// The visual timeline, embed pages and oEmbed in Ukrainian.
		"uk/embed/index.html":              {`<html lang="uk" dir="ltr">`, `<div class="vt" data-vt="all.json" data-base="/uk/"`, "Переговори в Джидді", `hreflang="en" href="https://example.org/embed/"`, `target="_self">English</a>`},
		"uk/events/talks/index.html#embed": {"<summary>Вбудувати</summary>", `src=&#34;https://example.org/uk/embed/years/2025/#talks&#34;`, `href="https://example.org/uk/events/talks/oembed.json"`},
		"uk/events/talks/oembed.json":      {`"title": "Переговори в Джидді"`, `"provider_url": "https://example.org/uk/"`},
		"uk/data/visual/words.json":        {`"region":"Візуальна хронологія"`, `"many":"%d записів"`},
		"uk/data/visual/t/0.json":          {"Переговори в Джидді"},
		"sitemap.xml":                      {`<xhtml:link rel="alternate" hreflang="uk" href="https://example.org/uk/events/talks/"/>`},
	} {
		name, _, _ = strings.Cut(name, "#") // a second look at one page
		text := page(name)
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q", name, w)
			}
		}
	}
	var ev struct {
		Entries []struct {
			Slug         string
			Translations map[string]struct {
				Title, URL string
				Translated bool
			}
		}
	}
	if err := json.Unmarshal(files["data/events.json"], &ev); err != nil {
		t.Fatal(err)
	}
	for _, e := range ev.Entries {
		tr := e.Translations["uk"]
		switch e.Slug {
		case "talks":
			if tr.Title != "Переговори в Джидді" || tr.URL != "https://example.org/uk/events/talks/" || !tr.Translated {
				t.Errorf("talks: translations %+v", e.Translations)
			}
		case "strike":
			if tr.Title != "A strike" || tr.Translated {
				t.Errorf("strike: translations %+v", e.Translations)
			}
		}
	}
}

func TestRightToLeft(t *testing.T) {
	t.Parallel()
	site := languagesSite(t, map[string]string{
		"timeline.yaml": "base_url: https://example.org/\nlanguages: [en, ar]\n",
	})
	delete := filepath.Join(site, "content", "talks.uk.md")
	if err := os.Remove(delete); err != nil {
		t.Fatal(err)
	}
	files := buildMemory(t, options(site))
	if p := string(files["ar/events/talks/index.html"]); !strings.Contains(p, `<html lang="ar" dir="rtl">`) || !strings.Contains(p, "١١ مارس ٢٠٢٥") {
		t.Errorf("ar page:\n%.600s", p)
	}
}

func TestEditingATranslationRerendersOnlyItsLanguage(t *testing.T) {
	t.Parallel()
	site := languagesSite(t, nil)
	b := build.NewBuilder(options(site))
	if _, ds := b.Rebuild(nil); ds.HasErrors() {
		t.Fatal(ds)
	}
	p := filepath.Join(site, "content", "talks.uk.md")
	src, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(src), "Переговори в Джидді", "Переговори в Джидді тривають", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, ds := b.Rebuild([]string{"content/talks.uk.md"})
	if res == nil {
		t.Fatal(ds)
	}
	if len(res.Rendered()) == 0 || slices.ContainsFunc(res.Rendered(), func(n string) bool { return !strings.HasPrefix(n, "uk/") }) {
		t.Errorf("rendered %v, want only Ukrainian pages", res.Rendered())
	}
	if !slices.Contains(res.Rendered(), "uk/events/talks/index.html") {
		t.Errorf("rendered %v, want uk/events/talks/index.html", res.Rendered())
	}
}

func TestStaleTranslationWarnsAndSaysSo(t *testing.T) {
	t.Parallel()
	site := languagesSite(t, map[string]string{
		"content/talks.uk.md": "---\ntitle: Переговори\ntranslation_of: 00000000-00000000-00000000-00000000\n---\nТекст.\n",
	})
	site2, ds := build.Compile(options(site))
	if site2 == nil {
		t.Fatal(ds)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].String(), "content/talks.uk.md:3:17: warning: the original changed since this translation (title, summary, events, body)") {
		t.Errorf("diagnostics %v", ds)
	}
	files := buildMemory(t, options(site))
	if !strings.Contains(string(files["uk/events/talks/index.html"]), "переклад може бути застарілим") {
		t.Error("the page does not say the translation may be out of date")
	}
}

func TestLanguageAndLanguagesBothIsAnError(t *testing.T) {
	t.Parallel()
	site := languagesSite(t, map[string]string{"timeline.yaml": "language: en\nlanguages: [en, uk]\n"})
	if s, ds := build.Compile(options(site)); s != nil || !strings.Contains(ds.Error(), "timeline.yaml:1:1: language and languages are both set") {
		t.Errorf("diagnostics %v", ds)
	}
}

// A name the page's language file does not translate is shown as written,
// marked as the original's language, so that a screen reader reads it so
// and a right-to-left page keeps its punctuation in place; a translated
// one is the page's own.
func TestUntranslatedNamesCarryTheirLanguage(t *testing.T) {
	t.Parallel()
	site := languagesSite(t, map[string]string{
		"content/strike.md": testArticle("A strike", "2025-03", "military", "actors: [Ukraine, Kharkiv Regional Administration]\nlocation: {name: Kharkiv, country: Ukraine}\ntags: [energy]\n", "A strike."),
	})
	files := buildMemory(t, options(site))
	for name, wants := range map[string][]string{
		"uk/events/strike/index.html": {
			`<a href="/uk/actors/ukraine/" dir="auto">Україна</a>`,
			`<a href="/uk/actors/kharkiv-regional-administration/" lang="en" dir="ltr">Kharkiv Regional Administration</a>`,
			`<a href="/uk/places/kharkiv/" lang="en" dir="ltr">Kharkiv</a>`,
			`<a href="/uk/tags/energy/" lang="en" dir="ltr">energy</a>`,
		},
		"uk/actors/index.html":     {`lang="en" dir="ltr">Kharkiv Regional Administration</a>`, `<a href="/uk/actors/ukraine/" dir="auto">Україна</a>`},
		"events/strike/index.html": {`<a href="/actors/kharkiv-regional-administration/" dir="auto">Kharkiv Regional Administration</a>`},
	} {
		page := string(files[name])
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}
}
