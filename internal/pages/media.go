package pages

import (
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Media is a picture or a video as a page shows it.
type Media struct {
	Image     *Picture // a photo, or a video's still
	Video     *Video   // nil for a photo
	Caption   string
	Credit    string
	License   string
	Sensitive bool // the clear image is shown only when the reader asks
	// Lazy says the image is below the fold: the browser loads it when
	// it comes near the screen.
	Lazy bool
	// Lang is the original's language when the page is in another: a
	// caption is not translated.
	Lang string
	T    i18n.Strings // the interface strings
}

// Picture is a published image with its sizes, for <img srcset>.
type Picture struct {
	Src    string // the middle width, for browsers without srcset
	Srcset string
	Sizes  string
	Width  int // of the widest variant: the aspect ratio, so no layout shift
	Height int
	Alt    string
	Blur   string // a blurred stand-in's URL, for a sensitive image
	// Largest and Smallest are the widest and narrowest variants, for
	// share, feed and data files.
	Largest, Smallest media.Variant
	Type              string // "image/jpeg" or "image/png"
}

// Video is a video on a provider's site: a placeholder on the page, the
// player loaded only when the reader asks.
type Video struct {
	Provider string
	URL      string // the video at the provider, for readers without script
	Embed    string // the provider's player
}

// ShareImage is a page's og:image.
type ShareImage struct {
	URL           string // absolute
	Width, Height int
	Size          int64 // bytes
	Alt           string
	Type          string
	Card          bool // drawn by the build, not a photo
}

// WithMedia gives the Planner the processed image of each media file, by
// its slash path relative to the site; nil for a file not processed.
func WithMedia(images func(file string) *media.Image) Option {
	return func(p *Planner) { p.images = images }
}

// WithShareCards gives the Planner the share card drawn for an article
// without a photo, by the article's slug; nil for none.
func WithShareCards(cards func(slug string) *media.Variant) Option {
	return func(p *Planner) { p.cards = cards }
}

// mediaSizes is how wide an entry page shows a figure: the text column.
const mediaSizes = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"

func (p *Planner) image(file string) *media.Image {
	if p.images == nil || file == "" {
		return nil
	}
	return p.images(file)
}

func (p *Planner) picture(im *media.Image, alt, sizes string, sensitive bool) *Picture {
	var set []string
	for _, v := range im.Variants {
		set = append(set, p.MediaURL(v.Name)+" "+strconv.Itoa(v.Width)+"w")
	}
	l := im.Largest()
	pic := &Picture{
		Src:      p.MediaURL(im.Variants[len(im.Variants)/2].Name),
		Srcset:   strings.Join(set, ", "),
		Sizes:    sizes,
		Width:    l.Width,
		Height:   l.Height,
		Alt:      alt,
		Largest:  l,
		Smallest: im.Smallest(),
		Type:     "image/jpeg",
	}
	if im.Ext == "png" {
		pic.Type = "image/png"
	}
	if sensitive {
		pic.Blur = p.MediaURL(im.Blur.Name)
	}
	return pic
}

// mediaViews are an entry's media as its page shows them; the first of an
// article's own is above the fold.
func (p *Planner) mediaViews(e *timeline.Entry) []Media {
	var out []Media
	for i, m := range e.Media {
		v := Media{Caption: m.Caption, Credit: m.Credit, License: m.License, Sensitive: m.Sensitive, Lazy: e.IsEvent() || i > 0,
			Lang: p.originalLang(), T: p.loc.Strings}
		file := m.File
		if m.Video != nil {
			v.Video = &Video{Provider: m.Video.Provider, URL: m.Video.URL, Embed: m.Video.Embed}
			file = m.Poster
		}
		if im := p.image(file); im != nil {
			v.Image = p.picture(im, m.Alt, mediaSizes, m.Sensitive)
		} else if m.Video == nil {
			continue // not processed: the build reports why
		}
		out = append(out, v)
	}
	return out
}

// thumbnail is the first image of an entry that is not sensitive, for
// listing cards.
func (p *Planner) thumbnail(e *timeline.Entry) *Picture {
	m, im := p.firstImage(e.Media)
	if im == nil {
		return nil
	}
	return p.picture(im, m.Alt, "8rem", false)
}

// firstImage is the first photo or still of media that is not sensitive.
func (p *Planner) firstImage(list []content.Media) (content.Media, *media.Image) {
	for _, m := range list {
		if m.Sensitive {
			continue
		}
		file := m.File
		if m.Video != nil {
			file = m.Poster
		}
		if im := p.image(file); im != nil {
			return m, im
		}
	}
	return content.Media{}, nil
}

// shareImage is what an article's page is shared with: its first image
// that is not sensitive, its events' next, else its drawn share card.
func (p *Planner) shareImage(e *timeline.Entry) *ShareImage {
	m, im := p.firstImage(e.Media)
	for _, ev := range e.Article.Events {
		if im != nil {
			break
		}
		m, im = p.firstImage(ev.Media)
	}
	if im != nil {
		l := im.Largest()
		typ := "image/jpeg"
		if im.Ext == "png" {
			typ = "image/png"
		}
		return &ShareImage{URL: p.absolute(p.MediaURL(l.Name)), Width: l.Width, Height: l.Height, Size: l.Size, Alt: m.Alt, Type: typ}
	}
	// A card is drawn only to be shared, and Open Graph needs an absolute
	// address: a site without one (base_url "/") draws none.
	if p.cards != nil && p.absoluteURLs {
		if c := p.cards(e.Slug); c != nil {
			return &ShareImage{URL: p.absolute(p.MediaURL(c.Name)), Width: c.Width, Height: c.Height, Size: c.Size, Alt: e.Title, Type: "image/png", Card: true}
		}
	}
	return nil
}

// EntryImage is the photo that stands for an entry in feeds and data
// files: never a sensitive one, never a drawn card. Nil for none.
func (p *Planner) EntryImage(e *timeline.Entry) *ShareImage {
	si := p.shareImageOf(e)
	if si == nil || si.Card {
		return nil
	}
	return si
}

func (p *Planner) shareImageOf(e *timeline.Entry) *ShareImage {
	if e.IsEvent() {
		m, im := p.firstImage(e.Media)
		if im == nil {
			return nil
		}
		l := im.Largest()
		return &ShareImage{URL: p.absolute(p.MediaURL(l.Name)), Width: l.Width, Height: l.Height, Size: l.Size, Alt: m.Alt, Type: map[bool]string{true: "image/png", false: "image/jpeg"}[im.Ext == "png"]}
	}
	return p.shareImage(e)
}

// EntryMedia is an entry's media as its page shows them, for the data
// files.
func (p *Planner) EntryMedia(e *timeline.Entry) []Media { return p.views[e.Index].Media }

// ldImages are the JSON-LD images of an article: its photos and its
// events' that are not sensitive, else its share card.
func (p *Planner) ldImages(e *timeline.Entry, v *Entry) []string {
	if !p.absoluteURLs {
		return nil // a relative URL would name the wrong file to a crawler
	}
	var urls []string
	add := func(list []content.Media) {
		for _, m := range list {
			if m.Sensitive || m.Video != nil {
				continue
			}
			if im := p.image(m.File); im != nil {
				urls = append(urls, p.absolute(p.MediaURL(im.Largest().Name)))
			}
		}
	}
	add(e.Media)
	for _, ev := range e.Article.Events {
		add(ev.Media)
	}
	if len(urls) == 0 && v.Share != nil {
		urls = append(urls, v.Share.URL)
	}
	return urls
}

// Share is what an article's page is shared with; nil for an event.
func (p *Planner) Share(e *timeline.Entry) *ShareImage { return p.views[e.Index].Share }
