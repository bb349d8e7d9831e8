package media

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"image"
	"image/color"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/timelinegen/timelinegen/internal/permalink"
)

// DejaVu Sans Bold covers Latin, Cyrillic, Greek, Arabic and Hebrew; its
// licence, the Bitstream Vera licence, is beside it in fonts/.
//
//go:embed fonts/DejaVuSans-Bold.ttf
var dejaVuBold []byte

// Card is what a share card shows: an entry that has no photo of its own
// is shared with a picture of its title, its date, its kind and the site.
type Card struct {
	Title string
	Date  string // at its precision: "2025", "March 2025", "11 March 2025"
	Kind  string // the kind's label
	Color string // the kind's colour, #rrggbb
	Site  string
}

// CardWidth and CardHeight are a share card's size, the size Open Graph
// consumers show large.
const (
	CardWidth  = 1200
	CardHeight = 630
	cardFormat = "card 3" // changes whenever the drawing does
)

// Hash names the card's file: the same card has the same name.
func (c Card) Hash() string {
	h := sha256.New()
	for _, s := range []string{cardFormat, c.Title, c.Date, c.Kind, c.Color, c.Site} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Variant is the card's file as pages link it; its Size is not known
// until it is drawn.
func (c Card) Variant() Variant { return CardVariant(c.Hash()) }

// CardVariant is the Variant of the card whose Hash is hash.
func CardVariant(hash string) Variant {
	return Variant{Width: CardWidth, Height: CardHeight, Name: permalink.MediaFile(hash, "share", "png")}
}

// faces are what every card is drawn with, made once per cache: the font,
// its glyphs rasterised once per size and shared by every drawing, and the
// rows every card starts from. A font face is not safe for concurrent use,
// nor is a drawing's image, so each drawing takes its own from a pool.
type faces struct {
	font       *opentype.Font
	glyphs     [3]*glyphCache // title, small, big
	background []byte         // the card's rows before its text (see drawer.rows)
	repeated   []bool         // which of them are the row above
	sums       []adler32      // each of their Adler-32
	// plainFrom is, for each row of the background, where the rest of it
	// is plain background (palette index 0); odd are the rows where that
	// is further right than in most.
	plainFrom []int
	plain     int
	odd       []int
	rows      glyphRowsCache
	codes     *codes    // the Huffman codes of every card's PNG
	pool      sync.Pool // *drawer
}

const (
	titleSize = 60
	smallSize = 30
	bigSize   = 72
)

var (
	cardBackground = color.RGBA{0xf8, 0xfa, 0xfc, 0xff}
	cardRule       = color.RGBA{0xcb, 0xd5, 0xe1, 0xff}
	cardInk        = color.RGBA{0x0f, 0x17, 0x2a, 0xff}
	cardMuted      = color.RGBA{0x47, 0x55, 0x69, 0xff}
	stripe         = image.Rect(0, 0, 28, CardHeight)
	rule           = image.Rect(80, 520, CardWidth-80, 523)
)

// The card's palette (cardPalette) is the background, then shades of each
// of its colours; text is drawn in the first three.
const (
	kindShades = iota
	inkShades
	mutedShades
	ruleShades
	shades = 32
)

// full is the palette index of a colour itself (its last shade).
func full(colour int) uint8 { return uint8(1 + colour*shades + shades - 1) }

// drawer is one drawing's faces and image. The image is drawn straight in
// palette indexes, in the rows the PNG is written from; between drawings
// it is the background: a drawing notes the rectangles it drew on (dirty)
// and puts them back.
type drawer struct {
	title, small, big font.Face
	rows              []byte          // each row's PNG filter byte (0, none), then its pixels
	out               *image.Paletted // the pixels of rows
	dirty             []image.Rectangle
	repeated          []bool               // which rows are the row above, for the PNG
	inks              map[color.RGBA]*inks // by the kind's colour
	png               *pngWriter
	file              []byte // the last PNG drawWith drew: its buffer
	fs                *faces
	textRows          cardText
	marks             []mark                      // the glyphs of the card being drawn
	need              []int                       // paint's
	glyphRows         map[glyphRowsKey]*glyphRows // the drawer's memo of faces.rows
}

// inks are the palette of a kind's colour and, for each colour text is
// drawn in, the palette index each coverage of a glyph's mask (0-255)
// gives over the background: the colour image/draw's Over would blend,
// nearest in the palette.
type inks struct {
	pal    color.Palette
	colour [3]color.RGBA // kind, ink, muted
	over   [3][256]uint8
}

func newInks(kind color.RGBA) *inks {
	in := &inks{pal: cardPalette(kind), colour: [3]color.RGBA{kind, cardInk, cardMuted}}
	for i, c := range in.colour {
		for a := range 256 {
			in.over[i][a] = uint8(in.pal.Index(over(cardBackground, c, uint8(a))))
		}
	}
	return in
}

// over is c drawn with coverage a on d, as image/draw's Over draws a
// glyph's mask of a uniform colour on an RGBA image.
func over(d, c color.RGBA, a uint8) color.RGBA {
	const m = 1<<16 - 1
	sr, sg, sb, sa := c.RGBA()
	ma := uint32(a) * 0x101
	f := (m - sa*ma/m) * 0x101
	blend := func(d uint8, s uint32) uint8 { return uint8((uint32(d)*f + s*ma) / m >> 8) }
	return color.RGBA{blend(d.R, sr), blend(d.G, sg), blend(d.B, sb), blend(d.A, sa)}
}

func newFaces() (*faces, error) {
	f, err := opentype.Parse(dejaVuBold)
	if err != nil {
		return nil, err
	}
	rows, bg := newCardImage()
	fill := func(r image.Rectangle, index uint8) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := bg.Pix[bg.PixOffset(r.Min.X, y):bg.PixOffset(r.Max.X, y)]
			for i := range row {
				row[i] = index
			}
		}
	}
	fill(stripe, full(kindShades))
	fill(rule, full(ruleShades))
	fs := &faces{font: f, background: rows, repeated: make([]bool, CardHeight), sums: make([]adler32, CardHeight), plainFrom: make([]int, CardHeight), plain: CardWidth}
	fs.rows.rows = map[glyphRowsKey]*glyphRows{}
	const stride = CardWidth + 1
	for y := range CardHeight {
		row := rows[y*stride : (y+1)*stride]
		if y > 0 {
			fs.repeated[y] = bytes.Equal(row, rows[(y-1)*stride:y*stride])
		}
		fs.sums[y] = adlerOf(row)
		x := CardWidth
		for x > 0 && row[x] == 0 {
			x--
		}
		fs.plainFrom[y] = x
		fs.plain = min(fs.plain, x)
	}
	for y, x := range fs.plainFrom {
		if x > fs.plain || !fs.repeated[y] {
			fs.odd = append(fs.odd, y)
		}
	}
	for i := range fs.glyphs {
		fs.glyphs[i] = newGlyphCache()
	}
	// Every card's PNG is compressed with the Huffman codes of one card,
	// always the same, drawn first: a card's symbols are written as they
	// are found, with none counted, kept or coded again, for a few per
	// cent more bytes than codes of its own.
	d, err := fs.get()
	if err != nil {
		return nil, err
	}
	if _, err := d.draw(codesCard, fs, nil); err != nil {
		return nil, err
	}
	z := d.png.z
	fs.codes = newCodes(z.lit[:], z.dist[:], true)
	d.png.codes = fs.codes
	for _, g := range fs.rows.rows {
		g.encode(fs.codes)
	}
	fs.pool.Put(d)
	return fs, nil
}

