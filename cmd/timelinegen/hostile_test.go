//go:build unix

package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/serve"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// hostileSites are sites with one file that is not a regular file, or
// not really one: a link to a device, to /proc, or a named pipe, for
// each kind of file a site has. build, check and serve's first build
// must each end at once with an error naming the file, having read
// nothing from it (reading /dev/zero never ends).
var hostileSites = []struct {
	name  string
	files map[string]string
	links map[string]string // site path → what it leads to ("fifo": a named pipe)
	want  string
}{
	{
		name:  "a static file linked to /dev/zero",
		links: map[string]string{"static/big.css": "/dev/zero"},
		want:  "static/big.css: symbolic link to \"/dev/zero\" leads outside the site",
	},
	{
		name:  "a template linked to /dev/urandom",
		links: map[string]string{"templates/baseof.html": "/dev/urandom"},
		want:  "templates/baseof.html: symbolic link to \"/dev/urandom\" leads outside the site",
	},
	{
		name:  "a partial that is a named pipe",
		links: map[string]string{"templates/partials/x.html": "fifo"},
		want:  "templates/partials/x.html: cannot read: not a regular file but a named pipe",
	},
	{
		name:  "the static folder linked to /proc/self",
		links: map[string]string{"static": "/proc/self"},
		want:  "static: symbolic link to \"/proc/self\" leads outside the site",
	},
	{
		name:  "the templates folder linked to /dev",
		links: map[string]string{"templates": "/dev"},
		want:  "templates: symbolic link to \"/dev\" leads outside the site",
	},
	{
		name:  "timeline.yaml linked to /dev/zero",
		links: map[string]string{"timeline.yaml": "/dev/zero"},
		want:  "timeline.yaml: cannot read: not a regular file but a character device",
	},
	{
		name:  "a language's i18n file linked to /dev/zero",
		files: map[string]string{"timeline.yaml": "languages: [en, uk]\n"},
		links: map[string]string{"i18n/uk.yaml": "/dev/zero"},
		want:  "i18n/uk.yaml: symbolic link to \"/dev/zero\" leads outside the site",
	},
	{
		name:  "an article linked to /dev/zero",
		links: map[string]string{"content/b.md": "/dev/zero"},
		want:  "content/b.md: symbolic link to \"/dev/zero\" leads outside the site",
	},
	{
		name:  "an article that is a named pipe",
		links: map[string]string{"content/b.md": "fifo"},
		want:  "content/b.md: cannot read: not a regular file but a named pipe",
	},
	{
		name: "a photo in /proc",
		files: map[string]string{"content/p.md": "---\ntitle: P\ndate: 2025-03-11\nkind: diplomatic\n" +
			"media: [{file: proc/pagemap, alt: x, credit: y}, {file: proc/maps, alt: x, credit: y}]\n---\nBody.\n"},
		links: map[string]string{"content/proc": "/proc/self"},
		want:  "content/proc: symbolic link to \"/proc/self\" leads outside the site",
	},
	{
		name: "a photo that is a named pipe",
		files: map[string]string{"content/p.md": "---\ntitle: P\ndate: 2025-03-11\nkind: diplomatic\n" +
			"media: [{file: photo.jpg, alt: x, credit: y}]\n---\nBody.\n"},
		links: map[string]string{"content/photo.jpg": "fifo"},
		want:  `content/p.md:5:16: media: file "photo.jpg": cannot read: not a regular file but a named pipe`,
	},
}

// hostileSite writes the site of case i.
func hostileSite(t *testing.T, files, links map[string]string) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("needs /dev and /proc")
	}
	all := map[string]string{"content/a.md": good}
	for k, v := range files {
		all[k] = v
	}
	dir := site(t, all)
	for p, target := range links {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if target == "fifo" {
			err = syscall.Mkfifo(full, 0o644)
		} else {
			err = os.Symlink(target, full)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// promptly fails the test unless f returns within 20 seconds.
func promptly(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: still running after 20 s", what)
	}
}

func TestFilesThatAreNotRegularFilesAreRefused(t *testing.T) {
	for _, tc := range hostileSites {
		t.Run(tc.name, func(t *testing.T) {
			dir := hostileSite(t, tc.files, tc.links)
			for _, cmd := range [][]string{
				{"check", "--source", dir},
				{"build", "--source", dir, "--dest", filepath.Join(t.TempDir(), "out")},
			} {
				promptly(t, cmd[0], func() {
					code, stdout, stderr := runCLI(cmd...)
					if code != exitContent || !strings.Contains(stdout+stderr, tc.want) {
						t.Errorf("%s: exit %d, want %d and %q in:\n%s%s", cmd[0], code, exitContent, tc.want, stdout, stderr)
					}
				})
			}
			promptly(t, "serve", func() {
				_, ds, _ := serve.New(serve.Options{Build: options(dir, false, false)}).Rebuild(nil)
				if !ds.HasErrors() || !strings.Contains(ds.Error(), tc.want) {
					t.Errorf("serve's first build: want %q in:\n%s", tc.want, ds.Error())
				}
			})
		})
	}
}

func TestImportRefusesFilesThatAreNotRegularFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs /dev")
	}
	csv := filepath.Join(t.TempDir(), "events.csv")
	if err := os.WriteFile(csv, []byte("event_id_cnty,event_date,event_type,sub_event_type,notes\nUKR1,2025-03-11,Battles,Armed clash,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", "csv", csv, "--out", t.TempDir(), "--kind-map", "/dev/zero"},
		{"import", "csv", "/dev/zero", "--out", t.TempDir()},
		{"import", "csv", "/proc/self/maps", "--out", t.TempDir()},
	} {
		promptly(t, strings.Join(args, " "), func() {
			code, stdout, stderr := runCLI(args...)
			if code != exitUsage || !strings.Contains(stderr, "only regular files are read") {
				t.Errorf("%v: exit %d, want %d, and an error:\n%s%s", args, code, exitUsage, stdout, stderr)
			}
		})
	}
}

// A site gives the same answer whichever way its folder is named: links
// that stay inside it are followed with a relative --source (the default
// ".") as with an absolute one, and links out of it refused with both.
func TestLinksInsideTheSiteWhateverItsFolderIsCalled(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	sitetest.Write(t, dir, map[string]string{"content/a.md": good, "assets/logo.svg": "<svg/>", "drafts/b.md": good})
	sitetest.Write(t, parent, map[string]string{"secret.txt": "token"})
	for link, target := range map[string]string{"static/logo.svg": "../assets/logo.svg", "content/shared": "../drafts"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(link)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(parent)
	for _, source := range []string{"site", "./site", dir} {
		if code, stdout, stderr := runCLI("check", "--source", source); code != exitOK {
			t.Errorf("check --source %s: exit %d:\n%s%s", source, code, stdout, stderr)
		}
	}
	t.Chdir(dir)
	if code, stdout, stderr := runCLI("check"); code != exitOK {
		t.Errorf("check in the site's folder: exit %d:\n%s%s", code, stdout, stderr)
	}
	if err := os.Symlink("../../secret.txt", filepath.Join(dir, "static", "secret.txt")); err != nil {
		t.Fatal(err)
	}
	for _, source := range []string{".", dir} {
		if code, stdout, stderr := runCLI("check", "--source", source); code != exitContent || !strings.Contains(stdout+stderr, "static/secret.txt: symbolic link") {
			t.Errorf("check --source %s with a link out: exit %d:\n%s%s", source, code, stdout, stderr)
		}
	}
}
