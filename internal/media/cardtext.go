package media

import (
	"image"
	"image/color"
	"sync"
)

// A card's text rows are written to its PNG glyph by glyph rather than
// read pixel by pixel: a glyph of one face in one colour is the same
// pixels wherever a card draws it (the faces are hinted, so every glyph
// starts on a whole pixel), and so are the deflate symbols that write
// each of its rows under the one above. They are made once per build
// (glyphRows); a card's row is then the background's row, equal to the
// row above, with each glyph's symbols put in where it lies
// (rowDeflater.textRow). Where two glyphs meet, or a glyph lies on
// something other than the plain background, the rows are read pixel by
// pixel as before (textLayout.pixels).

// glyphRows is a glyph in a colour as the rows of a card hold it.
type glyphRows struct {
	w, h int
	// pix are the glyph's h rows of w palette indexes, then a row of
	// background: the row below the glyph, which is not the row above.
	pix    []byte
	rows   []glyphRow // h+1
	tokens [][]uint32 // each row's pixels between its lead and trail: rowDeflater tokens
	words  []uint32   // the tokens of every row in codes, whole words of 32 bits (glyphRow.words)
	codes  *codes     // the codes the rows' bits are in
}

// glyphRow is how a row of a glyph is written under the one above (the
// background above its first row): small, as a card reads one for each
// glyph on each of its rows.
type glyphRow struct {
	// lo to hi are the pixels where it or the row above has ink: the
	// pixels of the row that are the glyph's own. Outside them both rows
	// are background, so another glyph may lie there.
	lo, hi uint16
	// lead and trail are how many of its pixels at its start and end are
	// those of the row above: they join the matches with the row above
	// that the background around the glyph is. A row the row above
	// repeats has lead w.
	lead, trail uint16
	// s0 and s1 are Σ p[j] and Σ j·p[j] of its pixels, what they add to
	// the row's Adler-32.
	s0, s1 uint32
	// The row's tokens in codes: glyphRows.words[words:words+n], then
	// tailN bits of tail.
	words uint32
	n     uint16
	tailN uint8
	tail  uint32
}

// maxGlyph is the widest glyph written from its rows (glyphRow's sizes).
const maxGlyph = 1 << 12

// glyphRowsKey is a glyph of a face (by its glyph cache) in a colour of a
// kind's palette.
type glyphRowsKey struct {
	face   *glyphCache
	glyph  glyphKey
	kind   color.RGBA
	colour int
}

// glyphRowsCache is a build's glyphRows, shared by its drawings.
type glyphRowsCache struct {
	mu   sync.RWMutex
	rows map[glyphRowsKey]*glyphRows
}

// newGlyphRows makes a glyph's rows from its mask (w×h from mp) in the
// shades of the table shade; with codes, their symbols are written too.
func newGlyphRows(mask *image.Alpha, mp image.Point, w, h int, shade *[256]uint8, c *codes) *glyphRows {
	g := &glyphRows{w: w, h: h, pix: make([]byte, (h+1)*w), rows: make([]glyphRow, h+1), tokens: make([][]uint32, h+1)}
	for r := range h {
		m := mask.Pix[mask.PixOffset(mp.X, mp.Y+r):][:w]
		p := g.pix[r*w:][:w]
		for j, a := range m {
			p[j] = shade[a]
		}
	}
	above := make([]byte, w) // the background above the first row
	for r := range h + 1 {
		row := g.pix[r*w:][:w]
		gr := &g.rows[r]
		lo, hi := w, 0
		for j := range w {
			if row[j] != 0 || above[j] != 0 {
				lo, hi = min(lo, j), j+1
			}
		}
		gr.lo, gr.hi = uint16(min(lo, hi)), uint16(hi)
		lead, end := matchAll(row, above), w
		if lead < w {
			for end > lead && row[end-1] == above[end-1] {
				end--
			}
			g.tokens[r] = rowTokens(row, above, int(gr.lo), lead, end)
		}
		gr.lead, gr.trail = uint16(lead), uint16(w-end)
		for j, p := range row {
			gr.s0 += uint32(p)
			gr.s1 += uint32(j) * uint32(p)
		}
		above = row
	}
	if c != nil {
		g.encode(c)
	}
	return g
}

