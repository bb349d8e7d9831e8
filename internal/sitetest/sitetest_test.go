package sitetest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTxtarWritesTheSiteAndKeepsWantApart(t *testing.T) {
	a := Txtar(t, `A site of one article.
-- timeline.yaml --
title: T
-- content/2025/talks.md --
---
title: Talks
---
-- want/events/talks/index.html --
<h1>Talks</h1>
`)
	if a.Comment != "A site of one article." {
		t.Errorf("comment %q", a.Comment)
	}
	b, err := os.ReadFile(filepath.Join(a.Dir, "content", "2025", "talks.md"))
	if err != nil || string(b) != "---\ntitle: Talks\n---\n" {
		t.Errorf("content/2025/talks.md = %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(a.Dir, "want")); err == nil {
		t.Error("want/ was written into the site")
	}
	if a.Want["events/talks/index.html"] != "<h1>Talks</h1>\n" {
		t.Errorf("want = %q", a.Want)
	}
}

func TestNewMakesContent(t *testing.T) {
	dir := New(t, map[string]string{"timeline.yaml": "title: T\n"})
	if info, err := os.Stat(filepath.Join(dir, "content")); err != nil || !info.IsDir() {
		t.Errorf("no content/ folder: %v", err)
	}
}