// codesCard is the card whose symbols make every card's Huffman codes: a
// title of four lines, and a date and a site's name beside each other.
var codesCard = Card{
	Title: "Ministers meet in Jeddah and agree on a thirty-day ceasefire proposal, the resumption of military aid and intelligence sharing, and talks on 11 March 2025",
	Date:  "11 March 2025",
	Kind:  "Diplomatic",
	Color: "#1d4ed8",
	Site:  "A Diplomatic and Military Timeline",
}

// newCardImage is a card's rows, each its PNG filter byte (0, none)
// before its pixels, and the paletted image of their pixels, all
// background.
func newCardImage() ([]byte, *image.Paletted) {
	rows := make([]byte, CardHeight*(CardWidth+1))
	return rows, &image.Paletted{Pix: rows[1:], Stride: CardWidth + 1, Rect: image.Rect(0, 0, CardWidth, CardHeight)}
}

// plainUnder says whether a glyph from x may lie on rows top to bottom
// and be written from its rows: the background is plain from x to the
// right in them and in the row above, and each of them is the row above.
func (fs *faces) plainUnder(x, top, bottom int) bool {
	if x < fs.plain || top < 1 {
		return false
	}
	for _, y := range fs.odd {
		if y >= top-1 && y <= bottom && fs.plainFrom[y] > x || y >= top && y <= bottom && !fs.repeated[y] {
			return false
		}
	}
	return true
}

