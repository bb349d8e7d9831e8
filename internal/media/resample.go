package media

import (
	"image"
	"image/draw"
	"math"
)

// rows gives an image's pixels a row at a time, top to bottom, as 8-bit
// RGBA with premultiplied alpha: what the resampler reads, so that no
// full-size copy of a photo is made (a 49-megapixel one is 196 MB in
// RGBA).
type rows interface {
	size() (w, h int)
	// next fills dst (4×width bytes) with the next row.
	next(dst []byte) error
}

// imageRows reads a decoded image's rows, converting each on its own.
type imageRows struct {
	img image.Image
	y   int
	row *image.RGBA // one row, over the caller's buffer
}

func newImageRows(img image.Image) *imageRows { return &imageRows{img: img} }

func (r *imageRows) size() (int, int) { return r.img.Bounds().Dx(), r.img.Bounds().Dy() }

func (r *imageRows) next(dst []byte) error {
	b := r.img.Bounds()
	if rgba, ok := r.img.(*image.RGBA); ok {
		i := rgba.PixOffset(b.Min.X, b.Min.Y+r.y)
		copy(dst, rgba.Pix[i:i+4*b.Dx()])
	} else {
		if r.row == nil {
			r.row = &image.RGBA{Stride: 4 * b.Dx(), Rect: image.Rect(0, 0, b.Dx(), 1)}
		}
		r.row.Pix = dst
		draw.Draw(r.row, r.row.Rect, r.img, image.Pt(b.Min.X, b.Min.Y+r.y), draw.Src)
	}
	r.y++
	return nil
}

// taps are the source pixels and weights of each pixel of a resampled
// line: Catmull-Rom, widened by the scale when shrinking, as
// golang.org/x/image/draw's kernels are.
type taps struct {
	first  []int       // the first source pixel of each destination pixel
	weight [][]float32 // the weights from there on, summing to 1
}

func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

func newTaps(src, dst int) taps {
	t := taps{first: make([]int, dst), weight: make([][]float32, dst)}
	scale := float64(src) / float64(dst)
	widen := max(scale, 1)
	radius := 2 * widen
	for i := range dst {
		center := (float64(i) + 0.5) * scale
		lo := max(0, int(math.Floor(center-radius)))
		hi := min(src, int(math.Ceil(center+radius)))
		ws := make([]float32, 0, hi-lo)
		var sum float64
		for j := lo; j < hi; j++ {
			w := catmullRom((float64(j) + 0.5 - center) / widen)
			ws = append(ws, float32(w))
			sum += w
		}
		if sum != 0 {
			for k := range ws {
				ws[k] = float32(float64(ws[k]) / sum)
			}
		}
		t.first[i], t.weight[i] = lo, ws
	}
	return t
}

// resample reads src and makes it dw×dh, keeping in memory only the few
// source lines the filter spans at a time (resampled across already), not
// the whole image: its memory is the destination and about 4×(the
// scale) lines of it. It also says whether a source pixel was not opaque.
func resample(src rows, dw, dh int) (dst *image.RGBA, opaque bool, err error) {
	sw, sh := src.size()
	across, down := newTaps(sw, dw), newTaps(sh, dh)
	window := 1
	for y := range dh {
		window = max(window, len(down.weight[y]))
	}
	ring := make([][]float32, window) // resampled across, by source line % window
	for i := range ring {
		ring[i] = make([]float32, 4*dw)
	}
	line := make([]byte, 4*sw)
	dst = image.NewRGBA(image.Rect(0, 0, dw, dh))
	opaque = true
	y := 0 // the next destination line
	// Every source line is read: the last destination line spans the
	// last of them.
	for sy := range sh {
		if err := src.next(line); err != nil {
			return nil, false, err
		}
		for i := 3; i < len(line) && opaque; i += 4 {
			opaque = line[i] == 0xff
		}
		out := ring[sy%window]
		for x := range dw {
			var r, g, b, a float32
			p := 4 * across.first[x]
			for _, w := range across.weight[x] {
				r += w * float32(line[p])
				g += w * float32(line[p+1])
				b += w * float32(line[p+2])
				a += w * float32(line[p+3])
				p += 4
			}
			out[4*x], out[4*x+1], out[4*x+2], out[4*x+3] = r, g, b, a
		}
		// Every destination line whose source lines are all read.
		for ; y < dh && down.first[y]+len(down.weight[y]) <= sy+1; y++ {
			pix := dst.Pix[y*dst.Stride : y*dst.Stride+4*dw]
			for x := range 4 * dw {
				var v float32
				for k, w := range down.weight[y] {
					v += w * ring[(down.first[y]+k)%window][x]
				}
				pix[x] = clamp8(v)
			}
			// Premultiplied: no colour above its alpha (the filter's
			// negative lobes can overshoot).
			for x := 0; x < len(pix); x += 4 {
				a := pix[x+3]
				pix[x], pix[x+1], pix[x+2] = min(pix[x], a), min(pix[x+1], a), min(pix[x+2], a)
			}
		}
	}
	return dst, opaque, nil
}

func clamp8(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}
