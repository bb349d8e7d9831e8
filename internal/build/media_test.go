package build_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// mediaSite is mediatest's site, with extra files.
func mediaSite(t testing.TB, extra map[string]string) (dir string, exif []byte) {
	t.Helper()
	files, exif := mediatest.SiteFiles()
	for k, v := range extra {
		files[k] = v
	}
	return newSite(t, files), exif
}

func TestMediaFiguresOnEntryPage(t *testing.T) {
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
	dir := newSite(t, map[string]string{
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
	dir := newSite(t, map[string]string{
		"content/a.md":        testArticle("A", "2025-03-11", "diplomatic", "media:\n  - {file: phone.jpg, alt: Upright, credit: C}\n", "Body."),
		"content/phone.jpg":   string(mediatest.Rotated(400, 300)),
		"content/unused.jpeg": "not used",
	})
	page := string(buildMemory(t, options(dir))["events/a/index.html"])
	if !strings.Contains(page, `width="300" height="400" alt="Upright"`) {
		t.Errorf("a photo with EXIF orientation 6 is not turned upright:\n%s", page)
	}
}

func TestMediaCacheDoesNoWorkTwice(t *testing.T) {
	dir, _ := mediaSite(t, nil)
	first := buildMemory(t, options(dir))
	entries, err := os.ReadDir(filepath.Join(dir, ".timelinegen", "cache", "media"))
	if err != nil || len(entries) != 6 { // five images and the index
		t.Fatalf("the cache holds %d entries (%v), want 3 images and the index", len(entries), err)
	}
	_ = first
}

var _ = build.Options{Theme: timelinegen.Theme}
