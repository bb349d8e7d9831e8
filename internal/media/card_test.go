package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	adler "hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/timelinegen/timelinegen/internal/testenv"
)

func testCards() map[string]Card {
	return map[string]Card{
		"latin":    {Title: "Russia says it is ready for talks with the United States on the ceasefire initiative", Date: "12 March 2025", Kind: "Diplomatic", Color: "#1d4ed8", Site: "Russia–Ukraine War: A Diplomatic and Military Timeline"},
		"cyrillic": {Title: "Росія заявляє про готовність до переговорів зі США", Date: "March 2025", Kind: "Дипломатія", Color: "#b91c1c", Site: "Хронологія"},
		"arabic":   {Title: "روسيا تعلن استعدادها للمحادثات مع الولايات المتحدة في جدة 2025", Date: "١١ مارس ٢٠٢٥", Kind: "دبلوماسي", Color: "#047857", Site: "الجدول الزمني"},
	}
}

func TestCardIsA1200x630PNG(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for name, c := range testCards() {
		b, err := c.Draw(fs)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if img.Bounds() != image.Rect(0, 0, CardWidth, CardHeight) {
			t.Fatalf("%s: %v", name, img.Bounds())
		}
		// The title is drawn: many pixels of ink in the title's band.
		ink := 0
		for y := 150; y < 480; y++ {
			for x := 60; x < CardWidth-60; x++ {
				if r, g, b, _ := img.At(x, y).RGBA(); r < 0x4000 && g < 0x4000 && b < 0x5000 {
					ink++
				}
			}
		}
		if ink < 10000 {
			t.Errorf("%s: only %d pixels of ink where the title is", name, ink)
		}
		again, _ := c.Draw(fs)
		if !bytes.Equal(b, again) {
			t.Errorf("%s: the card is not the same when drawn twice", name)
		}
		if seen[c.Hash()] {
			t.Errorf("%s: two cards, one hash", name)
		}
		seen[c.Hash()] = true
	}
}

// A card's file is named by what it shows and cardFormat: a card drawn
// differently must change cardFormat, or a cached card and a new one
// would differ under one name. These are the bytes of "card 3".
func TestCardBytesAreThoseOfItsFormat(t *testing.T) {
	if cardFormat != "card 3" {
		t.Fatalf("cardFormat is %q: record the sums of its cards here", cardFormat)
	}
	want := map[string]string{
		"latin":    "fbe093c948097f0eb509bd8c1def60a7c3d63f0c7941b7262d3a31e4d30c8445",
		"cyrillic": "08a04d52000ad8f624325d25dbb5886481e674e8483690581ee1e34a6b55cece",
		"arabic":   "03c5340d9aaf1af540eb3b53917444c3a9882add363ed77eb6f5267be8bd7735",
	}
	for name, b := range drawAll(t, testCards()) {
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != want[name] {
			t.Errorf("%s: the card's bytes changed (sha256 %x) but cardFormat did not", name, sum)
		}
	}
}

