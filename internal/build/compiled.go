package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

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

// maxCompiledFile bounds CompiledFile: at 10,000 articles it is about
// 60 MB.
const maxCompiledFile = 4 << 30

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
	f, info, err := sitefs.Open(filepath.Join(c.source, filepath.FromSlash(CompiledFile)), maxCompiledFile)
	if err != nil {
		return
	}
	defer f.Close()
	// Read into one string, of which every body and card is a part: no
	// copy of the whole, nor of each.
	var data strings.Builder
	data.Grow(int(min(info.Size(), maxCompiledFile)) + 1)
	if _, err := io.Copy(&data, io.LimitReader(f, maxCompiledFile)); err != nil {
		return
	}
	if bodies, cards, err := decodeCompiled(data.String(), c.salt); err == nil {
		c.bodies, c.cards = bodies, cards
	}
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
	file := filepath.Join(source, filepath.FromSlash(CompiledFile))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	// Written beside and renamed, as PagesFile is.
	tmp, err := os.CreateTemp(filepath.Dir(file), "compiled-*.tmp")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	encodeCompiled(w, c.salt, c.nextBodies, c.nextCards)
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
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
			u(uint64(p.Line))
			u(uint64(p.Col))
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

var errDamaged = errors.New("damaged")

// decodeCompiled reads what encodeCompiled wrote, under salt.
func decodeCompiled(s string, salt uint64) (map[keptName]*bodyState, map[keptName]keptCard, error) {
	d := decoder{s: s}
	if len(s) < len(compiledFormat) || s[:len(compiledFormat)] != compiledFormat {
		return nil, nil, errDamaged
	}
	d.s = s[len(compiledFormat):]
	if d.u() != salt {
		return nil, nil, errDamaged
	}
	n := d.count()
	bodies := make(map[keptName]*bodyState, n)
	for range n {
		name := keptName{d.str(), d.str()}
		b := &bodyState{key: d.u(), deps: d.u()}
		if t := d.count(); t > 0 {
			b.targets = make([]string, t)
			for i := range b.targets {
				b.targets[i] = d.str()
			}
		}
		b.body = pages.Body{HTML: template.HTML(d.str()), Summary: d.str()}
		if p := d.count(); p > 0 {
			b.problems = make([]markdown.Problem, p)
			for i := range b.problems {
				b.problems[i] = markdown.Problem{Line: d.int(), Col: d.int(), Message: d.str()}
			}
		}
		bodies[name] = b
	}
	n = d.count()
	cards := make(map[keptName]keptCard, n)
	for range n {
		name := keptName{d.str(), d.str()}
		cards[name] = keptCard{version: d.u(), html: template.HTML(d.str())}
	}
	if d.err != nil || d.s != "" {
		return nil, nil, errDamaged
	}
	return bodies, cards, nil
}

// decoder reads uvarints and strings off s; once it meets the end or a
// bad number, it gives zeros and keeps err.
type decoder struct {
	s   string
	err error
}

func (d *decoder) u() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		b := d.s[i]
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			d.s = d.s[i+1:]
			return v
		}
	}
	d.err = errDamaged
	return 0
}

// count reads a number of things that follow, each at least a byte
// long: no more than the bytes left.
func (d *decoder) count() int {
	n := d.u()
	if n > uint64(len(d.s)) {
		d.err = errDamaged
		return 0
	}
	return int(n)
}

func (d *decoder) int() int {
	v := d.u()
	if v > math.MaxInt32 {
		d.err = errDamaged
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}
