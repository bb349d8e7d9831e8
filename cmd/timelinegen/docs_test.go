package main

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The README's "Five minutes" and the GitHub Pages workflow of
// docs/deploy.md work from a release binary: the workflow's install step,
// run as written against a local server holding the binary, puts
// timelinegen on the PATH (and refuses a binary whose sum is wrong); the
// README's commands then make a site and an article, the README's article
// replaces it, and the site builds with --strict.
func TestDocsWorkFromAReleaseBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	bin := filepath.Join(t.TempDir(), "timelinegen-release")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(data) }))
	defer srv.Close()

	install := workflowStep(t, "../../docs/examples/github-pages.yml", "Install timelinegen")
	run := func(sha string) (path string, err error) {
		tmp := t.TempDir()
		ghPath := filepath.Join(tmp, "github_path")
		cmd := exec.Command(bash, "-eo", "pipefail", "-c", install)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), "TIMELINEGEN_URL="+srv.URL+"/timelinegen-v1-linux-amd64", "TIMELINEGEN_SHA256="+sha,
			"RUNNER_TEMP="+filepath.Join(tmp, "runner"), "GITHUB_PATH="+ghPath, "PATH="+os.Getenv("PATH"))
		os.Mkdir(filepath.Join(tmp, "runner"), 0o755)
		if out, err := cmd.CombinedOutput(); err != nil {
			return string(out), err
		}
		added, _ := os.ReadFile(ghPath)
		return strings.TrimSpace(string(added)) + string(os.PathListSeparator) + os.Getenv("PATH"), nil
	}
	if out, err := run(strings.Repeat("0", 64)); err == nil {
		t.Errorf("the install step ran a binary whose sum is wrong:\n%s", out)
	}
	path, err := run(hex.EncodeToString(sum[:]))
	if err != nil {
		t.Fatalf("the workflow's install step failed: %v\n%s", err, path)
	}

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	five := section(t, string(readme), "## Five minutes")
	blocks := regexp.MustCompile("(?s)```(sh|markdown)\n(.*?)```").FindAllStringSubmatch(five, -1)
	if len(blocks) < 3 {
		t.Fatalf("Five minutes has %d code blocks, want the commands, the article and the build", len(blocks))
	}
	dir := t.TempDir()
	sh := func(script string) {
		t.Helper()
		cmd := exec.Command(bash, "-e", "-c", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+path)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s\n%s", err, script, out)
		}
	}
	// serve runs until stopped: the build below stands for it.
	var commands []string
	for _, line := range strings.Split(blocks[0][2], "\n") {
		if !strings.HasPrefix(line, "timelinegen serve") {
			commands = append(commands, line)
		}
	}
	sh(strings.Join(commands, "\n") + "\ntest -f content/talks-open-in-geneva.md")
	dir = filepath.Join(dir, "mytimeline")
	if err := os.WriteFile(filepath.Join(dir, "content", "talks-open-in-geneva.md"), []byte(blocks[1][2]), 0o644); err != nil {
		t.Fatal(err)
	}
	sh(strings.Replace(blocks[2][2], "timelinegen build", "timelinegen build --strict", 1))
	if _, err := os.Stat(filepath.Join(dir, "public", "events", "talks-open-in-geneva", "index.html")); err != nil {
		t.Error("the README's article was not built:", err)
	}
}

// workflowStep is the run script of the step named name in a GitHub
// Actions workflow.
func workflowStep(t *testing.T, file, name string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct{ Name, Run string }
		}
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatal(err)
	}
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			if s.Name == name && s.Run != "" {
				return s.Run
			}
		}
	}
	t.Fatalf("%s has no step %q with a run script", file, name)
	return ""
}

// section is the text of a Markdown section, from its heading to the
// next heading of its level.
func section(t *testing.T, doc, heading string) string {
	t.Helper()
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("no %q", heading)
	}
	rest := doc[i+len(heading)+2:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
