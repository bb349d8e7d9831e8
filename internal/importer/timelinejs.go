package importer

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/scaffold"
	"github.com/timelinegen/timelinegen/internal/slug"
)

type timelineJS struct {
	opts  Options
	slugs map[string]int // base slug → rows using it so far
}

func (c *timelineJS) convert(get func(string) string, res *Result) (*scaffold.Article, string, error) {
	headline := plainText(get("headline"))
	switch typ := strings.ToLower(get("type")); typ {
	case "title":
		if res.Title == "" {
			res.Title, res.Description = headline, plainText(get("text"))
		}
		return nil, "", &skipError{fmt.Sprintf("title slide: not an event; suggested site title %q", headline)}
	case "era":
		return nil, "", &skipError{fmt.Sprintf("era %q: TimelineJS eras are spans shown behind the events, not events", headline)}
	case "":
	default:
		return nil, "", fmt.Errorf("column Type is %q: want empty, title or era", get("type"))
	}
	if headline == "" {
		return nil, "", fmt.Errorf("column Headline is empty: every entry needs a title")
	}
	d, err := sheetDate(get("year"), get("month"), get("day"), "")
	if err != nil {
		return nil, "", err
	}
	if d.IsZero() {
		return nil, "", fmt.Errorf("column Year is empty: every event needs at least a year")
	}
	end, err := sheetDate(get("end_year"), get("end_month"), get("end_day"), "End ")
	if err != nil {
		return nil, "", err
	}
	if !end.IsZero() && end.EndsBefore(d) {
		return nil, "", fmt.Errorf("the end %s is before the start %s", end, d)
	}
	kind, err := c.kind(get("group"))
	if err != nil {
		return nil, "", err
	}
	a := &scaffold.Article{Title: headline, Date: d, End: end, Kind: kind}

	var body []string
	if md := htmlToMarkdown(get("text")); md != "" {
		body = append(body, md)
	}
	if m, ok := sheetMedia(get("media"), get("media_caption"), get("media_credit"), get("media_thumbnail"), headline); ok {
		a.Media = append(a.Media, m.item)
		if m.note != "" {
			body = append(body, m.note)
		}
	} else if m := media(get("media"), get("media_caption"), get("media_credit")); m != "" {
		body = append(body, m)
	}
	// A time without a time zone is not an instant: the date keeps day
	// precision and the time is told in the body.
	var notes []string
	if t := get("time"); t != "" {
		notes = append(notes, "Time: "+t+" (local time; the sheet gives no time zone)")
	}
	if t := get("end_time"); t != "" {
		notes = append(notes, "End time: "+t)
	}
	if dd := plainText(get("display_date")); dd != "" {
		notes = append(notes, "Date as displayed: "+dd)
	}
	for _, n := range notes {
		body = append(body, textToMarkdown(n+"."))
	}
	a.Body = strings.Join(body, "\n\n")

	// Room for the year and a count: "-2025-12".
	base := slug.Cut(slug.Make(headline), slug.MaxLen-12) + "-" + strconv.Itoa(d.Year)
	c.slugs[base]++
	s := base
	if n := c.slugs[base]; n > 1 {
		s = base + "-" + strconv.Itoa(n)
	}
	return a, s, nil
}

// kind finds the kind of a Group: the kind map first, then the site's
// kind names and labels, then the default kind.
func (c *timelineJS) kind(group string) (string, error) {
	g := strings.ToLower(collapse(group))
	if k, ok := c.opts.KindMap[g]; ok && g != "" {
		return k, nil
	}
	if slices.Contains(c.opts.Kinds, g) {
		return g, nil
	}
	if k, ok := c.opts.KindLabels[g]; ok && g != "" {
		return k, nil
	}
	if c.opts.DefaultKind != "" {
		return c.opts.DefaultKind, nil
	}
	if g == "" {
		return "", fmt.Errorf("column Group is empty, so the row has no kind: give --default-kind, or a Group naming one of %s", strings.Join(c.opts.Kinds, ", "))
	}
	return "", fmt.Errorf("column Group: %q is not a kind (%s): map it with --kind-map or give --default-kind", group, strings.Join(c.opts.Kinds, ", "))
}

