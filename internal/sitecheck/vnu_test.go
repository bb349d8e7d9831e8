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
// every page of each site (the sample's within the languages site) and a
// sample of the generated site's (all of them with SITECHECK_ALL=1), and
// on the stylesheets: no errors. One
// Java checks every site's files at once: its start (the schemas, the
// JIT) cost more than all the pages of a small site, five times over.
func TestHTMLValidates(t *testing.T) {
	t.Parallel() // the slow ones overlap: Java, and Chromium
	java := findJava(t)
	jar := validatorFile(t, "vnu-jar/build/dist/vnu.jar")
	type checked struct{ pages, css int }
	counts := map[*site]checked{}
	// The client compiler alone, and the serial collector: for a run of
	// under a minute they cost half the processor time of the defaults.
	args := []string{"-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--errors-only", "--also-check-css", "--format", "json", "--stdout"}
	for _, s := range sites {
		if s.within != "" { // its pages are checked there
			continue
		}
		s.build(t)
		pages := s.samplePages()
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
		counts[s] = checked{len(pages), css}
	}
	start := time.Now()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exits 1 when it reports errors
	took := time.Since(start).Round(time.Millisecond)
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("vnu: %v; %v\nstdout: %s\nstderr: %s", runErr, err, stdout.Bytes(), stderr.Bytes())
	}
	problems := map[*site][]string{}
	n := 0             // errors reported
	var stray []string // of no site's folder: vnu named a file it was not given
	for _, m := range out.Messages {
		if m.Type == "info" {
			continue
		}
		file := strings.TrimPrefix(m.URL, "file:")
		var of *site
		for _, s := range sites {
			if rel, err := filepath.Rel(s.dir, file); err == nil && !strings.HasPrefix(rel, "..") {
				of, file = s, filepath.ToSlash(rel)
				break
			}
		}
		n++
		line := fmt.Sprintf("%s:%d:%d: %s: %s\n\t%s", file, m.LastLine, m.FirstColumn, m.Type, m.Message, strings.ReplaceAll(m.Extract, "\n", "↵"))
		if of == nil {
			stray = append(stray, line)
			continue
		}
		problems[of] = append(problems[of], line)
	}
	report(t, "Nu HTML Checker", stray)
	for _, s := range sites {
		if _, ok := counts[s]; !ok {
			continue
		}
		t.Run(s.name, func(t *testing.T) {
			report(t, "Nu HTML Checker", problems[s])
			t.Logf("checked %d of %d pages and %d stylesheets (every site's in %v)", counts[s].pages, len(s.pages()), counts[s].css, took)
		})
	}
	if n == 0 && runErr != nil {
		t.Errorf("vnu: %v\n%s", runErr, stderr.Bytes())
	}
}
