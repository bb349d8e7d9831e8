package pages

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzOEmbedJSONIsEncodingJSON: the oEmbed file is byte for byte what
// encoding/json indents, HTML left as it is.
func FuzzOEmbedJSONIsEncodingJSON(f *testing.F) {
	f.Add("Disputed entries", "Site «Київ» & <co>", `<iframe src="https://example.org/embed/" title="a · b"></iframe>`, 800, 480)
	f.Add("", "\x00\b\f\u2028\xff", "", -1, 0)
	f.Fuzz(func(t *testing.T, title, provider, html string, width, height int) {
		o := OEmbed{"1.0", "rich", title, provider, "https://example.org/", html, width, height}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(o); err != nil {
			t.Fatal(err)
		}
		if got := o.JSON(); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("got\n%s\nencoding/json\n%s", got, want.Bytes())
		}
	})
}
