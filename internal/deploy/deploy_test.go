package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gocloud.dev/blob"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// A target under test: where a deploy publishes, and a bucket opened on
// the same place to look at what it holds.
type target struct {
	url    string
	folder string // a file:// target's folder
	// headers: the store keeps each object's headers (a folder does not).
	headers bool
	// requests counts the HTTP requests the store was sent, when known.
	requests func() map[string]int
}

func (tg target) open(t *testing.T) Store {
	t.Helper()
	s, err := Open(context.Background(), tg.url, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func (tg target) bucket(t *testing.T) *blob.Bucket {
	t.Helper()
	u := tg.url
	if tg.folder != "" {
		u += "?metadata=skip"
	}
	b, err := blob.OpenBucket(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// fileTarget is a folder.
func fileTarget(t *testing.T) target {
	dir := filepath.Join(t.TempDir(), "www")
	return target{url: "file://" + filepath.ToSlash(dir), folder: dir}
}

// targets are the stores every core test runs against: a folder, and a
// real S3 server when there is one.
func targets(t *testing.T) map[string]func(*testing.T) target {
	return map[string]func(*testing.T) target{
		"file": fileTarget,
		"s3":   minioTarget,
	}
}

// site is a tiny timeline, with a file of every kind a build writes and
// of the kinds static/ may add (fonts, photos, a web manifest).
func site() map[string]string {
	return map[string]string{
		"timeline.yaml": "title: Test timeline\nbase_url: https://example.org/\n",
		"content/talks.md": `---
title: Talks in Jeddah
date: 2025-03-11
kind: diplomatic
actors: [Ukraine, United States]
location: {name: Jeddah, country: Saudi Arabia, lat: 21.5, lon: 39.2}
---
Delegations met in Jeddah.
`,
		"content/pause.md": `---
title: Aid paused
date: 2025-03-03
kind: military
actors: [United States]
---
Military aid was paused.
`,
		"content/resume.md": `---
title: Aid resumed
date: 2025-03-12
kind: military
actors: [United States]
---
Military aid resumed.
`,
		"static/fonts/serif.woff2":                  "wOF2 font bytes",
		"static/site.webmanifest":                   `{"name": "Test timeline"}`,
		"static/img/map.webp":                       "RIFF webp bytes",
		"static/img/photo.jpg":                      "\xff\xd8\xff jpeg bytes",
		"static/img/logo.jpeg":                      "\xff\xd8\xff jpeg bytes",
		"static/media/0123456789abcdef0123-960.jpg": "\xff\xd8\xff hashed jpeg bytes",
	}
}

// build builds files as a site into a new folder and returns it.
func buildSite(t *testing.T, files map[string]string) string {
	t.Helper()
	src := sitetest.New(t, files)
	dest := filepath.Join(t.TempDir(), "public")
	if _, ds, err := build.Build(build.Options{Source: src, Theme: timelinegen.Theme, Generator: "test"}, dest); err != nil {
		t.Fatalf("build: %v\n%v", err, ds)
	}
	return dest
}

// edited is files with one article's text changed.
func edited(files map[string]string, name, old, new string) map[string]string {
	out := maps.Clone(files)
	out[name] = strings.Replace(out[name], old, new, 1)
	return out
}

func deployTo(t *testing.T, s Store, dir string, set ...func(*Options)) Result {
	t.Helper()
	o := Options{Dir: dir, Store: s, MaxDeletes: 256, Backoff: 1}
	for _, f := range set {
		f(&o)
	}
	r, err := Deploy(context.Background(), o)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	return r
}

// files are a build's files by path, without the build's marker.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == output.Marker {
			return nil
		}
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// published is what the target holds, the deploy's own objects apart.
func published(t *testing.T, b *blob.Bucket) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	out := map[string][]byte{}
	it := b.List(nil)
	for {
		o, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if o.Key == ManifestFile || o.Key == PendingFile {
			continue
		}
		body, err := b.ReadAll(ctx, o.Key)
		if err != nil {
			t.Fatal(err)
		}
		out[o.Key] = body
	}
}

// snapshot is everything the target holds, its deploy's objects too.
func snapshot(t *testing.T, b *blob.Bucket) map[string]string {
	t.Helper()
	out := map[string]string{}
	for k, v := range published(t, b) {
		out[k] = string(v)
	}
	for _, k := range []string{ManifestFile, PendingFile} {
		if body, err := b.ReadAll(context.Background(), k); err == nil {
			out[k] = string(body)
		}
	}
	return out
}

// assertPublished fails unless the target holds exactly the build.
func assertPublished(t *testing.T, tg target, dir string) {
	t.Helper()
	want, got := files(t, dir), published(t, tg.bucket(t))
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: not published", p)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: published %d bytes that differ from the build's %d", p, len(g), len(w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: published but not in the build", p)
		}
	}
	if tg.folder != "" {
		// A folder holds the site and the deploy's two files, nothing
		// else: no .attrs beside each file, no empty folder left.
		err := filepath.WalkDir(tg.folder, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(tg.folder, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if entries, _ := os.ReadDir(p); len(entries) == 0 {
					t.Errorf("%s/: an empty folder left in the target", rel)
				}
				return nil
			}
			if _, ok := want[rel]; !ok && rel != ManifestFile && rel != PendingFile {
				t.Errorf("%s: in the folder but not in the build", rel)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// changedBetween are the paths whose bytes differ from one build to the
// next, and those the second no longer has.
func changedBetween(t *testing.T, before, after string) (changed, removed []string) {
	a, b := files(t, before), files(t, after)
	for p, body := range b {
		if old, ok := a[p]; !ok || !bytes.Equal(old, body) {
			changed = append(changed, p)
		}
	}
	for p := range a {
		if _, ok := b[p]; !ok {
			removed = append(removed, p)
		}
	}
	slices.Sort(changed)
	slices.Sort(removed)
	return changed, removed
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestFirstDeployPublishesTheBuildExactly(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			dir := buildSite(t, site())
			r := deployTo(t, tg.open(t), dir)
			if len(r.Uploaded) != r.Files || len(r.Undone) > 0 || len(r.Deleted) > 0 {
				t.Errorf("uploaded %d of %d, deleted %d, undone %v", len(r.Uploaded), r.Files, len(r.Deleted), r.Undone)
			}
			if !r.FromListing || !strings.Contains(strings.Join(r.Warnings, "\n"), "no "+ManifestFile) {
				t.Errorf("a first deploy says it found no manifest; warnings: %q", r.Warnings)
			}
			assertPublished(t, tg, dir)
			if _, err := tg.bucket(t).ReadAll(context.Background(), PendingFile); err == nil {
				t.Errorf("%s left after a complete deploy", PendingFile)
			}
			// Deployed again, nothing is sent.
			r = deployTo(t, tg.open(t), dir)
			if len(r.Upload)+len(r.Delete) > 0 || len(r.Warnings) > 0 || r.FromListing {
				t.Errorf("a second deploy of the same build: upload %d, delete %d, warnings %q", len(r.Upload), len(r.Delete), r.Warnings)
			}
		})
	}
}

func TestOneArticleEditUploadsExactlyTheChangedFiles(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			v1 := buildSite(t, site())
			deployTo(t, tg.open(t), v1)
			v2 := buildSite(t, edited(site(), "content/talks.md", "Delegations met in Jeddah.", "Delegations met in Jeddah for eight hours."))
			want, removed := changedBetween(t, v1, v2)
			if len(want) == 0 || len(removed) > 0 {
				t.Fatalf("the edit changed %v and removed %v", want, removed)
			}
			var before map[string]int
			if tg.requests != nil {
				before = tg.requests()
			}
			cdn := &recordingCDN{}
			r := deployTo(t, tg.open(t), v2, func(o *Options) { o.CDN = cdn })
			var after map[string]int
			if tg.requests != nil {
				after = tg.requests()
			}
			if got := sorted(r.Uploaded); !slices.Equal(got, want) {
				t.Errorf("uploaded\n%v\nwant exactly the changed files\n%v", got, want)
			}
			if len(r.Deleted) > 0 || len(r.Warnings) > 0 || r.FromListing {
				t.Errorf("deleted %v, warnings %q", r.Deleted, r.Warnings)
			}
			if len(r.Uploaded) >= r.Files/2 {
				t.Errorf("%d of %d files sent for one edit", len(r.Uploaded), r.Files)
			}
			assertPublished(t, tg, v2)
			// The CDN forgets each changed file, and each changed page by
			// its folder too, and nothing else.
			var wantPaths []string
			for _, p := range want {
				if p == "index.html" {
					wantPaths = append(wantPaths, "/")
				} else if path.Base(p) == "index.html" {
					wantPaths = append(wantPaths, "/"+path.Dir(p)+"/")
				}
				wantPaths = append(wantPaths, "/"+p)
			}
			if got := cdn.all(); !slices.Equal(sorted(got), sorted(wantPaths)) {
				t.Errorf("invalidated\n%v\nwant\n%v", sorted(got), sorted(wantPaths))
			}
			if !slices.Contains(cdn.all(), "/events/talks/") || !slices.Contains(cdn.all(), "/events/talks/index.html") {
				t.Errorf("the edited page is not invalidated by its folder and its file: %v", cdn.all())
			}
			if tg.requests != nil {
				// Requests in proportion to the files changed: the pending
				// list and the manifest read, the pending list written,
				// each file put, the manifest put, the pending list deleted
				// (a HEAD and a DELETE: gocloud.dev asks whether an S3
				// object exists before deleting it).
				got := map[string]int{}
				for k, v := range after {
					got[k] = v - before[k]
				}
				wantReq := map[string]int{"GET": 2, "PUT": len(want) + 2, "HEAD": 1, "DELETE": 1}
				if !maps.Equal(got, wantReq) {
					t.Errorf("requests %v, want %v", got, wantReq)
				}
			}
		})
	}
}

