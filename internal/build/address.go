package build

import (
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
)

// noAddress warns that a site without an absolute base URL publishes
// outputs that need one without it, naming them, so that nobody finds out
// from a feed reader or a search engine. --strict makes it an error. It
// points at base_url in the site's timeline.yaml, or at --base-url.
func noAddress(ds *diag.List, cfg *config.Config, site string, flag bool) {
	links := "pages link to each other by relative URLs, so the site works from any folder and from file://"
	if !cfg.IsRelative() {
		links = "pages link under " + cfg.BaseURL + " on whatever host serves them"
	}
	path, line, col := config.FileName, 0, 0
	if flag {
		path = "--base-url"
	} else if src, err := config.ReadFile(site); err == nil {
		if root, err := front.DecodeYAML(src); err == nil {
			if v := root.Get("base_url"); v != nil {
				line, col = v.Line, v.Col
			}
		}
	}
	ds.Warnf(path, line, col, "base_url %q is not an absolute address: %s, but "+
		"feed.xml and feed.json have relative links, sitemap.xml is not written (robots.txt names none), "+
		"pages have no canonical link or og:url, and no Embed snippet or oEmbed file; "+
		"set base_url in timeline.yaml (or --base-url) to the address the site is published at, such as https://example.org/timeline/",
		cfg.BaseURL, links)
}
