package media

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/timelinegen/timelinegen/internal/media/mediatest"
	"github.com/timelinegen/timelinegen/internal/testenv"
)

// The cost of a JPEG follows what image/jpeg keeps: its components at
// their sampling, and four bytes a sample more when it is progressive.
func TestJPEGCost(t *testing.T) {
	colour := mediatest.JPEG(64, 64, 1) // 4:2:0
	var g bytes.Buffer
	if err := jpeg.Encode(&g, image.NewGray(image.Rect(0, 0, 64, 64)), nil); err != nil {
		t.Fatal(err)
	}
	progressive := bytes.Replace(colour, []byte{0xff, 0xc0}, []byte{0xff, 0xc2}, 1)
	for name, c := range map[string]struct {
		src  []byte
		want int64
	}{
		"4:2:0":             {colour, 4096 * 3 / 2},
		"grey":              {g.Bytes(), 4096},
		"progressive 4:2:0": {progressive, 5 * 4096 * 3 / 2},
		"no frame header":   {[]byte{0xff, 0xd8, 0xff, 0xd9}, 20 * 4096},
	} {
		if got := jpegCost(c.src, 4096); got != c.want {
			t.Errorf("%s: %d, want %d", name, got, c.want)
		}
	}
}

// A PNG read line by line costs its variants, not its pixels; one that
// image/png must read whole costs them too.
func TestPNGCost(t *testing.T) {
	if testenv.Race {
		// Twelve megapixels made and read under -race take half a minute,
		// and the sum is made on one goroutine: make test runs it without.
		t.Skip("runs without -race")
	}
	s := Settings{Widths: []int{480, 960, 1440}, Quality: 82, MaxPixels: 50_000_000}
	large := mediatest.LargePNG(4000, 3000, 8)
	if got := cost(large, s); got > 40<<20 {
		t.Errorf("a 12-megapixel PNG read line by line costs %d MB", got>>20)
	}
	damaged := bytes.Clone(large)
	damaged[len(damaged)-20] ^= 1 // a byte of IDAT, against its checksum: image/png reads it, and says so
	if got := cost(damaged, s); got < 2*4*12_000_000 {
		t.Errorf("a 12-megapixel PNG read whole costs %d MB", got>>20)
	}
	if got := cost([]byte("not an image"), s); got != 0 {
		t.Errorf("no image: %d", got)
	}
}
