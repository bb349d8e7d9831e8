package content

import (
	"path"
	"regexp"
	"strings"
)

// namesRE finds what look like `slug:` and `id:` lines in frontmatter that
// did not parse, quoted or not, in a list item or not.
var namesRE = regexp.MustCompile(`(?m)^[ \t]*(?:-[ \t]*)?(?:\{[ \t]*)?(slug|id)[ \t]*[:=][ \t]*["']?([A-Za-z0-9-]+)`)

// NamesOf are the slugs and event ids a file that could not be read as an
// article may define: its file name's slug, and whatever its text gives as
// slug: and id:. src may be nil when the file could not be read at all.
func NamesOf(rel string, src []byte) []string {
	names := []string{strings.ToLower(strings.TrimSuffix(path.Base(rel), path.Ext(rel)))}
	for _, m := range namesRE.FindAllSubmatch(src, -1) {
		names = append(names, strings.ToLower(string(m[2])))
	}
	return names
}
