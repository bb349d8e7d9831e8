package front

import (
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// FuzzCutBlockMatchesFrontmatter checks cutBlock against
// github.com/adrg/frontmatter, which Split used before: the same block
// and body, or neither finds one.
func FuzzCutBlockMatchesFrontmatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\n---\nbody\n",
		"\n \n---  \na: b\n  ---\t\n\nbody",
		"+++\na = 1\n+++",
		"---\na: b\n",
		"---",
		"---\n---\n",
		"+++\n---\n+++\nx",
		"---\r\na: b\r\n---\r\nbody\r\n",
		"\u00a0\n---\na\n\u00a0---\u00a0\nb",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, opener := firstLine(src)
		if opener != "---" && opener != "+++" {
			return
		}
		var want []byte
		found := false
		capture := func(data []byte, _ any) error {
			want, found = bytes.Clone(data), true
			return nil
		}
		wantBody, err := frontmatter.Parse(bytes.NewReader(src), nil,
			frontmatter.NewFormat("---", "---", capture),
			frontmatter.NewFormat("+++", "+++", capture))
		raw, body, ok := cutBlock(src, opener)
		if err != nil || !found {
			if ok {
				t.Fatalf("cutBlock found %q, frontmatter none (err %v)", raw, err)
			}
			return
		}
		if !ok || !bytes.Equal(raw, want) || !bytes.Equal(body, wantBody) {
			t.Fatalf("cutBlock = %q, %q, %v; frontmatter %q, %q", raw, body, ok, want, wantBody)
		}
	})
}
