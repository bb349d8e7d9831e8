package main

import (
	"strings"
	"testing"
)

func TestDeskConfigPrintsTheGitHostsConfiguration(t *testing.T) {
	dir := site(t, map[string]string{
		"timeline.yaml":         "title: T\nlanguages: [{code: en}, {code: uk}]\ndesk: {backend: gitlab, repo: news/timeline}\n",
		"content/2025/talks.md": good,
	})
	code, out, errs := runCLI("desk", "config", "--source", dir, "--branch", "live")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"  name: gitlab\n  repo: news/timeline\n  branch: live\n", "publish_mode: editorial_workflow\n", "omit_default_locale_from_filename: true", "folder: content/2025\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if code, _, errs := runCLI("desk", "config", "--source", site(t, map[string]string{"content/talks.md": good})); code != 2 || !strings.Contains(errs, "--repo owner/name") {
		t.Errorf("without a repository: exit %d, %s", code, errs)
	}
	if code, _, errs := runCLI("desk", "config", "--source", dir, "--backend", "svn"); code != 2 || !strings.Contains(errs, "want one of github, gitlab, gitea") {
		t.Errorf("an unknown host: exit %d, %s", code, errs)
	}
}
