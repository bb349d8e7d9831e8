package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"
)

// pngRows reads every kind of PNG image/png writes (grey, RGB, RGBA at
// 8 and 16 bits, palettes of 1 to 8 bits with transparency) as image/png
// and image/draw read it, byte for byte.
func TestPNGRowsReadsAsImagePNG(t *testing.T) {
	const w, h = 37, 23
	x := uint32(1)
	noise := func() uint8 { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return uint8(x) }
	fill := func(img draw.Image, alpha bool) draw.Image {
		for y := range h {
			for i := range w {
				a := uint8(255)
				if alpha {
					a = noise()
				}
				img.Set(i, y, color.NRGBA64{uint16(noise()) << 8, uint16(i * 7 << 8), uint16(noise())<<8 | uint16(noise()), uint16(a)<<8 | uint16(noise())})
			}
		}
		return img
	}
	palette := func(n int) *image.Paletted {
		pal := color.Palette{}
		for i := range n {
			pal = append(pal, color.NRGBA{uint8(i * 40), uint8(255 - i*30), 9, uint8(255 - i*60%256)})
		}
		img := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for i := range img.Pix {
			img.Pix[i] = noise() % uint8(n)
		}
		return img
	}
	r := image.Rect(0, 0, w, h)
	for name, img := range map[string]image.Image{
		"grey":         fill(image.NewGray(r), false),
		"grey16":       fill(image.NewGray16(r), false),
		"rgb":          fill(image.NewRGBA(r), false),
		"rgba":         fill(image.NewNRGBA(r), true),
		"rgb16":        fill(image.NewRGBA64(r), false),
		"rgba16":       fill(image.NewNRGBA64(r), true),
		"palette 1bit": palette(2),
		"palette 2bit": palette(4),
		"palette 4bit": palette(6),
		"palette 8bit": palette(200),
	} {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		pr, ok := newPNGRows(b.Bytes())
		if !ok {
			t.Errorf("%s: not read line by line", name)
			continue
		}
		want := image.NewRGBA(r)
		std, err := png.Decode(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		draw.Draw(want, r, std, image.Point{}, draw.Src)
		line := make([]byte, 4*w)
		for y := range h {
			if err := pr.next(line); err != nil {
				t.Fatalf("%s: line %d: %v", name, y, err)
			}
			for i, v := range line {
				if d := int(v) - int(want.Pix[y*want.Stride+i]); d != 0 {
					t.Fatalf("%s: line %d byte %d = %d, image/png %d", name, y, i, v, want.Pix[y*want.Stride+i])
				}
			}
		}
	}
}

// A cut or damaged PNG is an error, never a picture made up.
func TestPNGRowsFaults(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 300, 200))); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	// Interlaced and damaged files go to image/png, which says why.
	damaged := bytes.Clone(good)
	damaged[40] ^= 0xff
	if _, ok := newPNGRows(damaged); ok {
		t.Error("a chunk with a wrong checksum was taken")
	}
	if _, ok := newPNGRows(good[:len(good)-20]); ok {
		t.Error("a file without its end was taken")
	}
}

// FuzzPNGRows: whatever a PNG holds, pngRows reads the pixels image/png
// reads, and fails where it fails.
func FuzzPNGRows(f *testing.F) {
	for _, img := range []image.Image{
		image.NewGray16(image.Rect(0, 0, 5, 3)),
		image.NewNRGBA(image.Rect(0, 0, 3, 5)),
		image.NewPaletted(image.Rect(0, 0, 9, 2), color.Palette{color.Black, color.Transparent, color.White}),
	} {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// Every chunk's checksum made right again, so that the fuzzer's
		// changes reach the header and the data.
		for i := 8; i+12 <= len(src); {
			n := int(binary.BigEndian.Uint32(src[i:]))
			if n > len(src)-i-12 {
				break
			}
			binary.BigEndian.PutUint32(src[i+8+n:], crc32.ChecksumIEEE(src[i+4:i+8+n]))
			i += 12 + n
		}
		pr, ok := newPNGRows(src)
		if !ok {
			return // image/png's to read
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(src))
		if err != nil || cfg.Width*cfg.Height > 1<<20 {
			return
		}
		std, stdErr := png.Decode(bytes.NewReader(src))
		var want *image.RGBA
		if stdErr == nil {
			want = image.NewRGBA(std.Bounds())
			draw.Draw(want, want.Rect, std, std.Bounds().Min, draw.Src)
		}
		w, h := pr.size()
		line := make([]byte, 4*w)
		for y := range h {
			if err := pr.next(line); err != nil {
				if stdErr == nil {
					t.Fatalf("line %d: %v, but image/png reads it", y, err)
				}
				return
			}
			if want != nil && !bytes.Equal(line, want.Pix[y*want.Stride:y*want.Stride+4*w]) {
				t.Fatalf("line %d differs from image/png's", y)
			}
		}
		if stdErr != nil {
			t.Fatalf("read whole, but image/png says %v", stdErr)
		}
	})
}
