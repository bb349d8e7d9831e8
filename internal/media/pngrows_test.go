package media

import (
	"bytes"
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
