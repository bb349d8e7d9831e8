package content

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
)

// Media is a picture or a video of an entry.
type Media struct {
	// File is an image's slash path relative to the site
	// ("content/2025/talks/photo.jpg"); empty for a video.
	File string
	// Video is where a video is; nil for an image.
	Video *Video
	// Poster is a video's still, a file like File; empty for none.
	Poster    string
	PosterPos Pos

	Alt        string
	Decorative bool // alt: "" on purpose: the image says nothing the text does not
	Caption    string
	Credit     string
	License    string
	Sensitive  bool // graphic: shown blurred until the reader asks
	Pos        Pos  // of file: or url:, for diagnostics
}

// Video is a video on a provider's site, played there or in its player.
type Video struct {
	Provider string // "YouTube", "Vimeo", "Telegram", "X"
	ID       string // the provider's id of the video or post
	URL      string // the video's page at the provider, as linked to
	// Embed is the provider's player, on its privacy-enhanced host where
	// it has one; loaded only when the reader asks.
	Embed string
}

// MediaKeys are the keys of a media item.
var MediaKeys = []string{"file", "url", "poster", "alt", "decorative", "caption", "credit", "license", "sensitive"}

// VideoHosts names the video providers a media url may be on.
const VideoHosts = "YouTube (youtube.com, youtu.be), Vimeo (vimeo.com), Telegram (t.me) and X (x.com, twitter.com)"

var (
	youTubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	digits    = regexp.MustCompile(`^[0-9]{1,20}$`)
	channel   = regexp.MustCompile(`^[A-Za-z0-9_]{3,64}$`)
)

func (d *decoder) media(n *front.Node) []Media {
	var out []Media
	for _, item := range d.list(n, "media", "media: [{file: photo.jpg, alt: ..., credit: ...}]") {
		if m, ok := d.mediaItem(item); ok {
			out = append(out, m)
		}
	}
	return out
}

func (d *decoder) mediaItem(n *front.Node) (Media, bool) {
	var m Media
	if n.Kind != front.Map {
		d.errf(n, "media: each item is a mapping such as {file: photo.jpg, alt: ..., credit: ...}")
		return m, false
	}
	for _, k := range n.Keys {
		if !slices.Contains(MediaKeys, k.Name) {
			d.ds.Warnf(d.path, k.Line, k.Col, "media: unknown key %q%s", k.Name, diag.Suggest(k.Name, MediaKeys))
		}
	}
	fn, un := n.Get("file"), n.Get("url")
	switch {
	case fn != nil && un != nil:
		d.errf(un, "media: an item is a file or a url, not both: write them as two items")
		return m, false
	case fn == nil && un == nil:
		d.errf(n, "media: each item needs file: (an image beside the article) or url: (a video on %s)", VideoHosts)
		return m, false
	case fn != nil:
		m.Pos = Pos{fn.Line, fn.Col}
		file, ok := d.mediaFile(fn, "file")
		if !ok {
			return m, false
		}
		m.File = file
	default:
		m.Pos = Pos{un.Line, un.Col}
		v, ok := d.video(un)
		if !ok {
			return m, false
		}
		m.Video = v
	}
	if pn := n.Get("poster"); pn != nil && pn.Kind != front.Null {
		if m.Video == nil {
			d.errf(pn, "media: poster is a video's still; an image needs none")
		} else if file, ok := d.mediaFile(pn, "poster"); ok {
			m.Poster, m.PosterPos = file, Pos{pn.Line, pn.Col}
		}
	}
	m.Caption = strings.TrimSpace(d.str(n.Get("caption"), "media: caption"))
	m.Credit = strings.TrimSpace(d.str(n.Get("credit"), "media: credit"))
	m.License = strings.TrimSpace(d.str(n.Get("license"), "media: license"))
	if sn := n.Get("sensitive"); sn != nil {
		m.Sensitive = d.bool(sn, "media: sensitive")
	}
	if dn := n.Get("decorative"); dn != nil {
		m.Decorative = d.bool(dn, "media: decorative")
	}
	an := n.Get("alt")
	m.Alt = strings.TrimSpace(d.str(an, "media: alt"))
	// A video's caption names it; an image's alt says what it shows.
	if m.Video == nil || m.Poster != "" {
		what := "image"
		if m.Video != nil {
			what = "poster"
		}
		switch {
		case an == nil && !m.Decorative:
			d.errf(n, "media: missing alt: say what the %s shows for readers who cannot see it (or write alt: \"\" and decorative: true if it adds nothing)", what)
		case m.Alt == "" && !m.Decorative && an != nil && (an.Kind == front.Scalar || an.Kind == front.Null):
			d.errf(an, "media: alt is empty: say what the %s shows, or add decorative: true if it adds nothing to the text", what)
		case m.Alt != "" && m.Decorative:
			d.errf(an, "media: a decorative image has alt: \"\"; remove decorative: true, or the alt text")
		case m.Decorative && m.Sensitive:
			d.errf(n, "media: a sensitive image is not decorative: say what it shows in alt")
		}
	}
	if n.Get("credit") == nil || m.Credit == "" {
		d.ds.Warnf(d.path, n.Line, n.Col, "media: no credit: say who made the %s, such as credit: \"Saudi Press Agency\"", map[bool]string{true: "video", false: "image"}[m.Video != nil])
	}
	return m, true
}