func (fs *faces) get() (*drawer, error) {
	if d, ok := fs.pool.Get().(*drawer); ok {
		return d, nil
	}
	face := func(size float64, g *glyphCache) (font.Face, error) {
		f, err := opentype.NewFace(fs.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		return cachedFace{Face: f, cache: g, local: newGlyphCache()}, err
	}
	d := &drawer{inks: map[color.RGBA]*inks{}, png: newPNGWriter(), repeated: make([]bool, CardHeight), glyphRows: map[glyphRowsKey]*glyphRows{}}
	d.fs = fs
	d.textRows = cardText{layout: newTextLayout(), background: fs.background, plain: fs.repeated, sums: fs.sums}
	d.rows, d.out = newCardImage()
	d.png.codes = fs.codes
	copy(d.rows, fs.background)
	var err error
	if d.title, err = face(titleSize, fs.glyphs[0]); err != nil {
		return nil, err
	}
	if d.small, err = face(smallSize, fs.glyphs[1]); err != nil {
		return nil, err
	}
	if d.big, err = face(bigSize, fs.glyphs[2]); err != nil {
		return nil, err
	}
	return d, nil
}

// Draw draws the card as a PNG.
func (c Card) Draw(fs *faces) ([]byte, error) {
	d, err := fs.get()
	if err != nil {
		return nil, err
	}
	defer fs.pool.Put(d)
	return d.draw(c, fs, make([]byte, 0, 32<<10))
}

// drawWith draws the card as a PNG in the drawer's own buffer and gives
// it to use, which must not keep it: a build writes each card to a file
// and lets it go, and a buffer for each was a sixth of what a cold build
// allocated.
func (c Card) drawWith(fs *faces, use func([]byte)) error {
	d, err := fs.get()
	if err != nil {
		return err
	}
	defer fs.pool.Put(d)
	b, err := d.draw(c, fs, d.file[:0])
	if err != nil {
		return err
	}
	d.file = b
	use(b)
	return nil
}

// draw draws the card as a PNG appended to out.
func (d *drawer) draw(c Card, fs *faces, out []byte) ([]byte, error) {
	kind := parseColor(c.Color)
	in := d.inks[kind]
	if in == nil {
		in = newInks(kind)
		d.inks[kind] = in
	}
	d.dirty, d.marks = d.dirty[:0], d.marks[:0]
	d.textRows.layout.reset()

	rtl := RightToLeft(c.Title)
	d.text(d.small, in, kindShades, strings.ToUpper(c.Kind), 80, 110, rtl)
	lines, _ := wrap(d.title, c.Title, CardWidth-160, 4)
	face, step := d.title, 74
	if len(lines) <= 2 {
		if big, cut := wrap(d.big, c.Title, CardWidth-160, 2); !cut {
			face, step, lines = d.big, 88, big
		}
	}
	y := 200 + face.Metrics().Ascent.Round()/2
	for _, l := range lines {
		d.text(face, in, inkShades, l, 80, y, rtl)
		y += step
	}
	d.text(d.small, in, mutedShades, c.Date, 80, 575, rtl)
	// The site's name at the other end from the date, in what room is left.
	room := CardWidth - 160 - 48 - font.MeasureString(d.small, string(visual(c.Date))).Ceil()
	if site, _ := wrap(d.small, c.Site, room, 1); len(site) == 1 {
		d.text(d.small, in, mutedShades, site[0], 80, 575, !rtl)
	}

	d.textRows.layout.settle()
	d.paint(in)
	// The rows no text was drawn on, nor on the row above, are the
	// background's: those of them the background repeats need no
	// comparing.
	copy(d.repeated, fs.repeated)
	for _, r := range d.dirty {
		for y := r.Min.Y; y < min(r.Max.Y+1, CardHeight); y++ {
			d.repeated[y] = false
		}
	}
	b, err := d.png.encode(out, in.pal, d.rows, CardWidth, CardHeight, d.repeated, &d.textRows)
	d.clean(fs.background)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// cardPalette is the background and, for each colour of the card, 32
// shades of it over the background: every pixel is the background, a
// colour or a blend of the two, so they lose nothing visible, and a
// paletted PNG is a quarter of the data to compress and needs no
// filtering.
func cardPalette(kind color.RGBA) color.Palette {
	bg := cardBackground
	pal := color.Palette{bg}
	for _, c := range []color.RGBA{kind, cardInk, cardMuted, cardRule} {
		for i := 1; i <= shades; i++ {
			mix := func(a, b uint8) uint8 { return uint8((int(a)*(shades-i) + int(b)*i + shades/2) / shades) }
			pal = append(pal, color.RGBA{mix(bg.R, c.R), mix(bg.G, c.G), mix(bg.B, c.B), 0xff})
		}
	}
	return pal
}

// clean puts back the background where the drawing drew.
func (d *drawer) clean(background []byte) {
	for _, r := range d.dirty {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			from, to := d.out.PixOffset(r.Min.X, y)+1, d.out.PixOffset(r.Max.X, y)+1
			copy(d.rows[from:to], background[from:to])
		}
	}
	d.dirty = d.dirty[:0]
}

// text draws a line from x at the baseline y, or against the right margin
// x from the right edge when right is set, as font.Drawer does, in the
// colour of in's shades, noting where it drew.
func (d *drawer) text(face font.Face, in *inks, colour int, s string, x, y int, right bool) {
	rs := string(visual(s))
	dot := fixed.P(x, y)
	if right {
		dot.X = fixed.I(CardWidth-x) - font.MeasureString(face, rs)
	}
	prev := rune(-1)
	layout := d.textRows.layout
	layout.startLine()
	for _, r := range rs {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		key := glyphKey{r, dot.X & 63, dot.Y & 63}
		dr, mask, maskp, advance, _ := face.Glyph(dot, r)
		if a, ok := mask.(*image.Alpha); ok && !dr.Empty() {
			d.marks = append(d.marks, mark{dr: dr, mask: a, mp: maskp, colour: colour, line: len(layout.lines)})
			if g := d.rowsOf(face, key, dr, a, maskp, in, colour); g != nil {
				layout.place(g, dr.Min.X, dr.Min.Y, d.fs)
			} else {
				layout.readRows(dr.Min.Y, dr.Max.Y)
			}
		}
		dot.X += advance
		prev = r
	}
}

// mark is a glyph a card shows, on the line'th line.
type mark struct {
	dr     image.Rectangle
	mask   *image.Alpha
	mp     image.Point
	colour int
	line   int
}

// paint draws the glyphs on the rows the PNG reads pixel by pixel, and on
// the rows above them, noting where: the PNG writes the others from their
// glyphs' rows.
func (d *drawer) paint(in *inks) {
	read := d.textRows.layout.pixels
	// need[y] is how many rows before y are read or above one that is.
	need := d.need[:0]
	n := 0
	for y := range read {
		need = append(need, n)
		if read[y] || y+1 < len(read) && read[y+1] {
			n++
		}
	}
	need = append(need, n)
	d.need = need
	if n == 0 {
		return
	}
	var drawn image.Rectangle
	line := -1
	for _, m := range d.marks {
		top, bottom := max(m.dr.Min.Y, 0), min(m.dr.Max.Y, CardHeight)
		if top >= bottom || need[bottom] == need[top] {
			continue
		}
		if m.line != line && !drawn.Empty() {
			// A line's glyphs overlap: cleaned as one rectangle.
			d.dirty = append(d.dirty, drawn)
			drawn = image.Rectangle{}
		}
		line = m.line
		drawn = drawn.Union(d.glyph(m.dr, m.mask, m.mp, in, m.colour))
	}
	if !drawn.Empty() {
		d.dirty = append(d.dirty, drawn)
	}
}

// rowsOf is a glyph's rows in a colour (glyphRows), made once per build.
func (d *drawer) rowsOf(face font.Face, key glyphKey, dr image.Rectangle, mask *image.Alpha, mp image.Point, in *inks, colour int) *glyphRows {
	cf, ok := face.(cachedFace)
	if !ok || dr.Dx() > maxGlyph || !(image.Rectangle{Min: mp, Max: mp.Add(dr.Size())}).In(mask.Rect) {
		return nil
	}
	k := glyphRowsKey{face: cf.cache, glyph: key, kind: in.colour[0], colour: colour}
	if g, ok := d.glyphRows[k]; ok {
		return g
	}
	fs := d.fs
	g := shared(&fs.rows.mu, fs.rows.rows, k, func() *glyphRows {
		return newGlyphRows(mask, mp, dr.Dx(), dr.Dy(), &in.over[colour], fs.codes)
	})
	d.glyphRows[k] = g
	return g
}

// glyph draws a glyph's mask at dr, and returns where. A pixel of background takes the
// shade of the mask's coverage from the table; one drawn already (where
// two glyphs meet) takes the blend of its colour and the glyph's.
func (d *drawer) glyph(dr image.Rectangle, mask *image.Alpha, mp image.Point, in *inks, colour int) (drawn image.Rectangle) {
	r := dr.Intersect(d.out.Rect)
	if r.Empty() {
		return r
	}
	mp = mp.Add(r.Min.Sub(dr.Min))
	shade := &in.over[colour]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		m := mask.Pix[mask.PixOffset(mp.X, mp.Y+y-r.Min.Y):][:r.Dx()]
		o := d.out.Pix[d.out.PixOffset(r.Min.X, y):][:r.Dx()]
		i := 0
		// Eight pixels a step: most are outside the glyph's outline, or
		// inside it and on the background.
		for ; i+8 <= len(m); i += 8 {
			a := binary.LittleEndian.Uint64(m[i:])
			if a == 0 {
				continue
			}
			if binary.LittleEndian.Uint64(o[i:]) != 0 {
				d.blend(o[i:i+8], m[i:i+8], in, colour)
				continue
			}
			// Where the glyph does not cover, a is 0 and so is its shade.
			o8 := o[i : i+8 : i+8]
			o8[0], o8[1], o8[2], o8[3] = shade[uint8(a)], shade[uint8(a>>8)], shade[uint8(a>>16)], shade[uint8(a>>24)]
			o8[4], o8[5], o8[6], o8[7] = shade[uint8(a>>32)], shade[uint8(a>>40)], shade[uint8(a>>48)], shade[uint8(a>>56)]
		}
		d.blend(o[i:], m[i:], in, colour)
	}
	return r
}