// Drawings share the glyphs and reuse canvases: cards drawn at once, in
// any order, are the cards drawn one by one.
func TestCardsDrawnTogetherAreTheSame(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	cards := testCards()
	want := map[string][]byte{}
	for name, c := range cards {
		fresh, err := newFaces()
		if err != nil {
			t.Fatal(err)
		}
		if want[name], err = c.Draw(fresh); err != nil {
			t.Fatal(err)
		}
	}
	// The race detector sees an unguarded access however seldom the
	// drawings collide, so under it fewer drawings do.
	drawers, rounds := 8, 3
	if testenv.Race {
		drawers, rounds = 3, 2
	}
	var wg sync.WaitGroup
	for range drawers {
		wg.Go(func() {
			for range rounds {
				for name, c := range cards {
					got, err := c.Draw(fs)
					if err != nil || !bytes.Equal(got, want[name]) {
						t.Errorf("%s: drawn beside other cards, not the same card (%v)", name, err)
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestArabicIsShaped(t *testing.T) {
	// سلام: seen initial, lam medial, alef final (after lam: the
	// lam-alef ligature, final), meem isolated; laid out right to left.
	got := string(visual("سلام"))
	want := string([]rune{0xFEE1, 0xFEFC, 0xFEB3})
	if got != want {
		t.Errorf("visual(سلام) = %U, want %U", []rune(got), []rune(want))
	}
	// Numbers in an Arabic line read left to right.
	if got := string(visual("عام 2025")); got != "2025 "+string([]rune{0xFEE1, 0xFE8E, 0xFECB}) {
		t.Errorf("visual(عام 2025) = %q", got)
	}
	if got := string(visual("Kyiv (Київ)")); got != "Kyiv (Київ)" {
		t.Errorf("a left-to-right line changed: %q", got)
	}
}

func BenchmarkCard(b *testing.B) {
	fs, err := newFaces()
	if err != nil {
		b.Fatal(err)
	}
	c := testCards()["latin"]
	var png []byte
	for b.Loop() {
		if png, err = c.Draw(fs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(png)), "bytes/card")
}

// drawAll draws cards with one set of faces.
func drawAll(t *testing.T, cards map[string]Card) map[string][]byte {
	t.Helper()
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	pngs := map[string][]byte{}
	for name, c := range cards {
		if pngs[name], err = c.Draw(fs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return pngs
}

// lookCards are cards of every script and length Draw lays out
// differently, in each of the default kinds' colours and one it does not
// parse.
func lookCards() map[string]Card {
	cards := testCards()
	long := strings.Repeat("Negotiators in Jeddah agreed on a thirty-day ceasefire proposal and the resumption of intelligence sharing ", 3)
	cards["long, cut"] = Card{Title: long, Date: "2025", Kind: "Military", Color: "#b91c1c", Site: "Timeline"}
	cards["short, large"] = Card{Title: "Oval Office dispute", Date: "28 February 2025", Kind: "Political", Color: "#7e22ce", Site: "A site whose name is far too long to fit beside the date on the card at all, however small"}
	cards["one long word"] = Card{Title: strings.Repeat("Переговори", 12), Date: "березень 2025", Kind: "Економіка", Color: "#b45309", Site: "Хронологія"}
	cards["arabic, long"] = Card{Title: strings.Repeat("روسيا تعلن استعدادها للمحادثات مع الولايات المتحدة ", 4), Date: "٢٠٢٥", Kind: "إنساني", Color: "#047857", Site: "الجدول الزمني"}
	cards["no colour"] = Card{Title: "Κυβερνοεπίθεση", Date: "2025", Kind: "Cyber", Color: "grey", Site: "Χρονολόγιο"}
	return cards
}

// A card drawn in palette indexes looks as one drawn on an RGBA canvas
// (referenceCard): pixel for pixel the same, but where two glyphs meet.
// There the canvas blended the second glyph over the first's exact colour
// and Draw blends it over the first's nearest shade, so such a pixel may
// be a shade away: within 1/16 of the way between a colour and the
// background (15 of 255 in a channel), and few of them.
func TestCardLooksAsDrawnOnRGBA(t *testing.T) {
	cards := lookCards()
	for name, b := range drawAll(t, cards) {
		c := cards[name]
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok := img.(*image.Paletted)
		if !ok {
			t.Fatalf("%s: a %T, not paletted", name, img)
		}
		want, err := referenceCard(c)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Palette) != len(want.Palette) {
			t.Fatalf("%s: %d colours, want %d", name, len(got.Palette), len(want.Palette))
		}
		for i := range want.Palette {
			if r, g, b, a := got.Palette[i].RGBA(); [4]uint32{r, g, b, a} != rgba(want.Palette[i]) {
				t.Fatalf("%s: colour %d is %v, want %v", name, i, got.Palette[i], want.Palette[i])
			}
		}
		differ, ink := 0, 0
		for y := range CardHeight {
			for x := range CardWidth {
				gi, wi := got.ColorIndexAt(x, y), want.ColorIndexAt(x, y)
				if wi != 0 {
					ink++
				}
				if gi == wi {
					continue
				}
				differ++
				g, w := rgba(got.Palette[gi]), rgba(want.Palette[wi])
				for ch := range 3 {
					if d := int(g[ch]>>8) - int(w[ch]>>8); d > 15 || d < -15 {
						t.Fatalf("%s: pixel (%d, %d) is %v, want %v", name, x, y, got.Palette[gi], want.Palette[wi])
					}
				}
			}
		}
		if differ > ink/200 {
			t.Errorf("%s: %d pixels differ from the RGBA drawing's, of %d not background", name, differ, ink)
		}
		var old bytes.Buffer
		(&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&old, want)
		t.Logf("%s: %d bytes (%d before), %d of %d pixels drawn differ", name, len(b), old.Len(), differ, ink)
	}
}

func rgba(c color.Color) [4]uint32 {
	r, g, b, a := c.RGBA()
	return [4]uint32{r, g, b, a}
}

// A card's PNG decodes, by image/png, to the rows it was written from,
// whatever they hold: the background, runs, rows repeated, noise (which
// takes every literal and length the deflate stream has).
func TestCardPNGDecodesToItsRows(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for name, c := range testCards() {
		// With codes of its own, and with the codes every card is
		// written with (made of a card, not of noise).
		w := newPNGWriter()
		if name == "latin" {
			w.codes = fs.codes
		}
		pal := cardPalette(parseColor(c.Color))
		rows, img := newCardImage()
		// A quarter background, a quarter rows repeated, a quarter runs,
		// the rest noise.
		for y := CardHeight / 4; y < CardHeight; y++ {
			row := img.Pix[y*img.Stride : y*img.Stride+CardWidth]
			switch {
			case y < CardHeight/2:
				copy(row, img.Pix[(y-1)*img.Stride:])
				row[rng.IntN(CardWidth)] = uint8(rng.IntN(len(pal)))
			case y < 3*CardHeight/4:
				for x := 0; x < CardWidth; {
					n, v := 1+rng.IntN(300), uint8(rng.IntN(len(pal)))
					for ; n > 0 && x < CardWidth; n, x = n-1, x+1 {
						row[x] = v
					}
				}
			default:
				for x := range row {
					row[x] = uint8(rng.IntN(len(pal)))
				}
			}
		}
		b, err := w.encode(nil, pal, rows, CardWidth, CardHeight, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		decoded, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, ok := decoded.(*image.Paletted)
		if !ok || !slices.Equal(got.Pix, pixels(img)) {
			t.Errorf("%s: the PNG's pixels are not those written", name)
		}
	}
}

// pixels is a paletted image's pixels, row after row.
func pixels(m *image.Paletted) []byte {
	var p []byte
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		p = append(p, m.Pix[m.PixOffset(m.Rect.Min.X, y):m.PixOffset(m.Rect.Max.X, y)]...)
	}
	return p
}

// FuzzCardPNG: any rows of any width and palette make a PNG that
// image/png reads back as those rows.
func FuzzCardPNG(f *testing.F) {
	f.Add(uint16(1200), uint8(128), []byte{0, 0, 0, 0, 5, 5, 5, 5, 5, 1, 2, 3})
	f.Add(uint16(1), uint8(0), []byte{7})
	f.Add(uint16(3), uint8(255), bytes.Repeat([]byte{1, 2, 3, 4}, 100))
	f.Add(uint16(33000), uint8(3), []byte{0, 0, 0, 1, 1, 1}) // rows too long to match the row above
	w := newPNGWriter()
	f.Fuzz(func(t *testing.T, width uint16, colours uint8, src []byte) {
		wd := int(width) + 1
		if len(src) == 0 || len(src) > 1<<20 {
			return
		}
		// The bytes are the pixels, each taken modulo the palette's size,
		// as many rows as they fill and at least two.
		h := max(2, len(src)/wd)
		pal := make(color.Palette, int(colours)+1)
		for i := range pal {
			pal[i] = color.RGBA{uint8(i), uint8(i * 7), uint8(255 - i), 0xff}
		}
		rows := make([]byte, h*(wd+1))
		want := make([]byte, 0, h*wd)
		for y := range h {
			for x := range wd {
				v := src[(y*wd+x)%len(src)]
				if len(pal) < 256 {
					v %= uint8(len(pal))
				}
				rows[y*(wd+1)+1+x] = v
				want = append(want, v)
			}
		}
		b, err := w.encode(nil, pal, rows, wd, h, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%d×%d: %v", wd, h, err)
		}
		got, ok := img.(*image.Paletted)
		if !ok || !slices.Equal(pixels(got), want) {
			t.Fatalf("%d×%d: the PNG's pixels are not those written", wd, h)
		}
	})
}

// Adler-32 eight bytes a step, and sums joined, are Adler-32: of runs of
// zeros, of 0xff (the largest sums) and of noise, in pieces of a row's
// length and whole.
func TestAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 8, 9, 31, 4095, 4096, 4097, 5552, 100_000, 757_000} {
		p := make([]byte, n)
		for i := 0; i < n; {
			run := rng.IntN(200)
			v := [3]byte{0, 0xff, byte(rng.IntN(256))}[rng.IntN(3)]
			for j := i; j < min(n, i+run); j++ {
				p[j] = v
				if v != 0 && v != 0xff {
					p[j] = byte(rng.IntN(256))
				}
			}
			i += run + 1
		}
		for _, step := range []int{1201, n + 1} {
			s := adler32{a: 1}
			for q := p; len(q) > 0; q = q[min(step, len(q)):] {
				s.join(adlerOf(q[:min(step, len(q))]), min(step, len(q)))
			}
			if got, want := s.a|s.b<<16, adler.Checksum(p); got != want {
				t.Errorf("%d bytes in pieces of %d: %08x, want %08x", n, step, got, want)
			}
		}
	}
}

// A build's cards are written to the cache from a drawer's buffer, which
// the next card reuses: each file is the card, and a cache that cannot
// write keeps the card in memory instead.
func TestCardPathWritesEachCard(t *testing.T) {
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	cache := Open(t.TempDir(), Settings{})
	for name, c := range testCards() {
		want, err := c.Draw(fs)
		if err != nil {
			t.Fatal(err)
		}
		file, err := cache.CardPath(c)
		if err != nil || file == "" {
			t.Fatalf("%s: CardPath %q, %v", name, file, err)
		}
		if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %s is not the card (%v)", name, file, err)
		}
	}
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// The cache's folder is a file: nothing can be written under it.
	cache = Open(blocked, Settings{})
	for name, c := range testCards() {
		want, _ := c.Draw(fs)
		if file, err := cache.CardPath(c); err != nil || file != "" {
			t.Fatalf("%s: CardPath %q, %v where the cache cannot write", name, file, err)
		}
		if got, err := cache.CardFile(c); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: the card kept in memory is not the card (%v)", name, err)
		}
	}
}

// The cache keeps its cards in one folder; Prune removes those not used
// since the last Prune, and what a killed build left half written, and
// keeps the folder.
func TestPruneKeepsTheCardsUsed(t *testing.T) {
	dir := t.TempDir()
	cache := Open(dir, Settings{})
	cards := testCards()
	files := map[string]string{}
	for name, c := range cards {
		file, err := cache.CardPath(c)
		if err != nil || filepath.Dir(file) != filepath.Join(dir, cardsFolder) {
			t.Fatalf("%s: CardPath %q, %v", name, file, err)
		}
		files[name] = file
	}
	leftover := filepath.Join(dir, cardsFolder, cards["latin"].Hash()+".png.tmp")
	if err := os.WriteFile(leftover, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache.Prune(nil, func(hash string) bool { return hash == cards["latin"].Hash() })
	for name, file := range files {
		_, err := os.Stat(file)
		if kept := err == nil; kept != (name == "latin") {
			t.Errorf("%s: kept %v after a Prune that used only latin", name, kept)
		}
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("a card half written was kept")
	}
	// The next build draws a pruned card again, into the folder kept.
	if file, err := cache.CardPath(cards["arabic"]); err != nil || file != files["arabic"] {
		t.Fatalf("CardPath after Prune: %q, %v", file, err)
	}
	if _, err := os.Stat(files["arabic"]); err != nil {
		t.Error(err)
	}
}
