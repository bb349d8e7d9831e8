package front

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// YAML parsers report where they gave up, which for the common mistakes is
// lines after the one to fix: an unclosed quote on line 2 is noticed on
// line 7. hintYAML looks for those mistakes line by line, up to the line
// the parser gave, and takes one as the cause only if fixing it makes the
// text parse, or fail further on: a guess that changes nothing is not
// reported.

// A yamlHint is a line to fix, in words an editor understands.
type yamlHint struct {
	line, col int // 1-based, in raw
	message   string
	fix       func(lines []string) []string // nil: certain without trying
}

// hintYAML finds the cause of a YAML error that the parser reported at
// line errLine (1-based, in raw); raw starts on line offset+1 of its file.
func hintYAML(raw []byte, errLine, offset int) (line, col int, message string, ok bool) {
	lines := strings.Split(string(raw), "\n")
	for _, h := range yamlHints(lines, errLine, offset) {
		if h.fix == nil {
			return h.line, h.col, h.message, true
		}
		fixed := strings.Join(h.fix(append([]string(nil), lines...)), "\n")
		var doc yaml.Node
		err := yaml.Unmarshal([]byte(fixed), &doc)
		if err == nil || yamlErrorLine(err.Error()) > errLine {
			return h.line, h.col, h.message, true
		}
	}
	return 0, 0, "", false
}

// yamlErrorLine is the 1-based line of a yaml.v3 error message, or 0.
func yamlErrorLine(msg string) int {
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	if parserProblems[msg[len(m[0]):]] {
		n++
	}
	return n
}

var (
	// keyRE is a block mapping key at the start of a line, after the
	// indentation and any "- " of a list item.
	keyRE = regexp.MustCompile(`^( *)((?:- +)*)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:`)
	// noSpaceRE is a key whose colon is followed by text at once.
	noSpaceRE = regexp.MustCompile(`^( *(?:- +)*)([A-Za-z_][A-Za-z0-9_-]*):([^\s/:])`)
)

// yamlHints lists the likely causes, in line order, up to line last.
// Messages name lines of the file, offset lines after those of lines.
func yamlHints(lines []string, last, offset int) []yamlHint {
	var hints []yamlHint
	type level struct {
		indent int
		line   int // 1-based line of the key
		value  bool
	}
	var stack []level // the open block mappings' key indentation
	for i := 0; i < len(lines) && i < last; i++ {
		ln, n := lines[i], i+1
		trimmed := strings.TrimLeft(ln, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if ws := ln[:len(ln)-len(trimmed)]; strings.Contains(ws, "\t") {
			hints = append(hints, yamlHint{line: n, col: strings.IndexByte(ln, '\t') + 1,
				message: "this line is indented with a tab: YAML indents with spaces only, so replace the tab with spaces"})
			continue
		}
		if m := noSpaceRE.FindStringSubmatchIndex(ln); m != nil {
			key, colon := ln[m[4]:m[5]], m[5]
			hints = append(hints, yamlHint{line: n, col: colon + 1,
				message: fmt.Sprintf("put a space after the colon: write %q, not %q", key+": "+ln[colon+1:], key+":"+ln[colon+1:]),
				fix:     fixLine(i, func(s string) string { return s[:colon+1] + " " + s[colon+1:] })})
		}
		indent := len(ln) - len(trimmed)
		if m := keyRE.FindStringSubmatchIndex(ln); m != nil {
			keyIndent := m[5] // the key's column, past any "- "
			if m[5] > m[4] {
				// A list item starts a new mapping at its key.
				for len(stack) > 0 && stack[len(stack)-1].indent >= keyIndent {
					stack = stack[:len(stack)-1]
				}
			} else if len(stack) > 0 {
				top := stack[len(stack)-1]
				switch {
				case keyIndent > top.indent && top.value:
					hints = append(hints, yamlHint{line: n, col: indent + 1,
						message: fmt.Sprintf("this line is indented further than line %d, which already has a value: line its key up with the key on line %d", top.line+offset, top.line+offset),
						fix:     reindent(i, top.indent)})
				case keyIndent < top.indent:
					for len(stack) > 0 && stack[len(stack)-1].indent > keyIndent {
						stack = stack[:len(stack)-1]
					}
					if len(stack) == 0 || stack[len(stack)-1].indent != keyIndent {
						hints = append(hints, yamlHint{line: n, col: indent + 1,
							message: fmt.Sprintf("this line is indented by %d spaces, but the key on line %d by %d: line them up", keyIndent, top.line+offset, top.indent),
							fix:     reindent(i, top.indent)})
					}
				}
			}
			for len(stack) > 0 && stack[len(stack)-1].indent >= keyIndent {
				stack = stack[:len(stack)-1]
			}
			rest := strings.TrimSpace(ln[m[1]:])
			stack = append(stack, level{indent: keyIndent, line: n, value: rest != "" && !strings.HasPrefix(rest, "#") && rest != "|" && rest != ">" && !strings.HasPrefix(rest, "|") && !strings.HasPrefix(rest, ">") && !strings.HasPrefix(rest, "&")})
			hints = append(hints, valueHints(lines, i, m[1])...)
		} else if strings.HasPrefix(trimmed, "- ") || trimmed == "-" {
			hints = append(hints, valueHints(lines, i, indent+2)...)
		}
	}
	return hints
}

// valueHints checks the value that starts at byte from of line i: quotes
// and brackets closed on the line, and no ": " in a plain value.
func valueHints(lines []string, i, from int) []yamlHint {
	ln := lines[i]
	var hints []yamlHint
	var flow []opener
	start := true // at the start of a value, where a quote opens a string
	for j := from; j < len(ln); j++ {
		c := ln[j]
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (j == 0 || ln[j-1] == ' '):
			j = len(ln)
			continue
		case start && (c == '"' || c == '\''):
			end := closingQuote(ln, j)
			if end < 0 {
				q := string(c)
				hints = append(hints, yamlHint{line: i + 1, col: j + 1,
					message: fmt.Sprintf("the quote (%s) that starts this value is never closed: add %s at the end of the value", q, q),
					fix:     fixLine(i, func(s string) string { return strings.TrimRight(s, " ") + q + closers(flowChars(flow)) })})
				return hints
			}
			j, start = end, false
			continue
		case start && (c == '[' || c == '{'):
			flow = append(flow, opener{c, j + 1})
			continue
		case len(flow) > 0 && (c == ']' || c == '}'):
			flow = flow[:len(flow)-1]
			start = false
			continue
		case len(flow) > 0 && c == ',':
			start = true
			continue
		case len(flow) > 0 && c == ':':
			start = true
			continue
		case start && len(flow) == 0 && c != '|' && c != '>':
			// A plain value: a ": " in it would start another key.
			if k := strings.Index(ln[j:], ": "); k >= 0 && !strings.Contains(ln[j:j+k], " #") {
				value := strings.TrimRight(ln[j:], " ")
				at := j
				hints = append(hints, yamlHint{line: i + 1, col: j + k + 1,
					message: fmt.Sprintf("this value has a colon and a space in it, which YAML reads as another key: put the whole value in quotes, %s", strconv.Quote(value)),
					fix:     fixLine(i, func(s string) string { return s[:at] + strconv.Quote(value) })})
			}
			return hints
		}
		start = false
	}
	if len(flow) > 0 {
		o := flow[0]
		want := closers(flowChars(flow))
		hints = append(hints, yamlHint{line: i + 1, col: o.col,
			message: fmt.Sprintf("the %c opened here is never closed: add %s at the end of the line", o.ch, want),
			fix:     fixLine(i, func(s string) string { return strings.TrimRight(s, " ") + want })})
	}
	return hints
}

