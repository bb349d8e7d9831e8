package scaffold

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/config"
)

// NewSite writes a site that builds at once into dir: a commented
// timeline.yaml holding every key at its default, two example articles
// that between them show every frontmatter field, and empty templates/ and
// static/ folders. dir must be missing or empty (a .git folder is allowed).
// It returns the files written, as slash paths relative to dir.
func NewSite(dir string) ([]string, error) {
	if dir == "" {
		return nil, usagef("new site: name the folder to create: timelinegen new site DIR")
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, usagef("new site: %s is a file, not a folder", dir)
	}
	empty, first, err := isEmptyDir(dir)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, usagef("new site: %s is not empty (it holds %s): choose a new or empty folder", dir, first)
	}
	files := []struct{ name, text string }{
		{config.FileName, TimelineYAML()},
		{"content/riverton-shelling.md", exampleShelling},
		{"content/geneva-talks-open.md", exampleTalks},
		{"content/riverton-market.png", examplePicture()},
		{"templates/.README", templatesNote},
		{"static/.README", staticNote},
		{".gitignore", "# The build output: timelinegen build writes it.\n/public/\n# Processed images and share cards, kept between builds.\n/.timelinegen/\n# What timelinegen check --links found, kept to recheck only old links.\n/.timelinegen/\n"},
	}
	var written []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return written, err
		}
		_, err = fh.WriteString(f.text)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return written, err
		}
		written = append(written, f.name)
	}
	return written, nil
}

// TimelineYAML is the timeline.yaml of a new site: every key, at its
// default, with what it means.
func TimelineYAML() string {
	c := config.Default()
	var b strings.Builder
	b.WriteString(`# timeline.yaml: the site's configuration. Every key is optional; the values
# below are the defaults. Unknown keys and bad values are errors.

# The site's name, in page titles and the feeds.
title: ` + Quote(c.Title) + `

# One or two sentences about the site, for search engines and the feeds.
description: ` + strconv.Quote(c.Description) + `

# Where the site is published, such as "https://example.org/timeline/". Links
# work under a sub-path. With "/" every link is relative, so the built folder
# works from any address, sub-path or file://, but feeds, the sitemap and
# canonical links need an absolute address: build warns until one is set.
# timelinegen build --base-url overrides it.
base_url: ` + strconv.Quote(c.BaseURL) + `

# The language of the content, as an HTML lang code such as en, uk or fr.
language: ` + c.Language + `
# Or, for a site in several languages, languages: instead (not both), the
# default first; translations are <slug>.<code>.md beside their originals
# (see docs/languages.md):
# languages:
#   - {code: en, label: English}
#   - {code: uk, label: Українська}

# ascending lists the oldest entries first; descending, the newest first.
order: ascending

# The kinds of event. An article's kind: must be one of the names; label is
# shown to readers and color (#rrggbb) marks the kind on the timeline.
kinds:
`)
	for _, k := range c.Kinds {
		fmt.Fprintf(&b, "  - {name: %s, label: %s, color: %q}\n", k.Name, Quote(k.Label), k.Color)
	}
	fmt.Fprintf(&b, `
# How many of the newest entries /feed.xml and /feed.json hold.
feed_entries: %d

# true lets raw HTML in articles through to the pages. Leave it false unless
# every editor is trusted: raw HTML can carry scripts.
unsafe_html: %t

# The most entries a listing page shows; longer listings continue on
# /page/2/ and so on.
paginate: %d

# Round every published coordinate (pages, maps, data files, search) to this
# many decimals, 0 to 6: 2 is about 1 km, 1 about 10 km. Leave it out to
# publish coordinates as written. See docs/uncertainty.md.
# publish_coordinates: {decimals: 2}

# Images named in media: are made at build time at these widths (never
# wider than they are), re-encoded without their metadata (EXIF, with its
# GPS position, XMP, IPTC). An image of more pixels than max_pixels is
# refused before it is decoded. share_cards draws a 1200×630 picture for
# sharing each article that has no photo. See docs/media.md.
media: {max_pixels: %d, widths: [%s], quality: %d, share_cards: %t}

# thumbnails: true shows each entry's first photo on listing cards.
cards: {thumbnails: %t}

# The editors' desk on the published site: build writes admin/, a CMS that
# saves through the git host named here (timelinegen serve has a desk at
# /admin/ without it). See docs/desk.md.
# desk: {backend: github, repo: newsroom/timeline, branch: main}

# Where timelinegen deploy publishes public/: an S3, Google Cloud Storage or
# Azure bucket, or a folder, sending only the files that changed.
# Credentials come from each cloud's usual environment. See docs/deploy.md.
# deploy:
#   targets:
#     - name: production
#       url: "s3://my-bucket?region=eu-central-1"
#       cdn: {cloudfront: E2ABCDEF123}

# Other folders of the site:
#   content/    the articles, one Markdown file each, at any depth. The file
#               name is the slug: content/geneva-talks-open.md is
#               /events/geneva-talks-open/. Start one with
#               timelinegen new article "Title" --kind diplomatic
#   templates/  overrides of the built-in templates, by file name: copy one
#               of home.html, entry.html, list.html, terms.html, 404.html,
#               baseof.html or partials/*.html here to change it. Only .html
#               files are read.
#   static/     copied as is to the root of the built site, over the
#               built-in files of the same name (css/style.css, …).
#   public/     the build output.
# Files whose names start with a dot are ignored everywhere.
`, c.FeedEntries, c.UnsafeHTML, c.Paginate, c.Media.MaxPixels, joinInts(c.Media.Widths), c.Media.Quality, c.Media.ShareCards, c.Cards.Thumbnails)
	return b.String()
}

