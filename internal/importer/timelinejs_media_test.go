package importer

import (
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/scaffold"
)

// The TimelineJS columns Media, Media Caption, Media Credit and Media
// Thumbnail: a video on a supported host becomes a media: item.
func TestTimelineJSMediaColumns(t *testing.T) {
	m, ok := sheetMedia("https://youtu.be/dQw4w9WgXcQ", "<i>A statement</i>", "Office of the President", "https://example.org/still.jpg", "Headline")
	if !ok {
		t.Fatal("a YouTube video is not a media item")
	}
	want := scaffold.Media{URL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", Caption: "A statement", Credit: "Office of the President"}
	if m.item != want {
		t.Errorf("item %+v, want %+v", m.item, want)
	}
	if !strings.Contains(m.note, "<https://example.org/still.jpg>") || !strings.Contains(m.note, "poster: still.jpg") {
		t.Errorf("the note does not say how to use the thumbnail: %s", m.note)
	}
	if _, ok := sheetMedia("https://example.org/kyiv.jpg", "", "", "", "H"); ok {
		t.Error("an image address became a media: file the import cannot save")
	}
	out := string(scaffold.Render(scaffold.Article{Title: "T", Kind: "military", Media: []scaffold.Media{want}}))
	if !strings.Contains(out, "media:\n  - {url: \"https://www.youtube.com/watch?v=dQw4w9WgXcQ\", caption: A statement, credit: Office of the President}\n") {
		t.Errorf("rendered:\n%s", out)
	}
}
