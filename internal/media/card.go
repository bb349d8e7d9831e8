package media

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"image"
	"image/color"
	"image/draw"
	"image/png"
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

// faces are the font at the sizes cards use, parsed once per process: a
// font face is read-only once made, but not safe for concurrent use, so
// each drawing takes its own from a pool.
type faces struct {
	font *opentype.Font
	pool sync.Pool
}

type faceSet struct{ title, small, big font.Face }

func newFaces() (*faces, error) {
	f, err := opentype.Parse(dejaVuBold)
	if err != nil {
		return nil, err
	}
	return &faces{font: f}, nil
}

func (fs *faces) get() (*faceSet, error) {
	if s, ok := fs.pool.Get().(*faceSet); ok {
		return s, nil
	}
	face := func(size float64) (font.Face, error) {
		return opentype.NewFace(fs.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	t, err := face(60)
	if err != nil {
		return nil, err
	}
	s, err := face(30)
	if err != nil {
		return nil, err
	}
	b, err := face(72)
	if err != nil {
		return nil, err
	}
	return &faceSet{title: t, small: s, big: b}, nil
}

// Draw draws the card as a PNG.
func (c Card) Draw(fs *faces) ([]byte, error) {
	set, err := fs.get()
	if err != nil {
		return nil, err
	}
	defer fs.pool.Put(set)
	kind := parseColor(c.Color)
	img := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{0xf8, 0xfa, 0xfc, 0xff}), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, 28, CardHeight), image.NewUniform(kind), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(80, 520, CardWidth-80, 523), image.NewUniform(color.RGBA{0xcb, 0xd5, 0xe1, 0xff}), image.Point{}, draw.Src)
	ink := color.RGBA{0x0f, 0x17, 0x2a, 0xff}
	muted := color.RGBA{0x47, 0x55, 0x69, 0xff}

	rtl := RightToLeft(c.Title)
	text(img, set.small, kind, strings.ToUpper(c.Kind), 80, 110, rtl)
	lines, _ := wrap(set.title, c.Title, CardWidth-160, 4)
	face, step := set.title, 74
	if len(lines) <= 2 {
		if big, cut := wrap(set.big, c.Title, CardWidth-160, 2); !cut {
			face, step, lines = set.big, 88, big
		}
	}
	y := 200 + face.Metrics().Ascent.Round()/2
	for _, l := range lines {
		text(img, face, ink, l, 80, y, rtl)
		y += step
	}
	text(img, set.small, muted, c.Date, 80, 575, rtl)
	// The site's name at the other end from the date, in what room is left.
	room := CardWidth - 160 - 48 - font.MeasureString(set.small, string(visual(c.Date))).Ceil()
	if site, _ := wrap(set.small, c.Site, room, 1); len(site) == 1 {
		text(img, set.small, muted, site[0], 80, 575, !rtl)
	}

	var b bytes.Buffer
	pal := paletted(img, color.RGBA{0xf8, 0xfa, 0xfc, 0xff}, kind, ink, muted, color.RGBA{0xcb, 0xd5, 0xe1, 0xff})
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, pal); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// paletted turns a card into a paletted image: every pixel is the
// background, a colour or a blend of the two, so 32 shades of each colour
// lose nothing visible, and a paletted PNG is a quarter of the data to
// compress and needs no filtering.
func paletted(img *image.RGBA, bg color.RGBA, colors ...color.RGBA) *image.Paletted {
	const shades = 32
	pal := color.Palette{bg}
	for _, c := range colors {
		for i := 1; i <= shades; i++ {
			mix := func(a, b uint8) uint8 { return uint8((int(a)*(shades-i) + int(b)*i + shades/2) / shades) }
			pal = append(pal, color.RGBA{mix(bg.R, c.R), mix(bg.G, c.G), mix(bg.B, c.B), 0xff})
		}
	}
	out := image.NewPaletted(img.Rect, pal)
	index := map[uint32]uint8{}
	last, lastIndex := uint32(bg.R)|uint32(bg.G)<<8|uint32(bg.B)<<16|0xff<<24, uint8(0)
	for i, j := 0, 0; i < len(img.Pix); i, j = i+4, j+1 {
		px := uint32(img.Pix[i]) | uint32(img.Pix[i+1])<<8 | uint32(img.Pix[i+2])<<16 | uint32(img.Pix[i+3])<<24
		if px != last {
			k, ok := index[px]
			if !ok {
				k = uint8(pal.Index(color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3]}))
				index[px] = k
			}
			last, lastIndex = px, k
		}
		out.Pix[j] = lastIndex
	}
	return out
}

// text draws a line from x at the baseline y, or against the right margin
// x from the right edge when right is set.
func text(img draw.Image, face font.Face, c color.Color, s string, x, y int, right bool) {
	rs := visual(s)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face}
	width := d.MeasureString(string(rs))
	d.Dot = fixed.P(x, y)
	if right {
		d.Dot.X = fixed.I(CardWidth-x) - width
	}
	d.DrawString(string(rs))
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
