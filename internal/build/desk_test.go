package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/desk"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// The desk of the published site (timeline.yaml desk:) is the CMS, 3.4 MB
// unpacked, and its configuration: a rebuild makes it again only when
// the configuration, the years or the CMS change, not for every edit.
func TestThePublishedDeskIsMadeAgainOnlyWhenItsInputsChange(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"timeline.yaml":      "title: Desk\ndesk: {backend: github, repo: news/timeline}\n",
		"content/2025/a.md":  "---\ntitle: A\ndate: 2025-03-11\nkind: political\n---\nA body.\n",
		"content/2025/b.md":  "---\ntitle: B\ndate: 2025-03-12\nkind: political\n---\n",
		"content/2024/c.md":  "---\ntitle: C\ndate: 2024-01-02\nkind: political\n---\n",
		"static/favicon.ico": "",
	})
	b := build.NewBuilder(options(dir))
	rebuild := func(changed ...string) *build.Result {
		t.Helper()
		res, ds := b.Rebuild(changed)
		if res == nil {
			t.Fatal(ds.Error())
		}
		if _, ok := res.File(desk.PublishedDir + "config.yml"); !ok {
			t.Fatal("no admin/config.yml")
		}
		return res
	}
	edit := func(rel, data string) string {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return rel
	}
	desk0 := build.FileState(rebuild(), desk.PublishedDir)

	res := rebuild(edit("content/2025/a.md", "---\ntitle: A\ndate: 2025-03-11\nkind: political\n---\nAnother body.\n"))
	if build.FileState(res, desk.PublishedDir) != desk0 {
		t.Error("an article's body changed and the desk was made again")
	}

	res = rebuild(edit("content/2023/d.md", "---\ntitle: D\ndate: 2023-05-06\nkind: political\n---\n"))
	if build.FileState(res, desk.PublishedDir) == desk0 {
		t.Error("an article of a new year was added and the desk was kept")
	}
	if yml, _ := res.File(desk.PublishedDir + "config.yml"); !strings.Contains(string(yml), "content/2023") {
		t.Errorf("the desk has no collection for 2023:\n%s", yml)
	}
	desk1 := build.FileState(res, desk.PublishedDir)

	res = rebuild(edit("timeline.yaml", "title: Desk\ndesk: {backend: github, repo: news/timeline, branch: live}\n"))
	if build.FileState(res, desk.PublishedDir) == desk1 {
		t.Error("timeline.yaml's desk: changed and the desk was kept")
	}
	if yml, _ := res.File(desk.PublishedDir + "config.yml"); !strings.Contains(string(yml), "branch: live") {
		t.Errorf("the desk's configuration does not follow timeline.yaml:\n%s", yml)
	}
}
