package media

import (
	"crypto/sha256"
	"errors"
	"image"
	"testing"

	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// FuzzProcess feeds any bytes as an image file: the result is an image or
// an *Error for the editor, never a panic, and never more memory than
// the pixel limit allows.
func FuzzProcess(f *testing.F) {
	f.Add(mediatest.JPEG(20, 10, 1))
	f.Add(mediatest.PNG(12, 8, true))
	f.Add(mediatest.LargePNG(40, 30, 16)) // read line by line
	f.Add(mediatest.LargePNG(30, 40, 8))
	f.Add(mediatest.Rotated(9, 5))
	f.Add(mediatest.Bomb(50000, 50000))
	f.Add(mediatest.Truncated(30, 20))
	photo, _ := mediatest.Photo(16, 16, 2)
	f.Add(photo)
	s := Settings{Widths: []int{8, 16}, Quality: 80, MaxPixels: 1 << 16}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Process(src, sha256.Sum256(src), s)
		var me *Error
		switch {
		case err != nil && !errors.As(err, &me):
			t.Fatalf("not an editor's error: %v", err)
		case err == nil && (len(p.Variants) == 0 || p.Width*p.Height > s.MaxPixels):
			t.Fatalf("processed %d×%d into %d variants", p.Width, p.Height, len(p.Variants))
		}
	})
}

// FuzzOrientation reads the EXIF orientation of any bytes: 0 to 8, never
// a panic.
func FuzzOrientation(f *testing.F) {
	f.Add(mediatest.Rotated(4, 2))
	photo, _ := mediatest.Photo(4, 4, 1)
	f.Add(photo)
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00\x08\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if o := orientation(src); o < 0 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}

// TestOrientationTurnsThePixels checks every EXIF orientation against the
// pixel a photo's top-left corner ends up at.
func TestOrientationTurnsThePixels(t *testing.T) {
	// A 3×2 image whose pixels are numbered 1 to 6, row by row.
	src := newNumbered(3, 2)
	want := map[int][]uint8{ // the numbers, row by row, once upright
		1: {1, 2, 3, 4, 5, 6},
		2: {3, 2, 1, 6, 5, 4},
		3: {6, 5, 4, 3, 2, 1},
		4: {4, 5, 6, 1, 2, 3},
		5: {1, 4, 2, 5, 3, 6},
		6: {4, 1, 5, 2, 6, 3},
		7: {6, 3, 5, 2, 4, 1},
		8: {3, 6, 2, 5, 1, 4},
	}
	for o, w := range want {
		got := upright(src, o)
		var nums []uint8
		for i := 0; i < len(got.Pix); i += 4 {
			nums = append(nums, got.Pix[i])
		}
		if string(nums) != string(w) {
			t.Errorf("orientation %d: %v, want %v", o, nums, w)
		}
	}
}

func newNumbered(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		img.Pix[4*i], img.Pix[4*i+3] = uint8(i+1), 255
	}
	return img
}