// blend draws a glyph's coverage m on the pixels o one at a time: the
// background takes the shade of the coverage, another colour (where two
// glyphs meet) the blend of it and the glyph's colour.
func (d *drawer) blend(o, m []byte, in *inks, colour int) {
	for i, a := range m {
		switch {
		case a == 0:
		case o[i] == 0:
			o[i] = in.over[colour][a]
		default:
			o[i] = uint8(in.pal.Index(over(in.pal[o[i]].(color.RGBA), in.colour[colour], a)))
		}
	}
}

// glyphCache keeps a face's glyphs as rasterised, their advances and
// kerning: a card's text is mostly the same few hundred letters.
type glyphCache struct {
	mu       sync.RWMutex
	glyphs   map[glyphKey]glyph
	advances map[rune]advance
	kerns    map[[2]rune]fixed.Int26_6
}

// glyphKey is a letter at a sub-pixel offset of the dot, which changes
// how it is rasterised.
type glyphKey struct {
	r    rune
	x, y fixed.Int26_6
}

type glyph struct {
	dr      image.Rectangle // from the dot's whole pixel
	mask    image.Image
	maskp   image.Point
	advance fixed.Int26_6
	ok      bool
}

type advance struct {
	width fixed.Int26_6
	ok    bool
}

func newGlyphCache() *glyphCache {
	return &glyphCache{glyphs: map[glyphKey]glyph{}, advances: map[rune]advance{}, kerns: map[[2]rune]fixed.Int26_6{}}
}

