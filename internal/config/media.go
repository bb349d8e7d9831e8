package config

import (
	"slices"
	"strconv"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
)

// Media says how images are processed at build time.
type Media struct {
	// MaxPixels is the largest image, in pixels, that is decoded: a
	// decompression bomb claiming 50,000 × 50,000 pixels is refused before
	// any memory is taken for it.
	MaxPixels int
	// Widths are the widths made of each image, smaller ones first; an
	// image is never made wider than it is.
	Widths []int
	// Quality is the JPEG quality, 1 to 100.
	Quality int
	// ShareCards draws a 1200×630 share image for entries without a photo.
	ShareCards bool
}

// Cards says what listing cards show.
type Cards struct {
	Thumbnails bool // the entry's first image beside its card
}

// DefaultMedia is the media configuration of a site that says nothing.
func DefaultMedia() Media {
	return Media{MaxPixels: 50_000_000, Widths: []int{480, 960, 1440}, Quality: 82, ShareCards: true}
}

// MediaKeys are the keys of timeline.yaml's media: mapping.
var MediaKeys = []string{"max_pixels", "widths", "quality", "share_cards"}

func parseMedia(n *front.Node, m *Media, errf func(*front.Node, string, ...any)) {
	if n.Kind != front.Map {
		errf(n, "media: want a mapping such as media: {max_pixels: 50000000, widths: [480, 960, 1440]}")
		return
	}
	for _, k := range n.Keys {
		switch k.Name {
		case "max_pixels":
			if v, ok := wholeNumber(k.Value, "media: max_pixels", 1, 1<<40, errf); ok {
				m.MaxPixels = v
			}
		case "quality":
			if v, ok := wholeNumber(k.Value, "media: quality", 1, 100, errf); ok {
				m.Quality = v
			}
		case "share_cards":
			if v, ok := boolean(k.Value, "media: share_cards", errf); ok {
				m.ShareCards = v
			}
		case "widths":
			if k.Value.Kind != front.List || len(k.Value.Items) == 0 {
				errf(k.Value, "media: widths: want a list of widths in pixels, such as [480, 960, 1440]")
				continue
			}
			var ws []int
			for _, item := range k.Value.Items {
				if v, ok := wholeNumber(item, "media: widths", 16, 8192, errf); ok && !slices.Contains(ws, v) {
					ws = append(ws, v)
				}
			}
			if len(ws) > 0 {
				slices.Sort(ws)
				m.Widths = ws
			}
		default:
			errf(&front.Node{Line: k.Line, Col: k.Col}, "media: unknown key %q%s", k.Name, diag.Suggest(k.Name, MediaKeys))
		}
	}
}

func parseCards(n *front.Node, c *Cards, errf func(*front.Node, string, ...any)) {
	if n.Kind != front.Map {
		errf(n, "cards: want a mapping such as cards: {thumbnails: true}")
		return
	}
	for _, k := range n.Keys {
		switch k.Name {
		case "thumbnails":
			if v, ok := boolean(k.Value, "cards: thumbnails", errf); ok {
				c.Thumbnails = v
			}
		default:
			errf(&front.Node{Line: k.Line, Col: k.Col}, "cards: unknown key %q%s", k.Name, diag.Suggest(k.Name, []string{"thumbnails"}))
		}
	}
}

func wholeNumber(n *front.Node, field string, lo, hi int, errf func(*front.Node, string, ...any)) (int, bool) {
	v, err := strconv.Atoi(n.Text)
	if n.Kind != front.Scalar || err != nil || v < lo || v > hi {
		errf(n, "%s: want a whole number from %d to %d, got %q", field, lo, hi, n.Text)
		return 0, false
	}
	return v, true
}

func boolean(n *front.Node, field string, errf func(*front.Node, string, ...any)) (bool, bool) {
	v, err := strconv.ParseBool(n.Text)
	if n.Kind != front.Scalar || err != nil {
		errf(n, "%s: want true or false, got %q", field, n.Text)
		return false, false
	}
	return v, true
}
