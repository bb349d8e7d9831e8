package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// urlGuard removes links, images and autolinks whose destination could run
// script. goldmark's renderer only does this in safe mode and without
// browser-style normalisation; doing it on the AST makes it hold with
// UnsafeHTML too. Links and images are unwrapped (their text stays),
// autolinks become their literal text.
type urlGuard struct{}

func (urlGuard) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if dangerousURL(n.Destination, false) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if dangerousURL(n.Destination, true) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if dangerousURL(n.URL(src), false) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			s := ast.NewString(bytes.Clone(a.Label(src)))
			s.SetRaw(true) // autolink text is literal: no entity decoding
			parent.ReplaceChild(parent, n, s)
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// dangerousURL reports whether dest (as written in the Markdown) would be a
// javascript:, vbscript:, file: or data: URL once the renderer has decoded
// escapes and entities and a browser has dropped leading spaces/control
// characters and embedded tabs and newlines ("java\tscript:"). For images,
// data:image/png, gif, jpeg and webp are allowed.
func dangerousURL(dest []byte, image bool) bool {
	// Same decoding as the HTML renderer applies before writing href/src.
	u := util.UnescapePunctuations(dest)
	u = util.ResolveNumericReferences(u)
	u = util.ResolveEntityNames(u)
	return dangerousDecoded(u, image)
}

// dangerousDecoded is dangerousURL of an address whose escapes and
// entities are decoded already, as an attribute's value in parsed HTML.
func dangerousDecoded(u []byte, image bool) bool {
	// Only the scheme matters; normalise just enough of a prefix.
	var scheme [16]byte
	n := 0
	for _, c := range u {
		if n == 0 && c <= ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if n == len(scheme) {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		scheme[n] = c
		n++
	}
	s := scheme[:n]
	switch {
	case bytes.HasPrefix(s, []byte("javascript:")),
		bytes.HasPrefix(s, []byte("vbscript:")),
		bytes.HasPrefix(s, []byte("file:")):
		return true
	case bytes.HasPrefix(s, []byte("data:")):
		if !image {
			return true
		}
		for _, ok := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			// The type must end there: no "data:image/png+xml".
			if len(s) > len(ok) && bytes.HasPrefix(s, []byte(ok)) && (s[len(ok)] == ';' || s[len(ok)] == ',') {
				return false
			}
		}
		return true
	}
	return false
}
