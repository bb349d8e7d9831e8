package build_test

import (
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestMediaSharedByEveryLanguage builds the media site in three languages
// under a sub-path and follows every reference to a published image from
// every file of every language: img src and srcset, a video's still,
// og:image, twitter:image, JSON-LD images, feeds, data files and oEmbed
// files. Images are published once, in /media/, for all languages: each
// reference must name a file that is in the output.
func TestMediaSharedByEveryLanguage(t *testing.T) {
	t.Parallel()
	dir, _ := mediaSite(t, map[string]string{"timeline.yaml": `title: Media
base_url: https://example.org/tl/
cards: {thumbnails: true}
languages:
  - {code: en, label: English}
  - {code: uk, label: Українська}
  - {code: ar, label: العربية}
`})
	files := buildMemory(t, options(dir))
	seen := checkMediaRefs(t, files, "https://example.org/tl/")
	for _, lang := range []string{"en", "uk", "ar"} {
		if seen[lang] == 0 {
			t.Errorf("no file of %s names an image: the test looked at nothing", lang)
		}
	}
	// Every kind of reference is there in every language.
	for _, prefix := range []string{"", "uk/", "ar/"} {
		page := string(files[prefix+"events/talks/index.html"])
		for _, want := range []*regexp.Regexp{
			regexp.MustCompile(`<img src="/tl/media/[0-9a-f]{16}-960\.jpg" srcset="/tl/media/`),
			regexp.MustCompile(`<meta property="og:image" content="https://example\.org/tl/media/`),
			regexp.MustCompile(`<meta name="twitter:image" content="https://example\.org/tl/media/`),
			regexp.MustCompile(`"image":\["https://example\.org/tl/media/`),
		} {
			if !want.MatchString(page) {
				t.Errorf("%sevents/talks/index.html lacks %s", prefix, want)
			}
		}
		plain := string(files[prefix+"events/plain/index.html"])
		if !regexp.MustCompile(`<meta property="og:image" content="https://example\.org/tl/media/[0-9a-f]{16}-share\.png">`).MatchString(plain) {
			t.Errorf("%sevents/plain/index.html has no share card at /tl/media/", prefix)
		}
		for _, f := range []string{"feed.xml", "feed.json", "data/timeline.json"} {
			if !strings.Contains(string(files[prefix+f]), "https://example.org/tl/media/") {
				t.Errorf("%s%s names no image in /tl/media/", prefix, f)
			}
		}
	}
}

// Without an address, pages link to images by relative URLs, which
// must lead from every language's folders to the one /media/.
func TestMediaSharedByEveryLanguageWithRelativeLinks(t *testing.T) {
	t.Parallel()
	dir, _ := mediaSite(t, map[string]string{"timeline.yaml": `title: Media
cards: {thumbnails: true}
languages:
  - {code: en, label: English}
  - {code: uk, label: Українська}
`})
	files := buildMemory(t, options(dir))
	seen := checkMediaRefs(t, files, "")
	if seen["en"] == 0 || seen["uk"] == 0 {
		t.Errorf("images named %v times by language, want some in en and uk", seen)
	}
	if !strings.Contains(string(files["uk/events/talks/index.html"]), `src="../../../media/`) {
		t.Error("uk/events/talks/ does not climb to /media/")
	}
}

// The sample has no photos but a share card on every article, in English
// and Ukrainian.
func TestSampleMediaSharedByEveryLanguage(t *testing.T) {
	t.Parallel()
	files := buildMemory(t, options(goldenSites["sample"]))
	seen := checkMediaRefs(t, files, "https://example.org/timeline/")
	if seen["en"] == 0 || seen["uk"] == 0 {
		t.Errorf("the sample names images %v times by language, want some in en and uk", seen)
	}
}

// checkMediaRefs follows every reference to a published image in every
// page, feed and data file of a site whose base_url is site ("" for a
// site of relative links), failing the test for each one not in files.
// It counts the references by language (uk/ and ar/ files, the rest en).
func checkMediaRefs(t *testing.T, files map[string][]byte, site string) map[string]int {
	t.Helper()
	// Any path ending in a media variant's name, absolute or not.
	ref := regexp.MustCompile(`[^"'\s,()<>]*media/[0-9a-f]{16}-[a-z0-9]+\.(?:jpg|png)`)
	host, base := "", "/"
	if site != "" {
		host = site[:strings.Index(site[len("https://"):], "/")+len("https://")]
		base = strings.TrimPrefix(site, host)
	}
	seen := map[string]int{}
	for name, data := range files {
		switch path.Ext(name) {
		case ".html", ".json", ".xml", ".csv", ".geojson":
		default:
			continue
		}
		lang := "en"
		if strings.HasPrefix(name, "uk/") || strings.HasPrefix(name, "ar/") {
			lang = name[:2]
		}
		for _, u := range ref.FindAllString(string(data), -1) {
			seen[lang]++
			target := strings.TrimPrefix(u, host)
			switch {
			case strings.HasPrefix(target, "/"):
				target = strings.TrimPrefix(target, base)
			case strings.HasSuffix(name, ".html"):
				target = path.Join(path.Dir(name), target) // a page's links are relative to it
			}
			// Else feeds and data files of a site without an address
			// name files from the site's root.
			if _, ok := files[target]; !ok {
				t.Errorf("%s names %s, which is not in the output", name, u)
			}
		}
	}
	return seen
}
