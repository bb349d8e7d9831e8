package media

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// A card written glyph by glyph decodes to the card drawn pixel by pixel:
// every glyph drawn on the background, as the rows read pixel by pixel
// are. Titles of every script, with letters whose boxes overlap (kerned
// pairs, joined Arabic letters, accents) and words repeated on a line.
func TestCardTextIsItsGlyphsDrawn(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	cards := lookCards()
	rng := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("AVATAR Tyre fjord yyyy Jeddah WAVE LTA ff fi ½ «ceasefire» Україна Покровськ Їжак Ψηφοφορία Ωμέγα روسيا المحادثات 2025 11. (talks) — j,y; Qg T.V. 'quoted' \"twice\"")
	for i := range 40 {
		n := 1 + rng.IntN(24)
		title := make([]string, n)
		for j := range title {
			title[j] = words[rng.IntN(len(words))]
		}
		kinds := []string{"#1d4ed8", "#b91c1c", "#047857", "#7e22ce", "grey"}
		cards[strings.Repeat("r", i+1)] = Card{Title: strings.Join(title, " "), Date: words[rng.IntN(len(words))], Kind: words[rng.IntN(len(words))], Color: kinds[rng.IntN(len(kinds))], Site: strings.Join(title[:min(n, 3)], " ")}
	}
	written := 0
	for name, c := range cards {
		written += cardMatchesItsDrawing(t, fs, name, c)
	}
	// The test is of the rows written from glyphs: most rows with text.
	if written < len(cards)*100 {
		t.Errorf("only %d rows of %d cards written from their glyphs", written, len(cards))
	}
}

// cardMatchesItsDrawing draws c, decodes its PNG and compares its pixels
// with every glyph of c drawn in the drawer's rows; it returns how many
// of the card's rows were written from glyphs.
func cardMatchesItsDrawing(t *testing.T, fs *faces, name string, c Card) int {
	t.Helper()
	d, err := fs.get()
	if err != nil {
		t.Fatal(err)
	}
	defer fs.pool.Put(d)
	b, err := d.draw(c, fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	written := 0
	for y := range CardHeight {
		if _, ok := d.textRows.layout.row(y); ok && d.textRows.plain[y] {
			written++
		}
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	got, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("%s: a %T", name, img)
	}
	in := d.inks[parseColor(c.Color)]
	for _, m := range d.marks {
		d.dirty = append(d.dirty, d.glyph(m.dr, m.mask, m.mp, in, m.colour))
	}
	want := pixels(d.out)
	d.clean(fs.background)
	if gotPix := pixels(got); !bytes.Equal(gotPix, want) {
		for i := range want {
			if gotPix[i] != want[i] {
				t.Fatalf("%s (%q): pixel (%d, %d) is %d, drawn %d", name, c.Title, i%CardWidth, i/CardWidth, gotPix[i], want[i])
			}
		}
	}
	return written
}

// FuzzCardText: any title's card decodes to its glyphs drawn.
func FuzzCardText(f *testing.F) {
	for _, c := range lookCards() {
		f.Add(c.Title, c.Date)
	}
	f.Add("AV Ty fj ff", "Jy")
	f.Add("ﻻ لا", "٢٠٢٥")
	fs, err := newFaces()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, date string) {
		if len(title) > 400 || len(date) > 100 {
			return
		}
		cardMatchesItsDrawing(t, fs, "fuzz", Card{Title: title, Date: date, Kind: "Military", Color: "#b91c1c", Site: "Timeline"})
	})
}

// wrapWhole is wrap as it was: every line tried measured whole.
func wrapWhole(face font.Face, s string, width, max int) ([]string, bool) {
	var lines []string
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
			var head string
			head, words[i] = cutWord(w, fits)
			lines = append(lines, head)
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
	return cutLast(lines, s, max, fits)
}

// wrap measures each word once, and breaks lines where measuring each
// line whole does.
func TestWrapBreaksWhereTheWholeLineIsMeasured(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	d, err := fs.get()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("AV To Ty fj ff Jeddah ceasefire Україна Покровськ Ψηφοφορία روسيا 2025 — «talks» W.A.V.E. Negotiationsinabsolutelyonewordthatislongerthanaline")
	for range 500 {
		n := 1 + rng.IntN(30)
		title := make([]string, n)
		for j := range title {
			title[j] = words[rng.IntN(len(words))]
		}
		s := strings.Join(title, strings.Repeat(" ", 1+rng.IntN(2)))
		for _, face := range []font.Face{d.title, d.big, d.small} {
			width, max := CardWidth-160, 1+rng.IntN(4)
			got, gotCut := wrap(face, s, width, max)
			want, wantCut := wrapWhole(face, s, width, max)
			if strings.Join(got, "\n") != strings.Join(want, "\n") || gotCut != wantCut {
				t.Fatalf("%q: lines %q (%v), measured whole %q (%v)", s, got, gotCut, want, wantCut)
			}
		}
	}
}

// A glyph row's symbols read nothing outside the glyph's own pixels in
// that row and the row above: decoded beside anything at all, they give
// the glyph's pixels. Another glyph's own pixels may end just before a
// glyph's begin.
func TestGlyphRowsReadOnlyTheirOwnPixels(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	const stride, x0 = CardWidth + 1, 200
	in := newInks(parseColor("#b91c1c"))
	checked := 0
	for _, size := range []float64{smallSize, titleSize, bigSize} {
		face, err := opentype.NewFace(fs.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range "AVWgjlmoyЇЖщΩﻻ0%&" {
			dr, mask, mp, _, _ := face.Glyph(fixed.P(0, 100), r)
			a, ok := mask.(*image.Alpha)
			if !ok || dr.Empty() {
				continue
			}
			g := newGlyphRows(a, mp, dr.Dx(), dr.Dy(), &in.over[inkShades], nil)
			for row := range g.rows {
				gr := g.rows[row]
				if int(gr.lead) == g.w {
					continue
				}
				// Two rows of a card, foreign bytes everywhere but the
				// glyph's own pixels in both.
				buf := bytes.Repeat([]byte{0xee}, 2*stride)
				above := make([]byte, g.w)
				if row > 0 {
					above = g.pix[(row-1)*g.w:][:g.w]
				}
				pix := g.pix[row*g.w:][:g.w]
				copy(buf[x0+int(gr.lo):], above[gr.lo:gr.hi])
				copy(buf[stride+x0+int(gr.lo):], pix[gr.lo:gr.lead])
				at := stride + x0 + int(gr.lead)
				for _, tok := range g.tokens[row] {
					if tok&match == 0 {
						buf[at] = byte(tok)
						at++
						continue
					}
					n, d := int(tok&0x1ff), int(tok>>distShift&0x7fff)+1
					for range n {
						buf[at] = buf[at-d]
						at++
					}
				}
				want := pix[gr.lead : g.w-int(gr.trail)]
				if got := buf[stride+x0+int(gr.lead) : at]; !bytes.Equal(got, want) {
					t.Fatalf("%c at %v, row %d: decoded %v, want %v", r, size, row, got, want)
				}
				checked++
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d rows checked", checked)
	}
}
