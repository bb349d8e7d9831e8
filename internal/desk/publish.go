package desk

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/timelinegen/timelinegen/internal/config"
)

// PublishedDir is where build writes the desk of the published site.
const PublishedDir = "admin/"

// GitConfig is the CMS configuration for the git host of d (timeline.yaml
// desk:), with the editorial workflow: each change is a pull request that
// goes from draft to in review to ready before it is published.
func GitConfig(source string, d config.Desk) ([]byte, error) {
	return YAML(loadSite(source).config(gitBackend(d)))
}

// Version is the release of Decap CMS the desk serves and the sum of the
// desk's build of it (decap/refresh.sh), such as 3.16.3-f4491c82.
func Version() string {
	v, _ := decapFS.ReadFile("decap/VERSION")
	return strings.TrimSpace(string(v))
}

func gitBackend(d config.Desk) Backend {
	return Backend{Name: d.Backend, Repo: d.Repo, Branch: d.Branch, BaseURL: d.BaseURL}
}

// PublishedFiles are the files of the desk on the published site of cfg
// and its articles (slash paths from the site's folder), for build when
// timeline.yaml sets desk: the CMS, its page and config.yml, under
// admin/. They are written unpacked, for any web server.
func PublishedFiles(cfg config.Config, articles []string) (map[string][]byte, error) {
	yml, err := YAML(newSite(cfg, Years(articles)).config(gitBackend(cfg.Desk)))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		PublishedDir + "config.yml": yml,
		PublishedDir + "index.html": []byte(fmt.Sprintf(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Desk · %s</title>
</head>
<body>
<noscript>The desk needs JavaScript.</noscript>
<script type="module" src="decap-cms-git.js"></script>
</body>
</html>
`, html.EscapeString(cfg.Title))),
	}
	ents, err := decapFS.ReadDir("decap/dist")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		name := strings.TrimSuffix(e.Name(), ".gz")
		if name == e.Name() {
			continue // SHA256SUMS
		}
		gz, err := decapFS.ReadFile("decap/dist/" + e.Name())
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			return nil, err
		}
		files[PublishedDir+name] = b
	}
	return files, nil
}
