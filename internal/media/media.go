// Package media makes the images a site publishes: each source image is
// decoded once, after its dimensions were read and checked, and re-encoded
// at several widths with a high-quality resampler. Re-encoding is what
// strips EXIF, XMP and IPTC: nothing of the original file but its pixels
// reaches the output.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strconv"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"github.com/timelinegen/timelinegen/internal/permalink"
)

// Settings say how images are made; a change of settings makes new files.
type Settings struct {
	Widths    []int // ascending
	Quality   int   // JPEG quality
	MaxPixels int   // the largest image decoded
}

// version changes whenever the processing changes what it makes, so that
// cached files made otherwise are not taken.
const version = "2"

func (s Settings) key() string {
	var b strings.Builder
	b.WriteString("v" + version + " q" + strconv.Itoa(s.Quality) + " w")
	for _, w := range s.Widths {
		b.WriteString(strconv.Itoa(w) + ",")
	}
	return b.String()
}

// Image is a processed image as pages use it: its size and its files.
type Image struct {
	Hash     string    `json:"hash"` // of the source's content and the settings
	Width    int       `json:"width"`
	Height   int       `json:"height"`
	Ext      string    `json:"ext"` // "jpg" or "png": PNG only where the image is transparent
	Variants []Variant `json:"variants"`
	Blur     Variant   `json:"blur"` // a blurred stand-in, for sensitive images
}

// Variant is one published file of an image.
type Variant struct {
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Name   string `json:"name"` // slash path in the output: "media/<hash>-960.jpg"
	Size   int64  `json:"size"`
}

// Largest is the widest variant.
func (im *Image) Largest() Variant { return im.Variants[len(im.Variants)-1] }

// Smallest is the narrowest variant.
func (im *Image) Smallest() Variant { return im.Variants[0] }

// Error is a problem with a source image, said for its editor.
type Error struct{ Message string }

func (e *Error) Error() string { return e.Message }

func problem(format string, args ...any) error { return &Error{fmt.Sprintf(format, args...)} }

// Formats names the formats read.
const Formats = "JPEG, PNG, GIF or WebP"

// Check reads an image's header: its format and dimensions, refusing
// what it will not decode, before any memory is taken for the pixels.
func Check(src []byte, s Settings) (image.Config, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(src))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			if what := sniff(src); what != "" {
				return cfg, "", problem("the file is %s, not a %s image: save it as JPEG or PNG", what, Formats)
			}
			return cfg, "", problem("the file is not a %s image", Formats)
		}
		return cfg, format, problem("cannot read the image's header: %v", plain(err))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, format, problem("the image has no pixels (%d×%d)", cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > int64(s.MaxPixels) {
		return cfg, format, problem("the image is %d×%d pixels (%s megapixels), over the limit of %s megapixels: make it smaller, or raise media: {max_pixels: %d} in timeline.yaml",
			cfg.Width, cfg.Height, megapixels(px), megapixels(int64(s.MaxPixels)), px)
	}
	return cfg, format, nil
}

func megapixels(px int64) string {
	return strconv.FormatFloat(float64(px)/1e6, 'f', -1, 64)
}

// sniff names a few formats editors save by mistake.
func sniff(src []byte) string {
	switch {
	case len(src) >= 12 && string(src[4:8]) == "ftyp" && (string(src[8:12]) == "heic" || string(src[8:12]) == "heix" || string(src[8:12]) == "mif1"):
		return "a HEIC photo"
	case len(src) >= 12 && string(src[4:8]) == "ftyp":
		return "a video or AVIF file"
	case bytes.HasPrefix(src, []byte("%PDF")):
		return "a PDF document"
	case bytes.HasPrefix(src, []byte("BM")):
		return "a BMP bitmap"
	case bytes.HasPrefix(src, []byte("II*\x00")) || bytes.HasPrefix(src, []byte("MM\x00*")):
		return "a TIFF image"
	case bytes.HasPrefix(bytes.TrimSpace(src), []byte("<svg")) || bytes.HasPrefix(bytes.TrimSpace(src), []byte("<?xml")):
		return "an SVG or XML document"
	}
	return ""
}

func plain(err error) string {
	// The JPEG decoder says "short Huffman data" where the data stops.
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || strings.Contains(err.Error(), "short") {
		return "the file ends too soon (it may be cut short)"
	}
	return err.Error()
}

// Processed is an Image and the bytes of its files, by name.
type Processed struct {
	Image
	Files map[string][]byte
}

