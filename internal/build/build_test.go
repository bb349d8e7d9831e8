package build_test

import (
	"bytes"
	"errors"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

func testArticle(title, date, kind, extra, body string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\nkind: " + kind + "\n" + extra + "---\n" + body + "\n"
}

func TestRebuildIsByteIdentical(t *testing.T) {
	t.Parallel()
	a := buildMemory(t, options("../.."))
	b := buildMemory(t, options("../.."))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func TestFailedBuildLeavesDestAsItWas(t *testing.T) {
	t.Parallel()
	site := sitetest.New(t, map[string]string{
		"content/a.md": testArticle("A", "2025-03-11", "military", "", "Body."),
	})
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := build.Build(options(site), dest); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dest)

	// Break the article: the build must fail and leave dest alone.
	if err := os.WriteFile(filepath.Join(site, "content/a.md"), []byte("---\ntitle: A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ds, err := build.Build(options(site), dest)
	if !errors.Is(err, build.ErrFailed) || !ds.HasErrors() {
		t.Fatalf("want a failed build, got err=%v ds=%v", err, ds)
	}
	after := readTree(t, dest)
	if len(after) != len(before) {
		t.Fatalf("dest changed: %d files before, %d after", len(before), len(after))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("%s changed by a failed build", name)
		}
	}
	assertNoLeftovers(t, filepath.Dir(dest))
}

func TestBuildRemovesFilesOfEarlierBuilds(t *testing.T) {
	t.Parallel()
	site := sitetest.New(t, map[string]string{
		"content/a.md": testArticle("A", "2025-03-11", "military", "", "Body."),
		"content/b.md": testArticle("B", "2025-03-12", "military", "actors: [Ruritania]\n", "Body."),
	})
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := build.Build(options(site), dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "actors/ruritania/index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content/b.md")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := build.Build(options(site), dest); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"events/b/index.html", "actors/ruritania/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived the rebuild: %v", gone, err)
		}
	}
	assertNoLeftovers(t, filepath.Dir(dest))
}

func assertNoLeftovers(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("left behind beside dest: %s", e.Name())
		}
	}
}

func TestDraftsOnlyWithDrafts(t *testing.T) {
	t.Parallel()
	site := sitetest.New(t, map[string]string{
		"content/a.md": testArticle("A", "2025-03-11", "military", "", "Body."),
		"content/d.md": testArticle("Draft", "2025-03-12", "military", "draft: true\n", "Body."),
	})
	if _, ok := buildMemory(t, options(site))["events/d/index.html"]; ok {
		t.Error("a draft was built without --drafts")
	}
	opts := options(site)
	opts.Drafts = true
	if _, ok := buildMemory(t, opts)["events/d/index.html"]; !ok {
		t.Error("a draft was left out with --drafts")
	}
}

var hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
var idRE = regexp.MustCompile(`\sid="([^"]*)"`)

// TestEveryInternalLinkResolves crawls the built sites: every link under
// the base path names a file of the build, and every #fragment an id on
// that page.
func TestEveryInternalLinkResolves(t *testing.T) {
	t.Parallel()
	for name, source := range goldenSites {
		t.Run(name, func(t *testing.T) {
			opts := options(source)
			files := buildMemory(t, opts)
			site, _ := build.Compile(opts)
			base := site.Config.BasePath()
			ids := map[string]map[string]bool{}
			for file, b := range files {
				if strings.HasSuffix(file, ".html") {
					ids[file] = map[string]bool{}
					for _, m := range idRE.FindAllSubmatch(b, -1) {
						if ids[file][string(m[1])] {
							t.Errorf("%s: duplicate id %q", file, m[1])
						}
						ids[file][string(m[1])] = true
					}
				}
			}
			for file, b := range files {
				if !strings.HasSuffix(file, ".html") {
					continue
				}
				for _, m := range hrefRE.FindAllSubmatch(b, -1) {
					link := strings.ReplaceAll(string(m[1]), "&amp;", "&")
					target, frag, _ := strings.Cut(link, "#")
					switch {
					case strings.HasPrefix(link, "http"):
						continue
					case target == "":
						target = file
					case site.Config.IsRelative():
						// No address: every link is relative to its page,
						// down to the file a browser opens from file://.
						if strings.HasPrefix(target, "/") {
							t.Errorf("%s: link %q is not relative", file, link)
							continue
						}
						target = path.Join(path.Dir(file), strings.Split(target, "?")[0])
					case strings.HasPrefix(target, base):
						target = strings.TrimPrefix(target, base)
						if target == "" || strings.HasSuffix(target, "/") {
							target += "index.html"
						}
					default:
						t.Errorf("%s: link %q is outside the base path %s", file, link, base)
						continue
					}
					if _, ok := files[target]; !ok {
						t.Errorf("%s: broken link %q", file, link)
						continue
					}
					if frag != "" && !ids[target][frag] {
						t.Errorf("%s: link %q: no id %q on %s", file, link, frag, target)
					}
				}
			}
		})
	}
}