// sheetDate reads a TimelineJS Year, Month and Day at the precision they
// give: a missing Day is a month, a missing Month a year. Nothing is
// filled in. All empty is the zero Date.
func sheetDate(y, m, d, prefix string) (date.Date, error) {
	if y == "" {
		if m != "" || d != "" {
			return date.Date{}, fmt.Errorf("%sMonth or %sDay without %sYear", prefix, prefix, prefix)
		}
		return date.Date{}, nil
	}
	year, err := strconv.Atoi(y)
	if err != nil || year < 1 || year > 9999 {
		return date.Date{}, fmt.Errorf("%sYear %q: want a year from 1 to 9999", prefix, y)
	}
	s := fmt.Sprintf("%04d", year)
	if m != "" {
		month, ok := monthNumber(m)
		if !ok {
			return date.Date{}, fmt.Errorf("%sMonth %q: want 1 to 12 or a month name", prefix, m)
		}
		s += fmt.Sprintf("-%02d", month)
		if d != "" {
			day, err := strconv.Atoi(d)
			if err != nil || day < 1 || day > 31 {
				return date.Date{}, fmt.Errorf("%sDay %q: want 1 to 31", prefix, d)
			}
			s += fmt.Sprintf("-%02d", day)
		}
	} else if d != "" {
		return date.Date{}, fmt.Errorf("%sDay without %sMonth: a day needs its month", prefix, prefix)
	}
	v, err := date.Parse(s)
	if err != nil {
		return date.Date{}, fmt.Errorf("%sdate: %v", strings.ToLower(prefix), err)
	}
	return v, nil
}

func monthNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 12
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if l := strings.ToLower(s); l == name || len(l) >= 3 && strings.HasPrefix(name, strings.TrimSuffix(l, ".")) {
			return int(m), true
		}
	}
	return 0, false
}

type mediaCell struct {
	item scaffold.Media
	note string // what the editor still has to do, in Markdown
}

// sheetMedia maps a TimelineJS Media cell with a video on a supported host
// to a media: item, with Media Caption and Media Credit; Media Thumbnail
// becomes its poster, which the editor saves beside the article (the note
// says so). Images stay in the body (media below): a media: file must be
// beside the article, and the import fetches nothing.
func sheetMedia(src, caption, credit, thumbnail, headline string) (mediaCell, bool) {
	src = strings.TrimSpace(src)
	capText, credText := plainText(caption), plainText(credit)
	alt := capText
	if alt == "" {
		alt = headline
	}
	if v, problem := content.ParseVideo(src); problem == "" {
		m := mediaCell{item: scaffold.Media{URL: v.URL, Caption: capText, Credit: credText}}
		if t := remoteImage(thumbnail); t != "" {
			m.note = "Video still: <" + t + ">: save it beside this article as " + escapeText(path.Base(t)) + " and add poster: " + escapeText(path.Base(t)) + " and its alt (" + escapeText(alt) + ") to the video in media:."
		}
		return m, true
	}
	return mediaCell{}, false
}

// remoteImage is an http(s) address of a JPEG, PNG, GIF or WebP image, or "".
func remoteImage(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if s == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return s
	}
	return ""
}

// media is a TimelineJS Media cell in Markdown: an image for an image
// address, a link for any other http(s) address (a video, a tweet, an
// article), with caption and credit. Anything else, such as embed HTML,
// is left out.
func media(src, caption, credit string) string {
	src = strings.TrimSpace(src)
	u, err := url.Parse(src)
	if src == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	capText := plainText(caption)
	var b strings.Builder
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif":
		b.WriteString("![" + escapeText(capText) + "](" + linkDest(src) + ")")
	default:
		label := capText
		if label == "" {
			label = src
		}
		b.WriteString("Media: [" + escapeText(label) + "](" + linkDest(src) + ")")
	}
	var tail []string
	if capText != "" && b.Len() > 0 && strings.HasPrefix(b.String(), "!") {
		tail = append(tail, escapeText(capText))
	}
	if cr := plainText(credit); cr != "" {
		tail = append(tail, "Credit: "+escapeText(cr))
	}
	if len(tail) > 0 {
		b.WriteString("\\\n" + strings.Join(tail, ". "))
	}
	return b.String()
}
