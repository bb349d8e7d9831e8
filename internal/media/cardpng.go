package media

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	adler "hash/adler32"
	"hash/crc32"
	"image"
	"image/color"
)

// pngWriter writes a share card's PNG: the bytes image/png's Encoder
// writes of a paletted image of 17 to 256 colours at BestSpeed, chunk for
// chunk (TestCardPNGIsImagePNGs), but with an Adler-32 that takes runs of
// zero bytes at once. A card is mostly background, palette index 0, and
// hash/adler32 read all of its 757 KB of rows: 9% of a card's time, 5.7%
// now (BenchmarkCard's profile).
type pngWriter struct {
	out     *bytes.Buffer
	idat    *bufio.Writer // cuts the zlib stream into IDAT chunks as image/png does
	zw      *flate.Writer
	row     []byte
	scratch [13]byte
}

// pngIDATSize is the size of image/png's IDAT chunks (writeIDATs' buffer).
const pngIDATSize = 1 << 15

// zlibBestSpeed is the zlib header compress/zlib writes at BestSpeed
// (RFC 1950: deflate, 32 KB window, the fastest level, and the check
// bits).
var zlibBestSpeed = [2]byte{0x78, 0x01}

func newPNGWriter() *pngWriter {
	p := &pngWriter{}
	p.idat = bufio.NewWriterSize(idatWriter{p}, pngIDATSize)
	p.zw, _ = flate.NewWriter(p.idat, flate.BestSpeed) // fails only for a bad level
	return p
}

// encode appends the PNG of m to out.
func (p *pngWriter) encode(out *bytes.Buffer, m *image.Paletted) error {
	pal := m.Palette
	if len(pal) <= 16 || len(pal) > 256 {
		return errors.New("png: a card's palette has 17 to 256 colours")
	}
	b := m.Bounds()
	p.out = out
	defer func() { p.out = nil }()
	out.WriteString("\x89PNG\r\n\x1a\n")
	binary.BigEndian.PutUint32(p.scratch[0:4], uint32(b.Dx()))
	binary.BigEndian.PutUint32(p.scratch[4:8], uint32(b.Dy()))
	p.scratch[8], p.scratch[9] = 8, 3 // 8 bits, paletted
	p.scratch[10], p.scratch[11], p.scratch[12] = 0, 0, 0
	p.chunk("IHDR", p.scratch[:13])
	plte := make([]byte, 0, 3*len(pal))
	trns := make([]byte, 0, len(pal))
	last := -1
	for i, c := range pal {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		plte = append(plte, n.R, n.G, n.B)
		trns = append(trns, n.A)
		if n.A != 0xff {
			last = i
		}
	}
	p.chunk("PLTE", plte)
	if last >= 0 {
		p.chunk("tRNS", trns[:last+1])
	}

	p.idat.Reset(idatWriter{p})
	p.zw.Reset(p.idat)
	if _, err := p.idat.Write(zlibBestSpeed[:]); err != nil {
		return err
	}
	if cap(p.row) < 1+b.Dx() {
		p.row = make([]byte, 1+b.Dx())
	}
	row := p.row[:1+b.Dx()]
	row[0] = 0 // no filter: image/png filters no paletted image
	sum := adler32{a: 1}
	for y := range b.Dy() {
		copy(row[1:], m.Pix[y*m.Stride:y*m.Stride+b.Dx()])
		if _, err := p.zw.Write(row); err != nil {
			return err
		}
		sum.write(row)
	}
	if err := p.zw.Close(); err != nil {
		return err
	}
	binary.BigEndian.PutUint32(p.scratch[:4], sum.a|sum.b<<16)
	if _, err := p.idat.Write(p.scratch[:4]); err != nil {
		return err
	}
	if err := p.idat.Flush(); err != nil {
		return err
	}
	p.chunk("IEND", nil)
	return nil
}

// chunk appends a PNG chunk to out.
func (p *pngWriter) chunk(name string, data []byte) {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], name)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	p.out.Write(head[:])
	p.out.Write(data)
	p.out.Write(binary.BigEndian.AppendUint32(head[:0], crc.Sum32()))
}

// idatWriter makes each write an IDAT chunk.
type idatWriter struct{ p *pngWriter }

func (w idatWriter) Write(b []byte) (int, error) {
	w.p.chunk("IDAT", b)
	return len(b), nil
}

// adler32 is Adler-32 (RFC 1950) that takes 32 zero bytes in one step
// (a zero byte leaves a as it is and adds it to b), and the bytes between
// such runs by hash/adler32, whose sums it joins.
type adler32 struct{ a, b uint32 }

const adlerMod = 65521

func (s *adler32) write(p []byte) {
	for len(p) > 0 {
		z := 0
		for z+32 <= len(p) && zero32(p[z:]) {
			z += 32
		}
		if z > 0 {
			s.b = uint32((uint64(s.b) + uint64(z)*uint64(s.a)) % adlerMod)
			p = p[z:]
		}
		n := 0
		for n < len(p) && (n+32 > len(p) || !zero32(p[n:])) {
			n = min(n+32, len(p))
		}
		if n > 0 {
			s.join(adler.Checksum(p[:n]), n)
			p = p[n:]
		}
	}
}

// join appends n bytes whose own Adler-32 is sum, as zlib's
// adler32_combine does: their a started at 1 where it is s.a, and b
// added that a n times.
func (s *adler32) join(sum uint32, n int) {
	a2, b2, m := uint64(sum&0xffff), uint64(sum>>16), uint64(n%adlerMod)
	a, b := uint64(s.a), uint64(s.b)
	s.a = uint32((a + a2 + adlerMod - 1) % adlerMod)
	s.b = uint32((b + m*a + b2 + adlerMod - m) % adlerMod)
}

func zero32(p []byte) bool {
	return binary.LittleEndian.Uint64(p)|binary.LittleEndian.Uint64(p[8:])|binary.LittleEndian.Uint64(p[16:])|binary.LittleEndian.Uint64(p[24:]) == 0
}
