package front

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fastYAML decodes the frontmatter nearly every article has without
// yaml.v3, which spends most of its time on what such a file never uses:
// a block mapping of keys to one-line values (plain or quoted scalars,
// flow lists and mappings that close on their line) and block sequences
// and mappings nested in it. It gives exactly the Node that yaml.v3 and
// convertYAML give (FuzzFastYAML and TestFastYAMLOnEveryCorpus compare
// them), and declines everything else, valid or not: yaml.v3 then decodes
// it and says what is wrong. raw's first line is file line first; it is
// valid UTF-8, which Split and DecodeYAML have checked.
func fastYAML(raw []byte, first int) (*Node, bool) {
	if !plainText(raw) {
		return nil, false
	}
	p := fastParser{first: first}
	for no, rest := first, raw; len(rest) > 0; no++ {
		line, next, _ := bytes.Cut(rest, []byte{'\n'})
		rest = next
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		if indent == len(line) || line[indent] == '#' {
			continue // blank or a comment
		}
		p.lines = append(p.lines, fastLine{text: line, no: no, indent: indent})
	}
	if len(p.lines) == 0 {
		return &Node{Kind: Map, Line: first, Col: 1}, true
	}
	ind := p.lines[0].indent
	root, ok := p.mapping(ind, ind, 0)
	if !ok || p.i != len(p.lines) {
		return nil, false
	}
	return root, true
}

// plainText reports that src has none of what yaml.v3 reads specially
// or rejects: control characters, tabs, carriage returns and Unicode's
// other line breaks, byte-order marks, non-characters; and, to be safe,
// characters beyond the Basic Multilingual Plane.
func plainText(src []byte) bool {
	for i := 0; i < len(src); i++ {
		switch b := src[i]; {
		case b == '\n' || b >= 0x20 && b < 0x7f:
		case b < 0x20 || b == 0x7f || b >= 0xf0:
			return false
		case b == 0xc2:
			if i+1 < len(src) && src[i+1] < 0xa0 { // C1 controls and NEL
				return false
			}
		case b == 0xe2:
			if i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9) { // LS, PS
				return false
			}
		case b == 0xef:
			if i+2 < len(src) && (src[i+1] == 0xbb && src[i+2] == 0xbf || src[i+1] == 0xbf && src[i+2] >= 0xbe) {
				return false
			}
		}
	}
	return true
}

type fastLine struct {
	text   []byte // without its newline
	no     int    // file line
	indent int    // leading spaces
}

type fastParser struct {
	lines []fastLine // not blank, not a comment
	i     int        // the line being read
	first int
}

// maxFastDepth is well under convertYAML's limit, which yaml.v3 reports.
const maxFastDepth = 32

// mapping reads a block mapping whose keys start at column ind, the first
// at byte off of the current line (after "- " in a list).
func (p *fastParser) mapping(ind, off, depth int) (*Node, bool) {
	if depth > maxFastDepth {
		return nil, false
	}
	n := &Node{Kind: Map, Line: p.lines[p.i].no, Col: off + 1}
	for {
		l := p.lines[p.i]
		name, after, ok := blockKey(l.text[off:])
		if !ok || n.Get(name) != nil {
			return nil, false
		}
		k := Key{Name: name, Line: l.no, Col: off + 1}
		at := off + after
		for at < len(l.text) && l.text[at] == ' ' {
			at++
		}
		if at == len(l.text) || l.text[at] == '#' && l.text[at-1] == ' ' {
			// The value is the block below.
			p.i++
			if p.i == len(p.lines) {
				return nil, false // null
			}
			next := p.lines[p.i]
			switch {
			case next.indent > ind && listLine(next):
				k.Value, ok = p.list(next.indent, depth+1)
			case next.indent > ind:
				k.Value, ok = p.mapping(next.indent, next.indent, depth+1)
			case next.indent == ind && listLine(next):
				k.Value, ok = p.list(ind, depth+1)
			default:
				return nil, false // null
			}
		} else {
			k.Value, ok = p.lineValue(l, at, ind, depth+1)
		}
		if !ok {
			return nil, false
		}
		n.Keys = append(n.Keys, k)
		if p.i == len(p.lines) {
			return n, true
		}
		switch next := p.lines[p.i]; {
		case next.indent < ind:
			return n, true
		case next.indent > ind:
			return nil, false
		}
		off = ind
	}
}

