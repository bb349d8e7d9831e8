package content

import "github.com/timelinegen/timelinegen/internal/diag"

// Find lists the article files under site/content as sorted slash paths
// relative to site, with problems such as symbolic link loops.
func Find(site string) ([]string, diag.List) {
	var ds diag.List
	return findMarkdown(site, &ds), ds
}