func TestDeletionRemovesWhatTheBuildNoLongerHas(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			v1 := buildSite(t, site())
			deployTo(t, tg.open(t), v1)
			less := site()
			delete(less, "content/resume.md")
			v2 := buildSite(t, less)
			_, removed := changedBetween(t, v1, v2)
			if !slices.Contains(removed, "events/resume/index.html") {
				t.Fatalf("removed %v", removed)
			}
			r := deployTo(t, tg.open(t), v2)
			if got := sorted(r.Deleted); !slices.Equal(got, removed) {
				t.Errorf("deleted %v, want %v", got, removed)
			}
			assertPublished(t, tg, v2)
		})
	}
}

func TestMaxDeletesStopsTheDeployBeforeItChangesAnything(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			v1 := buildSite(t, site())
			deployTo(t, tg.open(t), v1)
			less := site()
			delete(less, "content/resume.md")
			v2 := buildSite(t, less)
			before := snapshot(t, tg.bucket(t))
			_, err := Deploy(context.Background(), Options{Dir: v2, Store: tg.open(t), MaxDeletes: 1})
			if !errors.Is(err, ErrTooManyDeletes) || !strings.Contains(err.Error(), "--confirm") {
				t.Fatalf("err = %v, want ErrTooManyDeletes naming --confirm", err)
			}
			if after := snapshot(t, tg.bucket(t)); !maps.Equal(before, after) {
				t.Error("the refused deploy changed the target")
			}
			deployTo(t, tg.open(t), v2, func(o *Options) { o.MaxDeletes, o.Confirm = 1, true })
			assertPublished(t, tg, v2)
		})
	}
}