// list reads a block sequence whose dashes are at column ind.
func (p *fastParser) list(ind, depth int) (*Node, bool) {
	if depth > maxFastDepth {
		return nil, false
	}
	n := &Node{Kind: List, Line: p.lines[p.i].no, Col: ind + 1}
	for p.i < len(p.lines) && p.lines[p.i].indent == ind && listLine(p.lines[p.i]) {
		l := p.lines[p.i]
		at := ind + 1
		for at < len(l.text) && l.text[at] == ' ' {
			at++
		}
		if at == ind+1 || at == len(l.text) || l.text[at] == '-' || l.text[at] == '#' {
			return nil, false // a nested block, list or comment after the dash
		}
		var item *Node
		var ok bool
		if _, _, isKey := blockKey(l.text[at:]); isKey {
			item, ok = p.mapping(at, at, depth+1)
		} else {
			item, ok = p.lineValue(l, at, ind, depth+1)
		}
		if !ok {
			return nil, false
		}
		n.Items = append(n.Items, item)
	}
	if p.i < len(p.lines) && p.lines[p.i].indent > ind {
		return nil, false
	}
	return n, true
}

// listLine reports a line that is an item of a block sequence.
func listLine(l fastLine) bool {
	t := l.text[l.indent:]
	return t[0] == '-' && (len(t) == 1 || t[1] == ' ')
}

// blockKey reads "name:" followed by a space or the line's end, name a
// plain word; after is the byte after the colon. A flow mapping's keys
// are read so too.
func blockKey(t []byte) (name string, after int, ok bool) {
	i := keyEnd(t)
	if i == 0 || i > 64 || i == len(t) || t[i] != ':' || i+1 < len(t) && t[i+1] != ' ' {
		return "", 0, false
	}
	return string(t[:i]), i + 1, true
}

// keyEnd is where a key that is a plain word ends: a letter or
// underscore, then letters, digits, underscores and hyphens.
func keyEnd(t []byte) int {
	i := 0
	for ; i < len(t); i++ {
		c := t[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-') {
			continue
		}
		break
	}
	return i
}

// lineValue reads the value at byte at of line l, which must end the
// line (but for a comment), and moves to the next line, which must not
// be indented further than ind, the column of the value's key or dash:
// that would continue the value.
func (p *fastParser) lineValue(l fastLine, at, ind, depth int) (*Node, bool) {
	v, end, ok := flowValue(l, at, false, depth)
	if !ok {
		return nil, false
	}
	if end < len(l.text) {
		rest := l.text[end:]
		if trimmed := bytes.TrimLeft(rest, " "); len(trimmed) > 0 && (trimmed[0] != '#' || len(trimmed) == len(rest)) {
			return nil, false
		}
	}
	p.i++
	if p.i < len(p.lines) && p.lines[p.i].indent > ind {
		return nil, false
	}
	return v, true
}