// mediaFile resolves a file: or poster: path against the article's folder;
// it must stay inside content/.
func (d *decoder) mediaFile(n *front.Node, field string) (string, bool) {
	s := strings.TrimSpace(d.str(n, "media: "+field))
	switch {
	case s == "":
		if n.Kind == front.Scalar || n.Kind == front.Null {
			d.errf(n, "media: %s is empty: name an image beside the article, such as %s: photo.jpg", field, field)
		}
		return "", false
	case strings.Contains(s, "://"):
		d.errf(n, "media: %s: %q is an address, not a file: save the image beside the article and name it here (videos go in url:)", field, s)
		return "", false
	case strings.HasPrefix(s, "/") || strings.Contains(s, `\`):
		d.errf(n, "media: %s: %q: write a path relative to the article, with / between folders, such as photos/talks.jpg", field, s)
		return "", false
	}
	p := path.Join(path.Dir(d.path), s)
	if !strings.HasPrefix(p, Dir+"/") {
		d.errf(n, "media: %s: %q is outside the content folder", field, s)
		return "", false
	}
	return p, true
}

// video recognises a video's address on one of the VideoHosts.
func (d *decoder) video(n *front.Node) (*Video, bool) {
	s := strings.TrimSpace(d.str(n, "media: url"))
	if n.Kind != front.Scalar && n.Kind != front.Null {
		return nil, false // reported by str
	}
	v, problem := ParseVideo(s)
	if problem != "" {
		d.errf(n, "media: url %q%s", s, problem)
		return nil, false
	}
	return v, true
}

// ParseVideo recognises a video's address on one of the VideoHosts; the
// problem, when it is none, is said as it follows the address.
func ParseVideo(s string) (v *Video, problem string) {
	u, err := url.Parse(s)
	if s == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, " is not an http or https address of a video on " + VideoHosts
	}
	host := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."), "m.")
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	bad := func(provider, example string) (*Video, string) {
		return nil, " is not a " + provider + " video address such as " + example
	}
	switch host {
	case "youtube.com", "youtu.be", "youtube-nocookie.com", "music.youtube.com":
		id := u.Query().Get("v")
		switch {
		case host == "youtu.be" && len(parts) == 1:
			id = parts[0]
		case len(parts) == 2 && (parts[0] == "embed" || parts[0] == "shorts" || parts[0] == "live" || parts[0] == "v"):
			id = parts[1]
		}
		if !youTubeID.MatchString(id) {
			return bad("YouTube", "https://www.youtube.com/watch?v=XXXXXXXXXXX")
		}
		return &Video{Provider: "YouTube", ID: id, URL: "https://www.youtube.com/watch?v=" + id,
			Embed: "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"}, ""
	case "vimeo.com", "player.vimeo.com":
		id := parts[len(parts)-1]
		if !digits.MatchString(id) {
			return bad("Vimeo", "https://vimeo.com/123456789")
		}
		return &Video{Provider: "Vimeo", ID: id, URL: "https://vimeo.com/" + id,
			Embed: "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1"}, ""
	case "t.me", "telegram.me":
		if len(parts) == 3 && parts[0] == "s" {
			parts = parts[1:]
		}
		if len(parts) != 2 || !channel.MatchString(parts[0]) || !digits.MatchString(parts[1]) {
			return bad("Telegram", "https://t.me/channel/1234")
		}
		id := parts[0] + "/" + parts[1]
		return &Video{Provider: "Telegram", ID: id, URL: "https://t.me/" + id,
			Embed: "https://t.me/" + id + "?embed=1"}, ""
	case "x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com":
		if len(parts) != 3 || !channel.MatchString(parts[0]) || parts[1] != "status" || !digits.MatchString(parts[2]) {
			return bad("X", "https://x.com/account/status/1234567890")
		}
		return &Video{Provider: "X", ID: parts[2], URL: "https://x.com/" + parts[0] + "/status/" + parts[2],
			Embed: "https://platform.twitter.com/embed/Tweet.html?dnt=true&id=" + parts[2]}, ""
	}
	return nil, ": " + u.Hostname() + " is not a supported video host; the supported hosts are " + VideoHosts + " (images go in file:, saved beside the article)"
}