func TestDamagedManifestFallsBackToComparingContents(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			v1 := buildSite(t, site())
			deployTo(t, tg.open(t), v1)
			ctx := context.Background()
			if err := tg.bucket(t).WriteAll(ctx, ManifestFile, []byte("not gzip at all"), nil); err != nil {
				t.Fatal(err)
			}
			v2 := buildSite(t, edited(site(), "content/pause.md", "was paused", "was paused by the president"))
			want, _ := changedBetween(t, v1, v2)
			r := deployTo(t, tg.open(t), v2)
			if !r.FromListing || !strings.Contains(strings.Join(r.Warnings, "\n"), "damaged") {
				t.Errorf("FromListing %v, warnings %q: want a warning that the manifest is damaged", r.FromListing, r.Warnings)
			}
			if got := sorted(r.Uploaded); !slices.Equal(got, want) {
				t.Errorf("uploaded %v\nwant only the changed files, found by their contents: %v", got, want)
			}
			assertPublished(t, tg, v2)
			// The manifest is whole again.
			r = deployTo(t, tg.open(t), v2)
			if r.FromListing || len(r.Warnings) > 0 || len(r.Upload) > 0 {
				t.Errorf("after the repair: FromListing %v, warnings %q, upload %d", r.FromListing, r.Warnings, len(r.Upload))
			}
		})
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			v1 := buildSite(t, site())
			deployTo(t, tg.open(t), v1)
			less := edited(site(), "content/talks.md", "Delegations met", "Delegations met twice")
			delete(less, "content/resume.md")
			v2 := buildSite(t, less)
			changed, removed := changedBetween(t, v1, v2)
			before := snapshot(t, tg.bucket(t))
			cdn := &recordingCDN{}
			r := deployTo(t, tg.open(t), v2, func(o *Options) { o.DryRun, o.CDN = true, cdn })
			if after := snapshot(t, tg.bucket(t)); !maps.Equal(before, after) {
				t.Error("a dry run changed the target")
			}
			if len(cdn.all()) > 0 || len(r.Uploaded)+len(r.Deleted) > 0 {
				t.Errorf("a dry run invalidated %v, uploaded %v, deleted %v", cdn.all(), r.Uploaded, r.Deleted)
			}
			var planned []string
			for _, f := range r.Upload {
				planned = append(planned, f.Path)
			}
			if !slices.Equal(sorted(planned), changed) || !slices.Equal(r.Delete, removed) || len(r.Invalidate) == 0 {
				t.Errorf("plan: upload %v delete %v invalidate %v\nwant upload %v delete %v", planned, r.Delete, r.Invalidate, changed, removed)
			}
		})
	}
}

