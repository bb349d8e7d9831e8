package mediatest

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"sync"
)

// SiteFiles is a small site whose articles carry photos (one with GPS
// EXIF, XMP and IPTC), a transparent PNG, a sensitive photo and videos on
// every supported host, with thumbnails on listing cards. It returns the
// files by slash path and the photo's EXIF block, both the caller's own.
func SiteFiles() (files map[string]string, exif []byte) {
	files, exif = siteFiles()
	return maps.Clone(files), bytes.Clone(exif)
}

// siteFiles encodes the site's images once a process: a dozen tests start
// from this site, and under -race encoding its JPEGs took two seconds
// each time.
var siteFiles = sync.OnceValues(func() (map[string]string, []byte) {
	photo, exif := Photo(2000, 1500, 1)
	article := func(title, date, kind, extra, body string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\nkind: " + kind + "\n" + extra + "---\n" + body + "\n"
	}
	return map[string]string{
		"timeline.yaml": "title: Media test\nbase_url: https://example.org/\ncards: {thumbnails: true}\n",
		"content/talks/index.md": article("Delegations meet in Jeddah", "2025-03-11", "diplomatic", `actors: [Ukraine, United States]
media:
  - file: photo.jpg
    alt: "Two delegations at a long table"
    caption: "The delegations meet."
    credit: "Example Agency"
    license: "CC BY 4.0"
  - file: map.png
    alt: "A map of the region"
    credit: "Example Agency"
  - url: https://www.youtube.com/watch?v=dQw4w9WgXcQ
    caption: "A statement"
    credit: "Example Office"
    poster: still.jpg
    alt: "The speaker at a lectern"
events:
  - id: strike
    title: A strike on a port
    kind: military
    media:
      - file: wounded.jpg
        alt: "Wounded people on stretchers"
        caption: "The wounded are carried out."
        credit: "Example Agency"
        sensitive: true
      - url: https://vimeo.com/123456789
        caption: "A report"
        credit: "Example TV"
`, "Body."),
		"content/talks/photo.jpg":   string(photo),
		"content/talks/map.png":     string(PNG(600, 400, true)),
		"content/talks/still.jpg":   string(JPEG(1280, 720, 5)),
		"content/talks/wounded.jpg": string(JPEG(1600, 1000, 9)),
		"content/graphic.md": article("Only a graphic photo", "2025-03-12", "humanitarian", `media:
  - file: graphic.jpg
    alt: "Bodies under sheets"
    credit: "Example Agency"
    sensitive: true
  - url: https://t.me/examplechannel/1234
    caption: "A post"
    credit: "Example Channel"
  - url: https://x.com/example/status/1234567890
    caption: "Another post"
    credit: "Example Account"
`, "Nothing else."),
		"content/graphic.jpg": string(JPEG(900, 600, 11)),
		"content/plain.md":    article("A plain article", "2025-03-13", "political", "", "Nothing to see."),
	}, exif
})

// WriteSite writes SiteFiles into dir.
func WriteSite(dir string) ([]byte, error) {
	files, exif := SiteFiles()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
	}
	return exif, nil
}