// flowValue reads a value at byte at of l: quoted, a flow list or
// mapping, or plain; inFlow when inside a flow collection, where a plain
// value ends at , ] or }. end is the byte after the value.
func flowValue(l fastLine, at int, inFlow bool, depth int) (n *Node, end int, ok bool) {
	if depth > maxFastDepth {
		return nil, 0, false
	}
	t := l.text
	n = &Node{Kind: Scalar, Line: l.no, Col: utf8.RuneCount(t[:at]) + 1}
	switch t[at] {
	case '"':
		// Most values hold no escape: one string, cut from the line.
		if j := bytes.IndexByte(t[at+1:], '"'); j >= 0 && bytes.IndexByte(t[at+1:at+1+j], '\\') < 0 {
			n.Text, n.Quoted, n.Type = string(t[at+1:at+1+j]), true, "str"
			return n, at + j + 2, true
		}
		var text []byte
		i := at + 1
		for ; i < len(t) && t[i] != '"'; i++ {
			c := t[i]
			if c == '\\' {
				if i+1 == len(t) {
					return nil, 0, false
				}
				switch i++; t[i] {
				case '"', '\\':
					c = t[i]
				default:
					return nil, 0, false
				}
			}
			text = append(text, c)
		}
		if i == len(t) {
			return nil, 0, false // it goes on, on the next line
		}
		n.Text, n.Quoted, n.Type = string(text), true, "str"
		return n, i + 1, true
	case '\'':
		if j := bytes.IndexByte(t[at+1:], '\''); j >= 0 && (at+2+j == len(t) || t[at+2+j] != '\'') {
			n.Text, n.Quoted, n.Type = string(t[at+1:at+1+j]), true, "str"
			return n, at + j + 2, true
		}
		var text []byte
		i := at + 1
		for ; i < len(t); i++ {
			if t[i] == '\'' {
				if i+1 < len(t) && t[i+1] == '\'' {
					i++
				} else {
					break
				}
			}
			text = append(text, t[i])
		}
		if i == len(t) {
			return nil, 0, false
		}
		n.Text, n.Quoted, n.Type = string(text), true, "str"
		return n, i + 1, true
	case '[':
		n.Kind = List
		i := skipSpaces(t, at+1)
		if i < len(t) && t[i] == ']' {
			return n, i + 1, true
		}
		for i < len(t) {
			item, e, ok := flowValue(l, i, true, depth+1)
			if !ok {
				return nil, 0, false
			}
			n.Items = append(n.Items, item)
			var done bool
			if i, done = flowNext(t, e, ']'); done {
				return n, i, true
			}
		}
		return nil, 0, false
	case '{':
		n.Kind = Map
		i := skipSpaces(t, at+1)
		if i < len(t) && t[i] == '}' {
			return n, i + 1, true
		}
		for i < len(t) {
			name, after, ok := blockKey(t[i:])
			if !ok || n.Get(name) != nil {
				return nil, 0, false
			}
			k := Key{Name: name, Line: l.no, Col: utf8.RuneCount(t[:i]) + 1}
			if i = skipSpaces(t, i+after); i == len(t) {
				return nil, 0, false // the value is on the next line
			}
			var e int
			if k.Value, e, ok = flowValue(l, i, true, depth+1); !ok {
				return nil, 0, false
			}
			n.Keys = append(n.Keys, k)
			var done bool
			if i, done = flowNext(t, e, '}'); done {
				return n, i, true
			}
		}
		return nil, 0, false
	}
	// A plain scalar: not starting with an indicator (a minus sign but
	// for a number's), not holding what could end it or start a comment
	// or a mapping inside a flow collection; in a block it runs to the
	// line's end or to a comment.
	c := t[at]
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", c) >= 0 && !(c == '-' && at+1 < len(t) && (t[at+1] >= '0' && t[at+1] <= '9' || t[at+1] == '.')) {
		return nil, 0, false
	}
	i := at
	for ; i < len(t); i++ {
		c := t[i]
		if inFlow && (c == ',' || c == ']' || c == '}') {
			break
		}
		if inFlow && (c == ':' || c == '?' || c == '#' || c == '[' || c == '{') {
			return nil, 0, false
		}
		if c == ':' && (i+1 == len(t) || t[i+1] == ' ') {
			return nil, 0, false
		}
		if c == '#' && t[i-1] == ' ' {
			break
		}
	}
	end = i
	for i > at && t[i-1] == ' ' {
		i--
	}
	if i == at {
		return nil, 0, false
	}
	n.Text = string(t[at:i])
	if n.Type = plainType(n.Text); n.Type == "null" {
		n.Kind = Null
	} else if n.Type == "merge" {
		return nil, 0, false
	}
	return n, end, true
}

// flowNext reads what follows the item ending at byte e of a flow
// collection that ends with close: done, the collection's end (i is the
// byte after it); or a comma and the next item, at i; or neither, and i
// is len(t): what does not end on its line, a trailing comma or anything
// else is left to yaml.v3.
func flowNext(t []byte, e int, close byte) (i int, done bool) {
	switch i = skipSpaces(t, e); {
	case i == len(t):
		return i, false
	case t[i] == close:
		return i + 1, true
	case t[i] != ',':
		return len(t), false
	}
	if i = skipSpaces(t, i+1); i < len(t) && t[i] == close {
		return len(t), false
	}
	return i, false
}

func skipSpaces(t []byte, i int) int {
	for i < len(t) && t[i] == ' ' {
		i++
	}
	return i
}

// plainType is the type yaml.v3 resolves a plain scalar to (resolve in
// its resolve.go), as convertYAML names it.
func plainType(s string) string {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "bool"
	case "", "~", "null", "Null", "NULL":
		return "null"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "float"
	case "<<":
		return "merge"
	}
	switch c := s[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "float"
		}
	case c >= '0' && c <= '9' || c == '+' || c == '-':
		if yamlTimestamp(s) {
			return "timestamp"
		}
		plain := strings.ReplaceAll(s, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "int"
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "int"
		}
		if yamlFloatRE.MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "float"
			}
		}
		for _, b := range []struct {
			prefix string
			base   int
		}{{"0b", 2}, {"0o", 8}} {
			if digits, ok := strings.CutPrefix(plain, b.prefix); ok {
				if _, err := strconv.ParseInt(digits, b.base, 64); err == nil {
					return "int"
				}
				if _, err := strconv.ParseUint(digits, b.base, 64); err == nil {
					return "int"
				}
			} else if digits, ok := strings.CutPrefix(plain, "-"+b.prefix); ok {
				if _, err := strconv.ParseInt("-"+digits, b.base, 64); err == nil {
					return "int"
				}
			}
		}
	}
	return "str"
}

var yamlFloatRE = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// yamlTimestamp reports what yaml.v3's parseTimestamp accepts: four
// digits and a dash, then one of its layouts.
func yamlTimestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	layouts := []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"}
	if !strings.ContainsAny(s, "Tt ") {
		// A date alone, as most are: the others need a time after it,
		// and each that fails makes an error.
		layouts = layouts[3:]
	}
	for _, layout := range layouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
