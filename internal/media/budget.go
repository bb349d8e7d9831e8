package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"runtime"

	"golang.org/x/sync/semaphore"
)

// Budget is the memory, in bytes, that the images being processed at
// once may take, whatever the number of cores: images are processed side
// by side only while their costs (see cost) fit in it together, and an
// image that costs more than all of it is processed alone. 256 MiB holds
// about twenty 3-megapixel photos at once, or any PNG line by line.
const Budget = 256 << 20

// budget hands out Budget among the images being processed.
type budget struct{ sem *semaphore.Weighted }

func newBudget() budget { return budget{semaphore.NewWeighted(Budget)} }

// take waits until the image src can be processed within the budget, and
// returns what gives its share back.
func (b budget) take(src []byte, s Settings) (give func()) {
	n := min(cost(src, s), Budget)
	_ = b.sem.Acquire(context.Background(), n) // fails only with a cancelled context
	return func() {
		// The collector would let a large image's memory wait, and the
		// heap grow by as much again, before the next takes it. An
		// ordinary photo's share is left to it: collecting after each
		// of a thousand would cost more than it saves.
		if n >= Budget/4 {
			runtime.GC()
		}
		b.sem.Release(n)
	}
}

// cost is an upper bound of the memory processing src takes at its peak:
// the decoded image where the format must be whole in memory (a PNG is
// read line by line), the variants made from it and the resampler's
// lines. A file that is no image costs nothing: it is refused before
// any memory is taken for it.
func cost(src []byte, s Settings) int64 {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(src))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > int64(s.MaxPixels) {
		return 0
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	px := w * h
	var decoded int64
	switch format {
	case "png":
		if _, ok := newPNGRows(src); !ok {
			// image/png: the whole image, and an interlaced one's
			// passes beside it.
			decoded = 2 * px * bytesPerPixel(cfg.ColorModel)
		}
	case "jpeg":
		decoded = jpegCost(src, px)
	case "gif":
		decoded = px // a palette index a pixel
	case "webp":
		decoded = px * 5 / 2 // lossy: 4:2:0 and alpha
		if len(src) >= 16 && string(src[12:16]) == "VP8L" {
			decoded = 8 * px // lossless: ARGB and its transforms' copy
		}
	}
	// The variants, each 4 bytes a pixel, at most as wide as the image;
	// the widest once more to be turned upright; the blurred stand-in
	// as large as the narrowest.
	var variants, widest int64
	widths := Widths(int(w), s.Widths)
	for _, vw := range widths {
		a := int64(vw) * int64(Height(int(w), int(h), vw)) * 4
		variants += a
		widest = max(widest, a)
	}
	narrowest := int64(widths[0]) * int64(Height(int(w), int(h), widths[0])) * 4
	// The resampler: a source line as RGBA and 4×(scale)+1 lines of the
	// widest across, in float32.
	scale := (h + 1) / max(1, int64(widths[len(widths)-1]))
	lines := 4*w + (4*scale+5)*int64(max(w, h))*16
	return int64(len(src)) + decoded + variants + widest + narrowest + lines
}

// bytesPerPixel is what image/png keeps of a pixel of the colour model.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// jpegCost is what image/jpeg keeps of a JPEG of px pixels: each
// component's samples at its sampling, the coefficients of all of them
// for a progressive JPEG (four bytes a sample), and a CMYK copy for four
// components.
func jpegCost(src []byte, px int64) int64 {
	for i := 2; i+4 <= len(src) && src[i] == 0xff; {
		marker := src[i+1]
		n := int(binary.BigEndian.Uint16(src[i+2:]))
		if n < 2 || i+2+n > len(src) {
			break
		}
		seg := src[i+4 : i+2+n]
		if marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc {
			if len(seg) < 6 || len(seg) < 6+3*int(seg[5]) || seg[5] == 0 {
				break
			}
			comps := int(seg[5])
			var hmax, vmax int64 = 1, 1
			for c := range comps {
				f := seg[6+3*c+1]
				hmax, vmax = max(hmax, int64(f>>4)), max(vmax, int64(f&15))
			}
			var samples int64
			for c := range comps {
				f := seg[6+3*c+1]
				samples += px * max(1, int64(f>>4)) * max(1, int64(f&15)) / (hmax * vmax)
			}
			total := samples
			if progressive := marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce; progressive {
				total += 4 * samples
			}
			if comps == 4 {
				total += 4 * px
			}
			return total
		}
		i += 2 + n
	}
	return 20 * px // unknown: the most a JPEG can take
}
