package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// A missing or mistyped --source, or a folder that is no site, is a usage
// error before anything is written or served.
func TestASourceThatIsNoSiteIsAUsageError(t *testing.T) {
	parent := t.TempDir()
	sitetest.Write(t, parent, map[string]string{"mysite/content/a.md": good, "notes/readme.txt": "x", "file.txt": "x"})
	missing := filepath.Join(parent, "nonexistent")
	typo := filepath.Join(parent, "mysiet")
	for _, tc := range []struct {
		source, want string
	}{
		{missing, "no such folder; to start a site there, run: timelinegen new site " + missing},
		{typo, `no such folder (did you mean "mysite"?)`},
		{filepath.Join(parent, "notes"), "is not a timelinegen site: it has no timeline.yaml and no content/ folder"},
		{filepath.Join(parent, "file.txt"), "is a file"},
	} {
		for _, args := range [][]string{
			{"build", "--source", tc.source},
			{"check", "--source", tc.source},
			{"serve", "--source", tc.source, "--port", "0"},
			{"new", "article", "--source", tc.source, "Talks"},
		} {
			code, stdout, stderr := runCLI(args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("%v: exit %d, want 2 saying %q; got:\n%s%s", args, code, tc.want, stdout, stderr)
			}
			if strings.Contains(stderr, "new site") == false {
				t.Errorf("%v: does not suggest timelinegen new site", args)
			}
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a build into a missing source made the folder")
	}
	if _, err := os.Stat(filepath.Join(parent, "notes", "public")); err == nil {
		t.Error("a build of a folder that is no site wrote public/")
	}
	// A site with only timeline.yaml, or only content/, is a site.
	onlyConfig := site(t, map[string]string{"timeline.yaml": "title: T\n"})
	if code, _, stderr := runCLI("check", "--source", onlyConfig); code != 0 {
		t.Errorf("a site of only timeline.yaml: exit %d: %s", code, stderr)
	}
}

// Every command's --help lists every flag it has, in one style.
func TestEveryCommandHelpListsEveryFlag(t *testing.T) {
	var walk func(c *cobra.Command)
	var seen int
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Hidden {
			return
		}
		seen++
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		code, stdout, stderr := runCLI(args...)
		if code != 0 || stderr != "" {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
			return
		}
		flags := stdout[strings.Index(stdout, "Flags:"):]
		if !strings.Contains(stdout, "Flags:\n") || !strings.Contains(flags, "--help") {
			t.Errorf("%v: no flags listed:\n%s", args, stdout)
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !strings.Contains(flags, "--"+f.Name+" ") && !strings.Contains(flags, "--"+f.Name+"\n") {
				t.Errorf("%v: --%s is not listed:\n%s", args, f.Name, flags)
			}
		})
		if m := regexp.MustCompile(`(?m)^\s+-[a-z][a-z-]+`).FindString(flags); m != "" {
			t.Errorf("%v: a flag in another style: %q", args, m)
		}
	}
	walk(newRoot(&bytes.Buffer{}, &bytes.Buffer{}))
	if seen < 12 {
		t.Errorf("only %d commands", seen)
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, stdout, stderr := runCLI("completion", shell)
		if code != 0 || !strings.Contains(stdout, "timelinegen") || !strings.Contains(stdout, "__complete") {
			t.Errorf("completion %s: exit %d: %.200s%s", shell, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCLI("completion", "tcsh"); code != exitUsage || !strings.Contains(stderr, `unknown shell "tcsh"`) {
		t.Errorf("completion tcsh: exit %d: %s", code, stderr)
	}
	// The scripts complete flags: ask as the shell would.
	code, stdout, _ := runCLI("__complete", "serve", "--b")
	if code != 0 || !strings.Contains(stdout, "--bind") || !strings.Contains(stdout, "--base-url") {
		t.Errorf("completing serve --b: %s", stdout)
	}
}

func TestServeTakesAFreePortWhenItsPortIsTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := taken.Addr().(*net.TCPAddr).Port
	var says bytes.Buffer
	ln, err := listen(serveFlags{bind: "127.0.0.1", port: port, portSet: true}, &says)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := ln.Addr().(*net.TCPAddr).Port
	if got == port || !strings.Contains(says.String(), "port "+strconv.Itoa(port)+" is taken: serving on port "+strconv.Itoa(got)+" instead") {
		t.Errorf("port %d: listening on %d, said %q", port, got, says.String())
	}
	for _, fl := range []serveFlags{
		{addr: "127.0.0.1:1", addrSet: true, port: 2, portSet: true},
		{addr: "nonsense", addrSet: true},
		{bind: "127.0.0.1", port: 70000},
	} {
		if ln, err := listen(fl, &says); err == nil {
			ln.Close()
			t.Errorf("%+v: no error", fl)
		}
	}
}

func TestServeFlagsAreUsageErrors(t *testing.T) {
	dir := site(t, map[string]string{"content/a.md": good})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--source", dir, "--base-url", "ftp://x/"}, "--base-url: want an http(s) address"},
		{[]string{"serve", "--source", dir, "--addr", "127.0.0.1:0", "--port", "1"}, "give --addr, or --bind and --port, not both"},
		{[]string{"serve", "--source", dir, "--port", "x"}, "invalid argument"},
	} {
		code, stdout, stderr := runCLI(tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%v: exit %d, want 2 saying %q:\n%s%s", tc.args, code, tc.want, stdout, stderr)
		}
	}
}