// Hash names an image made from a source whose SHA-256 is sum.
func (s Settings) Hash(sum [32]byte) string {
	h := sha256.New()
	h.Write(sum[:])
	io.WriteString(h, s.key())
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Process makes the published files of an image. sum is the SHA-256 of src.
func Process(src []byte, sum [32]byte, s Settings) (*Processed, error) {
	return process(src, sum, s, true)
}

// Inspect decodes an image, to find any fault in it, and says what Process
// would make of it without making it: the files' sizes are not known.
func Inspect(src []byte, sum [32]byte, s Settings) (*Image, error) {
	p, err := process(src, sum, s, false)
	if err != nil {
		return nil, err
	}
	return &p.Image, nil
}

func process(src []byte, sum [32]byte, s Settings, encodeFiles bool) (*Processed, error) {
	if _, _, err := Check(src, s); err != nil {
		return nil, err
	}
	pixels, err := decode(src)
	if err != nil {
		return nil, problem("cannot decode the image: %s", plain(err))
	}
	orient := orientation(src)
	if orient < 1 || orient > 8 {
		orient = 1
	}
	// Width and Height are the image's upright, as published.
	w, h := pixels.size()
	if orient >= 5 {
		w, h = h, w
	}
	p := &Processed{Image: Image{Hash: s.Hash(sum), Width: w, Height: h, Ext: "jpg"}}
	widths := Widths(p.Width, s.Widths)
	if !encodeFiles {
		opaque, err := scan(pixels)
		if err != nil {
			return nil, problem("cannot decode the image: %s", plain(err))
		}
		if !opaque {
			p.Ext = "png"
		}
		for _, w := range widths {
			p.Variants = append(p.Variants, Variant{Width: w, Height: Height(p.Width, p.Height, w), Name: permalink.MediaFile(p.Hash, strconv.Itoa(w), p.Ext)})
		}
		p.Blur = Variant{Width: p.Variants[0].Width, Height: p.Variants[0].Height, Name: permalink.MediaFile(p.Hash, "blur", "jpg")}
		return p, nil
	}
	// The widest straight from the source's lines, turned upright after:
	// no full-size copy is made. Each narrower one is made from the one
	// before: cheaper, and the steps are small enough to look the same.
	made := make([]*image.RGBA, len(widths))
	last := len(widths) - 1
	dw, dh := widths[last], Height(p.Width, p.Height, widths[last])
	if orient >= 5 {
		dw, dh = dh, dw
	}
	widest, opaque, err := resample(pixels, dw, dh)
	if err != nil {
		return nil, problem("cannot decode the image: %s", plain(err))
	}
	pixels = nil // the decoded source, garbage from here on
	made[last] = upright(widest, orient)
	for i := last - 1; i >= 0; i-- {
		made[i], _, _ = resample(newImageRows(made[i+1]), widths[i], Height(p.Width, p.Height, widths[i]))
	}
	if !opaque {
		p.Ext = "png"
	}
	p.Files = map[string][]byte{}
	for _, dst := range made {
		v := Variant{Width: dst.Rect.Dx(), Height: dst.Rect.Dy(), Name: permalink.MediaFile(p.Hash, strconv.Itoa(dst.Rect.Dx()), p.Ext)}
		data, err := encode(dst, p.Ext, s.Quality)
		if err != nil {
			return nil, err
		}
		v.Size = int64(len(data))
		p.Files[v.Name] = data
		p.Variants = append(p.Variants, v)
	}
	blur := blurred(made[0])
	data, err := encode(blur, "jpg", 60)
	if err != nil {
		return nil, err
	}
	p.Blur = Variant{Width: blur.Rect.Dx(), Height: blur.Rect.Dy(), Name: permalink.MediaFile(p.Hash, "blur", "jpg"), Size: int64(len(data))}
	p.Files[p.Blur.Name] = data
	return p, nil
}

// scan reads every line of an image, to find any fault in it, and says
// whether it is opaque.
func scan(pixels rows) (opaque bool, err error) {
	w, h := pixels.size()
	line := make([]byte, 4*w)
	opaque = true
	for range h {
		if err := pixels.next(line); err != nil {
			return false, err
		}
		for i := 3; i < len(line) && opaque; i += 4 {
			opaque = line[i] == 0xff
		}
	}
	return opaque, nil
}

// Widths are the widths made of an image width wide: those of the
// settings narrower than it, and its own when it is narrower than the
// widest, so that nothing is made larger than it is.
func Widths(width int, settings []int) []int {
	var ws []int
	for _, w := range settings {
		if w < width {
			ws = append(ws, w)
		}
	}
	if len(ws) == len(settings) && len(ws) > 0 {
		return ws
	}
	return append(ws, width)
}

// Height is the height of a variant w wide of an image width×height.
func Height(width, height, w int) int {
	return max(1, (height*w+width/2)/width)
}

// decode reads an image for its lines. A PNG is read a line at a time as
// it is inflated (see pngRows): it is never whole in memory.
func decode(src []byte) (rows, error) {
	r := bytes.NewReader(src)
	_, format, err := image.DecodeConfig(r)
	if err != nil {
		return nil, err
	}
	r.Reset(src)
	var img image.Image
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "png":
		if pr, ok := newPNGRows(src); ok {
			return pr, nil
		}
		img, err = png.Decode(r)
	case "gif":
		img, err = gif.Decode(r) // the first frame: a still
	case "webp":
		img, err = webp.Decode(r)
	default:
		return nil, image.ErrFormat
	}
	if err != nil {
		return nil, err
	}
	return newImageRows(img), nil
}

func encode(img image.Image, ext string, quality int) ([]byte, error) {
	var b bytes.Buffer
	var err error
	if ext == "png" {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: quality})
	}
	return b.Bytes(), err
}

// upright turns src as its EXIF orientation says: the orientation tag
// goes with the metadata, so the pixels must carry it.
func upright(src *image.RGBA, orient int) *image.RGBA {
	if orient <= 1 || orient > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if orient >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch orient {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			si, di := src.PixOffset(x, y), dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}

// blurred is img made so soft that nothing in it can be recognised: down
// to a few pixels and up again.
func blurred(img *image.RGBA) *image.RGBA {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	sw := 12
	sh := Height(w, h, sw)
	small := image.NewRGBA(image.Rect(0, 0, sw, sh))
	xdraw.CatmullRom.Scale(small, small.Rect, img, img.Rect, xdraw.Src, nil)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.BiLinear.Scale(out, out.Rect, small, small.Rect, xdraw.Src, nil)
	// Flattened onto white: a blurred PNG stand-in is published as JPEG.
	for i := 3; i < len(out.Pix); i += 4 {
		a := uint32(out.Pix[i])
		for c := i - 3; c < i; c++ {
			out.Pix[c] = uint8(uint32(out.Pix[c]) + (255 - a))
		}
		out.Pix[i] = 255
	}
	return out
}
