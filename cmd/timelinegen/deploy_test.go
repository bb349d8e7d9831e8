package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// deploySite is a site with a folder target, built.
func deploySite(t *testing.T, extra string) (src, www string) {
	t.Helper()
	www = filepath.Join(t.TempDir(), "www")
	src = site(t, map[string]string{
		"timeline.yaml":    "title: T\ndeploy:\n  targets:\n    - {name: folder, url: \"file://" + filepath.ToSlash(www) + "\"}\n" + extra,
		"content/talks.md": good,
	})
	if code, _, stderr := runCLI("build", "--source", src); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	return src, www
}

func TestDeployToAFolder(t *testing.T) {
	src, www := deploySite(t, "")
	code, stdout, stderr := runCLI("deploy", "--source", src, "--dry-run")
	if code != 0 || !strings.Contains(stdout, "upload events/talks/index.html (") || !strings.Contains(stdout, "would upload ") {
		t.Errorf("dry run: exit %d:\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(www); err == nil {
		t.Error("a dry run made the target folder")
	}
	code, stdout, stderr = runCLI("deploy", "--source", src)
	if code != 0 || !strings.Contains(stdout, "deployed to folder") || !strings.Contains(stderr, "warning: the target has no") {
		t.Errorf("deploy: exit %d:\n%s%s", code, stdout, stderr)
	}
	// Not on a terminal: a plain line per step, no progress bar.
	for _, step := range []string{"uploading assets: ", "uploading new pages: ", "uploading feeds and sitemaps: "} {
		if !strings.Contains(stdout, step) {
			t.Errorf("no line %q:\n%s", step, stdout)
		}
	}
	if strings.Contains(stdout+stderr, "\r") {
		t.Error("a progress bar where there is no terminal")
	}
	if _, err := os.Stat(filepath.Join(www, "events", "talks", "index.html")); err != nil {
		t.Error(err)
	}
	code, stdout, _ = runCLI("deploy", "--source", src)
	if code != 0 || !strings.Contains(stdout, "0 files uploaded") {
		t.Errorf("second deploy: exit %d:\n%s", code, stdout)
	}
}

// A dry run needs no CDN credentials to say what it would invalidate.
func TestDeployDryRunShowsTheInvalidation(t *testing.T) {
	www := filepath.Join(t.TempDir(), "www")
	src := site(t, map[string]string{
		"timeline.yaml":    "title: T\ndeploy:\n  targets:\n    - {name: folder, url: \"file://" + filepath.ToSlash(www) + "\", cdn: {cloudfront: E2ABCDEF123}}\n",
		"content/talks.md": good,
	})
	if code, _, stderr := runCLI("build", "--source", src); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	code, stdout, stderr := runCLI("deploy", "--source", src, "--dry-run")
	if code != 0 || !strings.Contains(stdout, "would invalidate ") || !strings.Contains(stdout, "/events/talks/") {
		t.Errorf("dry run: exit %d:\n%s%s", code, stdout, stderr)
	}
}

func TestDeployMistakesAreUsageErrors(t *testing.T) {
	src, _ := deploySite(t, "")
	noTargets := site(t, map[string]string{"content/talks.md": good})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"deploy", "--source", src, "--target", "foldr"}, `--target "foldr": no such target in timeline.yaml (did you mean "folder"?)`},
		{[]string{"deploy", "--source", src, "--max-deletes", "-1"}, "--max-deletes must be 0 or more"},
		{[]string{"deploy", "--source", src, "--dest", t.TempDir()}, "is not a build"},
		{[]string{"deploy", "--source", noTargets}, "timeline.yaml has no deploy: targets"},
		{[]string{"deploy", "--source", src, "extra"}, `unexpected argument "extra"`},
	} {
		code, _, stderr := runCLI(tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, want 2 saying %q:\n%s", tc.args, code, tc.want, stderr)
		}
	}
}

func TestDeployStopsAtContentErrors(t *testing.T) {
	src, www := deploySite(t, "")
	if err := os.WriteFile(filepath.Join(src, "content", "bad.md"), []byte("---\ntitle: B\ndate: 2025-02-30\nkind: diplomatic\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("deploy", "--source", src)
	if code != exitContent || !strings.Contains(stderr, "content/bad.md:3:") || !strings.Contains(stderr, "deploy stopped") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(www); err == nil {
		t.Error("a site with errors was deployed")
	}
	// timeline.yaml's own mistakes stop it too, with --no-check.
	if err := os.WriteFile(filepath.Join(src, "timeline.yaml"), []byte("deploy:\n  targets: [{name: x, url: \"ftp://x\"}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI("deploy", "--source", src, "--no-check")
	if code != exitContent || !strings.Contains(stderr, "timeline.yaml:2:") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

func TestDeployMaxDeletesIsExitOne(t *testing.T) {
	src, www := deploySite(t, "")
	if code, _, stderr := runCLI("deploy", "--source", src); code != 0 {
		t.Fatal(stderr)
	}
	if err := os.Remove(filepath.Join(src, "content", "talks.md")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI("build", "--source", src); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCLI("deploy", "--source", src, "--max-deletes", "1")
	if code != exitContent || !strings.Contains(stderr, "--confirm") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(www, "events", "talks", "index.html")); err != nil {
		t.Error("the refused deploy deleted a page")
	}
	if code, _, stderr := runCLI("deploy", "--source", src, "--max-deletes", "1", "--confirm"); code != 0 {
		t.Errorf("with --confirm: exit %d: %s", code, stderr)
	}
}