// cachedFace is a face whose glyphs, advances and kerning are looked up
// in the drawer's own memo, without a lock, then in the cache the build's
// drawings share, before they are made.
type cachedFace struct {
	font.Face
	cache *glyphCache
	local *glyphCache // the drawer's: its mu is not used
}

func (f cachedFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	key := glyphKey{r, dot.X & 63, dot.Y & 63}
	g, ok := f.local.glyphs[key]
	if !ok {
		g = shared(&f.cache.mu, f.cache.glyphs, key, func() (g glyph) {
			var mask image.Image
			g.dr, mask, g.maskp, g.advance, g.ok = f.Face.Glyph(fixed.Point26_6{X: key.x, Y: key.y}, r)
			if a, isAlpha := mask.(*image.Alpha); isAlpha {
				// The face draws every glyph into the same mask.
				g.mask = &image.Alpha{Pix: bytes.Clone(a.Pix), Stride: a.Stride, Rect: a.Rect}
			}
			return g
		})
		f.local.glyphs[key] = g
	}
	return g.dr.Add(image.Pt(dot.X.Floor(), dot.Y.Floor())), g.mask, g.maskp, g.advance, g.ok
}

func (f cachedFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) {
	a, ok := f.local.advances[r]
	if !ok {
		a = shared(&f.cache.mu, f.cache.advances, r, func() (a advance) {
			a.width, a.ok = f.Face.GlyphAdvance(r)
			return a
		})
		f.local.advances[r] = a
	}
	return a.width, a.ok
}

