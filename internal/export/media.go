package export

import (
	"fmt"
	"html"

	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Media is a photo or a video of an entry in /data/events.json.
type Media struct {
	Type      string `json:"type"` // "image" or "video"
	URL       string `json:"url"`  // the widest published image, or the video's page at its provider
	Width     *int   `json:"width"`
	Height    *int   `json:"height"`
	Thumbnail string `json:"thumbnail"` // the narrowest image, a video's still, or for a sensitive image its blurred stand-in; "" if none
	Alt       string `json:"alt"`
	Caption   string `json:"caption"`
	Credit    string `json:"credit"`
	License   string `json:"license"`
	Sensitive bool   `json:"sensitive"`
	Provider  string `json:"provider"` // for a video: YouTube, Vimeo, Telegram or X
}

// Image is the photo that stands for an entry in the feeds: never a
// sensitive one.
type Image struct {
	URL    string
	Type   string // "image/jpeg" or "image/png"
	Size   int64
	Width  int
	Height int
}

func (s *Input) media(e *timeline.Entry) []Media {
	if s.Media == nil {
		return []Media{}
	}
	if ms := s.Media(e); ms != nil {
		return ms
	}
	return []Media{}
}

func (s *Input) image(e *timeline.Entry) *Image {
	if s.Image == nil {
		return nil
	}
	return s.Image(e)
}

// firstShown is the first of an entry's media that may be shown to anyone
// without a click: not sensitive.
func firstShown(ms []Media) *Media {
	for i := range ms {
		if !ms[i].Sensitive {
			return &ms[i]
		}
	}
	return nil
}

// atomImage is an Atom enclosure link for an entry's photo.
func atomImage(im *Image) string {
	if im == nil {
		return ""
	}
	return fmt.Sprintf("    <link rel=\"enclosure\" type=\"%s\" href=\"%s\" length=\"%d\"/>\n", esc(im.Type), esc(im.URL), im.Size)
}

// TimelineJS3 media slot.
type tlMedia struct {
	URL       string `json:"url"`
	Caption   string `json:"caption,omitempty"`
	Credit    string `json:"credit,omitempty"`
	Thumbnail string `json:"thumbnail,omitempty"`
	Alt       string `json:"alt,omitempty"`
	Link      string `json:"link,omitempty"`
}

// timelineMedia is the first media of an entry that is not sensitive, as
// TimelineJS shows it: TimelineJS has no way to hide an image behind a
// click, so sensitive ones stay out.
func timelineMedia(ms []Media, link string) *tlMedia {
	m := firstShown(ms)
	if m == nil {
		return nil
	}
	return &tlMedia{URL: m.URL, Caption: html.EscapeString(m.Caption), Credit: html.EscapeString(m.Credit), Thumbnail: m.Thumbnail, Alt: m.Alt, Link: link}
}
