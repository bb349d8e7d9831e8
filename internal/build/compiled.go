package build

import (
	"bufio"
	"encoding/binary"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/timelinegen/timelinegen/internal/build/kept"
	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/markdown"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/sitefs"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// CompiledFile is where a build keeps, for the next one, what its
// compile stage makes at most cost and the next can take as it is: each
// article's rendered body, by the sum of what its rendering reads, and
// each entry's listing card, by its view's version. It holds them under
// the salt of PagesFile: a change of the binary, the options,
// timeline.yaml, templates/, static/ or i18n/ makes every one afresh.
const CompiledFile = ".timelinegen/compiled"

// compiledFormat heads CompiledFile; a file of another format is not
// read.
const compiledFormat = "timelinegen compiled 1\n"

// maxCompiledFile bounds CompiledFile: at 10,000 articles of 600 words
// it is 71 MB. A larger one is not read: every body and card is made.
const maxCompiledFile = 1 << 30

// compiled is a one-shot build's link to the compile stage of the last
// one: the bodies and cards it kept, and those this build makes, for
// the next. It is safe for concurrent use.
type compiled struct {
	source string
	salt   uint64
	bodies map[keptName]*bodyState // the last build's, by language and article path
	cards  map[keptName]keptCard   // the last build's, by language and slug

	mu         sync.Mutex
	nextBodies map[keptName]*bodyState
	nextCards  map[keptName]keptCard
	// fresh says that this build made what the last did not keep:
	// only then is CompiledFile written again.
	fresh bool
}

// keptName names a body (by its article's path) or a card (by its
// entry's slug) in one language.
type keptName struct{ lang, name string }

// keptCard is an entry's listing card, with the version of the view it
// was rendered from.
type keptCard struct {
	version uint64
	html    template.HTML
}

// newCompiled returns the link to what the last build kept in source's
// CompiledFile under salt, read when first needed.
func newCompiled(source string, salt uint64) *compiled {
	return &compiled{source: source, salt: salt, bodies: map[keptName]*bodyState{}, cards: map[keptName]keptCard{},
		nextBodies: map[keptName]*bodyState{}, nextCards: map[keptName]keptCard{}}
}

// read reads CompiledFile, when it was made under c's salt; a file
// missing, damaged or of another salt gives nothing to take. It is read
// once the articles are, not beside their Markdown and the garbage of
// their reading: the collector's limit follows the live heap.
func (c *compiled) read() {
	data, err := readWhole(filepath.Join(c.source, filepath.FromSlash(CompiledFile)), maxCompiledFile)
	if err != nil {
		return
	}
	if bodies, cards, err := decodeCompiled(data, c.salt); err == nil {
		c.bodies, c.cards = bodies, cards
	}
}

// readWhole reads file, at most limit bytes, into one string, of which
// what is read off it may be parts: no copy of the whole, nor of each.
func readWhole(file string, limit int64) (string, error) {
	f, info, err := sitefs.Open(file, limit)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var data strings.Builder
	data.Grow(int(min(info.Size(), limit)) + 1)
	if _, err := io.Copy(&data, io.LimitReader(f, limit)); err != nil {
		return "", err
	}
	return data.String(), nil
}

// body gives the body the last build kept of the article at path in
// lang, when rendered from the same text (key) and its wiki-links lead
// where they led and read as they read (deps, of the targets kept).
func (c *compiled) body(lang, path string, key uint64, deps func(targets []string) uint64) *bodyState {
	b := c.bodies[keptName{lang, path}]
	if b == nil || b.key != key || b.deps != deps(b.targets) {
		return nil
	}
	return b
}

// render gives the body of article a in lang as the last build kept it,
// or rendered afresh, and notes it for the next build.
func (c *compiled) render(sums *rebuild.Hasher, lang string, md *markdown.Renderer, a *content.Article, tl *timeline.Timeline, urls *permalink.URLs) *bodyState {
	key := bodyKey(sums, a)
	if b := c.body(lang, a.Path, key, func(targets []string) uint64 { return linkDeps(sums, a, targets, tl, urls) }); b != nil {
		c.keepBody(lang, a.Path, b, false)
		return b
	}
	b := renderBody(md, a, tl, urls)
	b.key, b.deps = key, linkDeps(sums, a, b.targets, tl, urls)
	c.keepBody(lang, a.Path, b, true)
	return b
}

// keepBody notes the body of the article at path in lang for the next
// build; fresh when it was rendered by this one.
func (c *compiled) keepBody(lang, path string, b *bodyState, fresh bool) {
	c.mu.Lock()
	c.nextBodies[keptName{lang, path}] = b
	c.fresh = c.fresh || fresh
	c.mu.Unlock()
}

// card gives the card the last build kept of slug in lang, when rendered
// from a view of that version.
func (c *compiled) card(lang, slug string, version uint64) (template.HTML, bool) {
	k, ok := c.cards[keptName{lang, slug}]
	return k.html, ok && k.version == version
}

// keepCards notes the cards of one language's views for the next build.
func (c *compiled) keepCards(lang string, made pages.Made) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, v := range made.Views {
		if v.Card == "" {
			continue
		}
		k := keptCard{version: made.Versions[i], html: v.Card}
		name := keptName{lang, v.Slug}
		if old, ok := c.cards[name]; !ok || old != k {
			c.fresh = true
		}
		c.nextCards[name] = k
	}
}

