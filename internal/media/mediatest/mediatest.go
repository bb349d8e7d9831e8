// Package mediatest makes images for tests and benchmarks: photos with
// GPS EXIF, XMP and IPTC, transparent PNGs, and broken files.
package mediatest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Secrets are strings the metadata of Photo carries; no published file
// may contain any of them.
var Secrets = []string{"TLG-SECRET-EXIF-CAMERA-OWNER", "TLG-SECRET-XMP-CREATOR", "TLG-SECRET-IPTC-BYLINE"}

func picture(w, h int, seed uint8) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Pix[img.PixOffset(x, y)+0] = uint8(x*255/max(1, w-1)) + seed
			img.Pix[img.PixOffset(x, y)+1] = uint8(y*255/max(1, h-1)) ^ seed
			img.Pix[img.PixOffset(x, y)+2] = uint8((x/16+y/16)%2*200) + seed
			img.Pix[img.PixOffset(x, y)+3] = 255
		}
	}
	return img
}

// JPEG is a plain w×h photo without metadata; seed varies its pixels.
func JPEG(w, h int, seed uint8) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, picture(w, h, seed), &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Photo is a w×h JPEG carrying GPS coordinates in its EXIF, an XMP packet
// and an IPTC record; it returns the file and its EXIF block.
func Photo(w, h int, seed uint8) (file, exif []byte) {
	plain := JPEG(w, h, seed)
	exif = append([]byte("Exif\x00\x00"), GPSTIFF(0)...)
	xmp := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="21,25.35N" exif:GPSLongitude="39,49.53E"><dc:creator>`+Secrets[1]+`</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`)...)
	iptc := append([]byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00"), iptcRecord(Secrets[2])...)
	var out bytes.Buffer
	out.Write(plain[:2]) // SOI
	segment(&out, 0xE1, exif)
	segment(&out, 0xE1, xmp)
	segment(&out, 0xED, iptc)
	out.Write(plain[2:])
	return out.Bytes(), exif
}

// Rotated is a w×h JPEG whose EXIF says to turn it (orientation 6: 90°
// clockwise), so that it is shown h wide and w high.
func Rotated(w, h int) []byte {
	plain := JPEG(w, h, 0)
	var out bytes.Buffer
	out.Write(plain[:2])
	segment(&out, 0xE1, append([]byte("Exif\x00\x00"), GPSTIFF(6)...))
	out.Write(plain[2:])
	return out.Bytes()
}

func segment(b *bytes.Buffer, marker byte, data []byte) {
	b.Write([]byte{0xFF, marker})
	binary.Write(b, binary.BigEndian, uint16(len(data)+2))
	b.Write(data)
}

func iptcRecord(byline string) []byte {
	rec := []byte{0x1C, 0x02, 0x50}
	rec = binary.BigEndian.AppendUint16(rec, uint16(len(byline)))
	rec = append(rec, byline...)
	out := binary.BigEndian.AppendUint32(nil, uint32(len(rec)))
	out = append(out, rec...)
	if len(out)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// GPSTIFF is a little-endian TIFF block with an owner's name, the GPS
// position of Mecca's Grand Mosque and, when orientation > 0, that
// orientation.
func GPSTIFF(orientation uint16) []byte {
	le := binary.LittleEndian
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // inline when 4 bytes or fewer
	}
	rational := func(vals ...[2]uint32) []byte {
		var b []byte
		for _, v := range vals {
			b = le.AppendUint32(b, v[0])
			b = le.AppendUint32(b, v[1])
		}
		return b
	}
	owner := append([]byte(Secrets[0]), 0)
	ifd0 := []entry{{0x013B, 2, uint32(len(owner)), owner}}
	if orientation > 0 {
		ifd0 = append(ifd0, entry{0x0112, 3, 1, le.AppendUint16(nil, orientation)})
	}
	ifd0 = append(ifd0, entry{0x8825, 4, 1, nil}) // GPS IFD pointer, set below
	gps := []entry{
		{0x0001, 2, 2, []byte("N\x00")},
		{0x0002, 5, 3, rational([2]uint32{21, 1}, [2]uint32{25, 1}, [2]uint32{2100, 100})},
		{0x0003, 2, 2, []byte("E\x00")},
		{0x0004, 5, 3, rational([2]uint32{39, 1}, [2]uint32{49, 1}, [2]uint32{3180, 100})},
	}
	size := func(es []entry) int { return 2 + 12*len(es) + 4 }
	extra := func(es []entry) int {
		n := 0
		for _, e := range es {
			if len(e.value) > 4 {
				n += len(e.value)
			}
		}
		return n
	}
	ifd0At := 8
	gpsAt := ifd0At + size(ifd0) + extra(ifd0)
	for i := range ifd0 {
		if ifd0[i].tag == 0x8825 {
			ifd0[i].value = le.AppendUint32(nil, uint32(gpsAt))
		}
	}
	out := []byte("II*\x00")
	out = le.AppendUint32(out, uint32(ifd0At))
	write := func(es []entry, at int) {
		data := at + size(es)
		out = le.AppendUint16(out, uint16(len(es)))
		var tail []byte
		for _, e := range es {
			out = le.AppendUint16(out, e.tag)
			out = le.AppendUint16(out, e.typ)
			out = le.AppendUint32(out, e.count)
			if len(e.value) <= 4 {
				v := make([]byte, 4)
				copy(v, e.value)
				out = append(out, v...)
			} else {
				out = le.AppendUint32(out, uint32(data+len(tail)))
				tail = append(tail, e.value...)
			}
		}
		out = le.AppendUint32(out, 0)
		out = append(out, tail...)
	}
	write(ifd0, ifd0At)
	write(gps, gpsAt)
	return out
}

// PNG is a w×h PNG; transparent gives it a see-through half.
func PNG(w, h int, transparent bool) []byte {
	img := picture(w, h, 7)
	if transparent {
		for y := range h {
			for x := range w / 2 {
				img.SetRGBA(x, y, color.RGBA{})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Bomb is a small PNG whose header claims w×h pixels: a decompression bomb.
func Bomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	chunk("IHDR", ihdr)
	// A few kilobytes of zeros compress to almost nothing: the rest of
	// the claimed pixels would come from nowhere.
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x60, 0x18, 0x05, 0x00, 0x00})
	chunk("IEND", nil)
	return b.Bytes()
}

// Truncated is a JPEG cut off halfway through its pixels.
func Truncated(w, h int) []byte {
	b := JPEG(w, h, 3)
	return b[:len(b)/2]
}

// Noisy is a w×h JPEG with grain, so that it compresses and decodes about
// as a photo does (a 3-megapixel one is about 1 MB); seed makes it unique.
func Noisy(w, h int, seed uint32) []byte {
	img := picture(w, h, uint8(seed))
	x := seed*2654435761 + 1
	for i := range img.Pix {
		if i%4 == 3 {
			continue
		}
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		img.Pix[i] = uint8(int(img.Pix[i]) + int(x%48) - 24)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	return b.Bytes()
}