// failingStore is a store whose network goes down after n uploads: every
// request from then on fails, as with a deploy killed at that point.
type failingStore struct {
	Store
	mu   sync.Mutex
	n    int
	down bool
}

func (f *failingStore) fail(p string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.down && p != PendingFile && p != ManifestFile {
		if f.n == 0 {
			f.down = true
		}
		f.n--
	}
	if f.down {
		return errors.New("connection reset by peer")
	}
	return nil
}

func (f *failingStore) Put(ctx context.Context, p string, body []byte, h Headers) error {
	if err := f.fail(p); err != nil {
		return err
	}
	return f.Store.Put(ctx, p, body, h)
}

func (f *failingStore) Delete(ctx context.Context, p string) error {
	if err := f.fail(""); err != nil {
		return err
	}
	return f.Store.Delete(ctx, p)
}

var linkRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// brokenLinks follows the links of the published pages readers can reach
// (the home page, the feed, the pages they knew, and every page those
// link to) and lists those that lead to no published file.
func brokenLinks(pub map[string][]byte, known []string) []string {
	var broken []string
	seen := map[string]bool{}
	queue := append([]string{"index.html", "feed.xml"}, known...)
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		if seen[page] || !strings.HasSuffix(page, ".html") && !strings.HasSuffix(page, ".xml") {
			continue
		}
		seen[page] = true
		body, ok := pub[page]
		if !ok {
			continue // a page deleted by the build, which nothing links to
		}
		for _, m := range linkRE.FindAllSubmatch(body, -1) {
			link := string(m[1])
			link, _, _ = strings.Cut(link, "#")
			link, _, _ = strings.Cut(link, "?")
			var target string
			switch {
			case link == "" || strings.Contains(link, ":") && !strings.HasPrefix(link, "https://example.org/"):
				continue // another site, mailto:, data:
			case strings.HasPrefix(link, "https://example.org/"):
				target = strings.TrimPrefix(link, "https://example.org/")
			case strings.HasPrefix(link, "/"):
				target = strings.TrimPrefix(link, "/")
			default:
				target = path.Join(path.Dir(page), link)
			}
			if target == "" || strings.HasSuffix(link, "/") || target == "." {
				target = strings.TrimPrefix(path.Join(target, "index.html"), "./")
			}
			if _, ok := pub[target]; !ok {
				broken = append(broken, page+" → "+link)
				continue
			}
			queue = append(queue, target)
		}
	}
	return broken
}