// cardMemo is a ViewMemo that also takes the cards the last build kept.
type cardMemo struct {
	*rebuild.Views
	lang string
	kept *compiled
}

func (m cardMemo) Card(slug string, version uint64) (template.HTML, bool) {
	return m.kept.card(m.lang, slug, version)
}

// save writes CompiledFile for the next build, when this build made what
// it does not hold or no longer uses some of it. It is called once the
// build is in place; when it fails, the next build makes everything.
func (c *compiled) save(source string) error {
	if !c.fresh && len(c.nextBodies) == len(c.bodies) && len(c.nextCards) == len(c.cards) {
		return nil
	}
	return replaceFile(filepath.Join(source, filepath.FromSlash(CompiledFile)), "compiled-*.tmp", func(w *bufio.Writer) {
		encodeCompiled(w, c.salt, c.nextBodies, c.nextCards)
	})
}

// forgetCompiled removes CompiledFile, which could not be written whole.
func forgetCompiled(source string) {
	_ = os.Remove(filepath.Join(source, filepath.FromSlash(CompiledFile)))
}

// encodeCompiled writes the format line, the salt, then each body and
// each card: numbers as uvarints, strings as their length and bytes.
func encodeCompiled(w *bufio.Writer, salt uint64, bodies map[keptName]*bodyState, cards map[keptName]keptCard) {
	var buf []byte
	u := func(v uint64) { buf = binary.AppendUvarint(buf[:0], v); w.Write(buf) }
	str := func(s string) { u(uint64(len(s))); w.WriteString(s) }
	w.WriteString(compiledFormat)
	u(salt)
	u(uint64(len(bodies)))
	for n, b := range bodies {
		str(n.lang)
		str(n.name)
		u(b.key)
		u(b.deps)
		u(uint64(len(b.targets)))
		for _, t := range b.targets {
			str(t)
		}
		str(string(b.body.HTML))
		str(b.body.Summary)
		u(uint64(len(b.problems)))
		for _, p := range b.problems {
			w.Write(binary.AppendVarint(buf[:0], int64(p.Line)))
			w.Write(binary.AppendVarint(buf[:0], int64(p.Col)))
			str(p.Message)
		}
	}
	u(uint64(len(cards)))
	for n, c := range cards {
		str(n.lang)
		str(n.name)
		u(c.version)
		str(string(c.html))
	}
}

// decodeCompiled reads what encodeCompiled wrote, under salt.
func decodeCompiled(s string, salt uint64) (map[keptName]*bodyState, map[keptName]keptCard, error) {
	head, rest, ok := strings.Cut(s, "\n")
	if !ok || head+"\n" != compiledFormat {
		return nil, nil, kept.ErrDamaged
	}
	d := kept.NewDecoder(rest)
	if d.Uvarint() != salt {
		return nil, nil, kept.ErrDamaged
	}
	n := d.Count()
	bodies := make(map[keptName]*bodyState, n)
	for range n {
		name := keptName{d.Text(), d.Text()}
		b := &bodyState{key: d.Uvarint(), deps: d.Uvarint()}
		if t := d.Count(); t > 0 {
			b.targets = make([]string, t)
			for i := range b.targets {
				b.targets[i] = d.Text()
			}
		}
		b.body = pages.Body{HTML: template.HTML(d.Text()), Summary: d.Text()}
		if p := d.Count(); p > 0 {
			b.problems = make([]markdown.Problem, p)
			for i := range b.problems {
				b.problems[i] = markdown.Problem{Line: int(d.Varint()), Col: int(d.Varint()), Message: d.Text()}
			}
		}
		bodies[name] = b
	}
	n = d.Count()
	cards := make(map[keptName]keptCard, n)
	for range n {
		name := keptName{d.Text(), d.Text()}
		cards[name] = keptCard{version: d.Uvarint(), html: template.HTML(d.Text())}
	}
	if !d.Done() {
		return nil, nil, kept.ErrDamaged
	}
	return bodies, cards, nil
}
