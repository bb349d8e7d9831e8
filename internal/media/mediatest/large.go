package mediatest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
)

// LargePNG is a w×h RGB PNG of depth 8 or 16 bits a channel, written a
// line at a time (a 7000×7000 one is never whole in memory here) and
// compressing as a flat drawing does: 7000×7000 at 8 bits is about
// 150 KB, and 196 MB once decoded whole.
func LargePNG(w, h, depth int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
		b.WriteString(typ)
		b.Write(data)
		b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(append([]byte(typ), data...))))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	chunk("IHDR", append(ihdr, byte(depth), 2, 0, 0, 0))
	var data bytes.Buffer
	z, _ := zlib.NewWriterLevel(&data, zlib.BestSpeed)
	size := 3 * depth / 8
	line := make([]byte, 1+w*size)
	for y := range h {
		line[0] = 0
		for x := range w {
			// Bands of colour, a few hundred pixels wide.
			v := byte((x/300 + y/300) * 37)
			for c := range 3 {
				line[1+x*size+c*depth/8] = v + byte(c*80)
			}
		}
		z.Write(line)
	}
	z.Close()
	chunk("IDAT", data.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// LargeJPEG is a w×h baseline JPEG (4:2:0, as cameras write them) of the
// same bands as LargePNG.
func LargeJPEG(w, h int) []byte {
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := range h {
		for x := range w {
			img.Y[y*img.YStride+x] = byte((x/300 + y/300) * 37)
		}
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = byte(i/300), byte(i/700)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	return b.Bytes()
}
