package sitecheck

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// languagesSite is the sample timeline in English, Ukrainian and Arabic
// (Arabic mostly not yet translated), with a test entry about Kyiv for
// the word-form searches. The sample's own content is copied unchanged.
func languagesSite(tmp string) (string, error) {
	dir := filepath.Join(tmp, "src")
	if err := os.CopyFS(dir, os.DirFS(repoRoot+"/content")); err != nil {
		return "", err
	}
	// os.CopyFS wrote content's files at dir's root: move them under content/.
	if err := os.Rename(dir, filepath.Join(tmp, "content")); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.Rename(filepath.Join(tmp, "content"), filepath.Join(dir, "content")); err != nil {
		return "", err
	}
	if err := os.CopyFS(filepath.Join(dir, "i18n"), os.DirFS(repoRoot+"/i18n")); err != nil {
		return "", err
	}
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "timeline.yaml"))
	if err != nil {
		return "", err
	}
	langs := regexp.MustCompile(`(?ms)^languages:\n(  - .*?\n)+`)
	three := "languages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n  - {code: ar, label: العربية}\n"
	files := map[string]string{
		"timeline.yaml": langs.ReplaceAllString(string(cfg), three),
		// Test data, not part of the sample: an entry about Kyiv.
		"content/test/kyiv-test.md": "---\ntitle: A test entry about Kyiv\ndate: 2025-03\nkind: political\nactors: [Ukraine]\n---\nA test entry, for the search tests.\n",
		// Test data too: an English title with a full stop, and a summary
		// that leaves a RIGHT-TO-LEFT OVERRIDE open, untranslated on /ar/.
		"content/test/bidi-title.md":   "---\ntitle: \"An override \u202Eleft open in a title\"\ndate: 2025-03\nkind: political\n---\nA test entry, for the bidirectional text tests.\n",
		"content/test/bidi-test.md":    "---\ntitle: A test entry that ends with a full stop.\ndate: 2025-03\nkind: political\nsummary: \"A test summary \u202Ewith an override left open\"\nactors: [Ukraine]\n---\nA test entry, for the bidirectional text tests.\n",
		"content/test/kyiv-test.uk.md": "---\ntitle: Тестовий запис про Київ\nsummary: Тестовий запис для перевірки пошуку.\n---\nТестовий запис.\n",
		"content/2025/03/jeddah-talks.ar.md": "---\ntitle: \"أوكرانيا توافق في محادثات جدة على اقتراح أمريكي بوقف إطلاق النار 30 يومًا\"\n" +
			"summary: \"في محادثات مع مسؤولين أمريكيين في جدة بالمملكة العربية السعودية، توافق أوكرانيا على اقتراح أمريكي بوقف إطلاق النار 30 يومًا، تتعهد الولايات المتحدة بعرضه على روسيا.\"\n---\n" +
			"في محادثات بين كبار المسؤولين الأوكرانيين والأمريكيين في جدة بالمملكة العربية السعودية، وافقت أوكرانيا على اقتراح بوقف إطلاق النار 30 يومًا قدّمته الولايات المتحدة.\n",
		"i18n/ar.yaml": "actors: {Ukraine: أوكرانيا, United States: الولايات المتحدة, Russia: روسيا, Saudi Arabia: السعودية}\nplaces: {Jeddah: جدة, Saudi Arabia: السعودية}\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

var (
	htmlLangRE  = regexp.MustCompile(`<html lang="([^"]*)" dir="([^"]*)">`)
	hreflangRE  = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">`)
	switcherRE  = regexp.MustCompile(`(?s)<nav class="languages wrap" aria-label="[^"]+"><ul>(.*?)</ul></nav>`)
	inLangRE    = regexp.MustCompile(`"inLanguage":"([^"]*)"`)
	h1LangRE    = regexp.MustCompile(`<h1 id="title"(?: lang="([^"]*)" dir="(?:ltr|rtl)")?>`)
	sitemapURLs = regexp.MustCompile(`(?s)<url><loc>([^<]*)</loc>(.*?)</url>`)
)

// TestEveryPageInEveryLanguage checks a site of several languages: every
// page exists in each, at the same path under the language's root, says
// its language and direction, links every language's version and
// x-default (each a page of the site), and has the language switcher;
// entries not yet translated say so and mark their words' language; the
// sitemap lists every page's alternates; feeds and search exist per
// language.
func TestEveryPageInEveryLanguage(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		prefixes := s.prefixes()
		if len(prefixes) < 2 {
			t.Skip("a site of one language")
		}
		var problems []string
		bad := func(page, msg string) { problems = append(problems, page+": "+msg) }
		byURL := map[string]string{}
		for _, p := range s.pages() {
			byURL[s.url(p)] = p
		}
		untranslated := 0
		for _, page := range s.pages() {
			if strings.HasPrefix(page, "uk/") || strings.HasPrefix(page, "ar/") || strings.Contains(page, "/page/") {
				continue // reached from the default language's page
			}
			for _, prefix := range prefixes {
				lp := prefix + page
				b, ok := s.files[lp]
				if !ok {
					bad(lp, "missing: every page exists in every language")
					continue
				}
				text := string(b)
				code, dir := strings.TrimSuffix(prefix, "/"), "ltr"
				if code == "" {
					code = "en"
				}
				if code == "ar" {
					dir = "rtl"
				}
				if m := htmlLangRE.FindStringSubmatch(text); m == nil || m[1] != code || m[2] != dir {
					bad(lp, "want <html lang=\""+code+"\" dir=\""+dir+"\">")
				}
				alts := hreflangRE.FindAllStringSubmatch(text, -1)
				if len(alts) != len(prefixes)+1 || alts[len(alts)-1][1] != "x-default" {
					bad(lp, "want an hreflang alternate for every language and x-default")
				}
				for _, a := range alts {
					if _, ok := byURL[a[2]]; !ok && !strings.HasSuffix(a[2], "404.html") {
						bad(lp, "hreflang "+a[1]+" leads to "+a[2]+", not a page of the site")
					}
				}
				if m := switcherRE.FindStringSubmatch(text); m == nil || strings.Count(m[1], "<li>") != len(prefixes) || !strings.Contains(m[1], `aria-current="page" lang="`+code+`"`) {
					bad(lp, "no language switcher with every language and this one current")
				}
				if !strings.HasPrefix(page, "events/") {
					continue
				}
				h1 := h1LangRE.FindStringSubmatch(text)
				inLang := inLangRE.FindStringSubmatch(text)
				note := strings.Contains(text, `class="translation-note untranslated"`)
				switch {
				case h1 == nil || inLang == nil:
					bad(lp, "no <h1 id=title> or JSON-LD inLanguage")
				case h1[1] != "": // not yet translated: in the original's words
					untranslated++
					if h1[1] != "en" || inLang[1] != "en" || !note || prefix == "" {
						bad(lp, "an untranslated entry is marked lang=\"en\", inLanguage en, and says it is not yet translated")
					}
				case inLang[1] != code || note:
					bad(lp, "a translated entry has inLanguage "+code+" and no untranslated note")
				}
			}
		}
		if untranslated == 0 && s.name == "languages" {
			t.Error("no entry page shown untranslated: the test site should have some")
		}
		for _, prefix := range prefixes[1:] {
			for _, f := range []string{"feed.xml", "feed.json", "search/manifest.json", "data/timeline.json", "404.html"} {
				if _, ok := s.files[prefix+f]; !ok {
					bad(prefix+f, "missing: each language has its own")
				}
			}
			if !strings.Contains(string(s.files[prefix+"feed.xml"]), `xml:lang="`+strings.TrimSuffix(prefix, "/")+`"`) {
				bad(prefix+"feed.xml", "not in its language")
			}
		}
		for _, m := range sitemapURLs.FindAllStringSubmatch(string(s.files["sitemap.xml"]), -1) {
			if n := strings.Count(m[2], "<xhtml:link rel=\"alternate\""); n != len(prefixes)+1 {
				bad("sitemap.xml", m[1]+": "+strconvItoa(n)+" xhtml:link alternates, want every language and x-default")
			}
		}
		report(t, "languages", problems)
	})
}

func strconvItoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestSearchUnderstandsWordForms searches the Ukrainian pages in headless
// Chromium: word forms find each other, and case, diacritics and the
// apostrophes ʼ ' ’ are folded.
func TestSearchUnderstandsWordForms(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	for _, s := range sites {
		if s.name != "languages" {
			continue
		}
		s.build(t)
		for q, want := range map[string]string{
			"Києві":       "/uk/events/kyiv-test/",
			"КИЄВА":       "/uk/events/kyiv-test/",
			"переговорів": "/uk/events/russia-open-to-talks/",
			"Росії":       "/uk/events/russia-open-to-talks/",
			"перемир'я":   "/uk/events/jeddah-talks/",
			"перемирʼя":   "/uk/events/jeddah-talks/",
			"перемир’я":   "/uk/events/jeddah-talks/",
		} {
			sctx := step(t, ctx, 30*time.Second)
			if err := chromedp.Do(sctx, chromedp.Navigate(s.base+"uk/search/?q="+url.QueryEscape(q))); err != nil {
				t.Fatal(err)
			}
			js := `[...document.querySelectorAll('#search-results a')].some(a => new URL(a.href).pathname.endsWith(` + jsString(want) + `))`
			if !waitFor(sctx, js, 10*time.Second) {
				got, _ := chromedp.Run(sctx, chromedp.Evaluate[string](`document.getElementById('search-status').textContent + ' | ' + [...document.querySelectorAll('#search-results a')].map(a => a.textContent).join(' | ')`))
				t.Errorf("searching %q: no result %s; the page shows: %s", q, want, got)
			}
		}
		status, _ := chromedp.Run(step(t, ctx, 10*time.Second), chromedp.Evaluate[string](`document.getElementById('search-status').textContent`))
		if !strings.Contains(status, "за запитом") {
			t.Errorf("search status %q is not in Ukrainian", status)
		}
		// The results' statuses and publisher counts too (search.js).
		meta, _ := chromedp.Run(step(t, ctx, 10*time.Second), chromedp.Evaluate[string](`[...document.querySelectorAll('#search-results .status, #search-results .publishers')].map(e => e.textContent).join(' | ')`))
		if meta == "" || regexp.MustCompile(`reported|confirmed|disputed|publisher`).MatchString(meta) {
			t.Errorf("search results' statuses and publishers %q are not in Ukrainian", meta)
		}
	}
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }
