package media

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image/color"
)

// pngWriter writes a share card's PNG: 8-bit paletted, every row
// unfiltered, its pixels compressed by rowDeflater into one IDAT chunk.
// A card is mostly rows equal to the row above (the background, the
// stripe), which cost a few bytes each and no reading but one comparison.
type pngWriter struct {
	z       *rowDeflater
	codes   *codes // the Huffman codes of every PNG, or nil: each its own
	scratch [13]byte
}

func newPNGWriter() *pngWriter { return &pngWriter{z: newRowDeflater()} }

// encode appends to out the PNG of a w×h image of the palette pal whose
// rows are rows: each row's filter byte (0, none) and its w palette
// indexes. repeated, when not nil, holds for each row whether the caller
// knows it to be the row above, and text, when not nil, is the card's
// glyphs (rowDeflater.deflate).
func (p *pngWriter) encode(out []byte, pal color.Palette, rows []byte, w, h int, repeated []bool, text *cardText) ([]byte, error) {
	if len(pal) == 0 || len(pal) > 256 {
		return out, errors.New("png: a card's palette has 1 to 256 colours")
	}
	if w <= 0 || h <= 0 || len(rows) != h*(w+1) || repeated != nil && len(repeated) != h {
		return out, errors.New("png: a card's rows are not its size")
	}
	for r := 0; r < len(rows); r += w + 1 {
		if rows[r] != 0 {
			return out, errors.New("png: a card's row is filtered")
		}
	}
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	binary.BigEndian.PutUint32(p.scratch[0:4], uint32(w))
	binary.BigEndian.PutUint32(p.scratch[4:8], uint32(h))
	p.scratch[8], p.scratch[9] = 8, 3 // 8 bits, paletted
	p.scratch[10], p.scratch[11], p.scratch[12] = 0, 0, 0
	out = chunk(out, "IHDR", p.scratch[:13])
	start := len(out)
	out = append(out, make([]byte, 8)...)
	last := -1
	for i, c := range pal {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		out = append(out, n.R, n.G, n.B)
		if n.A != 0xff {
			last = i
		}
	}
	out = endChunk(out, start, "PLTE")
	if last >= 0 {
		start = len(out)
		out = append(out, make([]byte, 8)...)
		for _, c := range pal[:last+1] {
			out = append(out, color.NRGBAModel.Convert(c).(color.NRGBA).A)
		}
		out = endChunk(out, start, "tRNS")
	}

	start = len(out)
	out = append(out, make([]byte, 8)...)
	out = append(out, zlibHeader[:]...)
	out, sum := p.z.deflate(out, rows, w+1, repeated, p.codes, text)
	out = binary.BigEndian.AppendUint32(out, sum)
	out = endChunk(out, start, "IDAT")
	return chunk(out, "IEND", nil), nil
}

// zlibHeader is RFC 1950's: deflate with a 32 KB window, and the check
// bits.
var zlibHeader = [2]byte{0x78, 0x01}

// chunk appends a PNG chunk.
func chunk(out []byte, name string, data []byte) []byte {
	start := len(out)
	out = append(out, make([]byte, 8)...)
	out = append(out, data...)
	return endChunk(out, start, name)
}

// endChunk fills in the length and name of the chunk begun at start
// (eight bytes kept for them) and appends its checksum.
func endChunk(out []byte, start int, name string) []byte {
	binary.BigEndian.PutUint32(out[start:], uint32(len(out)-start-8))
	copy(out[start+4:], name)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
}

// adler32 is a running Adler-32 (RFC 1950).
type adler32 struct{ a, b uint32 }

const adlerMod = 65521

// adlerOf is the Adler-32 of p, eight bytes a step: of bytes x0 … x7,
// a gains their sum and b gains 8a + 8x0 + 7x1 + … + 1x7, both summed in
// 16-bit lanes of one multiplication.
func adlerOf(p []byte) adler32 {
	a, b := uint64(1), uint64(0)
	for len(p) > 0 {
		// At most 4096 bytes between reductions: b stays far below 2⁶⁴.
		q := p[:min(len(p), 4096)]
		p = p[len(q):]
		for ; len(q) >= 8; q = q[8:] {
			v := binary.LittleEndian.Uint64(q)
			even, odd := v&0x00ff00ff00ff00ff, v>>8&0x00ff00ff00ff00ff
			b += 8*a + ((even*0x0008000600040002)>>48)&0xffff + ((odd*0x0007000500030001)>>48)&0xffff
			a += ((even + odd) * 0x0001000100010001) >> 48 & 0xffff
		}
		for _, x := range q {
			a += uint64(x)
			b += a
		}
		a %= adlerMod
		b %= adlerMod
	}
	return adler32{uint32(a), uint32(b)}
}

// join appends n bytes whose own Adler-32 is t, as zlib's
// adler32_combine does: their a started at 1 where it is s.a, and b
// added that a n times.
func (s *adler32) join(t adler32, n int) {
	a2, b2, m := uint64(t.a), uint64(t.b), uint64(n%adlerMod)
	a, b := uint64(s.a), uint64(s.b)
	s.a = uint32((a + a2 + adlerMod - 1) % adlerMod)
	s.b = uint32((b + m*a + b2 + adlerMod - m) % adlerMod)
}