const templatesNote = `Templates that override the built-in ones, by file name: home.html,
entry.html, list.html, terms.html, 404.html, baseof.html and partials/*.html.
Copy one from the timelinegen repository's templates/ folder and edit it;
only .html files here are read. This note is ignored, like every file whose
name starts with a dot.
`

const staticNote = `Files here are copied as is to the root of the built site, and replace the
built-in files of the same name: static/css/style.css overrides the default
style sheet, static/favicon.ico is served as /favicon.ico. This note is
ignored, like every file whose name starts with a dot.
`

const exampleShelling = `---
# An example article showing every frontmatter field. Edit it into your
# first entry, or delete it together with geneva-talks-open.md, which links
# to it. Lines starting with # are comments.
title: "Example: shelling hits the market in Riverton"   # required: the headline
date: 2025-03-10            # required: 2025, 2025-03, 2025-03-10 or 2025-03-10T14:30:00+02:00; the form is the precision shown; add ~ (about) or ? (uncertain) after a date
kind: military              # required: one of the kinds in timeline.yaml
summary: Artillery fire hits the central market of Riverton, a day before talks open in Geneva.   # one sentence; default: the first paragraph
actors: [Northland, Southland]        # parties involved; each gets a page
location: {name: Riverton, lat: 48.4647, lon: 35.0462, precision: exact}   # each place gets a page; lat and lon put it on the map; precision: exact (default), town, district, region or country; country: Ukraine (a name or ISO code) shades it on the place's map
casualties: {killed: 3, injured: {min: 12}}  # each a number as reported, {min: 12} ("at least 12"), {min: 10, max: 20} or {low: 10, best: 14, high: 20}
status: disputed            # confirmed, reported (the default) or disputed
tags: [shelling, markets]   # free tags; each gets a page
related: [geneva-talks-open]          # slugs of other entries, or slug#event-id; shown on both sides
sources:                    # each needs a title, a publisher or a url
  - title: "Market shelled in Riverton"
    publisher: Example News
    url: "https://example.org/riverton-market"
    date: 2025-03-10
    archive_url: "https://web.archive.org/web/20250311000000/https://example.org/riverton-market"   # an archived copy
    archived: 2025-03-11      # when the copy was made
    url_status: live          # live (the default), dead or unfit: with dead or unfit, the archived copy is shown first
    quote: "Shells struck the market shortly after it opened."   # the source's own words
    type: secondary           # primary (the actor's own statement) or secondary (reporting)
attributed_to: [Southland Ministry of Defence]   # whose claim this is: "According to ..."
updated: 2025-03-12         # when the entry was last changed
corrections:                # oldest first, none after updated
  - {date: 2025-03-12, text: "An earlier version gave the number injured as 10."}
withdrawn:                  # {date, reason}: the entry no longer stands; its page stays, with the reason
media:                      # photos beside this file (or in its folder, content/riverton-shelling/index.md), and videos
  - file: riverton-market.png   # JPEG, PNG, GIF or WebP; published at several widths, without its metadata
    alt: "A sketch map of Riverton's central market"   # required: what the image shows (alt: "" only with decorative: true)
    caption: The market, on the river's east bank.
    credit: Example News     # who made it; missing is a warning
    license: CC BY 4.0
    sensitive: false         # true: graphic; shown blurred until the reader asks
  # - {url: "https://www.youtube.com/watch?v=...", caption: ..., credit: ...}   # YouTube, Vimeo, Telegram or X: loaded only on click
draft: false                # true leaves the article out unless you build with --drafts
slug: riverton-shelling     # the page is /events/riverton-shelling/; default: the file name
events:                     # further events the article reports, each its own timeline entry
  - id: riverton-evacuation # required, unique across the site like slugs
    title: Evacuation convoy leaves Riverton
    date: 2025-03-11
    end: 2025-03-13~        # a span, ending about 13 March; end may not be before date
    kind: humanitarian      # default: the article's
    summary: Buses take residents of the shelled district to shelters in the west of Northland.
    actors: [Northland]
    location: {name: Riverton, precision: town}
    media: [{file: riverton-market.png, alt: "", decorative: true, credit: Example News}]   # events have their own
    casualties: {injured: 2}
    status: confirmed
    sources: [{title: "Convoy leaves Riverton", publisher: Example Wire}]   # default: the article's
    attributed_to: [Northland emergency service]
    updated:
    corrections: []
    withdrawn:
---
Artillery fire hit the central market of Riverton in the morning, killing
three people and injuring at least twelve. Each side blamed the other.

The next day an [[#riverton-evacuation|evacuation convoy]] left the city, as
envoys met in Geneva for [[geneva-talks-open|ceasefire talks]].

The body is Markdown, with tables, footnotes[^1] and links to other entries
such as [[geneva-talks-open]].

[^1]: Footnotes are numbered for you.
`

