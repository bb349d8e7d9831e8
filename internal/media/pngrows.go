package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"slices"
)

// pngRows reads a PNG a line at a time as its data is inflated, so that
// the image is never whole in memory: a 7000×7000 PNG of 143 KB would
// be 196 MB decoded (392 MB at 16 bits a channel), and the resampler
// needs only its lines, one after the other. 16-bit channels become 8
// bits as each line is read. It reads what image/png reads, but for
// interlaced images, whose lines come in seven passes: those, and any
// file it does not understand, go to image/png, which says what is
// wrong.
type pngRows struct {
	w, h         int
	depth, color int    // bit depth and colour type of IHDR
	channels     int    // samples a pixel
	palette      []byte // premultiplied RGBA, four bytes an entry
	key          []byte // tRNS of a grey or RGB image: the transparent colour, 16 bits a sample
	z            io.Reader
	line, prev   []byte // with their filter byte
	bpp          int    // bytes a pixel, at least 1, for the filters
	y            int
}

func newPNGRows(src []byte) (*pngRows, bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(src, []byte(sig)) {
		return nil, false
	}
	p := &pngRows{}
	var idat []io.Reader
	var trns []byte
	for rest := src[len(sig):]; ; {
		if len(rest) < 12 {
			return nil, false
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(n) > uint64(len(rest)-12) {
			return nil, false
		}
		typ, data := string(rest[4:8]), rest[8:8+n]
		if crc32.ChecksumIEEE(rest[4:8+n]) != binary.BigEndian.Uint32(rest[8+n:]) {
			return nil, false
		}
		rest = rest[12+n:]
		switch typ {
		case "IHDR":
			if n != 13 || data[10] != 0 || data[11] != 0 || data[12] != 0 { // deflate, adaptive filters, not interlaced
				return nil, false
			}
			p.w, p.h = int(binary.BigEndian.Uint32(data)), int(binary.BigEndian.Uint32(data[4:]))
			p.depth, p.color = int(data[8]), int(data[9])
		case "PLTE":
			if n%3 != 0 || n/3 > 256 {
				return nil, false
			}
			for i := 0; i < int(n); i += 3 {
				p.palette = append(p.palette, data[i], data[i+1], data[i+2], 0xff)
			}
		case "tRNS":
			trns = data
		case "IDAT":
			idat = append(idat, bytes.NewReader(data))
		case "IEND":
			return p.start(idat, trns)
		}
	}
}

// start checks the header and readies the first line.
func (p *pngRows) start(idat []io.Reader, trns []byte) (*pngRows, bool) {
	var depths []int
	switch p.color {
	case 0:
		p.channels, depths = 1, []int{1, 2, 4, 8, 16}
	case 2:
		p.channels, depths = 3, []int{8, 16}
	case 3:
		p.channels, depths = 1, []int{1, 2, 4, 8}
	case 4:
		p.channels, depths = 2, []int{8, 16}
	case 6:
		p.channels, depths = 4, []int{8, 16}
	}
	ok := slices.Contains(depths, p.depth)
	if !ok || p.w <= 0 || p.h <= 0 || len(idat) == 0 || p.color == 3 && len(p.palette) == 0 {
		return nil, false
	}
	switch {
	case p.color == 3:
		if len(trns) > len(p.palette)/4 {
			return nil, false
		}
		for i, a := range trns {
			e := p.palette[4*i : 4*i+4]
			e[0], e[1], e[2], e[3] = premultiply(e[0], a), premultiply(e[1], a), premultiply(e[2], a), a
		}
		// Indexes past the palette are opaque black, as image/png has them.
		for len(p.palette) < 4*256 {
			p.palette = append(p.palette, 0, 0, 0, 0xff)
		}
	case (p.color == 0 && len(trns) == 2) || (p.color == 2 && len(trns) == 6):
		p.key = trns
	}
	bits := p.channels * p.depth
	p.bpp = max(1, bits/8)
	n := 1 + (p.w*bits+7)/8
	p.line, p.prev = make([]byte, n), make([]byte, n)
	z, err := zlib.NewReader(io.MultiReader(idat...))
	if err != nil {
		return nil, false
	}
	p.z = z
	return p, true
}

func (p *pngRows) size() (int, int) { return p.w, p.h }

var errPNGData = errors.New("png: invalid format: too much pixel data")

func (p *pngRows) next(dst []byte) error {
	p.line, p.prev = p.prev, p.line
	if _, err := io.ReadFull(p.z, p.line); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	if err := unfilter(p.line[0], p.line[1:], p.prev[1:], p.bpp); err != nil {
		return err
	}
	p.pixels(dst, p.line[1:])
	p.y++
	if p.y == p.h {
		// Reading to the end checks the data's checksum, as image/png does.
		if n, err := p.z.Read(p.line[:1]); n != 0 || err != io.EOF {
			if err != nil && err != io.EOF {
				return err
			}
			return errPNGData
		}
	}
	return nil
}

// unfilter undoes a line's PNG filter, in place (PNG spec, section 9).
func unfilter(filter byte, cur, prev []byte, bpp int) error {
	switch filter {
	case 0:
	case 1:
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
	case 2:
		for i := range cur {
			cur[i] += prev[i]
		}
	case 3:
		for i := range cur {
			var left byte
			if i >= bpp {
				left = cur[i-bpp]
			}
			cur[i] += byte((int(left) + int(prev[i])) / 2)
		}
	case 4:
		for i := range cur {
			var a, c int
			if i >= bpp {
				a, c = int(cur[i-bpp]), int(prev[i-bpp])
			}
			b := int(prev[i])
			pa, pb, pc := abs(b-c), abs(a-c), abs(a+b-2*c)
			switch {
			case pa <= pb && pa <= pc:
				cur[i] += byte(a)
			case pb <= pc:
				cur[i] += byte(b)
			default:
				cur[i] += byte(c)
			}
		}
	default:
		return errors.New("png: invalid format: bad filter type")
	}
	return nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// premultiply is c×a as image/draw makes it of 8-bit NRGBA.
func premultiply(c, a byte) byte { return byte(uint32(c) * 0x101 * (uint32(a) * 0x101) / 0xffff >> 8) }

// pixels turns an unfiltered line into premultiplied 8-bit RGBA.
func (p *pngRows) pixels(dst, line []byte) {
	switch {
	case p.depth < 8: // grey or palette, packed
		per := 8 / p.depth
		mask := byte(1<<p.depth - 1)
		for x := range p.w {
			v := line[x/per] >> (8 - p.depth*(x%per+1)) & mask
			d := dst[4*x : 4*x+4]
			if p.color == 3 {
				copy(d, p.palette[4*int(v):])
				continue
			}
			g := v * (255 / mask)
			d[0], d[1], d[2], d[3] = g, g, g, 0xff
			if p.key != nil && binary.BigEndian.Uint16(p.key) == uint16(v) {
				d[0], d[1], d[2], d[3] = 0, 0, 0, 0
			}
		}
	case p.color == 3:
		for x, v := range line[:p.w] {
			copy(dst[4*x:4*x+4], p.palette[4*int(v):])
		}
	default:
		channels, size := p.channels, p.depth/8 // size: bytes a sample
		for x := range p.w {
			px := line[x*channels*size : (x+1)*channels*size]
			// Each sample at 16 bits, and premultiplied as image/draw
			// does (c×a/0xffff, then the high byte).
			sample := func(i int) uint32 {
				if size == 2 {
					return uint32(binary.BigEndian.Uint16(px[2*i:]))
				}
				return uint32(px[i]) * 0x101
			}
			d := dst[4*x : 4*x+4]
			switch p.color {
			case 0:
				g := byte(sample(0) >> 8)
				d[0], d[1], d[2], d[3] = g, g, g, 0xff
			case 2:
				d[0], d[1], d[2], d[3] = byte(sample(0)>>8), byte(sample(1)>>8), byte(sample(2)>>8), 0xff
			case 4:
				a := sample(1)
				g := byte(sample(0) * a / 0xffff >> 8)
				d[0], d[1], d[2], d[3] = g, g, g, byte(a>>8)
			case 6:
				a := sample(3)
				d[0], d[1], d[2], d[3] = byte(sample(0)*a/0xffff>>8), byte(sample(1)*a/0xffff>>8), byte(sample(2)*a/0xffff>>8), byte(a>>8)
			}
			if p.key != nil && p.keyed(px, size) {
				d[0], d[1], d[2], d[3] = 0, 0, 0, 0
			}
		}
	}
}

// keyed reports whether a grey or RGB pixel is tRNS's transparent colour.
func (p *pngRows) keyed(px []byte, size int) bool {
	for i := range len(p.key) / 2 {
		want := binary.BigEndian.Uint16(p.key[2*i:])
		var got uint16
		if size == 2 {
			got = binary.BigEndian.Uint16(px[2*i:])
		} else {
			got = uint16(px[i])
		}
		if got != want {
			return false
		}
	}
	return true
}