// encode writes each row's tokens in the codes c.
func (g *glyphRows) encode(c *codes) {
	g.words = g.words[:0]
	for r := range g.rows {
		var bits bitString
		for _, t := range g.tokens[r] {
			v, n, v2, n2 := c.symbol(t)
			bits.add(v, n)
			bits.add(v2, n2)
		}
		gr := &g.rows[r]
		gr.words, gr.n = uint32(len(g.words)), uint16(len(bits.words))
		gr.tail, gr.tailN = uint32(bits.tail), uint8(bits.n)
		g.words = append(g.words, bits.words...)
	}
	g.codes = c
}

// matchAll is how many bytes of p from the start are those of q.
func matchAll(p, q []byte) int {
	n := 0
	for n < len(p) {
		m := matchLen(p[n:], q[n:])
		n += m
		if m < maxMatch {
			break
		}
	}
	return n
}

// rowTokens tokenises row[from:to] under above, as rowDeflater.row does
// but for the repeats within the glyph's own pixels, which begin at own:
// the longer of the match with the row above and the run of the byte
// before, else the byte itself. The byte before own is not the glyph's:
// another glyph's own pixels may end there.
func rowTokens(row, above []byte, own, from, to int) []uint32 {
	var t []uint32
	for i := from; i < to; {
		b := row[i]
		up, run := 0, 0
		if b == above[i] {
			up = matchLen(row[i:to], above[i:])
		}
		if i > own && b == row[i-1] {
			run = sameAs(row[i:to], b)
		}
		switch {
		case up >= 3 && up >= run:
			t = appendMatch(t, up, CardWidth+1)
			i += up
		case run >= 3:
			t = appendMatch(t, run, 1)
			i += run
		default:
			t = append(t, uint32(b))
			i++
		}
	}
	return t
}

// appendMatch appends the tokens of n bytes that repeat those distance
// bytes back, as rowDeflater.copyFrom makes them.
func appendMatch(t []uint32, n, distance int) []uint32 {
	for n > 0 {
		l := matchPart(n)
		t = append(t, match|uint32(distance-1)<<distShift|uint32(l))
		n -= l
	}
	return t
}

// placedGlyph is a glyph where a card draws it: its rows from y (x, y its
// first pixel's), and the one before it on its line that is the same
// glyph, if any, so many pixels to its left (or 0).
type placedGlyph struct {
	x, y int
	g    *glyphRows
	same int
}

// textLine is the glyphs a card's line of text placed, from left to
// right, and the rows they cover, the row below them included.
type textLine struct {
	from, to    int // in textLayout.glyphs
	top, bottom int // bottom included
	// overlap says whether any two of its glyphs' boxes overlap: then
	// its glyphs are not in order of their own pixels in every row.
	overlap bool
}

// textLayout is where a card's glyphs lie, and which rows must be read
// pixel by pixel.
type textLayout struct {
	glyphs []placedGlyph
	lines  []textLine
	pixels []bool // by row: read pixel by pixel
	active []placedGlyph
}

func newTextLayout() *textLayout {
	return &textLayout{pixels: make([]bool, CardHeight)}
}

func (l *textLayout) reset() {
	l.glyphs, l.lines = l.glyphs[:0], l.lines[:0]
	clear(l.pixels)
}

// startLine begins a line: the glyphs placed until the next are on it.
func (l *textLayout) startLine() {
	l.lines = append(l.lines, textLine{from: len(l.glyphs), to: len(l.glyphs), top: CardHeight, bottom: -1})
}

