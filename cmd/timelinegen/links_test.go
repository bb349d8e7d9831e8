package main

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCheckLinks runs check --links on a site whose sources point at a
// local server: never the internet.
func TestCheckLinks(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/old":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		}
	}))
	defer srv.Close()
	dir := site(t, map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\nsources:\n" +
		"  - {title: Fine, url: \"" + srv.URL + "/fine\", archive_url: \"" + srv.URL + "/archived\"}\n" +
		"  - {title: Missing, url: \"" + srv.URL + "/missing\"}\n" +
		"  - {title: Old, url: \"" + srv.URL + "/old\"}\n" +
		"---\n"})

	code, stdout, stderr := runCLI("check", "--links", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"content/a.md:7:27: warning: sources: url: dead (HTTP 404), and no archive_url",
		"content/a.md:8:23: warning: sources: url: moved to " + srv.URL + "/new (HTTP 301): update the url",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr: no %q in\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "links: 4 checked, 0 from .timelinegen/links.json (younger than 168h0m0s): 2 ok, 1 moved, 1 dead") {
		t.Errorf("stdout: %s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, ".timelinegen", "links.json")); err != nil {
		t.Errorf("no cache: %v", err)
	}

	// The next run takes every result from the cache: no request.
	before := requests.Load()
	code, stdout, stderr = runCLI("check", "--links", "--strict", "--format", "json", "--source", dir)
	if requests.Load() != before {
		t.Errorf("%d requests with every result younger than --max-age", requests.Load()-before)
	}
	// A dead link without an archived copy is an error with --strict.
	if code != 1 {
		t.Errorf("--strict: exit %d, want 1\n%s", code, stderr)
	}
	var report struct {
		OK          bool
		Errors      int
		Checked     int
		Diagnostics []struct{ Path, Severity, Message string }
		Links       []struct{ URL, State string }
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if report.OK || report.Errors != 1 || report.Checked != 0 || len(report.Links) != 4 || len(report.Diagnostics) != 2 {
		t.Errorf("report %+v", report)
	}

	// --max-age 0s checks everything again.
	before = requests.Load()
	runCLI("check", "--links", "--max-age", "0s", "--source", dir)
	if requests.Load() == before {
		t.Error("--max-age 0s made no request")
	}
}

func TestCheckLinksStopsAtContentErrors(t *testing.T) {
	dir := site(t, map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: nope\nsources: [{url: \"http://127.0.0.1:1/\"}]\n---\n"})
	code, _, stderr := runCLI("check", "--links", "--source", dir)
	if code != 1 || !strings.Contains(stderr, `kind: unknown kind "nope"`) {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".timelinegen")); err == nil {
		t.Error("links were checked although the content has errors")
	}
}

// Offline, every host is "not found" and every connection refused: no
// link is called dead, nothing is remembered, and the command says the
// network looks unreachable and fails.
func TestCheckLinksOffline(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/a"
	l.Close()
	dir := site(t, map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025-03-11\nkind: diplomatic\nsources:\n" +
		"  - {title: Nowhere, url: \"http://www.timelinegen-test.invalid/a\"}\n" +
		"  - {title: Closed, url: \"" + closed + "\"}\n" +
		"---\n"})
	code, stdout, stderr := runCLI("check", "--links", "--source", dir)
	if code != 1 || !strings.Contains(stderr, "check: the network looks unreachable: none of the 2 links checked answered") {
		t.Errorf("exit %d, want 1 and the network said unreachable\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stderr+stdout, "dead") {
		t.Errorf("a link without an answer is called dead:\n%s%s", stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".timelinegen", "links.json")); err == nil {
		t.Error("the results of an offline run were kept")
	}
}
