// Package markdown renders article bodies (CommonMark plus GitHub tables,
// strikethrough, autolinks and footnotes) to HTML, with [[wiki-links]]
// resolved, Unicode heading ids and dangerous URLs removed.
package markdown

import (
	"bufio"
	"bytes"
	"cmp"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/timelinegen/timelinegen/internal/words"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Resolver turns a wiki-link target into an href. target is the text inside
// [[ ]] before any '|': "slug", "slug#event-id" or "#event-id". It returns an
// error (message without position) when it cannot resolve, e.g.
// `no entry "jedah-talks" (did you mean "jeddah-talks"?)`.
type Resolver func(target string) (href string, err error)

// Options configure a Renderer.
type Options struct {
	// UnsafeHTML emits raw HTML (timeline.yaml unsafe_html). Addresses
	// using javascript:, vbscript:, file: or data: (except
	// data:image/png|gif|jpeg|webp images) are never emitted, even then:
	// not in links, images and autolinks, nor in any attribute of raw HTML
	// that holds one (href, src, action, formaction, data, xlink:href,
	// an SVG animation's values…). The rest of raw HTML, <script>
	// included, is passed through verbatim and is the author's
	// responsibility.
	UnsafeHTML bool
}

// Doc carries the per-document inputs of Render.
type Doc struct {
	// IDPrefix prefixes footnote ids (e.g. "moscow-talks-") so footnotes stay
	// unique when several articles share a page. It is written verbatim into
	// id and href attributes, so it must be id-safe (a slug is).
	IDPrefix string
	// ReservedIDs are ids already used on the page (event ids, "main",
	// "top", headings of other articles...); heading ids avoid them.
	ReservedIDs []string
	// Resolve resolves wiki-links; nil makes every wiki-link a Problem.
	Resolve Resolver
	// Title, when set, gives the text of a wiki-link written without
	// one ([[slug]]): the target's title, or "" to show the target.
	Title func(target string) string
	// Aside, when set, is given the HTML as rendered, valid only during
	// the call, to put it aside: when it says it did, Result.HTML is
	// empty. A build of 100,000 articles made 500 MB of strings of
	// bodies it wrote to a file at once.
	Aside func(html []byte) bool
}

// Problem is an issue found in the body. Line and Col are 1-based and
// relative to the start of src; Col counts characters (runes), not bytes.
type Problem struct {
	Line, Col int
	Message   string
}

// Heading is a heading of the body, for a table of contents.
type Heading struct {
	Level    int
	ID, Text string
}

// Result is a rendered body.
type Result struct {
	HTML     string    // the rendered body
	Summary  string    // plain text of the first paragraph, at most summaryMax runes
	Headings []Heading // in document order
	Problems []Problem // unresolved wiki-links, sorted by position
}

// Renderer renders Markdown; make one with New. It is safe for concurrent
// use: the goldmark instances are built once and hold no per-document
// state; everything that varies per document travels in the
// parser.Context or the AST.
type Renderer struct {
	md, mdLinkify goldmark.Markdown // without and with autolinking of bare URLs
	rawHTML       bool              // raw HTML is emitted, and its addresses guarded
	bufs          sync.Pool         // *outBuf
}

// outBuf is pooled because goldmark wraps any non-bufio writer in a fresh
// 4 KiB bufio.Writer per call.
type outBuf struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

// renderState is the per-Render state reachable from the parser.Context.
type renderState struct {
	resolve  Resolver
	title    func(string) string
	hasAt    bool // src contains '@', so linkify must look for e-mails
	problems []Problem
	headings []Heading
	scratch  []byte // for plain text
}

// stateKey is assigned once at package init (goldmark's ContextKey
// counter is not goroutine-safe, so keys must not be made per Renderer) and
// never changes afterwards.
var stateKey = parser.NewContextKey()

// footnotePrefixMeta is the Document meta key holding the footnote id
// prefix: the footnote renderer is shared, so the prefix must come from the
// document being rendered.
const footnotePrefixMeta = "timelinegen.footnote-prefix"

// New builds a Renderer.
func New(opts Options) *Renderer {
	r := &Renderer{
		md:        newGoldmark(opts, false),
		mdLinkify: newGoldmark(opts, true),
		rawHTML:   opts.UnsafeHTML,
	}
	r.bufs.New = func() any {
		ob := &outBuf{}
		ob.w = bufio.NewWriter(&ob.buf)
		return ob
	}
	return r
}

func newGoldmark(opts Options, linkify bool) goldmark.Markdown {
	exts := []goldmark.Extender{
		extension.Table,
		extension.Strikethrough,
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		wikiLinkExtension{},
	}
	if linkify {
		exts = append(exts, fastLinkify{})
	}
	var htmlOpts []renderer.Option
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(
				util.Prioritized(urlGuard{}, 100),
				util.Prioritized(headingIDs{}, 200),
			),
		),
		goldmark.WithRendererOptions(htmlOpts...),
	)
}

