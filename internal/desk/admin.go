package desk

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"html/template"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/geo"
)

// The desk's build of Decap CMS (decap/VERSION: the release and the
// build), gzipped as decap/refresh.sh built it, and the desk's own
// scripts.
//
//go:embed decap/dist/*.gz decap/VERSION
var decapFS embed.FS

//go:embed page/*
var pageFS embed.FS

// csp keeps everything the desk loads on the server itself: the CMS's
// bundle may name other hosts (map tiles, media libraries), which the
// browser then refuses. The CMS compiles its configuration's schema
// (eval) and styles itself inline.
const csp = "default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; connect-src 'self' data: blob:; font-src 'self' data:; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'self'"

var pageTemplate = template.Must(template.New("admin").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Desk · {{.Title}}</title>
<script type="application/json" id="desk-config">{{.Config}}</script>
<script src="/admin/manual.js"></script>
</head>
<body>
<noscript>The desk needs JavaScript. The articles are Markdown files under content/: any text editor can change them too.</noscript>
<script type="module" src="/admin/decap/{{.Version}}/decap-cms.js"></script>
<script type="module" src="/admin/desk.js"></script>
</body>
</html>
`))

// admin serves the desk's page and its assets.
func (d *Desk) admin(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == strings.TrimSuffix(AdminPath, "/"):
		http.Redirect(w, r, AdminPath, http.StatusMovedPermanently)
	case p == AdminPath:
		d.page(w, r)
	case p == AdminPath+"names.json":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		names, ok := Names{}, false
		if d.opts.Names != nil {
			names, ok = d.opts.Names()
		}
		if !ok {
			names = d.site().siteNames(d.opts.Source)
		}
		_ = json.NewEncoder(w).Encode(names)
	case p == AdminPath+"world.svg":
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Cache-Control", "private, max-age=3600")
		_, _ = w.Write(d.world())
	case strings.HasPrefix(p, AdminPath+"decap/"):
		serveDecap(w, r, strings.TrimPrefix(p, AdminPath+"decap/"))
	default:
		name := "page/" + strings.TrimPrefix(p, AdminPath)
		b, err := fs.ReadFile(pageFS, name)
		if err != nil || strings.Contains(name, "..") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		_, _ = w.Write(b)
	}
}

// page is the desk's page: a session cookie of its own and the CMS's
// configuration, with this run's token in the address it posts to.
func (d *Desk) page(w http.ResponseWriter, _ *http.Request) {
	d.mu.Lock()
	id := d.newSession()
	d.mu.Unlock()
	site := d.site()
	cfg := site.config(Backend{Name: "proxy", ProxyURL: APIPath + "?token=" + d.token})
	cfg = append(cfg, kv{"load_config_file", false})
	js, err := ConfigJSON(cfg)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", csp)
	h.Set("Referrer-Policy", "no-referrer")
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, map[string]any{"Title": site.cfg.Title, "Config": template.JS(js), "Version": Version()}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(b.Bytes())
}

// serveDecap serves a file of the bundled CMS, gzipped as it is stored
// when the browser takes it so (every browser does). Its address names
// the CMS's release and build (decap/<version>/<file>; the CMS loads its
// other files beside the first), so that the browser may keep it for
// good.
func serveDecap(w http.ResponseWriter, r *http.Request, versioned string) {
	version, name, ok := strings.Cut(versioned, "/")
	if !ok || version != Version() || strings.ContainsAny(name, "/\\") {
		http.NotFound(w, r)
		return
	}
	gz, err := decapFS.ReadFile("decap/dist/" + name + ".gz")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	// A release's files never change: the browser keeps them, and the
	// code it compiled from them, from one run of serve to the next.
	h.Set("Cache-Control", "private, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		_, _ = w.Write(gz)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = io.Copy(w, zr)
}

// BundleSize is the size of the bundled CMS: stored (gzipped, as sent)
// and unpacked; for the docs and the tests that watch it.
func BundleSize() (stored, unpacked int64) {
	ents, _ := decapFS.ReadDir("decap/dist")
	for _, e := range ents {
		b, _ := decapFS.ReadFile("decap/dist/" + e.Name())
		stored += int64(len(b))
		if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
			n, _ := io.Copy(io.Discard, zr)
			unpacked += n
		}
	}
	return stored, unpacked
}

// worldMap is the site's basemap (package geo) as an equirectangular SVG
// of 360 × 180 units, longitude right and latitude up, so that the
// desk's point field reads a click as lon = x − 180, lat = 90 − y.
func worldMap() []byte {
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" preserveAspectRatio="none"><rect width="360" height="180" fill="#dbeafe"/><path fill="#f8fafc" stroke="#94a3b8" stroke-width=".15" fill-rule="evenodd" d="`)
	for _, c := range geo.Countries() {
		for _, ring := range c.Rings {
			for i, p := range ring {
				if i == 0 {
					b.WriteByte('M')
				} else {
					b.WriteByte('L')
				}
				b.WriteString(strconv.FormatFloat(p.Lon+180, 'f', 1, 64))
				b.WriteByte(' ')
				b.WriteString(strconv.FormatFloat(90-p.Lat, 'f', 1, 64))
			}
			b.WriteByte('Z')
		}
	}
	b.WriteString(`"/></svg>`)
	return b.Bytes()
}
