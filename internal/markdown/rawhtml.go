package markdown

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// guardRawHTML removes, from a body rendered with raw HTML, every
// attribute whose address could run script (javascript:, vbscript:,
// file:, data: but for images): href, src, action, formaction, SVG's
// xlink:href, an animation's values and the rest. The body is parsed as a
// browser parses it, by the HTML5 algorithm (so that <svg><style> holds
// markup where <style> alone holds text), since a tokenizer alone reads
// some raw HTML otherwise than a browser does. A body with nothing to
// remove is returned as it is, byte for byte; one with something is
// written anew from the parsed tree, without it.
func guardRawHTML(body string) string {
	context := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(body), context)
	if err != nil {
		return "" // a strings.Reader does not fail
	}
	found := false
	for _, n := range nodes {
		found = removeDangerous(n) || found
	}
	if !found {
		return body
	}
	var b strings.Builder
	for _, n := range nodes {
		_ = html.Render(&b, n) // a strings.Builder does not fail
	}
	return b.String()
}

// removeDangerous removes the dangerous addresses of n and of every
// element in it, and reports whether it found any.
func removeDangerous(n *html.Node) bool {
	found := false
	if n.Type == html.ElementNode {
		kept := n.Attr[:0]
		for _, a := range n.Attr {
			if dangerousAttr(n, a) {
				found = true
				continue
			}
			kept = append(kept, a)
		}
		n.Attr = kept
	}
	for c := range n.ChildNodes() {
		found = removeDangerous(c) || found
	}
	return found
}

// dangerousAttr reports whether the attribute a of the element n holds
// an address that could run script. The value is as the browser decodes
// it: entities are resolved already.
func dangerousAttr(n *html.Node, a html.Attribute) bool {
	key := strings.ToLower(a.Key)
	image := imageAddress(n, key)
	switch {
	case key == "srcset" || key == "imagesrcset":
		// "a.jpg 1x, javascript:x 2x": each candidate's address.
		for c := range strings.SplitSeq(a.Val, ",") {
			if dangerousDecoded([]byte(c), image) {
				return true
			}
		}
		return false
	case key == "to" || key == "from" || key == "by" || key == "values":
		// SVG's <animate> and <set> can write an href:
		// <set attributeName="href" to="javascript:…">.
		for v := range strings.SplitSeq(a.Val, ";") {
			if dangerousDecoded([]byte(v), false) {
				return true
			}
		}
		return false
	case key == "content" && n.DataAtom == atom.Meta:
		// <meta http-equiv="refresh" content="0; url=javascript:…">:
		// each part, with or without its "url=".
		for part := range strings.FieldsFuncSeq(a.Val, func(r rune) bool { return r == ';' || r == ',' }) {
			part = strings.TrimSpace(part)
			if len(part) > 3 && strings.EqualFold(part[:3], "url") {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(part[3:]), "="); ok {
					part = strings.Trim(strings.TrimSpace(rest), `"'`)
				}
			}
			if dangerousDecoded([]byte(part), false) {
				return true
			}
		}
		return false
	case urlAttr(key):
		return dangerousDecoded([]byte(a.Val), image)
	}
	return false
}

// urlAttr reports whether an attribute (by its lower-case name, without
// its namespace: xlink:href is href) holds an address.
func urlAttr(key string) bool {
	switch key {
	case "href", "src", "action", "formaction", "data", "poster", "background", "cite",
		"longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "classid", "archive",
		"icon", "usemap", "profile", "base", "itemtype", "xlink:href", "xml:base":
		return true
	}
	return strings.HasSuffix(key, ":href")
}

// imageAddress reports whether the attribute key of n can only load an
// image, where a data:image/png (gif, jpeg, webp) address is harmless.
func imageAddress(n *html.Node, key string) bool {
	switch n.DataAtom {
	case atom.Img, atom.Source:
		return key == "src" || key == "srcset"
	case atom.Video:
		return key == "poster"
	case atom.Image: // SVG's <image>
		return key == "href" || key == "xlink:href"
	}
	return false
}