func TestInterruptedDeployLeavesAWholeSiteAndTheNextFinishesIt(t *testing.T) {
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			v1 := buildSite(t, site())
			deployTo(t, tg.open(t), v1)
			var knownPages []string
			for p := range files(t, v1) {
				if strings.HasSuffix(p, ".html") {
					knownPages = append(knownPages, p)
				}
			}
			if broken := brokenLinks(published(t, tg.bucket(t)), knownPages); len(broken) > 0 {
				t.Fatalf("the first deploy has broken links: %v", broken)
			}
			// Two new articles and an edit: new assets, new pages that
			// link to each other, changed pages, feeds.
			more := edited(site(), "content/talks.md", "Delegations met", "Delegations from both sides met")
			more["content/ceasefire.md"] = "---\ntitle: Ceasefire proposed\ndate: 2025-03-11\nkind: diplomatic\nactors: [Ukraine, Russia]\n---\nA ceasefire was proposed.\n"
			more["content/reply.md"] = "---\ntitle: Reply awaited\ndate: 2025-03-13\nkind: political\nactors: [Russia]\nrelated: [ceasefire]\n---\nA reply was awaited.\n"
			v2 := buildSite(t, more)
			plan, err := Deploy(context.Background(), Options{Dir: v2, Store: tg.open(t), DryRun: true, MaxDeletes: 256})
			if err != nil {
				t.Fatal(err)
			}
			sizes := map[Group]int{}
			for _, f := range plan.Upload {
				sizes[f.Group]++
			}
			if sizes[Assets] == 0 || sizes[NewPages] == 0 || sizes[Pages] == 0 || sizes[Feeds] == 0 {
				t.Fatalf("the plan does not have every group: %v", sizes)
			}
			// The deploy is cut short in each group, again and again:
			// each time the published site is whole.
			a, np, p := sizes[Assets], sizes[NewPages], sizes[Pages]
			for _, n := range []int{0, 1, a / 2, a, a + 1, a + np/2, a + np, a + np + p/2, a + np + p, a + np + p + 1} {
				fs := &failingStore{Store: tg.open(t), n: n}
				r, err := Deploy(context.Background(), Options{Dir: v2, Store: fs, MaxDeletes: 256, Retries: -1, Workers: 2})
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Undone) == 0 && n < len(plan.Upload) {
					t.Errorf("cut after %d uploads: nothing undone", n)
				}
				if broken := brokenLinks(published(t, tg.bucket(t)), knownPages); len(broken) > 0 {
					t.Errorf("cut after %d uploads, readers find broken links: %v", n, broken)
				}
			}
			r := deployTo(t, tg.open(t), v2)
			if len(r.Undone) > 0 || !strings.Contains(strings.Join(r.Warnings, "\n"), "did not finish") {
				t.Errorf("the completing deploy: undone %v, warnings %q", r.Undone, r.Warnings)
			}
			assertPublished(t, tg, v2)
			if r := deployTo(t, tg.open(t), v2); len(r.Upload) > 0 || len(r.Warnings) > 0 {
				t.Errorf("after completing, a deploy still sends %d files, warnings %q", len(r.Upload), r.Warnings)
			}
		})
	}
}

func TestAnInterruptedDeployIsRedoneEvenWhenTheBuildGoesBack(t *testing.T) {
	// The manifest still says v1 when a deploy of v2 is cut short; if the
	// next deploy is of v1 again, the files v2 changed must be put back,
	// though they match the manifest.
	tg := fileTarget(t)
	v1 := buildSite(t, site())
	deployTo(t, tg.open(t), v1)
	v2 := buildSite(t, edited(site(), "content/talks.md", "Delegations met", "Nobody met"))
	changed, _ := changedBetween(t, v1, v2)
	fs := &failingStore{Store: tg.open(t), n: len(changed) - 1}
	if r, _ := Deploy(context.Background(), Options{Dir: v2, Store: fs, MaxDeletes: 256, Retries: -1, Workers: 1}); len(r.Undone) == 0 {
		t.Fatal("not cut short")
	}
	deployTo(t, tg.open(t), v1)
	assertPublished(t, tg, v1)
}

