package config

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
)

// Desk says where the editors' desk publishes when it runs on the
// published site, through a git host (timeline.yaml `desk:`); build then
// writes admin/ with the CMS configured for it. Backend is "" when
// `desk:` is not set.
type Desk struct {
	Backend string // github, gitlab or gitea
	Repo    string // owner/name
	Branch  string // default main
	BaseURL string // the address of a self-hosted GitLab or Gitea
}

// DeskBackends are the git hosts the desk's CMS publishes to.
var DeskBackends = []string{"github", "gitlab", "gitea"}

var (
	deskKeys = []string{"backend", "repo", "branch", "base_url"}
	repoRE   = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$`)
)

const deskExample = "desk: {backend: github, repo: newsroom/timeline, branch: main}"

func parseDesk(n *front.Node, d *Desk, errf func(*front.Node, string, ...any)) {
	if n.Kind != front.Map {
		errf(n, "desk: want a mapping such as %s", deskExample)
		return
	}
	var set Desk
	ok := true
	bad := func(n *front.Node, format string, args ...any) {
		ok = false
		errf(n, format, args...)
	}
	for _, k := range n.Keys {
		v := k.Value
		text := strings.TrimSpace(v.Text)
		if v.Kind != front.Scalar {
			bad(v, "desk: %s: want a single value", k.Name)
			continue
		}
		switch k.Name {
		case "backend":
			if !slices.Contains(DeskBackends, text) {
				bad(v, "desk: backend: unknown git host %q%s; want one of %s", text, diag.Suggest(text, DeskBackends), strings.Join(DeskBackends, ", "))
				continue
			}
			set.Backend = text
		case "repo":
			if !repoRE.MatchString(text) {
				bad(v, "desk: repo: want the repository as owner/name, such as newsroom/timeline, got %q", text)
				continue
			}
			set.Repo = text
		case "branch":
			set.Branch = text
		case "base_url":
			if u, err := url.Parse(text); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				bad(v, "desk: base_url: want the address of the git host, such as https://gitea.example.org, got %q", text)
				continue
			}
			set.BaseURL = text
		default:
			bad(&front.Node{Line: k.Line, Col: k.Col}, "desk: unknown key %q%s", k.Name, diag.Suggest(k.Name, deskKeys))
		}
	}
	switch {
	case n.Get("backend") == nil:
		errf(n, "desk: backend is missing: write one of %s, such as %s", strings.Join(DeskBackends, ", "), deskExample)
	case n.Get("repo") == nil:
		errf(n, "desk: repo is missing: write the repository as owner/name, such as %s", deskExample)
	case ok:
		if set.Branch == "" {
			set.Branch = "main"
		}
		*d = set
	}
}
