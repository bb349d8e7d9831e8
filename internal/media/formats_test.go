package media

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/gif"
	"os"
	"testing"

	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// TestProcessReadsEveryFormat: JPEG, PNG, GIF and WebP in; JPEG out, or
// PNG for an image with transparency.
func TestProcessReadsEveryFormat(t *testing.T) {
	webp, err := os.ReadFile("testdata/blue-purple-pink.lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	var g bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 40, 30), color.Palette{color.Black, color.White, color.Transparent})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 2)
	}
	if err := gif.Encode(&g, pal, nil); err != nil {
		t.Fatal(err)
	}
	s := Settings{Widths: []int{16, 32}, Quality: 80, MaxPixels: 1 << 20}
	for name, tc := range map[string]struct {
		src []byte
		ext string
	}{
		"jpeg":            {mediatest.JPEG(40, 30, 1), "jpg"},
		"png":             {mediatest.PNG(40, 30, false), "jpg"},
		"transparent png": {mediatest.PNG(40, 30, true), "png"},
		"gif":             {g.Bytes(), "jpg"},
		"webp":            {webp, "jpg"},
	} {
		p, err := Process(tc.src, sha256.Sum256(tc.src), s)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if p.Ext != tc.ext || len(p.Variants) != 2 || p.Largest().Width != 32 {
			t.Errorf("%s: %s with variants %+v", name, p.Ext, p.Variants)
		}
		for fname, data := range p.Files {
			if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || (format == "png") != (tc.ext == "png" && fname != p.Blur.Name) {
				t.Errorf("%s: %s is %s (%v)", name, fname, format, err)
			}
		}
	}
}
