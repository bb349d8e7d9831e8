package config

import (
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/diag"
)

func TestDeskNamesItsGitHost(t *testing.T) {
	var ds diag.List
	c := Parse("timeline.yaml", []byte("desk: {backend: gitea, repo: news/timeline, base_url: \"https://git.example.org\"}\n"), &ds)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if want := (Desk{Backend: "gitea", Repo: "news/timeline", Branch: "main", BaseURL: "https://git.example.org"}); c.Desk != want {
		t.Errorf("desk = %+v, want %+v", c.Desk, want)
	}
	if Default().Desk.Backend != "" {
		t.Error("a site without desk: has a desk backend")
	}
}

func TestDeskErrorsHaveLines(t *testing.T) {
	for src, want := range map[string]string{
		"desk: github\n":                                            `timeline.yaml:1:7: desk: want a mapping such as desk: {backend: github, repo: newsroom/timeline, branch: main}`,
		"desk:\n  backend: githb\n  repo: a/b\n":                    `timeline.yaml:2:12: desk: backend: unknown git host "githb" (did you mean "github"?); want one of github, gitlab, gitea`,
		"desk:\n  backend: github\n  repo: timeline\n":              `timeline.yaml:3:9: desk: repo: want the repository as owner/name, such as newsroom/timeline, got "timeline"`,
		"desk:\n  backend: github\n  branch: main\n":                `timeline.yaml:2:3: desk: repo is missing`,
		"desk:\n  repo: a/b\n  brnch: main\n":                       `timeline.yaml:3:3: desk: unknown key "brnch" (did you mean "branch"?)`,
		"desk:\n  backend: gitea\n  repo: a/b\n  base_url: gitea\n": `timeline.yaml:4:13: desk: base_url: want the address of the git host`,
	} {
		var ds diag.List
		c := Parse("timeline.yaml", []byte(src), &ds)
		if got := ds.Sorted().Error(); !strings.Contains(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
		if c.Desk.Backend != "" {
			t.Errorf("%q: a desk with errors is set: %+v", src, c.Desk)
		}
	}
}
