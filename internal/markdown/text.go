package markdown

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// appendPlain appends the text a reader sees in n: no markup, backslash
// escapes and entities decoded, footnote markers, images and raw HTML
// dropped. Callers collapse whitespace.
func appendPlain(dst []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			// Code span contents are literal, like raw text.
			if c.IsRaw() || n.Kind() == ast.KindCodeSpan {
				dst = append(dst, v...)
			} else {
				dst = appendUnescaped(dst, v)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			if c.IsRaw() || c.IsCode() {
				dst = append(dst, c.Value...)
			} else {
				dst = appendUnescaped(dst, c.Value)
			}
		case *ast.AutoLink:
			dst = append(dst, c.Label(src)...)
		case *wikiLink:
			dst = append(dst, c.label...)
		case *ast.RawHTML, *ast.Image, *extast.FootnoteLink:
			// Not prose: a lead photo's alt text must not become the summary.
		default:
			dst = appendPlain(dst, c, src)
		}
	}
	return dst
}

// appendUnescaped decodes what goldmark's HTML writer decodes in text:
// backslash-escaped ASCII punctuation, entity and numeric character
// references, and NUL (as U+FFFD).
func appendUnescaped(dst, v []byte) []byte {
	for {
		i := bytes.IndexAny(v, "\\&\x00")
		if i < 0 {
			return append(dst, v...)
		}
		dst = append(dst, v[:i]...)
		v = v[i:]
		n := 1
		switch {
		case v[0] == 0:
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case v[0] == '\\':
			if len(v) > 1 && util.IsPunct(v[1]) {
				dst = append(dst, v[1])
				n = 2
			} else {
				dst = append(dst, '\\')
			}
		default: // '&'
			r, name, size := readReference(v)
			switch {
			case name != nil:
				dst = append(dst, name...)
			case size > 0:
				dst = utf8.AppendRune(dst, r)
			default:
				dst, size = append(dst, '&'), 1
			}
			n = size
		}
		v = v[n:]
	}
}

// readReference reads "&name;", "&#123;" or "&#x7B;" at the start of v and
// returns the characters (name for named entities, r otherwise) and the
// length consumed; n == 0 means v does not start with a reference.
func readReference(v []byte) (r rune, name []byte, n int) {
	semi := -1
	for i := 1; i < len(v) && i < 40; i++ {
		if v[i] == ';' {
			semi = i
			break
		}
	}
	if semi < 2 {
		return 0, nil, 0
	}
	body := string(v[1:semi])
	if body[0] != '#' {
		if e, ok := util.LookUpHTML5EntityByName(body); ok {
			return 0, e.Characters, semi + 1
		}
		return 0, nil, 0
	}
	digits, base, maxLen := body[1:], 10, 7
	if digits != "" && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base, maxLen = digits[1:], 16, 6
	}
	if digits == "" || len(digits) > maxLen {
		return 0, nil, 0
	}
	u, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return 0, nil, 0
	}
	r = rune(u)
	if r == 0 || !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, nil, semi + 1
}

// collapseSpace trims b and turns every run of whitespace into one space.
// It overwrites b: never pass a slice of the source.
func collapseSpace(b []byte) string {
	out := b[:0]
	space := false
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace(c) {
				space = true
				continue
			}
			out = appendSep(out, space)
			space = false
			out = append(out, c)
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		out = appendSep(out, space)
		space = false
		// out never overtakes i: it only shrinks runs of spaces.
		out = append(out, b[i:i+size]...)
		i += size
	}
	return string(out)
}

func appendSep(out []byte, space bool) []byte {
	if space && len(out) > 0 {
		out = append(out, ' ')
	}
	return out
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
