package deploy

import (
	"path"
	"regexp"
	"strings"

	"github.com/timelinegen/timelinegen/internal/config"
)

// Headers are what a published file is served with.
type Headers struct {
	ContentType     string
	CacheControl    string
	ContentEncoding string // "gzip" or ""
}

// The default Cache-Control values: a file whose name carries its
// content's hash never changes, so it may be kept a year; anything else
// (pages, feeds, data, css/style.css) is kept five minutes, the longest a
// reader waits for a correction once the CDN has forgotten the old copy.
const (
	CacheImmutable = "public, max-age=31536000, immutable"
	CacheShort     = "public, max-age=300"
)

// hashedName matches the names the build gives files by their content,
// media/3f2a9c0d1e2b4a5c-960.jpg and the like: 16 hex digits or more.
var hashedName = regexp.MustCompile(`(^|[-_.])[0-9a-f]{16,}([-_.]|$)`)

// types are the Content-Types of every kind of file a build writes, by
// extension, fixed here rather than read from the system's mime.types so
// that every machine publishes the same headers.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".geojson":     "application/geo+json",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".xml":         "application/xml",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".gif":         "image/gif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".webmanifest": "application/manifest+json",
	".pdf":         "application/pdf",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
}

// ContentType is the Content-Type of the published file at p.
func ContentType(p string) string {
	base := path.Base(p)
	switch {
	case base == "oembed.json":
		return "application/json+oembed"
	case base == "feed.json":
		return "application/feed+json"
	case base == "feed.xml" || base == "corrections.xml":
		return "application/atom+xml"
	}
	if t, ok := types[strings.ToLower(path.Ext(p))]; ok {
		return t
	}
	return "application/octet-stream"
}

// compressible are the Content-Types worth gzipping.
func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "json") ||
		strings.Contains(contentType, "xml")
}

// minCompress is the smallest file worth gzipping: below it the gzip
// header and a request's overhead outweigh what is saved.
const minCompress = 1024

// HeadersFor are the headers the file at p of size bytes is published
// with under the rules of deploy:.
func HeadersFor(p string, size int64, d config.Deploy) Headers {
	h := Headers{ContentType: ContentType(p), CacheControl: CacheShort}
	if hashedName.MatchString(path.Base(p)) {
		h.CacheControl = CacheImmutable
	}
	for _, r := range d.CacheControl {
		if config.MatchPath(r.Path, p) {
			h.CacheControl = r.Value
			break
		}
	}
	if d.Compress && size >= minCompress && compressible(h.ContentType) {
		h.ContentEncoding = "gzip"
	}
	return h
}