// opener is a [ or { of a flow collection and its 1-based column.
type opener struct {
	ch  byte
	col int
}

func flowChars(flow []opener) []byte {
	var b []byte
	for _, f := range flow {
		b = append(b, f.ch)
	}
	return b
}

// closers closes the brackets opened, innermost first.
func closers(opened []byte) string {
	var b strings.Builder
	for k := len(opened) - 1; k >= 0; k-- {
		if opened[k] == '[' {
			b.WriteByte(']')
		} else {
			b.WriteByte('}')
		}
	}
	return b.String()
}

// closingQuote is the index of the quote closing the one at ln[j], or -1.
func closingQuote(ln string, j int) int {
	q := ln[j]
	for k := j + 1; k < len(ln); k++ {
		switch {
		case q == '"' && ln[k] == '\\':
			k++
		case ln[k] == q && q == '\'' && k+1 < len(ln) && ln[k+1] == '\'':
			k++
		case ln[k] == q:
			return k
		}
	}
	return -1
}

func fixLine(i int, f func(string) string) func([]string) []string {
	return func(lines []string) []string {
		lines[i] = f(lines[i])
		return lines
	}
}

func reindent(i, indent int) func([]string) []string {
	return fixLine(i, func(s string) string {
		return strings.Repeat(" ", indent) + string(bytes.TrimLeft([]byte(s), " "))
	})
}

// plainYAML says a yaml.v3 message in words an editor understands, when
// no line-by-line hint found the cause.
func plainYAML(msg string) string {
	for _, p := range [...]struct{ yaml, plain string }{
		{"mapping values are not allowed in this context", "a colon and a space here start a key where there cannot be one: put the value in quotes, or check the indentation"},
		{"did not find expected key", "this line does not line up with the keys above it: check its indentation"},
		{"did not find expected '-' indicator", "this line does not line up with the list items (- ...) above it: check its indentation"},
		{"found character that cannot start any token", "a value cannot start with this character (such as @, ` or a tab): put the value in quotes"},
		{"could not find expected ':'", "a key here has no colon after it (write key: value), or a quote or bracket above is never closed"},
		{"did not find expected ',' or ']'", "a list opened with [ is never closed, or its items lack commas: write [a, b]"},
		{"did not find expected ',' or '}'", "a group opened with { is never closed, or its fields lack commas: write {name: Kyiv, country: Ukraine}"},
		{"found unexpected end of stream", "a quoted value is never closed: add the closing quote"},
		{"did not find expected node content", "a value is missing here"},
	} {
		if strings.HasPrefix(msg, p.yaml) {
			return p.plain + " (YAML: " + msg + ")"
		}
	}
	return msg
}
