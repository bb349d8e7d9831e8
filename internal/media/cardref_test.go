package media

import (
	"image"
	"image/color"
	"image/draw"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// referenceCard draws c as cards were drawn before they were drawn in
// palette indexes ("card 1"): on an RGBA canvas with image/draw, each
// glyph's mask Over what is there, then each pixel's nearest colour of
// the palette. It shares only the layout's helpers (wrap, visual) and the
// palette with Draw, and uses the font's faces without the glyph cache.
func referenceCard(c Card) (*image.Paletted, error) {
	f, err := opentype.Parse(dejaVuBold)
	if err != nil {
		return nil, err
	}
	face := func(size float64) font.Face {
		fc, _ := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		return fc
	}
	small, title, big := face(smallSize), face(titleSize), face(bigSize)
	canvas := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	kind := parseColor(c.Color)
	draw.Draw(canvas, canvas.Rect, image.NewUniform(cardBackground), image.Point{}, draw.Src)
	draw.Draw(canvas, rule, image.NewUniform(cardRule), image.Point{}, draw.Src)
	draw.Draw(canvas, stripe, image.NewUniform(kind), image.Point{}, draw.Src)
	text := func(face font.Face, col color.Color, s string, x, y int, right bool) {
		rs := string(visual(s))
		dot := fixed.P(x, y)
		if right {
			dot.X = fixed.I(CardWidth-x) - font.MeasureString(face, rs)
		}
		prev := rune(-1)
		for _, r := range rs {
			if prev >= 0 {
				dot.X += face.Kern(prev, r)
			}
			dr, mask, maskp, advance, _ := face.Glyph(dot, r)
			if !dr.Empty() {
				draw.DrawMask(canvas, dr, image.NewUniform(col), image.Point{}, mask, maskp, draw.Over)
			}
			dot.X += advance
			prev = r
		}
	}
	rtl := RightToLeft(c.Title)
	text(small, kind, strings.ToUpper(c.Kind), 80, 110, rtl)
	lines, _ := wrap(title, c.Title, CardWidth-160, 4)
	fc, step := title, 74
	if len(lines) <= 2 {
		if b, cut := wrap(big, c.Title, CardWidth-160, 2); !cut {
			fc, step, lines = big, 88, b
		}
	}
	y := 200 + fc.Metrics().Ascent.Round()/2
	for _, l := range lines {
		text(fc, cardInk, l, 80, y, rtl)
		y += step
	}
	text(small, cardMuted, c.Date, 80, 575, rtl)
	room := CardWidth - 160 - 48 - font.MeasureString(small, string(visual(c.Date))).Ceil()
	if site, _ := wrap(small, c.Site, room, 1); len(site) == 1 {
		text(small, cardMuted, site[0], 80, 575, !rtl)
	}
	pal := cardPalette(kind)
	out := image.NewPaletted(canvas.Rect, pal)
	for y := range CardHeight {
		for x := range CardWidth {
			out.SetColorIndex(x, y, uint8(pal.Index(canvas.RGBAAt(x, y))))
		}
	}
	return out, nil
}
