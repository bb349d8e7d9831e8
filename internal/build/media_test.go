package build_test

import (
	"bytes"
	"fmt"
	"image"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/media/mediatest"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// mediaSite is mediatest's site, with extra files.
func mediaSite(t testing.TB, extra map[string]string) (dir string, exif []byte) {
	t.Helper()
	dir, exif = coldMediaSite(t, extra)
	warm := warmMediaCache(t)
	if err := os.CopyFS(filepath.Join(dir, filepath.FromSlash(build.CacheDir)), os.DirFS(warm)); err != nil {
		t.Fatal(err)
	}
	return dir, exif
}

// coldMediaSite is mediaSite with an empty image cache, for the tests of
// the cache itself.
func coldMediaSite(t testing.TB, extra map[string]string) (dir string, exif []byte) {
	t.Helper()
	files, exif := mediatest.SiteFiles()
	for k, v := range extra {
		files[k] = v
	}
	return sitetest.New(t, files), exif
}

// warmMediaCache is the image cache of one build of the media site, made
// once per test run: the media tests start from a copy of it rather than
// resizing the same photos and drawing the same share cards again (which
// under -race took minutes). The cache is keyed by each image's bytes and
// the settings, so a copy serves only what it would have made.
var warmMediaCache, removeWarmMediaCache = newWarmMediaCache()

func newWarmMediaCache() (get func(t testing.TB) string, remove func()) {
	var once sync.Once
	var src, dir string
	get = func(t testing.TB) string {
		t.Helper()
		once.Do(func() {
			var err error
			if src, err = os.MkdirTemp("", "timelinegen-media-cache-"); err != nil {
				t.Fatal(err)
			}
			files, _ := mediatest.SiteFiles()
			sitetest.Write(t, src, files)
			site, ds := build.Compile(options(src))
			if site == nil {
				t.Fatalf("build the media site: %v", ds)
			}
			if _, err := site.Write(output.NewMemory()); err != nil {
				t.Fatal(err)
			}
			dir = filepath.Join(src, filepath.FromSlash(build.CacheDir))
		})
		if dir == "" {
			t.Fatal("the media site's image cache could not be made")
		}
		return dir
	}
	return get, func() {
		if src != "" {
			os.RemoveAll(src)
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	removeWarmMediaCache()
	os.Exit(code)
}

func TestMediaFiguresOnEntryPage(t *testing.T) {
	t.Parallel()
	dir, _ := mediaSite(t, nil)
	files := buildMemory(t, options(dir))
	page := string(files["events/talks/index.html"])
	// The first photo is above the fold; everything after it is lazy.
	img := regexp.MustCompile(`<img src="/media/([0-9a-f]{16})-960\.jpg" srcset="/media/[0-9a-f]{16}-480\.jpg 480w, /media/[0-9a-f]{16}-960\.jpg 960w, /media/[0-9a-f]{16}-1440\.jpg 1440w" sizes="[^"]+" width="1440" height="1080" alt="Two delegations at a long table" fetchpriority="high">`)
	m := img.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no responsive photo figure on the entry page:\n%s", page)
	}
	for _, w := range []int{480, 960, 1440} {
		name := fmt.Sprintf("media/%s-%d.jpg", m[1], w)
		if _, ok := files[name]; !ok {
			t.Errorf("%s is not in the output", name)
		}
	}
	for _, want := range []string{
		`<figcaption><span class="media-caption">The delegations meet.</span> <span class="media-credit"><span class="visually-hidden">Credit: </span>Example Agency</span> <span class="media-license">(CC BY 4.0)</span></figcaption>`,
		// A 600-pixel PNG is made at 480 and at its own width, never
		// wider; it keeps its transparency as PNG.
		`-480.png 480w, /media/`,
		`-600.png 600w" sizes=`,
		`width="600" height="400" alt="A map of the region" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the entry page lacks %s", want)
		}
	}
	if strings.Contains(page, "-1440.png") || strings.Contains(page, "-960.png") {
		t.Error("a 600-pixel image was made wider than it is")
	}
	for name := range files {
		if strings.HasPrefix(name, "content/") || strings.HasSuffix(name, "photo.jpg") {
			t.Errorf("an original file is in the output: %s", name)
		}
	}
}

// TestMediaMetadataNeverPublished feeds a photo with GPS EXIF, XMP and
// IPTC and looks for any of it in every output file.
func TestMediaMetadataNeverPublished(t *testing.T) {
	t.Parallel()
	dir, exif := mediaSite(t, nil)
	files := buildMemory(t, options(dir))
	gps := exif[len(exif)-60:] // the GPS IFD and its coordinates
	for name, data := range files {
		if bytes.Contains(data, exif[6:40]) || bytes.Contains(data, gps) {
			t.Errorf("%s contains the photo's EXIF", name)
		}
		for _, s := range mediatest.Secrets {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s contains %q from the photo's metadata", name, s)
			}
		}
		if strings.HasSuffix(name, ".jpg") {
			for i := 2; i+4 <= len(data) && data[i] == 0xFF && data[i+1] != 0xDA; i += 2 + int(data[i+2])<<8 | int(data[i+3]) {
				if m := data[i+1]; m >= 0xE1 && m <= 0xEF {
					t.Errorf("%s has an APP%d segment", name, m-0xE0)
				}
			}
		}
	}
}

func TestMediaPNGStaysPNGOnlyWhenTransparent(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"content/a.md":      testArticle("A", "2025-03-11", "diplomatic", "media:\n  - {file: clear.png, alt: Opaque, credit: C}\n  - {file: see.png, alt: Transparent, credit: C}\n", "Body."),
		"content/clear.png": string(mediatest.PNG(500, 300, false)),
		"content/see.png":   string(mediatest.PNG(500, 300, true)),
	})
	page := string(buildMemory(t, options(dir))["events/a/index.html"])
	if !regexp.MustCompile(`-500\.jpg 500w" sizes="[^"]+" width="500" height="300" alt="Opaque"`).MatchString(page) {
		t.Errorf("an opaque PNG is not published as JPEG:\n%s", page)
	}
	if !regexp.MustCompile(`-500\.png 500w" sizes="[^"]+" width="500" height="300" alt="Transparent"`).MatchString(page) {
		t.Errorf("a transparent PNG is not published as PNG:\n%s", page)
	}
}

func TestMediaTurnedUprightByEXIFOrientation(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"content/a.md":        testArticle("A", "2025-03-11", "diplomatic", "media:\n  - {file: phone.jpg, alt: Upright, credit: C}\n", "Body."),
		"content/phone.jpg":   string(mediatest.Rotated(400, 300)),
		"content/unused.jpeg": "not used",
	})
	page := string(buildMemory(t, options(dir))["events/a/index.html"])
	if !strings.Contains(page, `width="300" height="400" alt="Upright"`) {
		t.Errorf("a photo with EXIF orientation 6 is not turned upright:\n%s", page)
	}
}

// cacheState is every file in the site's image cache and when it was
// written.
func cacheState(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	state := map[string]time.Time{}
	root := filepath.Join(dir, ".timelinegen", "cache", "media")
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "index.json" {
			info, _ := d.Info()
			rel, _ := filepath.Rel(root, p)
			state[filepath.ToSlash(rel)] = info.ModTime()
		}
		return nil
	})
	return state
}

// TestMediaCacheDoesNoWorkTwice: a second build writes nothing to the
// cache; changing one image in serve's Builder makes that image alone,
// and the cache forgets the old one.
func TestMediaCacheDoesNoWorkTwice(t *testing.T) {
	t.Parallel()
	dir, _ := coldMediaSite(t, nil)
	opts := options(dir)
	buildMemory(t, opts)
	first := cacheState(t, dir)
	if len(first) < 5*3 {
		t.Fatalf("the cache holds %d files after the first build", len(first))
	}
	time.Sleep(10 * time.Millisecond) // so that a file written again has another time
	buildMemory(t, opts)
	if again := cacheState(t, dir); !maps.Equal(first, again) {
		t.Errorf("a second full build wrote to the cache:\nbefore %v\nafter  %v", first, again)
	}
	b := build.NewBuilder(opts)
	res, ds := b.Rebuild(nil)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	for _, name := range res.Names() {
		res.File(name)
	}
	if again := cacheState(t, dir); !maps.Equal(first, again) {
		t.Errorf("serve's first build wrote to the cache")
	}
	if _, ds := b.Rebuild([]string{"content/plain.md"}); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	if again := cacheState(t, dir); !maps.Equal(first, again) {
		t.Errorf("a rebuild for an edit of an article without images wrote to the cache")
	}

	if err := os.WriteFile(filepath.Join(dir, "content/talks/map.png"), mediatest.PNG(300, 200, false), 0o644); err != nil {
		t.Fatal(err)
	}
	res, ds = b.Rebuild([]string{"content/talks/map.png"})
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	after := cacheState(t, dir)
	var added, removed []string
	for f, tm := range after {
		if old, ok := first[f]; !ok {
			added = append(added, f)
		} else if !old.Equal(tm) {
			t.Errorf("%s was made again, though its image did not change", f)
		}
	}
	for f := range first {
		if _, ok := after[f]; !ok {
			removed = append(removed, f)
		}
	}
	// The new image: two widths and meta.json; the old one pruned alike.
	if len(added) != 3 || len(removed) != 4 {
		t.Errorf("changing one image added %v and removed %v from the cache", added, removed)
	}
	page, _ := res.File("events/talks/index.html")
	if !regexp.MustCompile(`-300\.jpg 300w" sizes="[^"]+" width="300" height="200" alt="A map of the region"`).Match(page) {
		t.Errorf("the page does not show the changed image:\n%s", page)
	}
}

var _ = build.Options{Theme: timelinegen.Theme}

func TestMediaShareCardForEntryWithoutPhoto(t *testing.T) {
	t.Parallel()
	dir, _ := mediaSite(t, nil)
	files := buildMemory(t, options(dir))
	for _, page := range []string{"events/plain/index.html", "events/graphic/index.html"} {
		html := string(files[page])
		m := regexp.MustCompile(`<meta property="og:image" content="https://example\.org/(media/[0-9a-f]{16}-share\.png)">`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("%s has no share card as og:image:\n%s", page, html)
		}
		for _, want := range []string{`<meta property="og:image:width" content="1200">`, `<meta property="og:image:height" content="630">`, `<meta name="twitter:image" content="https://example.org/` + m[1] + `">`, `<meta name="twitter:card" content="summary_large_image">`} {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(files[m[1]]))
		if err != nil || format != "png" || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: %s is not a 1200×630 PNG: %v %s %dx%d", page, m[1], err, format, cfg.Width, cfg.Height)
		}
	}
}

// TestMediaSensitiveNeverStandsForAnEntry: a sensitive photo is never the
// share image, a feed image, a JSON-LD image, a TimelineJS slide's media
// or a listing thumbnail.
func TestMediaSensitiveNeverStandsForAnEntry(t *testing.T) {
	t.Parallel()
	dir, _ := mediaSite(t, nil)
	files := buildMemory(t, options(dir))
	page := string(files["events/graphic/index.html"])
	hash := regexp.MustCompile(`/media/([0-9a-f]{16})-blur\.jpg`).FindStringSubmatch(page)
	if hash == nil {
		t.Fatalf("no blurred stand-in on the page of a sensitive photo:\n%s", page)
	}
	clear := regexp.MustCompile(hash[1] + `-\d+\.jpg`)
	head := page[:strings.Index(page, "</head>")]
	if clear.MatchString(head) {
		t.Errorf("the sensitive photo is in the page's head:\n%s", head)
	}
	for _, f := range []string{"feed.xml", "feed.json", "data/timeline.json", "index.html", "kinds/humanitarian/index.html", "search/index.html"} {
		if clear.Match(files[f]) {
			t.Errorf("%s names the sensitive photo", f)
		}
	}
	// The clear photo is only inside the closed <details>.
	if i, j := strings.Index(page, `<details class="media-reveal">`), strings.Index(page, "</details>"); i < 0 || clear.FindStringIndex(page)[0] < i || clear.FindStringIndex(page)[0] > j {
		t.Error("the clear sensitive photo is outside the closed <details>")
	}
	// events.json says it is sensitive and gives its blurred thumbnail.
	if !regexp.MustCompile(`"thumbnail":"https://example\.org/media/` + hash[1] + `-blur\.jpg","alt":"Bodies under sheets","caption":"","credit":"Example Agency","license":"","sensitive":true`).Match(files["data/events.json"]) {
		t.Errorf("events.json does not mark the sensitive photo:\n%s", files["data/events.json"])
	}
}

func TestMediaThumbnailsOnCards(t *testing.T) {
	t.Parallel()
	dir, _ := mediaSite(t, nil)
	files := buildMemory(t, options(dir))
	home := string(files["index.html"])
	if !regexp.MustCompile(`<li class="entry k-diplomatic has-thumb" data-status="reported">\n<img class="entry-thumb" src="/media/[0-9a-f]{16}-960\.jpg" srcset="[^"]+" sizes="8rem" width="1440" height="1080" alt="" loading="lazy" decoding="async">`).MatchString(home) {
		t.Errorf("no thumbnail on the card of an entry with a photo:\n%s", home)
	}
	if strings.Contains(home, `k-humanitarian has-thumb`) {
		t.Error("an entry whose only photo is sensitive has a thumbnail")
	}
	dir2, _ := mediaSite(t, map[string]string{"timeline.yaml": "title: No thumbnails\n"})
	if strings.Contains(string(buildMemory(t, options(dir2))["index.html"]), "entry-thumb") {
		t.Error("thumbnails without cards: {thumbnails: true}")
	}
}

func TestMediaFeedsAndData(t *testing.T) {
	t.Parallel()
	dir, _ := mediaSite(t, map[string]string{"timeline.yaml": "title: Media\nbase_url: https://example.org/tl/\n"})
	files := buildMemory(t, options(dir))
	photo := regexp.MustCompile(`https://example\.org/tl/media/[0-9a-f]{16}-1440\.jpg`)
	for _, f := range []string{"feed.xml", "feed.json", "data/events.json", "data/events.csv", "data/timeline.json"} {
		if !photo.Match(files[f]) {
			t.Errorf("%s does not name the photo by its absolute URL", f)
		}
	}
	for _, want := range []string{`<link rel="enclosure" type="image/jpeg" href="https://example.org/tl/media/`} {
		if !strings.Contains(string(files["feed.xml"]), want) {
			t.Errorf("feed.xml lacks %s", want)
		}
	}
	if !regexp.MustCompile(`"media":\{"url":"https://example\.org/tl/media/[0-9a-f]{16}-1440\.jpg","caption":"The delegations meet\.","credit":"Example Agency","thumbnail":"https://example\.org/tl/media/[0-9a-f]{16}-480\.jpg","alt":"Two delegations at a long table","link":"https://example\.org/tl/events/talks/"\}`).Match(files["data/timeline.json"]) {
		t.Errorf("timeline.json has no media slot for the photo:\n%s", files["data/timeline.json"])
	}
	if !strings.Contains(string(files["data/events.json"]), `{"type":"video","url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","width":null,"height":null,"thumbnail":"https://example.org/tl/media/`) {
		t.Errorf("events.json lacks the video:\n%s", files["data/events.json"])
	}
	page := string(files["events/talks/index.html"])
	if !regexp.MustCompile(`"image":\["https://example\.org/tl/media/[0-9a-f]{16}-1440\.jpg","https://example\.org/tl/media/[0-9a-f]{16}-600\.png"\]`).MatchString(page) {
		t.Errorf("the JSON-LD lacks the photos:\n%s", page)
	}
}