const exampleTalks = `---
title: "Example: ceasefire talks open in Geneva"
date: 2025-03               # known to the month only: shown as "March 2025"
end: 2025-04                # the talks went on into April: a span
kind: diplomatic
actors: [Northland, Southland, United Nations]
location: {name: Geneva, country: Switzerland, lat: 46.2044, lon: 6.1432}
tags: [ceasefire, negotiations]
---
Envoys of Northland and Southland met in Geneva under United Nations
auspices to discuss a ceasefire, days after the
[[riverton-shelling|shelling of Riverton]].
`

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// examplePicture is the example article's image: a sketch of a market
// square by a river, drawn here so that a new site has a photo to show.
func examplePicture() string {
	img := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for y := range 360 {
		for x := range 640 {
			c := color.RGBA{0xe7, 0xe5, 0xd8, 0xff} // land
			switch {
			case x > 470+int(20*math.Sin(float64(y)/40)):
				c = color.RGBA{0x9c, 0xc3, 0xe0, 0xff} // the river
			case x > 180 && x < 380 && y > 100 && y < 260:
				c = color.RGBA{0xc9, 0x8d, 0x5b, 0xff} // the market square
				if (x/25+y/25)%2 == 0 {
					c = color.RGBA{0xb7, 0x7b, 0x4b, 0xff} // its stalls
				}
			case (x-280)*(x-280) < 36 || (y-60)*(y-60) < 36:
				c = color.RGBA{0xff, 0xff, 0xff, 0xff} // streets
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img) // a bytes.Buffer does not fail
	return b.String()
}
