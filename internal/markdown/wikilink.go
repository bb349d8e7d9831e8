package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindWikiLink is registered once at init, like stateKey.
var kindWikiLink = ast.NewNodeKind("WikiLink")

// wikiLink is a [[target]] or [[target|label]], resolved at parse time.
type wikiLink struct {
	ast.BaseInline
	target string
	label  []byte // plain text, entities and escapes decoded
	href   string // "" when broken
	broken bool
}

func (n *wikiLink) Kind() ast.NodeKind { return kindWikiLink }

func (n *wikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{
		"Target": n.target, "Href": n.href, "Label": string(n.label),
	}, nil)
}

type wikiLinkExtension struct{}

func (wikiLinkExtension) Extend(m goldmark.Markdown) {
	// 99: before the footnote (101) and link (200) parsers, which also
	// trigger on '[', so "[[" is ours; they still get "[^1]" and "[a](b)"
	// because we return nil for anything but "[[".
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(wikiLinkParser{}, 99)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(wikiLinkRenderer{}, 100)))
}

type wikiLinkParser struct{}

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

// Parse reads "[[...]]". The content may wrap onto following lines of the
// same paragraph (hard-wrapped prose) but may not contain '[', a lone ']'
// or '`' (a code span would bind tighter); otherwise it is left to the other
// parsers as ordinary text.
func (wikiLinkParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[1] != '[' {
		return nil
	}
	start := seg.Start
	savedLine, savedSeg := block.Position()
	rest := line[2:]
	skip := 2
	var content, multi []byte // multi accumulates wrapped content
	for {
		end, ok := scanWikiLink(rest)
		if !ok {
			block.SetPosition(savedLine, savedSeg)
			return nil
		}
		if end >= 0 {
			if multi == nil {
				content = rest[:end]
			} else {
				content = append(multi, rest[:end]...)
			}
			block.Advance(skip + end + 2)
			break
		}
		multi = append(append(multi, rest...), ' ')
		block.AdvanceLine()
		if rest, _ = block.PeekLine(); rest == nil {
			block.SetPosition(savedLine, savedSeg)
			return nil
		}
		skip = 0
	}

	target, label := content, []byte(nil)
	if i := bytes.IndexByte(content, '|'); i >= 0 {
		// In a table cell the pipe must be written "\|".
		target, label = bytes.TrimSuffix(content[:i], []byte{'\\'}), content[i+1:]
	}
	n := &wikiLink{target: collapseSpace(bytes.Clone(target))}
	n.label = []byte(collapseSpace(appendUnescaped(nil, label)))
	st, _ := pc.Get(stateKey).(*renderState)
	if len(n.label) == 0 {
		// Without text, a link reads as its target's title where known.
		if st != nil && st.title != nil {
			n.label = []byte(st.title(n.target))
		}
		if len(n.label) == 0 {
			n.label = []byte(strings.TrimPrefix(n.target, "#"))
		}
	}

	var err error
	switch {
	case n.target == "":
		err = fmt.Errorf("empty wiki-link")
		if len(n.label) == 0 {
			n.label = []byte("[[]]")
		}
	case st == nil || st.resolve == nil:
		err = fmt.Errorf("cannot resolve wiki-link [[%s]]", n.target)
	default:
		n.href, err = st.resolve(n.target)
	}
	if err != nil {
		n.broken, n.href = true, ""
		if st != nil {
			l, c := position(block.Source(), start)
			st.problems = append(st.problems, Problem{Line: l, Col: c, Message: err.Error()})
		}
	}
	return n
}

// scanWikiLink looks for the closing "]]" in one line of content. It
// returns its index, or -1 if the line ends first; ok is false when the
// content cannot be a wiki-link.
func scanWikiLink(line []byte) (end int, ok bool) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ']':
			if i+1 < len(line) && line[i+1] == ']' {
				return i, true
			}
			return 0, false
		case '[', '`':
			return 0, false
		case '\n':
			return -1, true
		}
	}
	return -1, true
}

type wikiLinkRenderer struct{}

func (wikiLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindWikiLink, renderWikiLink)
}

func renderWikiLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*wikiLink)
	if n.broken {
		_, _ = w.WriteString(`<span class="wikilink broken">`)
		_, _ = w.Write(util.EscapeHTML(n.label))
		_, _ = w.WriteString(`</span>`)
		return ast.WalkContinue, nil
	}
	if insideLink(n) { // <a> must not nest
		_, _ = w.WriteString(`<span class="wikilink">`)
		_, _ = w.Write(util.EscapeHTML(n.label))
		_, _ = w.WriteString(`</span>`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(n.href), false)))
	_, _ = w.WriteString(`" class="wikilink">`)
	_, _ = w.Write(util.EscapeHTML(n.label))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}
