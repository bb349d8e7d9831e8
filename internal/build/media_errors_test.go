package build_test

import (
	"testing"

	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// photoArticle is an article whose media: list starts on line 6.
func photoArticle(media string) string {
	return article("A", "media:\n"+media, "Body.\n")
}

var jpeg = string(mediatest.JPEG(64, 48, 0))

// One case per rule of media: (SPEC §11), each at the file and line of the
// item or value at fault.
var mediaRuleCases = []ruleCase{
	{
		name:  "media: missing file, with a suggestion",
		files: map[string]string{"content/a.md": photoArticle("  - {file: jedda.jpg, alt: A table, credit: C}\n"), "content/jeddah.jpg": jpeg},
		want:  []string{`content/a.md:6:12: media: file "jedda.jpg": no such file (did you mean "jeddah.jpg"?)`},
	},
	{
		name:  "media: missing file, differing in case",
		files: map[string]string{"content/a.md": photoArticle("  - {file: Photo.JPG, alt: A table, credit: C}\n"), "content/photo.jpg": jpeg},
		want:  []string{`content/a.md:6:12: media: file "Photo.JPG": no such file (did you mean "photo.jpg"? file names are case-sensitive)`},
	},
	{
		name:  "media: a page bundle's file is beside its index.md",
		files: map[string]string{"content/talks/index.md": photoArticle("  - {file: talks.jpg, alt: A table, credit: C}\n"), "content/talks.jpg": jpeg},
		want:  []string{`content/talks/index.md:6:12: media: file "talks.jpg": no such file beside the article`},
	},
	{
		name:  "media: not an image",
		files: map[string]string{"content/a.md": photoArticle("  - {file: notes.jpg, alt: A table, credit: C}\n"), "content/notes.jpg": "just some text\n"},
		want:  []string{`content/a.md:6:12: media: file "notes.jpg": the file is not a JPEG, PNG, GIF or WebP image`},
	},
	{
		name:  "media: a format it does not publish",
		files: map[string]string{"content/a.md": photoArticle("  - {file: scan.pdf, alt: A table, credit: C}\n"), "content/scan.pdf": "%PDF-1.7\n..."},
		want:  []string{`content/a.md:6:12: media: file "scan.pdf": the file is a PDF document, not a JPEG, PNG, GIF or WebP image`},
	},
	{
		name:  "media: a corrupt image",
		files: map[string]string{"content/a.md": photoArticle("  - {file: bad.jpg, alt: A table, credit: C}\n"), "content/bad.jpg": "\xff\xd8\xff\xdbgarbage"},
		want:  []string{`content/a.md:6:12: media: file "bad.jpg": cannot read the image's header`},
	},
	{
		name:  "media: a truncated image",
		files: map[string]string{"content/a.md": photoArticle("  - {file: cut.jpg, alt: A table, credit: C}\n"), "content/cut.jpg": string(mediatest.Truncated(400, 300))},
		want:  []string{`content/a.md:6:12: media: file "cut.jpg": cannot decode the image: the file ends too soon (it may be cut short)`},
	},
	{
		name:  "media: a decompression bomb",
		files: map[string]string{"content/a.md": photoArticle("  - {file: bomb.png, alt: A table, credit: C}\n"), "content/bomb.png": string(mediatest.Bomb(50000, 50000))},
		want:  []string{`content/a.md:6:12: media: file "bomb.png": the image is 50000×50000 pixels (2500 megapixels), over the limit of 50 megapixels: make it smaller, or raise media: {max_pixels: 2500000000} in timeline.yaml`},
	},
	{
		name: "media: max_pixels lowers the limit",
		files: map[string]string{
			"timeline.yaml": "media: {max_pixels: 1000}\n",
			"content/a.md":  photoArticle("  - {file: big.jpg, alt: A table, credit: C}\n"), "content/big.jpg": jpeg,
		},
		want: []string{`content/a.md:6:12: media: file "big.jpg": the image is 64×48 pixels (0.003072 megapixels), over the limit of 0.001 megapixels`},
	},
	{
		name:  "media: alt is required",
		files: map[string]string{"content/a.md": photoArticle("  - file: a.jpg\n    credit: C\n"), "content/a.jpg": jpeg},
		want:  []string{`content/a.md:6:5: media: missing alt: say what the image shows`},
	},
	{
		name:  "media: empty alt without decorative",
		files: map[string]string{"content/a.md": photoArticle("  - file: a.jpg\n    alt: \"\"\n    credit: C\n"), "content/a.jpg": jpeg},
		want:  []string{`content/a.md:7:10: media: alt is empty: say what the image shows, or add decorative: true`},
	},
	{
		name:  "media: empty alt with decorative",
		files: map[string]string{"content/a.md": photoArticle("  - file: a.jpg\n    alt: \"\"\n    decorative: true\n    credit: C\n"), "content/a.jpg": jpeg},
	},
	{
		name:  "media: missing credit is a warning",
		files: map[string]string{"content/a.md": photoArticle("  - {file: a.jpg, alt: A table}\n"), "content/a.jpg": jpeg},
		want:  []string{`content/a.md:6:5: warning: media: no credit: say who made the image`},
	},
	{
		name:  "media: unknown video host",
		files: map[string]string{"content/a.md": photoArticle("  - {url: \"https://www.dailymotion.com/video/x8abc\", credit: C}\n")},
		want:  []string{`content/a.md:6:11: media: url "https://www.dailymotion.com/video/x8abc": www.dailymotion.com is not a supported video host; the supported hosts are YouTube (youtube.com, youtu.be), Vimeo (vimeo.com), Telegram (t.me) and X (x.com, twitter.com)`},
	},
	{
		name:  "media: a supported host but no video",
		files: map[string]string{"content/a.md": photoArticle("  - {url: \"https://www.youtube.com/@channel\", credit: C}\n")},
		want:  []string{`content/a.md:6:11: media: url "https://www.youtube.com/@channel" is not a YouTube video address such as https://www.youtube.com/watch?v=XXXXXXXXXXX`},
	},
	{
		name:  "media: file and url in one item",
		files: map[string]string{"content/a.md": photoArticle("  - {file: a.jpg, url: \"https://youtu.be/dQw4w9WgXcQ\", alt: A, credit: C}\n"), "content/a.jpg": jpeg},
		want:  []string{`content/a.md:6:24: media: an item is a file or a url, not both`},
	},
	{
		name:  "media: neither file nor url",
		files: map[string]string{"content/a.md": photoArticle("  - {alt: A, credit: C}\n")},
		want:  []string{`content/a.md:6:5: media: each item needs file:`},
	},
	{
		name:  "media: a file outside the content folder",
		files: map[string]string{"content/a.md": photoArticle("  - {file: ../secret.jpg, alt: A, credit: C}\n"), "secret.jpg": jpeg},
		want:  []string{`content/a.md:6:12: media: file: "../secret.jpg" is outside the content folder`},
	},
	{
		name:  "media: an address in file",
		files: map[string]string{"content/a.md": photoArticle("  - {file: \"https://example.org/a.jpg\", alt: A, credit: C}\n")},
		want:  []string{`content/a.md:6:12: media: file: "https://example.org/a.jpg" is an address, not a file`},
	},
	{
		name:  "media: unknown key",
		files: map[string]string{"content/a.md": photoArticle("  - {file: a.jpg, alt: A, credit: C, captoin: X}\n"), "content/a.jpg": jpeg},
		want:  []string{`content/a.md:6:38: warning: media: unknown key "captoin" (did you mean "caption"?)`},
	},
	{
		name:  "media: an event's media, every error at once",
		files: map[string]string{"content/a.md": article("A", "events:\n  - id: e\n    title: E\n    media:\n      - {file: gone.jpg, alt: A, credit: C}\n      - {url: \"https://example.org/v\", credit: C}\n", "Body.\n")},
		want: []string{
			`content/a.md:9:16: media: file "gone.jpg": no such file beside the article`,
			`content/a.md:10:15: media: url "https://example.org/v": example.org is not a supported video host`,
		},
	},
	{
		name:  "media: sensitive is true or false",
		files: map[string]string{"content/a.md": photoArticle("  - {file: a.jpg, alt: A, credit: C, sensitive: maybe}\n"), "content/a.jpg": jpeg},
		want:  []string{`content/a.md:6:49: media: sensitive: want true or false, got "maybe"`},
	},
	{
		name:  "timeline.yaml: media settings are checked",
		files: map[string]string{"timeline.yaml": "media: {max_pixels: lots, widths: [10], qualty: 5}\ncards: {thumbnails: yes please}\n", "content/a.md": ok},
		want: []string{
			`timeline.yaml:1:21: media: max_pixels: want a whole number`,
			`timeline.yaml:1:36: media: widths: want a whole number from 16 to 8192, got "10"`,
			`timeline.yaml:1:41: media: unknown key "qualty" (did you mean "quality"?)`,
			`timeline.yaml:2:21: cards: thumbnails: want true or false, got "yes please"`,
		},
	},
}

func TestMediaErrors(t *testing.T) { runRuleCases(t, mediaRuleCases) }
