package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// idSet is a Unicode-aware parser.IDs. goldmark's default keeps ASCII
// only, which turns every Cyrillic heading into "-"; this one keeps letters
// and digits of any script so anchors stay readable. One is made per Render.
type idSet struct {
	used map[string]struct{}
}

var _ parser.IDs = (*idSet)(nil)

func newIDs(reserved []string) *idSet {
	s := &idSet{used: make(map[string]struct{}, len(reserved)+8)}
	for _, id := range reserved {
		s.used[id] = struct{}{}
	}
	return s
}

// Generate returns a slug of value that is not yet in use: "base",
// then "base-1", "base-2"...
func (s *idSet) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(s.generate(string(value)))
}

func (s *idSet) generate(value string) string {
	base := slugify(value)
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; ; i++ {
		if _, taken := s.used[id]; !taken {
			break
		}
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = struct{}{}
	return id
}

// Put marks an id as used.
func (s *idSet) Put(value []byte) {
	s.used[string(value)] = struct{}{}
}

// slugify lowercases s, keeps letters, digits and combining marks of any
// script and turns every other run of characters into a single '-', with
// none at either end.
func slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			dash = true
		}
	}
	return b.String()
}

// headingIDs gives every heading an id from its rendered plain text (not
// its raw Markdown, which is what goldmark's WithAutoHeadingID uses: a
// heading with a link would get the URL in its id) via the context's IDs,
// and records the heading for the Result.
type headingIDs struct{}

func (headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*renderState)
	if st == nil {
		st = &renderState{}
	}
	ids := pc.IDs()
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		st.scratch = appendPlain(st.scratch[:0], h, src)
		txt := collapseSpace(st.scratch)
		var id string
		if own, ok := ids.(*idSet); ok { // skip the []byte round trips
			id = own.generate(txt)
		} else {
			id = string(ids.Generate([]byte(txt), ast.KindHeading))
		}
		h.SetAttributeString("id", []byte(id))
		// The page's title is its only h1; a body's "# Heading" sits below it.
		if h.Level == 1 {
			h.Level = 2
		}
		st.headings = append(st.headings, Heading{Level: h.Level, ID: id, Text: txt})
		return ast.WalkSkipChildren, nil
	})
}
