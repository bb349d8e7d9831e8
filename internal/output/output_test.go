package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDirSwapsInOnlyOnCommit(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := os.MkdirAll(filepath.Join(dest, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "old/index.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("new/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "new/index.html")); !os.IsNotExist(err) {
		t.Fatal("a file appeared in dest before Commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "new/index.html")); string(b) != "new" {
		t.Error("new build not in dest")
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Error("files of the old build survived")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left beside dest: %v", entries)
	}
}

func TestAbortLeavesDestAlone(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Write("index.html", []byte("x"))
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("abort left %v", entries)
	}
}

func TestNamesOutsideTheRootAreRefused(t *testing.T) {
	m := NewMemory()
	for _, name := range []string{"", "/etc/passwd", "../x", "a/../../x", "a\\b", "./a"} {
		if err := m.Write(name, nil); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
	data := []byte("abc")
	_ = m.Write("a.html", data)
	data[0] = 'X'
	if string(m.Files()["a.html"]) != "abc" {
		t.Error("Memory must copy what it is given")
	}
}

// A folder timelinegen did not make is refused with what it holds, in
// plain English: "1 file", never "1 files".
func TestDestOfOtherFilesSaysWhatItHolds(t *testing.T) {
	for _, tc := range []struct {
		files   []string
		folders []string
		want    string
	}{
		{[]string{"report.pdf"}, nil, "holds 1 file that timelinegen did not make"},
		{[]string{"a.pdf", "b.pdf"}, nil, "holds 2 files that"},
		{nil, []string{"old"}, "holds 1 folder that"},
		{[]string{"a.pdf", "b.pdf"}, []string{"old"}, "holds 2 files and 1 folder that"},
		{[]string{"a.pdf"}, []string{"old", "older"}, "holds 1 file and 2 folders that"},
	} {
		dest := t.TempDir()
		for _, f := range tc.files {
			if err := os.WriteFile(filepath.Join(dest, f), []byte("theirs"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range tc.folders {
			if err := os.Mkdir(filepath.Join(dest, f), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		err := CheckDest(t.TempDir(), dest, false)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v: %v, want %q", tc.files, tc.folders, err, tc.want)
		}
	}
}

// A file linked into a build is the file itself, not a copy; a symbolic
// link is not followed, and nothing is published for it.
func TestLinkPublishesTheFileNotWhereALinkLeads(t *testing.T) {
	parent := t.TempDir()
	card := filepath.Join(parent, "cache", "share.png")
	secret := filepath.Join(parent, "secret")
	if err := os.MkdirAll(filepath.Dir(card), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(card, []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(parent, "cache", "link.png")); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Link("media/a-share.png", card, nil); err != nil {
		t.Fatal(err)
	}
	if err := d.Link("media/b-share.png", filepath.Join(parent, "cache", "link.png"), nil); err == nil {
		t.Error("a symbolic link was linked")
	}
	if d.Written() != 3 {
		t.Errorf("%d bytes written, want 3", d.Written())
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	published, err := os.Stat(filepath.Join(parent, "public", "media", "a-share.png"))
	if err != nil {
		t.Fatal(err)
	}
	if cached, _ := os.Stat(card); !os.SameFile(published, cached) {
		t.Error("the published file is a copy of the cached one")
	}
	if _, err := os.Lstat(filepath.Join(parent, "public", "media", "b-share.png")); err == nil {
		t.Error("something was published for the symbolic link")
	}
}