// mayLinkify reports whether linkify could find anything in src: its URL
// prefixes are case-sensitive and e-mail addresses need an '@'. Most
// bodies have none, and linkify is otherwise tried at every space.
func mayLinkify(src []byte) bool {
	return bytes.Contains(src, []byte("http")) || bytes.Contains(src, []byte("ftp:")) ||
		bytes.Contains(src, []byte("www.")) || bytes.IndexByte(src, '@') >= 0
}

func footnotePrefix(n ast.Node) []byte {
	if d := n.OwnerDocument(); d != nil {
		if p, ok := d.Meta()[footnotePrefixMeta].([]byte); ok {
			return p
		}
	}
	return nil
}

// Render renders src. It never fails: problems are reported in the Result
// and the HTML is still produced.
func (r *Renderer) Render(src []byte, doc Doc) Result {
	ids := newIDs(doc.ReservedIDs)
	st := &renderState{resolve: doc.Resolve, title: doc.Title, hasAt: bytes.IndexByte(src, '@') >= 0}
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(stateKey, st)

	md := r.md
	if mayLinkify(src) {
		md = r.mdLinkify
	}
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if doc.IDPrefix != "" {
		root.OwnerDocument().AddMeta(footnotePrefixMeta, []byte(doc.IDPrefix))
	}

	ob := r.bufs.Get().(*outBuf)
	ob.buf.Reset()
	ob.w.Reset(&ob.buf)
	// The HTML renderer only fails when the writer does; a bytes.Buffer
	// does not.
	_ = md.Renderer().Render(ob.w, src, root)
	_ = ob.w.Flush()
	var body string
	// Raw HTML needs a '<' in the source, and Markdown's own links are
	// guarded as they are rendered: a body without one is not parsed again.
	switch guard := r.rawHTML && bytes.IndexByte(src, '<') >= 0; {
	case guard:
		body = guardRawHTML(ob.buf.String())
		if doc.Aside != nil && doc.Aside(unsafe.Slice(unsafe.StringData(body), len(body))) {
			body = ""
		}
	case doc.Aside == nil || !doc.Aside(ob.buf.Bytes()):
		body = ob.buf.String()
	}
	res := Result{
		HTML:     body,
		Summary:  summary(root, src, st.scratch),
		Headings: st.headings,
		Problems: st.problems,
	}
	if ob.buf.Cap() <= 1<<20 { // don't keep freak buffers alive
		r.bufs.Put(ob)
	}
	// Inline parsing already goes in source order; this is insurance.
	slices.SortStableFunc(res.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return res
}

// position converts a byte offset in src to a 1-based line and rune column.
// It is only called for problems, so the linear scan is fine.
func position(src []byte, off int) (line, col int) {
	off = min(off, len(src))
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:off])
}

const summaryMax = 300

// summary is the plain text of the first top-level paragraph that has any,
// cut at a word boundary to at most summaryMax runes including the "…".
func summary(doc ast.Node, src, scratch []byte) string {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph {
			continue
		}
		scratch = appendPlain(scratch[:0], n, src)
		if s := collapseSpace(scratch); s != "" {
			return words.Cut(s, summaryMax)
		}
	}
	return ""
}
