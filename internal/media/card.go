package media

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"image"
	"image/color"
	"image/draw"
	"strconv"
	"strings"
	"sync"

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
	cardFormat = "card 1" // changes whenever the drawing does
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
func (c Card) Variant() Variant {
	return Variant{Width: CardWidth, Height: CardHeight, Name: permalink.MediaFile(c.Hash(), "share", "png")}
}

// faces are what every card is drawn with, made once per cache: the font,
// its glyphs rasterised once per size and shared by every drawing, and the
// background every card starts from. A font face is not safe for
// concurrent use, nor is a canvas, so each drawing takes its own from a
// pool.
type faces struct {
	font       *opentype.Font
	glyphs     [3]*glyphCache // title, small, big
	background *image.RGBA    // the card before its kind and its text
	pool       sync.Pool      // *drawer
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

// drawer is one drawing's faces and canvases. Between drawings the canvas
// is the background and the paletted image all background: a drawing
// notes the rectangles it drew on (dirty) and puts them back.
type drawer struct {
	title, small, big font.Face
	canvas            *image.RGBA
	out               *image.Paletted
	dirty             []image.Rectangle
	seen              map[color.RGBA]*nearest
	png               *pngWriter
}

func newFaces() (*faces, error) {
	f, err := opentype.Parse(dejaVuBold)
	if err != nil {
		return nil, err
	}
	bg := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(bg, bg.Rect, image.NewUniform(cardBackground), image.Point{}, draw.Src)
	draw.Draw(bg, rule, image.NewUniform(cardRule), image.Point{}, draw.Src)
	fs := &faces{font: f, background: bg}
	for i := range fs.glyphs {
		fs.glyphs[i] = newGlyphCache()
	}
	return fs, nil
}

func (fs *faces) get() (*drawer, error) {
	if d, ok := fs.pool.Get().(*drawer); ok {
		return d, nil
	}
	face := func(size float64, g *glyphCache) (font.Face, error) {
		f, err := opentype.NewFace(fs.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		return cachedFace{Face: f, cache: g}, err
	}
	d := &drawer{
		canvas: image.NewRGBA(fs.background.Rect),
		out:    image.NewPaletted(fs.background.Rect, nil),
		seen:   map[color.RGBA]*nearest{},
		png:    newPNGWriter(),
	}
	copy(d.canvas.Pix, fs.background.Pix)
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
	kind := parseColor(c.Color)
	draw.Draw(d.canvas, stripe, image.NewUniform(kind), image.Point{}, draw.Src)
	d.dirty = append(d.dirty[:0], stripe, rule)

	rtl := RightToLeft(c.Title)
	d.text(d.small, kind, strings.ToUpper(c.Kind), 80, 110, rtl)
	lines, _ := wrap(d.title, c.Title, CardWidth-160, 4)
	face, step := d.title, 74
	if len(lines) <= 2 {
		if big, cut := wrap(d.big, c.Title, CardWidth-160, 2); !cut {
			face, step, lines = d.big, 88, big
		}
	}
	y := 200 + face.Metrics().Ascent.Round()/2
	for _, l := range lines {
		d.text(face, cardInk, l, 80, y, rtl)
		y += step
	}
	d.text(d.small, cardMuted, c.Date, 80, 575, rtl)
	// The site's name at the other end from the date, in what room is left.
	room := CardWidth - 160 - 48 - font.MeasureString(d.small, string(visual(c.Date))).Ceil()
	if site, _ := wrap(d.small, c.Site, room, 1); len(site) == 1 {
		d.text(d.small, cardMuted, site[0], 80, 575, !rtl)
	}

	d.paletted(kind)
	b := bytes.NewBuffer(make([]byte, 0, 32<<10))
	err = d.png.encode(b, d.out)
	d.clean(fs.background)
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cardPalette is the background and, for each colour of the card, 32
// shades of it over the background: every pixel is the background, a
// colour or a blend of the two, so they lose nothing visible, and a
// paletted PNG is a quarter of the data to compress and needs no
// filtering.
func cardPalette(kind color.RGBA) color.Palette {
	const shades = 32
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

// paletted gives each pixel drawn its nearest colour of pal; the rest of
// the paletted image is the background already. The colours drawn are a
// few hundred blends, looked up by their bits in a table kept for the
// kind's colour (which makes the palette) rather than searched for in the
// palette at each pixel.
func (d *drawer) paletted(kind color.RGBA) {
	pal := cardPalette(kind)
	d.out.Palette = pal
	seen := d.seen[kind]
	if seen == nil {
		seen = new(nearest)
		d.seen[kind] = seen
	}
	bg := pack(cardBackground.R, cardBackground.G, cardBackground.B, cardBackground.A)
	for _, r := range d.dirty {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			px := d.canvas.Pix[d.canvas.PixOffset(r.Min.X, y):d.canvas.PixOffset(r.Max.X, y)]
			out := d.out.Pix[d.out.PixOffset(r.Min.X, y):d.out.PixOffset(r.Max.X, y)]
			for i, j := 0, 0; i < len(px); i, j = i+4, j+1 {
				p := pack(px[i], px[i+1], px[i+2], px[i+3])
				if p == bg {
					out[j] = 0
					continue
				}
				s := &seen[(p*0x9e3779b1)>>(32-12)]
				if !s.ok || s.px != p {
					s.px, s.ok = p, true
					s.index = uint8(pal.Index(color.RGBA{px[i], px[i+1], px[i+2], px[i+3]}))
				}
				out[j] = s.index
			}
		}
	}
}

// nearest remembers the palette index of colours met, by a hash of their
// bits.
type nearest [1 << 12]struct {
	px    uint32
	index uint8
	ok    bool
}

// clean puts back what the drawing drew on: the background in the canvas,
// the background's index in the paletted image.
func (d *drawer) clean(background *image.RGBA) {
	for _, r := range d.dirty {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			from, to := d.canvas.PixOffset(r.Min.X, y), d.canvas.PixOffset(r.Max.X, y)
			copy(d.canvas.Pix[from:to], background.Pix[from:to])
			clear(d.out.Pix[d.out.PixOffset(r.Min.X, y):d.out.PixOffset(r.Max.X, y)])
		}
	}
	d.dirty = d.dirty[:0]
}

func pack(r, g, b, a uint8) uint32 {
	return uint32(r) | uint32(g)<<8 | uint32(b)<<16 | uint32(a)<<24
}

// text draws a line from x at the baseline y, or against the right margin
// x from the right edge when right is set, as font.Drawer does, noting
// where it drew.
func (d *drawer) text(face font.Face, c color.Color, s string, x, y int, right bool) {
	rs := string(visual(s))
	dot := fixed.P(x, y)
	if right {
		dot.X = fixed.I(CardWidth-x) - font.MeasureString(face, rs)
	}
	src := image.NewUniform(c)
	prev := rune(-1)
	for _, r := range rs {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, maskp, advance, _ := face.Glyph(dot, r)
		if !dr.Empty() {
			draw.DrawMask(d.canvas, dr, src, image.Point{}, mask, maskp, draw.Over)
			d.dirty = append(d.dirty, dr.Intersect(d.canvas.Rect))
		}
		dot.X += advance
		prev = r
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
// in the cache before they are made.
type cachedFace struct {
	font.Face
	cache *glyphCache
}

func (f cachedFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	key := glyphKey{r, dot.X & 63, dot.Y & 63}
	f.cache.mu.RLock()
	g, ok := f.cache.glyphs[key]
	f.cache.mu.RUnlock()
	if !ok {
		var mask image.Image
		g.dr, mask, g.maskp, g.advance, g.ok = f.Face.Glyph(fixed.Point26_6{X: key.x, Y: key.y}, r)
		if a, isAlpha := mask.(*image.Alpha); isAlpha {
			// The face draws every glyph into the same mask.
			g.mask = &image.Alpha{Pix: bytes.Clone(a.Pix), Stride: a.Stride, Rect: a.Rect}
		}
		f.cache.mu.Lock()
		f.cache.glyphs[key] = g
		f.cache.mu.Unlock()
	}
	return g.dr.Add(image.Pt(dot.X.Floor(), dot.Y.Floor())), g.mask, g.maskp, g.advance, g.ok
}

func (f cachedFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) {
	f.cache.mu.RLock()
	a, ok := f.cache.advances[r]
	f.cache.mu.RUnlock()
	if !ok {
		a.width, a.ok = f.Face.GlyphAdvance(r)
		f.cache.mu.Lock()
		f.cache.advances[r] = a
		f.cache.mu.Unlock()
	}
	return a.width, a.ok
}

func (f cachedFace) Kern(r0, r1 rune) fixed.Int26_6 {
	key := [2]rune{r0, r1}
	f.cache.mu.RLock()
	k, ok := f.cache.kerns[key]
	f.cache.mu.RUnlock()
	if !ok {
		k = f.Face.Kern(r0, r1)
		f.cache.mu.Lock()
		f.cache.kerns[key] = k
		f.cache.mu.Unlock()
	}
	return k
}

// wrap breaks s into lines no wider than width, at most max of them, the
// last cut with an ellipsis when the text is longer (cut).
func wrap(face font.Face, s string, width, max int) (lines []string, cut bool) {
	words := strings.Fields(s)
	cur := ""
	fits := func(t string) bool { return font.MeasureString(face, string(visual(t))).Ceil() <= width }
	for i := 0; i < len(words); i++ {
		w := words[i]
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		switch {
		case fits(try):
			cur = try
		case cur == "":
			// One word wider than the line: cut it.
			rs := []rune(w)
			n := len(rs)
			for n > 1 && !fits(string(rs[:n])) {
				n--
			}
			lines = append(lines, string(rs[:n]))
			words[i] = string(rs[n:])
			i--
		default:
			lines = append(lines, cur)
			cur = w
		}
		if len(lines) == max {
			break
		}
	}
	if cur != "" && len(lines) < max {
		lines = append(lines, cur)
	}
	if len(lines) == max && strings.Join(lines, " ") != strings.Join(strings.Fields(s), " ") {
		last := []rune(lines[max-1])
		for len(last) > 0 && !fits(string(last)+"…") {
			last = last[:len(last)-1]
		}
		lines[max-1] = strings.TrimSpace(string(last)) + "…"
		cut = true
	}
	return lines, cut
}

func parseColor(s string) color.RGBA {
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 {
		return color.RGBA{0x4b, 0x55, 0x63, 0xff}
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}
