package importer

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// escapeText makes plain text safe to put in a Markdown paragraph: every
// character Markdown or a [[wiki-link]] could read as markup is
// backslash-escaped. Line starts are handled by escapeLineStarts.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

var orderedMarker = regexp.MustCompile(`^(\d{1,9})([.)])`)

// escapeLineStarts escapes what starts a block at the start of a line:
// headings, list items, setext underlines.
func escapeLineStarts(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		switch {
		case l == "":
		case strings.ContainsRune("#-+=", rune(l[0])):
			lines[i] = `\` + l
		default:
			if m := orderedMarker.FindStringSubmatchIndex(l); m != nil {
				lines[i] = l[:m[4]] + `\` + l[m[4]:]
			}
		}
	}
	return strings.Join(lines, "\n")
}

var blankLine = regexp.MustCompile(`\n[ \t\r\f\v]*\n`)

// textToMarkdown turns plain text into Markdown paragraphs: a blank line
// separates paragraphs, other white space runs become one space.
func textToMarkdown(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var paras []string
	for _, p := range blankLine.Split(s, -1) {
		p = collapse(p)
		if p != "" {
			paras = append(paras, escapeLineStarts(escapeText(p)))
		}
	}
	return strings.Join(paras, "\n\n")
}

// collapse turns white space runs into single spaces and trims.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

var tagRE = regexp.MustCompile(`^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>`)
var attrRE = regexp.MustCompile(`(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// dropped are elements whose content is dropped with them.
var dropped = map[string]bool{"script": true, "style": true, "iframe": true, "object": true, "embed": true, "template": true, "noscript": true, "svg": true, "math": true, "head": true, "title": true, "textarea": true, "select": true}

// blocks are elements that start a new paragraph.
var blocks = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "ul": true, "ol": true, "table": true, "tr": true, "section": true, "article": true, "header": true, "footer": true, "figure": true, "figcaption": true, "pre": true, "hr": true, "dl": true, "dt": true, "dd": true}

// htmlToMarkdown converts the HTML TimelineJS sheets hold in Text to
// Markdown: <p> and other blocks become paragraphs, <br> a hard line break,
// <b>/<strong> and <i>/<em> emphasis, <a href> links (http, https and
// mailto only), <li> list items. Every other tag is dropped and its text
// kept, except script, style, iframe and the like, which are dropped whole.
// Entities are decoded, and the text is escaped so it stays text.
func htmlToMarkdown(s string) string {
	c := &converter{}
	c.push("", "")
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			c.text(s)
			break
		}
		c.text(s[:i])
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		m := tagRE.FindStringSubmatch(s)
		if m == nil {
			c.text("<")
			s = s[1:]
			continue
		}
		s = s[len(m[0]):]
		closing, name, attrs := m[1] == "/", strings.ToLower(m[2]), m[3]
		if dropped[name] && !closing && !strings.HasSuffix(strings.TrimSpace(attrs), "/") {
			// Skip to the matching end tag, or drop the rest.
			end := regexp.MustCompile(`(?i)</` + name + `\s*>`).FindStringIndex(s)
			if end == nil {
				break
			}
			s = s[end[1]:]
			continue
		}
		c.tag(name, closing, attrs)
	}
	for len(c.stack) > 1 {
		c.pop()
	}
	c.flush()
	return strings.Join(c.blocks, "\n\n")
}

type frame struct {
	tag, href string
	b         strings.Builder
}

type converter struct {
	stack  []*frame
	blocks []string
	marker string // "- " or "1. " for a list item being written
	olN    []int  // item counters of open lists; 0 for ul
}

func (c *converter) push(tag, href string) {
	c.stack = append(c.stack, &frame{tag: tag, href: href})
}

func (c *converter) top() *frame { return c.stack[len(c.stack)-1] }

// pop closes the innermost inline element and writes it into its parent.
// White space inside the delimiters is moved outside, since "** x **" is
// not emphasis.
func (c *converter) pop() {
	f := c.top()
	c.stack = c.stack[:len(c.stack)-1]
	inner := f.b.String()
	trimmed := strings.TrimSpace(inner)
	lead := inner[:len(inner)-len(strings.TrimLeft(inner, " "))]
	trail := inner[len(strings.TrimRight(inner, " ")):]
	var out string
	switch {
	case trimmed == "" && f.tag != "a":
		out = ""
	case f.tag == "b" || f.tag == "strong":
		out = "**" + trimmed + "**"
	case f.tag == "i" || f.tag == "em":
		out = "*" + trimmed + "*"
	case f.tag == "a" && f.href != "":
		label := trimmed
		if label == "" {
			label = escapeText(f.href)
		}
		out = "[" + label + "](" + linkDest(f.href) + ")"
	default:
		out = trimmed
	}
	p := c.top()
	if cur := p.b.String(); cur == "" && len(c.stack) == 1 || strings.HasSuffix(cur, " ") || strings.HasSuffix(cur, "\n") {
		lead = ""
	}
	p.b.WriteString(lead + out + trail)
}