// place puts g on the current line at (x, y), or, when it leaves the
// card or lies on more than the plain background, has its rows read
// pixel by pixel.
func (l *textLayout) place(g *glyphRows, x, y int, fs *faces) {
	ln := &l.lines[len(l.lines)-1]
	bottom := y + g.h
	if x < 0 || x+g.w > CardWidth || bottom >= CardHeight || !fs.plainUnder(x, y, bottom) {
		l.readRows(y, bottom)
		return
	}
	same := 0
	for i := len(l.glyphs) - 1; i >= ln.from; i-- {
		if o := l.glyphs[i]; o.g == g && o.y == y && o.x < x {
			same = x - o.x
			break
		}
	}
	l.glyphs = append(l.glyphs, placedGlyph{x: x, y: y, g: g, same: same})
	ln.to = len(l.glyphs)
	ln.top, ln.bottom = min(ln.top, y), max(ln.bottom, bottom)
}

// readRows has rows from to to (included), and the row below, read
// pixel by pixel.
func (l *textLayout) readRows(from, to int) {
	for y := max(from, 0); y <= min(to+1, CardHeight-1); y++ {
		l.pixels[y] = true
	}
}

// settle finds where glyphs meet, when every line is placed: those rows
// are read pixel by pixel.
func (l *textLayout) settle() {
	for i := range l.lines {
		a := &l.lines[i]
		if a.from == a.to {
			continue
		}
		end := l.glyphs[a.from].x
		for _, p := range l.glyphs[a.from:a.to] {
			a.overlap = a.overlap || p.x < end
			end = max(end, p.x+p.g.w)
		}
		for j := i; j < len(l.lines); j++ {
			b := &l.lines[j]
			if b.from == b.to || a.top > b.bottom || b.top > a.bottom {
				continue
			}
			for p := a.from; p < a.to; p++ {
				q0 := b.from
				if i == j {
					q0 = p + 1
				}
				for q := q0; q < b.to; q++ {
					l.meet(&l.glyphs[p], &l.glyphs[q])
				}
			}
		}
	}
}

// meet has the rows where two glyphs' own pixels (glyphRow.lo to hi)
// meet read pixel by pixel.
func (l *textLayout) meet(a, b *placedGlyph) {
	if a.x >= b.x+b.g.w || b.x >= a.x+a.g.w {
		return
	}
	for y := max(a.y, b.y); y <= min(a.y+a.g.h, b.y+b.g.h); y++ {
		ra, rb := &a.g.rows[y-a.y], &b.g.rows[y-b.y]
		if ra.lo < ra.hi && rb.lo < rb.hi && a.x+int(ra.lo) < b.x+int(rb.hi) && b.x+int(rb.lo) < a.x+int(ra.hi) {
			l.pixels[y] = true
		}
	}
}

// own is where in a card's row y the glyph's own pixels are, offset
// by the row's filter byte, and whether it is on that row.
func (p *placedGlyph) own(y int) (from, to int, on bool) {
	r := y - p.y
	if r < 0 || r > p.g.h {
		return 0, 0, false
	}
	gr := &p.g.rows[r]
	return p.x + 1 + int(gr.lo), p.x + 1 + int(gr.hi), true
}

// row is the glyphs on row y, in order of their own pixels (which do not
// meet), some of them perhaps not on it; ok is false when the row is read
// pixel by pixel or has no line of text.
func (l *textLayout) row(y int) (glyphs []placedGlyph, ok bool) {
	if l.pixels[y] {
		return nil, false
	}
	var line *textLine
	lines := 0
	for i := range l.lines {
		if ln := &l.lines[i]; y >= ln.top && y <= ln.bottom {
			line = ln
			lines++
		}
	}
	switch {
	case lines == 0:
		return nil, false
	case lines == 1 && !line.overlap:
		return l.glyphs[line.from:line.to], true
	}
	// Boxes that overlap, or two lines side by side (a date and a site's
	// name): the glyphs on the row, sorted.
	l.active = l.active[:0]
	for i := range l.lines {
		if ln := &l.lines[i]; y >= ln.top && y <= ln.bottom {
			for _, p := range l.glyphs[ln.from:ln.to] {
				if _, _, on := p.own(y); on {
					l.active = append(l.active, p)
				}
			}
		}
	}
	a := l.active
	for i := 1; i < len(a); i++ {
		for j := i; j > 0; j-- {
			from, _, _ := a[j].own(y)
			before, _, _ := a[j-1].own(y)
			if from >= before {
				break
			}
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
	return a, true
}
