package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fastLinkify is goldmark's Linkify behind a cheap pre-check. Linkify is
// triggered by every space and tries prefixes and an e-mail scan each time,
// which was a fifth of the render time; almost no word can be a link, and
// one that can starts with a URL prefix or has an '@' before the next space.
type fastLinkify struct{}

func (fastLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkifyFilter{extension.NewLinkifyParser()}, 999), // as extension.Linkify
	))
}

type linkifyFilter struct{ parser.InlineParser }

func (p linkifyFilter) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	switch line[0] { // the trigger, skipped by linkify too
	case ' ', '*', '_', '~', '(':
		line = line[1:]
	}
	st, _ := pc.Get(stateKey).(*renderState)
	if !mayBeLink(line, st == nil || st.hasAt) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// mayBeLink is a superset of what linkify accepts at the start of line;
// the e-mail scan is skipped for documents without any '@'.
func mayBeLink(line []byte, hasAt bool) bool {
	if len(line) < 4 {
		return false
	}
	switch line[0] {
	case 'h', 'f', 'w':
		if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) ||
			bytes.HasPrefix(line, []byte("ftp:")) || bytes.HasPrefix(line, []byte("www.")) {
			return true
		}
	}
	if !hasAt {
		return false
	}
	for _, c := range line {
		switch c {
		case '@':
			return true
		case ' ', '\t', '\n', '\r', '<', '>', '(', ')', '[', ']', ',', ';', ':', '"':
			return false // cannot be inside an e-mail local part
		}
	}
	return false
}