func TestHeadersOfEveryKindOfFile(t *testing.T) {
	want := map[string]string{
		".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
		".json": "application/json", ".geojson": "application/geo+json", ".csv": "text/csv; charset=utf-8",
		".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
		".jpeg": "image/jpeg", ".webp": "image/webp", ".woff2": "font/woff2", ".webmanifest": "application/manifest+json",
		"sitemap.xml": "application/xml", "feed.xml": "application/atom+xml", "corrections.xml": "application/atom+xml",
		"feed.json": "application/feed+json", "oembed.json": "application/json+oembed",
	}
	for name, mk := range targets(t) {
		t.Run(name, func(t *testing.T) {
			tg := mk(t)
			dir := buildSite(t, site())
			cfg := config.Deploy{Compress: true, CacheControl: []config.CacheRule{{Path: "fonts/**", Value: "public, max-age=86400"}}}
			deployTo(t, tg.open(t), dir, func(o *Options) { o.Config = cfg })
			b := tg.bucket(t)
			seen := map[string]bool{}
			gzipped := 0
			for p, body := range files(t, dir) {
				ct, ok := want[path.Base(p)]
				if !ok {
					ct, ok = want[path.Ext(p)]
				}
				if !ok {
					t.Errorf("%s: a kind of file this test does not know", p)
					continue
				}
				seen[path.Ext(p)] = true
				cache := CacheShort
				switch {
				case strings.HasPrefix(p, "fonts/"):
					cache = "public, max-age=86400"
				case regexp.MustCompile(`^media/[0-9a-f]{16,}-`).MatchString(p):
					cache = CacheImmutable
				}
				if got := HeadersFor(p, int64(len(body)), cfg); got.ContentType != ct || got.CacheControl != cache {
					t.Errorf("%s: headers %+v, want %s and %s", p, got, ct, cache)
				}
				if !tg.headers {
					continue
				}
				a, err := b.Attributes(context.Background(), p)
				if err != nil {
					t.Fatal(err)
				}
				if a.ContentType != ct || a.CacheControl != cache {
					t.Errorf("%s: served as %q, %q; want %q, %q", p, a.ContentType, a.CacheControl, ct, cache)
				}
				textual := strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "xml")
				if wantGzip := textual && len(body) >= minCompress; (a.ContentEncoding == "gzip") != wantGzip {
					t.Errorf("%s (%d bytes): Content-Encoding %q", p, len(body), a.ContentEncoding)
				} else if wantGzip {
					gzipped++
					raw, err := b.ReadAll(context.Background(), p)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(gunzip(t, raw), body) {
						t.Errorf("%s: gzipped content is not the file's", p)
					}
				}
			}
			for _, ext := range []string{".html", ".css", ".js", ".json", ".geojson", ".csv", ".svg", ".png", ".jpg", ".webp", ".woff2", ".webmanifest", ".xml"} {
				if !seen[ext] {
					t.Errorf("the build has no %s file: the test covers less than it says", ext)
				}
			}
			if tg.headers && gzipped == 0 {
				t.Error("nothing was gzipped")
			}
		})
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// recordingCDN keeps what it is told to invalidate.
type recordingCDN struct {
	mu    sync.Mutex
	calls [][]string
}

func (c *recordingCDN) Invalidate(_ context.Context, paths []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, slices.Clone(paths))
	return nil
}

func (c *recordingCDN) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, p := range c.calls {
		out = append(out, p...)
	}
	return out
}

func TestManyChangesInvalidateOneWildcard(t *testing.T) {
	tg := fileTarget(t)
	dir := buildSite(t, site())
	cdn := &recordingCDN{}
	r := deployTo(t, tg.open(t), dir, func(o *Options) { o.CDN, o.Config.InvalidateMax = cdn, 5 })
	if len(cdn.calls) != 1 || !slices.Equal(cdn.calls[0], []string{Wildcard}) || !slices.Equal(r.Invalidated, []string{Wildcard}) {
		t.Errorf("invalidated %v (%v), want one call with %s", cdn.calls, r.Invalidated, Wildcard)
	}
}