// flush ends the current paragraph or list item.
func (c *converter) flush() {
	// Inline elements stay open across a block boundary in broken HTML;
	// close them here so the paragraph is balanced.
	var open []*frame
	for len(c.stack) > 1 {
		open = append(open, c.top())
		c.pop()
	}
	root := c.stack[0]
	text := strings.TrimSpace(root.b.String())
	for strings.HasSuffix(text, "\\\n") || strings.HasSuffix(text, "\\") && !strings.HasSuffix(text, "\\\\") {
		// a <br> at the end of a block
		text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\\"))
	}
	root.b.Reset()
	if text != "" {
		c.blocks = append(c.blocks, c.marker+escapeLineStarts(text))
	}
	c.marker = ""
	for i := len(open) - 1; i >= 0; i-- {
		c.push(open[i].tag, open[i].href)
	}
}

func (c *converter) text(s string) {
	if s == "" {
		return
	}
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	parts := blankLine.Split(s, -1)
	for i, p := range parts {
		if i > 0 {
			c.flush()
		}
		p = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return ' '
			}
			if r == utf8.RuneError || unicode.IsControl(r) {
				return -1
			}
			return r
		}, p)
		t := c.top()
		// Collapse white space as HTML does, across text chunks too.
		for _, r := range p {
			if r == ' ' {
				cur := t.b.String()
				if cur == "" && len(c.stack) == 1 || strings.HasSuffix(cur, " ") || strings.HasSuffix(cur, "\n") {
					continue
				}
				t.b.WriteByte(' ')
				continue
			}
			t.b.WriteString(escapeText(string(r)))
		}
	}
}

func (c *converter) tag(name string, closing bool, attrs string) {
	switch {
	case name == "br":
		t := c.top()
		cur := strings.TrimRight(t.b.String(), " ")
		t.b.Reset()
		t.b.WriteString(cur)
		if len(c.stack) == 1 && cur == "" {
			return // a <br> at the start of a block
		}
		t.b.WriteString("\\\n")
	case name == "li":
		c.flush()
		if closing {
			return
		}
		c.marker = "- "
		if n := len(c.olN); n > 0 && c.olN[n-1] > 0 {
			c.marker = strconv.Itoa(c.olN[n-1]) + ". "
			c.olN[n-1]++
		}
	case name == "ul" || name == "ol":
		c.flush()
		if closing {
			if len(c.olN) > 0 {
				c.olN = c.olN[:len(c.olN)-1]
			}
			return
		}
		n := 0
		if name == "ol" {
			n = 1
		}
		c.olN = append(c.olN, n)
	case blocks[name]:
		c.flush()
	case name == "b" || name == "strong" || name == "i" || name == "em" || name == "a":
		if !closing {
			href := ""
			if name == "a" {
				href = safeHref(attrs)
				if c.inLink() {
					href = "" // no links in links
				}
			}
			c.push(name, href)
			return
		}
		for i := len(c.stack) - 1; i > 0; i-- {
			if same(c.stack[i].tag, name) {
				for len(c.stack) > i {
					c.pop()
				}
				return
			}
		}
	}
	// Any other tag is dropped; its text is kept.
}

func (c *converter) inLink() bool {
	for _, f := range c.stack {
		if f.tag == "a" {
			return true
		}
	}
	return false
}

func same(a, b string) bool {
	norm := func(t string) string {
		switch t {
		case "strong":
			return "b"
		case "em":
			return "i"
		}
		return t
	}
	return norm(a) == norm(b)
}

// safeHref returns the href of an <a> tag's attributes when it is an
// http, https or mailto address.
func safeHref(attrs string) string {
	m := attrRE.FindStringSubmatch(attrs)
	if m == nil {
		return ""
	}
	h := strings.TrimSpace(html.UnescapeString(m[1] + m[2] + m[3]))
	u, err := url.Parse(h)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return h
	case "mailto":
		return h
	}
	return ""
}

// linkDest writes a URL as a Markdown link destination.
func linkDest(u string) string {
	r := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\\", "%5C", "\n", "", "\t", "")
	return r.Replace(u)
}

// plainText is the text of an HTML fragment, for titles.
func plainText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if m := tagRE.FindStringSubmatch(s); m != nil {
			s = s[len(m[0]):]
			if name := strings.ToLower(m[2]); blocks[name] || name == "br" || name == "li" {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteByte('<')
		s = s[1:]
	}
	return collapse(html.UnescapeString(b.String()))
}
