package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/sitetest"
)

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, files)
	return dir
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

const good = "---\ntitle: Talks\ndate: 2025-03-11\nkind: diplomatic\n---\nBody.\n"

func TestExitStatuses(t *testing.T) {
	ok := site(t, map[string]string{"content/talks.md": good})
	bad := site(t, map[string]string{
		"content/b.md": "---\ntitle: B\ndate: 2025-02-30\nkind: diplomatic\n---\n",
		"content/a.md": "---\ntitle: A\ndate: 2025\nkind: militray\n---\n",
	})
	warn := site(t, map[string]string{"content/w.md": "---\ntitle: W\ndate: 2025\nkind: military\nactor: [x]\n---\n"})
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"check", "--source", ok}, 0, "ok: 1 entries from 1 articles"},
		{[]string{"check", "--source", bad}, 1, "content/a.md:4:7: kind: unknown kind \"militray\" (did you mean \"military\"?)"},
		{[]string{"check", "--source", warn}, 0, "content/w.md:5:1: warning: unknown key \"actor\" (did you mean \"actors\"?)"},
		{[]string{"check", "--source", warn, "--strict"}, 1, "content/w.md:5:1: unknown key \"actor\""},
		{[]string{"build", "--source", bad}, 1, "build failed: 2 errors"},
		{[]string{"build", "--nope"}, 2, "unknown flag: --nope"},
		{[]string{"build", "--source", ok, "--dest", filepath.Join(ok, "out"), "--base-url", "ftp://example.org/"}, 2, "--base-url: want an http(s) address"},
		{[]string{"bild"}, 2, `unknown command "bild" (did you mean "build"?)`},
		{[]string{}, 2, "Usage:"},
		{[]string{"build", "--help"}, 0, "--dest"},
		{[]string{"check", "extra"}, 2, "unexpected argument"},
		{[]string{"version"}, 0, "timelinegen"},
	} {
		code, stdout, stderr := runCLI(tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.out) {
			t.Errorf("%v: exit %d, want %d; output:\n%s%s\nwant it to contain %q", tc.args, code, tc.code, stdout, stderr, tc.out)
		}
	}
}

func TestBuildReportsEveryErrorSortedAndKeepsDest(t *testing.T) {
	dir := site(t, map[string]string{"content/talks.md": good, "timeline.yaml": "base_url: https://example.org/\n"})
	dest := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI("build", "--source", dir, "--dest", dest); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	index, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if err := os.WriteFile(filepath.Join(dir, "content/z.md"), []byte("---\ntitle: Z\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/a.md"), []byte("---\ntitle: A\ndate: 2025\nkind: nope\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("build", "--source", dir, "--dest", dest)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != 1 || len(lines) != 3 || !strings.HasPrefix(lines[0], "content/a.md:4:7:") || !strings.HasPrefix(lines[1], "content/z.md:1:1:") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if !bytes.Equal(index, after) {
		t.Error("a failed build changed --dest")
	}
}

func TestCheckJSON(t *testing.T) {
	dir := site(t, map[string]string{"content/a.md": "---\ntitle: A\ndate: 2025\nkind: nope\nactr: x\n---\n"})
	code, stdout, _ := runCLI("check", "--source", dir, "--format", "json")
	var r jsonReport
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if code != 1 || r.OK || r.Errors != 1 || r.Warnings != 1 || r.Diagnostics[0].Path != "content/a.md" || r.Diagnostics[0].Line != 4 {
		t.Errorf("exit %d, report %+v", code, r)
	}
}

func TestNewSiteArticleAndImportEndToEnd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mysite")
	if code, _, stderr := runCLI("new", "site", dir); code != 0 {
		t.Fatalf("new site: exit %d: %s", code, stderr)
	}
	if code, _, _ := runCLI("new", "site", dir); code != 2 {
		t.Errorf("new site into a non-empty folder: exit %d, want 2", code)
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("new", "article", "--kind", "military", "--date", "2025-03", "Битва за Київ")
	if code != 0 || !strings.Contains(stdout, "created "+filepath.Join("content", "bytva-za-kyiv.md")+"\nits page: events/bytva-za-kyiv/ under the site's address (slug bytva-za-kyiv)\n") {
		t.Fatalf("new article: exit %d: %s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI("new", "article", "--slug", "kyiv-battle", "--dir", "2022/02", "Битва за Київ")
	if code != 0 || !strings.Contains(stdout, "created "+filepath.Join("content", "2022", "02", "kyiv-battle.md")+"\n") {
		t.Fatalf("new article --slug --dir: exit %d: %s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI("new", "article", "--slug", "kyiv-battle", "Again"); code != 2 || !strings.Contains(stderr, "is taken by content/2022/02/kyiv-battle.md") {
		t.Errorf("a slug taken: exit %d, want 2: %s", code, stderr)
	}
	code, stdout, stderr = runCLI("import", "csv", filepath.Join(wd, "../../internal/importer/testdata/timelinejs.csv"), "--format", "timelinejs", "--default-kind", "political")
	if code != 0 && code != 1 {
		t.Fatalf("import: exit %d: %s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := runCLI("check", "--strict"); code != 0 {
		t.Fatalf("the new site with an article and an import does not check: %s%s", stdout, stderr)
	}
}