func TestInvalidationPaths(t *testing.T) {
	got := InvalidationPaths([]string{"index.html", "events/talks/index.html", "feed.xml", "uk/events/talks/index.html"}, 100)
	want := []string{"/", "/index.html", "/events/talks/", "/events/talks/index.html", "/feed.xml", "/uk/events/talks/", "/uk/events/talks/index.html"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if got := InvalidationPaths([]string{"a.css", "b.css", "c/index.html"}, 3); !slices.Equal(got, []string{Wildcard}) {
		t.Errorf("4 paths over a limit of 3: %v", got)
	}
}

func TestCacheControlRulesComeFirst(t *testing.T) {
	cfg := config.Deploy{CacheControl: []config.CacheRule{
		{Path: "data/**", Value: "no-cache"},
		{Path: "*.html", Value: "public, max-age=60"},
	}}
	for p, want := range map[string]string{
		"data/events.json":               "no-cache",
		"data/visual/t/0.json":           "no-cache",
		"index.html":                     "public, max-age=60",
		"events/talks/index.html":        CacheShort, // * stays within a folder
		"media/3f2a9c0d1e2b4a5c-960.jpg": CacheImmutable,
		"css/style.css":                  CacheShort,
	} {
		if got := HeadersFor(p, 10, cfg).CacheControl; got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
}

func TestGoogleCDNIsToldEachPath(t *testing.T) {
	var got []string
	srv := newJSONRecorder(t, &got)
	g := &GoogleCDN{Client: srv.Client(), Project: "proj", URLMap: "site-map", Endpoint: srv.URL}
	if err := g.Invalidate(context.Background(), []string{"/", "/events/talks/"}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`POST /compute/v1/projects/proj/global/urlMaps/site-map/invalidateCache {"path":"/"}`,
		`POST /compute/v1/projects/proj/global/urlMaps/site-map/invalidateCache {"path":"/events/talks/"}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("requests\n%v\nwant\n%v", got, want)
	}
}

func TestCloudFrontGetsOneBatchOfTheEscapedPaths(t *testing.T) {
	fc := &fakeCloudFront{}
	c := &CloudFront{Client: fc, Distribution: "E2ABCDEF123"}
	if err := c.Invalidate(context.Background(), []string{"/events/talks/", "/a b.html"}); err != nil {
		t.Fatal(err)
	}
	if len(fc.inputs) != 1 {
		t.Fatalf("%d requests", len(fc.inputs))
	}
	in := fc.inputs[0]
	if *in.DistributionId != "E2ABCDEF123" || *in.InvalidationBatch.Paths.Quantity != 2 ||
		!slices.Equal(in.InvalidationBatch.Paths.Items, []string{"/events/talks/", "/a%20b.html"}) || *in.InvalidationBatch.CallerReference == "" {
		t.Errorf("input %+v %+v", in, in.InvalidationBatch.Paths)
	}
	// A retry is the same invalidation; the next deploy of the same paths,
	// a new one, however soon it comes.
	paths := []string{"/events/talks/"}
	first := &CloudFront{Client: fc, Distribution: "E2ABCDEF123", Run: "20261206T080000.000000001"}
	next := &CloudFront{Client: fc, Distribution: "E2ABCDEF123", Run: "20261206T080000.000000002"}
	for _, c := range []*CloudFront{first, first, next} {
		if err := c.Invalidate(context.Background(), paths); err != nil {
			t.Fatal(err)
		}
	}
	refs := func(i int) string { return *fc.inputs[i].InvalidationBatch.CallerReference }
	if refs(1) != refs(2) || refs(2) == refs(3) {
		t.Errorf("caller references %q, %q, %q: want a retry's the same and the next deploy's new", refs(1), refs(2), refs(3))
	}
}

func TestNotABuildIsRefused(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644)
	_, err := Deploy(context.Background(), Options{Dir: dir, Store: fileTarget(t).open(t)})
	if err == nil || !strings.Contains(err.Error(), "not a build") {
		t.Errorf("err = %v", err)
	}
}

func TestFolderTargetRefusesMetadataFiles(t *testing.T) {
	_, err := Open(context.Background(), "file://"+filepath.ToSlash(t.TempDir())+"?metadata=", false)
	if err == nil || !strings.Contains(err.Error(), "metadata=skip") {
		t.Errorf("err = %v", err)
	}
}

func ExampleBytes() {
	fmt.Println(Bytes(512), Bytes(1500), Bytes(2_300_000))
	// Output: 512 B 1.5 kB 2.3 MB
}

func TestDriversLeftOutSayWhichTagAddsThem(t *testing.T) {
	ctx := context.Background()
	for url, tag := range map[string]string{"gs://bucket": "deploy_gcs", "azblob://$web": "deploy_azure"} {
		if missingDriver(strings.Split(url, ":")[0]) == "" {
			continue // built with the tag
		}
		if _, err := Open(ctx, url, false); err == nil || !strings.Contains(err.Error(), "-tags "+tag) {
			t.Errorf("%s: %v", url, err)
		}
	}
	if !withGCS {
		_, err := NewCDN(ctx, config.Target{URL: "s3://b", GoogleURLMap: "p/m"})
		if err == nil || !strings.Contains(err.Error(), "-tags deploy_gcs") {
			t.Errorf("google_url_map: %v", err)
		}
	}
}
