package sitecheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type         string `json:"type"`    // error, info or non-document-error
	SubType      string `json:"subType"` // for info: warning
	URL          string `json:"url"`
	LastLine     int    `json:"lastLine"`
	FirstColumn  int    `json:"firstColumn"`
	Message      string `json:"message"`
	Extract      string `json:"extract"`
	HiliteStart  int    `json:"hiliteStart"`
	HiliteLength int    `json:"hiliteLength"`
}

// TestHTMLValidates runs the Nu HTML Checker (vnu.jar, from npm vnu-jar) on
// every page of the sample site and a sample of the generated site's (all
// of them with SITECHECK_ALL=1), and on the stylesheets: no errors.
func TestHTMLValidates(t *testing.T) {
	t.Parallel() // the slow ones overlap: Java, and Chromium
	java := findJava(t)
	jar := validatorFile(t, "vnu-jar/build/dist/vnu.jar")
	forEachSite(t, func(t *testing.T, s *site) {
		pages := s.samplePages()
		args := []string{"-Xss4m", "-jar", jar, "--errors-only", "--also-check-css", "--format", "json", "--stdout"}
		for _, p := range pages {
			args = append(args, filepath.Join(s.dir, filepath.FromSlash(p)))
		}
		css := 0
		for f := range s.files {
			if strings.HasSuffix(f, ".css") {
				args = append(args, filepath.Join(s.dir, filepath.FromSlash(f)))
				css++
			}
		}
		start := time.Now()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(java, args...)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		runErr := cmd.Run() // exits 1 when it reports errors
		var out struct {
			Messages []vnuMessage `json:"messages"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			t.Fatalf("vnu: %v; %v\nstdout: %s\nstderr: %s", runErr, err, stdout.Bytes(), stderr.Bytes())
		}
		var problems []string
		for _, m := range out.Messages {
			if m.Type == "info" {
				continue
			}
			file := strings.TrimPrefix(m.URL, "file:")
			if rel, err := filepath.Rel(s.dir, file); err == nil {
				file = filepath.ToSlash(rel)
			}
			problems = append(problems, fmt.Sprintf("%s:%d:%d: %s: %s\n\t%s", file, m.LastLine, m.FirstColumn, m.Type, m.Message, strings.ReplaceAll(m.Extract, "\n", "↵")))
		}
		report(t, "Nu HTML Checker", problems)
		if len(problems) == 0 && runErr != nil {
			t.Errorf("vnu: %v\n%s", runErr, stderr.Bytes())
		}
		t.Logf("checked %d of %d pages and %d stylesheets in %v", len(pages), len(s.pages()), css, time.Since(start).Round(time.Millisecond))
	})
}
