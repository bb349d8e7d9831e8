package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	adler "hash/adler32"
	"image"
	"image/png"
	"math/rand/v2"
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
// would differ under one name. These are the bytes of "card 1".
func TestCardBytesAreThoseOfItsFormat(t *testing.T) {
	if cardFormat != "card 1" {
		t.Fatalf("cardFormat is %q: record the sums of its cards here", cardFormat)
	}
	want := map[string]string{
		"latin":    "1613f4f0edf8219b561aca8c7e71292c0f9a5d7a78d86e289b1e06384210a3e1",
		"cyrillic": "fb927d2f8f3fd1d97c1d7fb8c33785b109f20cca361f06b142c97b8575870788",
		"arabic":   "2083761f2ecb6d797ecac2faae1e790ceb8d51bf1bb091d835f2b645b7e78c55",
	}
	fs, err := newFaces()
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range testCards() {
		b, err := c.Draw(fs)
		if err != nil {
			t.Fatal(err)
		}
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
	for b.Loop() {
		if _, err := c.Draw(fs); err != nil {
			b.Fatal(err)
		}
	}
}

// A card's PNG is the one image/png writes at BestSpeed, byte for byte
// (TestCardBytesAreThoseOfItsFormat holds the cards themselves), here of
// images whose noise takes several IDAT chunks.
func TestCardPNGIsImagePNGs(t *testing.T) {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	w := newPNGWriter()
	rng := rand.New(rand.NewPCG(1, 2))
	for name, c := range testCards() {
		img := image.NewPaletted(image.Rect(0, 0, CardWidth, CardHeight), cardPalette(parseColor(c.Color)))
		// Half background, as a card is mostly; the rest noise.
		for i := len(img.Pix) / 2; i < len(img.Pix); i++ {
			img.Pix[i] = uint8(rng.IntN(len(img.Palette)))
		}
		var want, got bytes.Buffer
		if err := enc.Encode(&want, img); err != nil {
			t.Fatal(err)
		}
		if err := w.encode(&got, img); err != nil {
			t.Fatal(err)
		}
		if want.Len() < 3*pngIDATSize {
			t.Fatalf("%s: %d bytes, fewer than three IDAT chunks", name, want.Len())
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: %d bytes, image/png's %d; not the same", name, got.Len(), want.Len())
		}
	}
}

// Adler-32 taking runs of zeros at once is Adler-32.
func TestAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 31, 32, 33, 4095, 4096, 4097, 5552, 100_000, 757_000} {
		p := make([]byte, n)
		for i := 0; i < n; {
			run := rng.IntN(200)
			if rng.IntN(2) == 0 {
				for j := i; j < min(n, i+run); j++ {
					p[j] = byte(rng.IntN(256))
				}
			}
			i += run + 1
		}
		if n > 0 {
			p[n-1] = 0xff
		}
		for _, step := range []int{1201, n + 1} {
			s := adler32{a: 1}
			for q := p; len(q) > 0; q = q[min(step, len(q)):] {
				s.write(q[:min(step, len(q))])
			}
			if got, want := s.a|s.b<<16, adler.Checksum(p); got != want {
				t.Errorf("%d bytes in writes of %d: %08x, want %08x", n, step, got, want)
			}
		}
	}
}
