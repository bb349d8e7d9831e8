package main

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionSaysVersionCommitAndDate(t *testing.T) {
	vcs := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, tc := range []struct {
		name string
		s    stamp
		bi   *debug.BuildInfo
		want string
	}{
		{"make build", stamp{"v1.2.0-3-gabcdef1", "abcdef1234", "2026-12-01T09:00:00+00:00"}, vcs,
			"timelinegen v1.2.0-3-gabcdef1 commit abcdef1234 date 2026-12-01T09:00:00+00:00"},
		{"go build in a clone", stamp{}, vcs,
			"timelinegen devel commit 0123456789abcdef0123456789abcdef01234567-dirty date 2026-12-01T10:00:00Z"},
		{"go install @latest of an untagged commit", stamp{}, &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202011500-abcdef123456"}},
			"timelinegen v0.0.0-20261202011500-abcdef123456 commit abcdef123456 date 2026-12-02T01:15:00Z"},
		{"go install @latest after a tag", stamp{}, &debug.BuildInfo{Main: debug.Module{Version: "v1.2.1-0.20261202011500-abcdef123456"}},
			"timelinegen v1.2.1-0.20261202011500-abcdef123456 commit abcdef123456 date 2026-12-02T01:15:00Z"},
		{"go install @v1.2.0", stamp{}, &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}},
			"timelinegen v1.2.0 commit unknown date unknown"},
		{"no build info", stamp{}, nil, "timelinegen devel commit unknown date unknown"},
	} {
		got := describe(tc.s, tc.bi)
		want := tc.want + " (" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")"
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, want)
		}
	}
}

// make build stamps the binary with git's version, commit and date, and
// links it statically.
func TestMakeBuildIsStaticAndStamped(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	for _, tool := range []string{"make", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool, "not found")
		}
	}
	root, _ := filepath.Abs("../..")
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skip("not a git checkout:", err)
	}
	bin := filepath.Join(t.TempDir(), "timelinegen")
	cmd := exec.Command("make", "-s", "-C", root, "build", "BIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	v := string(out)
	if !strings.Contains(v, "commit "+strings.TrimSpace(string(head))) || strings.Contains(v, "unknown") || strings.Contains(v, " devel ") {
		t.Errorf("version: %s", v)
	}
	if runtime.GOOS != "linux" {
		return
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary is dynamically linked (it has an ELF interpreter): build it with CGO_ENABLED=0")
		}
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatal(err)
	}
}