func (f cachedFace) Kern(r0, r1 rune) fixed.Int26_6 {
	key := [2]rune{r0, r1}
	k, ok := f.local.kerns[key]
	if !ok {
		k = shared(&f.cache.mu, f.cache.kerns, key, func() fixed.Int26_6 { return f.Face.Kern(r0, r1) })
		f.local.kerns[key] = k
	}
	return k
}

// shared looks key up in m, a map of a cache the drawings share, which
// mu guards, making it unless it is there.
func shared[K comparable, V any](mu *sync.RWMutex, m map[K]V, key K, make func() V) V {
	mu.RLock()
	v, ok := m[key]
	mu.RUnlock()
	if !ok {
		v = make()
		mu.Lock()
		m[key] = v
		mu.Unlock()
	}
	return v
}

// wrap breaks s into lines no wider than width, at most max of them, the
// last cut with an ellipsis when the text is longer (cut).
func wrap(face font.Face, s string, width, max int) ([]string, bool) {
	var lines []string
	words := strings.Fields(s)
	cur := ""
	fits := func(t string) bool { return font.MeasureString(face, string(visual(t))).Ceil() <= width }
	// Text without right-to-left letters is drawn as it is written, and
	// a line's width is its words' and what joins them: each word is
	// measured once.
	ltr := !strings.ContainsFunc(s, isRTL)
	space, _ := face.GlyphAdvance(' ')
	var curWidth fixed.Int26_6
	for i := 0; i < len(words); i++ {
		w := words[i]
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		var tryWidth, wordWidth fixed.Int26_6
		fit := false
		if ltr {
			wordWidth = font.MeasureString(face, w)
			tryWidth = wordWidth
			if cur != "" {
				last, _ := utf8.DecodeLastRuneInString(cur)
				first, _ := utf8.DecodeRuneInString(w)
				tryWidth = curWidth + face.Kern(last, ' ') + space + face.Kern(' ', first) + wordWidth
			}
			fit = tryWidth.Ceil() <= width
		} else {
			fit = fits(try)
		}
		switch {
		case fit:
			cur, curWidth = try, tryWidth
		case cur == "":
			// One word wider than the line: cut it.
			var head string
			head, words[i] = cutWord(w, fits)
			lines = append(lines, head)
			i--
		default:
			lines = append(lines, cur)
			cur, curWidth = w, wordWidth
		}
		if len(lines) == max {
			break
		}
	}
	if cur != "" && len(lines) < max {
		lines = append(lines, cur)
	}
	return cutLast(lines, s, max, fits)
}

// cutWord cuts a word wider than a line where the most of it fits.
func cutWord(w string, fits func(string) bool) (head, rest string) {
	rs := []rune(w)
	n := len(rs)
	for n > 1 && !fits(string(rs[:n])) {
		n--
	}
	return string(rs[:n]), string(rs[n:])
}

// cutLast ends the last of max lines with an ellipsis, cut to fit, when
// the lines do not hold all of s.
func cutLast(lines []string, s string, max int, fits func(string) bool) ([]string, bool) {
	if len(lines) < max || strings.Join(lines, " ") == strings.Join(strings.Fields(s), " ") {
		return lines, false
	}
	last := []rune(lines[max-1])
	for len(last) > 0 && !fits(string(last)+"…") {
		last = last[:len(last)-1]
	}
	lines[max-1] = strings.TrimSpace(string(last)) + "…"
	return lines, true
}

func parseColor(s string) color.RGBA {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 {
		return color.RGBA{0x4b, 0x55, 0x63, 0xff}
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}
