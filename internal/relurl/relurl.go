// Package relurl makes a page's site-root links relative to the page, for
// sites that have no address (base_url "/"): such a folder then works
// wherever it is put, under any sub-path of a server and from file://.
//
// Pages are made with site-root URLs ("/events/x/"), since an entry's card
// or the site's header is rendered once and shown on pages at every depth;
// the finished page is rewritten here, as Hugo's relativeURLs does.
package relurl

import (
	"bytes"
	"strings"
)

// attributes are those whose value is a URL that the theme and Markdown
// write. Folder links (ending in "/") get "index.html", which a browser
// needs to open a page from file://; data-base is a prefix that scripts
// add paths to, so it stays a folder.
var attributes = [...]struct {
	name   string
	folder bool // a link to a page: gets index.html
}{
	{"href", true},
	{"action", true},
	{"src", false},
	{"poster", false},
	{"data-base", false},
}

// Prefix is the way from a page at path ("/events/x/", "/404.html") back to
// the site's root: "../../", or "" at the root.
func Prefix(path string) string {
	dir := strings.TrimPrefix(path[:strings.LastIndexByte(path, '/')+1], "/")
	return strings.Repeat("../", strings.Count(dir, "/"))
}

// HTML appends to dst the page src, at URL path, with every attribute
// value that starts with one "/" made relative to the page.
func HTML(dst, src []byte, path string) []byte {
	prefix := Prefix(path)
	for {
		i := bytes.Index(src, []byte(`="/`))
		if i < 0 {
			return append(dst, src...)
		}
		start := i + 2 // the value's "/"
		folder, ok := attribute(src[:i])
		end := bytes.IndexByte(src[start:], '"')
		if !ok || end < 0 || (start+1 < len(src) && src[start+1] == '/') {
			dst = append(dst, src[:start]...)
			src = src[start:]
			continue
		}
		dst = append(dst, src[:start]...)
		dst = append(dst, relative(string(src[start:start+end]), prefix, folder)...)
		src = src[start+end:]
	}
}

// attribute reports whether before ends with the name of one of the
// attributes, as a whole word, and whether it links to a page.
func attribute(before []byte) (folder, ok bool) {
	for _, a := range attributes {
		if rest, found := bytes.CutSuffix(before, []byte(a.name)); found {
			if n := len(rest); n > 0 && (rest[n-1] == ' ' || rest[n-1] == '\n' || rest[n-1] == '\t') {
				return a.folder, true
			}
		}
	}
	return false, false
}

// relative turns a site-root URL ("/events/x/#id") into one relative to a
// page prefix away from the root.
func relative(u, prefix string, folder bool) string {
	p, rest := u[1:], ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, rest = p[:i], p[i:]
	}
	if folder && (p == "" || strings.HasSuffix(p, "/")) {
		p += "index.html"
	}
	if prefix == "" && p == "" {
		p = "./"
	}
	return prefix + p + rest
}
