package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"sync"
	"unsafe"

	"github.com/timelinegen/timelinegen/internal/build/kept"
	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/markdown"
	"github.com/timelinegen/timelinegen/internal/output"
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
//
// It is also where a build puts the bodies aside until their pages are
// written: the file is made as the bodies are rendered, each body's HTML
// appended, and read back for its page; only the index (names, sums,
// summaries, problems, cards) is held. At 100,000 articles the bodies
// are 500 MB, which a build held whole until the pages were written.
const CompiledFile = ".timelinegen/compiled"

// compiledFormat heads CompiledFile; a file of another format is not
// read. The format line is followed by the bodies' HTML, one after
// another, then the index, then 8 bytes: where the index starts.
const compiledFormat = "timelinegen compiled 2\n"

// maxCompiledFile bounds CompiledFile: at 10,000 articles of 600 words
// it is 71 MB. A larger one is not read: every body and card is made.
const maxCompiledFile = 4 << 30

// maxCompiledIndex bounds the index, which is read whole: 15 MB at
// 10,000 articles, most of it the cards.
const maxCompiledIndex = 1 << 30

// compiled is a one-shot build's link to the compile stage of the last
// one: the bodies and cards it kept, and those this build makes, for
// the next. It is safe for concurrent use.
type compiled struct {
	source string
	salt   uint64
	bodies map[keptName]*bodyState // the last build's, by language and article path
	cards  map[keptName]keptCard   // the last build's, by language and slug
	last   *os.File                // the last build's file, which its bodies are read back from

	mu         sync.Mutex
	nextBodies map[keptName]*bodyState
	nextCards  map[keptName]keptCard
	// fresh says that this build made what the last did not keep:
	// only then is CompiledFile written again.
	fresh bool
	// next is this build's file, where the bodies rendered afresh are
	// put aside as they come. It is made when the first is; when it
	// cannot be, or a write fails, it is broken, the bodies stay in
	// memory and the file is not kept. A check, which writes nothing,
	// breaks it from the start.
	next   bodyFile
	unlock func() // lets go of next's lock, which tells a later build it is no killed build's
	// unread is the first error of reading a body back: the build then
	// fails, since a page went without its body.
	unread error
}

// aside is where a body's HTML was put: n bytes at off in file.
type aside struct {
	file   *os.File
	off, n int64
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
	c := &compiled{source: source, salt: salt, bodies: map[keptName]*bodyState{}, cards: map[keptName]keptCard{},
		nextBodies: map[keptName]*bodyState{}, nextCards: map[keptName]keptCard{}}
	c.next.create = c.create
	return c
}

// read reads the index of CompiledFile, when it was made under c's
// salt, and keeps the file open to read bodies back from; a file
// missing, damaged or of another salt gives nothing to take. It is read
// once the articles are, not beside their Markdown and the garbage of
// their reading: the collector's limit follows the live heap.
func (c *compiled) read() {
	f, info, err := sitefs.Open(filepath.Join(c.source, filepath.FromSlash(CompiledFile)), maxCompiledFile)
	if err != nil {
		return
	}
	bodies, cards, err := c.decodeFile(f, info.Size())
	if err != nil {
		f.Close()
		return
	}
	c.bodies, c.cards, c.last = bodies, cards, f
}

// decodeFile reads the index of f, a CompiledFile of size bytes: from
// the file mapped where it can be (sitefs.Map), since the cards kept are
// parts of the index and need no copy.
func (c *compiled) decodeFile(f *os.File, size int64) (map[keptName]*bodyState, map[keptName]keptCard, error) {
	head := int64(len(compiledFormat))
	if size < head+8 {
		return nil, nil, kept.ErrDamaged
	}
	whole, mapped := sitefs.Map(f, size)
	read := func(from, to int64) (string, error) {
		if mapped {
			return whole[from:to], nil
		}
		b := make([]byte, to-from)
		if _, err := f.ReadAt(b, from); err != nil {
			return "", err
		}
		return unsafe.String(unsafe.SliceData(b), len(b)), nil
	}
	end, err := read(size-8, size)
	if err != nil {
		return nil, nil, err
	}
	at := int64(binary.LittleEndian.Uint64([]byte(end)))
	if at < head || at > size-8 || size-8-at > maxCompiledIndex {
		return nil, nil, kept.ErrDamaged
	}
	if format, err := read(0, head); err != nil || format != compiledFormat {
		return nil, nil, kept.ErrDamaged
	}
	index, err := read(at, size-8)
	if err != nil {
		return nil, nil, err
	}
	return c.decodeIndex(index, f, head, at)
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
// or rendered afresh and put aside, and notes it for the next build.
func (c *compiled) render(sums *rebuild.Hasher, lang string, md *markdown.Renderer, a *content.Article, tl *timeline.Timeline, urls *permalink.URLs) *bodyState {
	key := bodyKey(sums, a)
	if b := c.body(lang, a.Path, key, func(targets []string) uint64 { return linkDeps(sums, a, targets, tl, urls) }); b != nil {
		c.keepBody(lang, a.Path, b, false)
		return b
	}
	// Its HTML goes to this build's file as it is rendered; when the
	// file cannot be made or written, b keeps it.
	b := renderBody(md, a, tl, urls, &c.next, c.readBack)
	b.seal(sums, key, linkDeps(sums, a, b.targets, tl, urls))
	c.keepBody(lang, a.Path, b, true)
	return b
}

// create makes this build's file in .timelinegen/, headed by the format
// line; broken when it cannot.
func (c *compiled) create() (f *os.File, end int64, broken bool) {
	dir := filepath.Dir(filepath.Join(c.source, filepath.FromSlash(CompiledFile)))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, true
	}
	f, unlock, err := output.CreateTemp(dir, "compiled-*.tmp")
	if err != nil {
		return nil, 0, true
	}
	c.unlock = unlock
	if _, err := f.WriteString(compiledFormat); err != nil {
		c.drop(f)
		return nil, 0, true
	}
	return f, int64(len(compiledFormat)), false
}

// drop removes this build's file f, unsaved.
func (c *compiled) drop(f *os.File) {
	f.Close()
	os.Remove(f.Name())
	c.unlock()
}

// readBack reads a body's HTML from where it was put aside. An error is
// noted for the build to fail with: the page went without its body.
func (c *compiled) readBack(at aside) template.HTML {
	h, err := at.read()
	if err != nil {
		c.mu.Lock()
		if c.unread == nil {
			c.unread = fmt.Errorf("reading a body back from %s: %w", CompiledFile, err)
		}
		c.mu.Unlock()
	}
	return h
}

// err is the first error of reading a body back; nil for none, and for
// a build that keeps nothing.
func (c *compiled) err() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.unread
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
		// A one-shot build holds its cards: this reads none back.
		html := v.Card()
		if html == "" {
			continue
		}
		k := keptCard{version: made.Versions[i], html: html}
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

func (m cardMemo) Card(slug string, version uint64) (*pages.ListingCard, bool) {
	if html, ok := m.kept.card(m.lang, slug, version); ok {
		return pages.NewListingCard(html), true
	}
	return nil, false
}

// save writes CompiledFile for the next build, when this build made what
// it does not hold or no longer uses some of it: the bodies it took
// from the last build are copied after those it put aside, then the
// index is written and the file renamed into place. It is called once
// the build is in place; when it fails, the next build makes everything.
func (c *compiled) save(source string) error {
	if !c.fresh && len(c.nextBodies) == len(c.bodies) && len(c.nextCards) == len(c.cards) {
		return nil
	}
	// The build is done: no put runs beside this.
	out := &c.next
	if out.broken {
		return errors.New("bodies could not be put aside")
	}
	if !out.open() {
		return errors.New("cannot make " + CompiledFile)
	}
	buf := make([]byte, 1<<20)
	for _, b := range c.nextBodies {
		if b.aside.file != c.last || c.last == nil {
			continue
		}
		w := io.NewOffsetWriter(out.file, out.end)
		if _, err := io.CopyBuffer(w, io.NewSectionReader(c.last, b.aside.off, b.aside.n), buf); err != nil {
			return err
		}
		b.aside = aside{out.file, out.end, b.aside.n}
		out.end += b.aside.n
	}
	w := bufio.NewWriterSize(io.NewOffsetWriter(out.file, out.end), 1<<20)
	encodeIndex(w, c.salt, c.nextBodies, c.nextCards)
	w.Write(binary.LittleEndian.AppendUint64(nil, uint64(out.end)))
	err := w.Flush()
	if cerr := out.file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(out.file.Name(), filepath.Join(source, filepath.FromSlash(CompiledFile)))
	}
	if err != nil {
		os.Remove(out.file.Name())
	}
	c.unlock()
	out.file = nil
	return err
}

// close lets go of both files, and removes this build's when it was not
// saved (a failed build, or one that changed nothing).
func (c *compiled) close() {
	if c.last != nil {
		c.last.Close()
	}
	if c.next.file != nil {
		c.drop(c.next.file)
	}
}

// forgetCompiled removes CompiledFile, which could not be written whole.
func forgetCompiled(source string) {
	_ = os.Remove(filepath.Join(source, filepath.FromSlash(CompiledFile)))
}

// encodeIndex writes the salt, then each body and each card: numbers as
// uvarints, strings as their length and bytes. A body's HTML is where
// it was put aside: an offset and a length.
func encodeIndex(w *bufio.Writer, salt uint64, bodies map[keptName]*bodyState, cards map[keptName]keptCard) {
	var buf []byte
	u := func(v uint64) { buf = binary.AppendUvarint(buf[:0], v); w.Write(buf) }
	str := func(s string) { u(uint64(len(s))); w.WriteString(s) }
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
		u(b.body.Sum)
		u(uint64(b.aside.off))
		u(uint64(b.aside.n))
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

// decodeIndex reads what encodeIndex wrote, under c's salt, of a file f
// whose bodies lie between from and to.
func (c *compiled) decodeIndex(s string, f *os.File, from, to int64) (map[keptName]*bodyState, map[keptName]keptCard, error) {
	d := kept.NewDecoder(s)
	if d.Uvarint() != c.salt {
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
		sum := d.Uvarint()
		at := aside{f, int64(d.Uvarint()), int64(d.Uvarint())}
		if at.off < from || at.n < 0 || at.off+at.n > to {
			return nil, nil, kept.ErrDamaged
		}
		b.body = pages.Body{Summary: d.Text(), Sum: sum}
		b.setAside(at, c.readBack)
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
