package desk

import (
	"bufio"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

const host = "127.0.0.1:1313"

// twoLanguages is a site in English and Ukrainian with one article, its
// translation and a photo.
var twoLanguages = map[string]string{
	"timeline.yaml": "title: Test\nlanguages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n",
	"content/2025/talks.md": `---
title: Talks in Jeddah
date: 2025-03-11
kind: diplomatic
actors: [Ukraine, United States]
location: Jeddah
casualties: {killed: 3, injured: {min: 9}}
---
The talks began.

Second paragraph, exactly as written.
`,
	"content/2025/talks.uk.md": "---\ntitle: Переговори в Джидді\ntranslation_of: 00000000-00000000-00000000-00000000\n---\nПереговори почалися.\n",
	"content/2024/old.md":      "---\ntitle: Old\ndate: 2024\nkind: political\n---\n",
	"content/loose.md":         "---\ntitle: Loose\ndate: 2023\nkind: political\n---\n",
	"content/2025/photo.jpg":   "not really a jpeg",
}

// deskClient is an editor with the desk open: the session cookie and the
// token its page got.
type deskClient struct {
	t       *testing.T
	d       *Desk
	dir     string
	rebuilt [][]string
	errors  []string // what the next rebuild reports
	cookie  *http.Cookie
	token   string
	origin  string
}

func openDesk(t *testing.T, files map[string]string) *deskClient {
	t.Helper()
	c := &deskClient{t: t, dir: sitetest.New(t, files), origin: "http://" + host}
	c.d = New(Options{Source: c.dir, Hosts: []string{host, "localhost:1313"}, Rebuild: func(changed []string) []string {
		c.rebuilt = append(c.rebuilt, changed)
		return c.errors
	}})
	c.reload()
	return c
}

// reload opens the desk's page again: a new session.
func (c *deskClient) reload() {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://"+host+AdminPath, nil)
	rec := httptest.NewRecorder()
	c.d.ServeHTTP(rec, req)
	res := rec.Result()
	if res.StatusCode != 200 {
		c.t.Fatalf("GET /admin/: %d", res.StatusCode)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		c.t.Errorf("the desk's page has no policy keeping it on the server: %q", csp)
	}
	for _, ck := range res.Cookies() {
		if ck.Name == cookieName {
			if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode {
				c.t.Errorf("the session cookie is not HttpOnly and SameSite=Strict: %+v", ck)
			}
			c.cookie = ck
		}
	}
	body, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`"proxy_url":"/api/v1\?token=([0-9a-f]+)"`).FindSubmatch(body)
	if m == nil || c.cookie == nil {
		c.t.Fatalf("the desk's page carries no token or cookie:\n%s", body)
	}
	c.token = string(m[1])
}

// call posts an action and returns the status and the decoded answer.
func (c *deskClient) call(action string, params any) (int, map[string]any, []any) {
	c.t.Helper()
	status, raw := c.post(action, params)
	var obj map[string]any
	var list []any
	if strings.HasPrefix(raw, "[") {
		_ = json.Unmarshal([]byte(raw), &list)
	} else if err := json.Unmarshal([]byte(raw), &obj); err != nil && raw != "null\n" {
		c.t.Fatalf("%s: answer is not JSON: %q", action, raw)
	}
	return status, obj, list
}

func (c *deskClient) post(action string, params any) (int, string) {
	c.t.Helper()
	b, _ := json.Marshal(map[string]any{"action": action, "params": params})
	req := httptest.NewRequest(http.MethodPost, "http://"+host+APIPath+"?token="+c.token, strings.NewReader(string(b)))
	if c.origin != "" {
		req.Header.Set("Origin", c.origin)
	}
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	rec := httptest.NewRecorder()
	c.d.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

func (c *deskClient) file(rel string) string {
	c.t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(rel)))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

func (c *deskClient) entry(deskPath string) (string, string) {
	c.t.Helper()
	status, e, _ := c.call("getEntry", map[string]any{"branch": "main", "path": deskPath})
	if status != 200 {
		c.t.Fatalf("getEntry %s: %d %v", deskPath, status, e)
	}
	data, _ := e["data"].(string)
	id, _ := e["file"].(map[string]any)["id"].(string)
	return data, id
}

func (c *deskClient) persist(files ...map[string]any) (int, map[string]any) {
	c.t.Helper()
	list := make([]any, len(files))
	for i, f := range files {
		list[i] = f
	}
	status, ans, _ := c.call("persistEntry", map[string]any{"branch": "main", "dataFiles": list, "assets": []any{}, "options": map[string]any{"commitMessage": "x", "useWorkflow": false, "status": ""}})
	return status, ans
}

func TestInfoSaysLocalFolder(t *testing.T) {
	c := openDesk(t, twoLanguages)
	status, ans, _ := c.call("info", nil)
	if status != 200 || ans["type"] != "local_fs" {
		t.Fatalf("info: %d %v", status, ans)
	}
}

func TestEntriesByFolderOpensAYearWithItsTranslations(t *testing.T) {
	c := openDesk(t, twoLanguages)
	paths := func(folder string) []string {
		status, ans, list := c.call("entriesByFolder", map[string]any{"branch": "main", "folder": folder, "extension": "md", "depth": 1})
		if status != 200 {
			t.Fatalf("entriesByFolder %s: %d %v", folder, status, ans)
		}
		var out []string
		for _, e := range list {
			// The CMS reads JSON frontmatter between a line "{" and a line "}".
			if data := e.(map[string]any)["data"].(string); !strings.HasPrefix(data, "{\n") || !strings.Contains(data, "\n}\n") {
				t.Errorf("%s: the CMS cannot read %q", folder, data)
			}
			out = append(out, e.(map[string]any)["file"].(map[string]any)["path"].(string))
		}
		return out
	}
	for folder, want := range map[string]string{
		"content/2025": "content/2025/talks.en.md content/2025/talks.uk.md", // the original named by its language
		"content/2024": "content/2024/old.en.md",
		"content":      "content/loose.en.md",                                                 // no year's folder
		allFolder:      "content/2024/old.en.md content/2025/talks.en.md content/loose.en.md", // originals only
	} {
		if got := strings.Join(paths(folder), " "); got != want {
			t.Errorf("%s lists %q, want %q", folder, got, want)
		}
	}
}

// The desk opens on the articles changed last, of every year, the last
// first, each with its translations: the CMS asks for them as the entries
// of content/ two folders deep (the recent collection's path).
func TestEntriesByFolderRecentAreTheArticlesChangedLast(t *testing.T) {
	c := openDesk(t, twoLanguages)
	at := func(rel string, day int) {
		when := time.Date(2026, 1, day, 0, 0, 0, 0, time.UTC)
		if err := os.Chtimes(filepath.Join(c.dir, filepath.FromSlash(rel)), when, when); err != nil {
			t.Fatal(err)
		}
	}
	at("content/2024/old.md", 3)
	at("content/loose.md", 2)
	at("content/2025/talks.md", 1)
	status, ans, list := c.call("entriesByFolder", map[string]any{"branch": "main", "folder": "content", "extension": "md", "depth": 2})
	if status != 200 {
		t.Fatalf("entriesByFolder: %d %v", status, ans)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.(map[string]any)["file"].(map[string]any)["path"].(string))
	}
	if want := "content/2024/old.en.md content/loose.en.md content/2025/talks.en.md content/2025/talks.uk.md"; strings.Join(got, " ") != want {
		t.Errorf("the recent entries are %q, want %q", strings.Join(got, " "), want)
	}

	// The desk's first collection is that one.
	cfg := loadSite(c.dir).config(Backend{Name: "proxy", ProxyURL: APIPath})
	first := cfg[len(cfg)-1].v.([]any)[0].(obj)
	fields := map[string]any{}
	for _, kv := range first {
		fields[kv.k] = kv.v
	}
	if fields["name"] != recentCollection || fields["folder"] != content.Dir || fields["path"] != recentPath || fields["create"] != false {
		t.Errorf("the desk's first collection is %v", fields)
	}
}

// A year's list is made from the files as they are now: an article
// changed on disk since the last list is shown changed.
func TestEntriesByFolderShowsAFileChangedSinceTheLastList(t *testing.T) {
	c := openDesk(t, twoLanguages)
	title := func() string {
		_, _, list := c.call("entriesByFolder", map[string]any{"branch": "main", "folder": "content/2024", "extension": "md", "depth": 1})
		return list[0].(map[string]any)["data"].(string)
	}
	if got := title(); !strings.Contains(got, `"title": "Old"`) {
		t.Fatalf("the list shows %q", got)
	}
	if err := os.WriteFile(filepath.Join(c.dir, "content/2024/old.md"), []byte("---\ntitle: Older\ndate: 2024\nkind: political\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := title(); !strings.Contains(got, `"title": "Older"`) {
		t.Errorf("after the file changed, the list shows %q", got)
	}
}

func TestEntriesByFilesAndGetEntryShowJSONFrontmatter(t *testing.T) {
	c := openDesk(t, twoLanguages)
	data, id := c.entry("content/2025/talks.en.md")
	if id != sum([]byte(twoLanguages["content/2025/talks.md"])) {
		t.Errorf("the id is not the sum of the file: %s", id)
	}
	d, err := parseDesk("x", data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"date":       "2025-03-11", // text, never a time of day
		"location":   map[string]any{"name": "Jeddah"},
		"casualties": map[string]any{"killed": "3", "injured": "at least 9"},
		slugKey:      "talks",
	}
	for k, v := range want {
		if g, _ := json.Marshal(d.front[k]); string(g) != mustJSON(v) {
			t.Errorf("%s = %s, want %s", k, g, mustJSON(v))
		}
	}
	if !strings.HasPrefix(d.body, "The talks began.") {
		t.Errorf("body = %q", d.body)
	}
	status, _, list := c.call("entriesByFiles", map[string]any{"branch": "main", "files": []any{map[string]any{"path": "content/2025/talks.uk.md", "label": "uk"}, map[string]any{"path": "content/2025/none.md"}}})
	if status != 200 || len(list) != 2 || list[1].(map[string]any)["data"] != nil {
		t.Errorf("entriesByFiles: %d %v", status, list)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// desk is the text the CMS sends for an entry.
func deskRaw(front map[string]any, body string) string {
	b, _ := json.MarshalIndent(front, "", "  ")
	return string(b) + "\n" + body
}

func TestPersistEntryWritesTheShapeOfNewArticle(t *testing.T) {
	c := openDesk(t, twoLanguages)
	data, _ := c.entry("content/2025/talks.en.md")
	d, _ := parseDesk("x", data)
	f := d.front
	f["title"] = "Talks in Jeddah: day two"
	f["summary"] = "Delegations meet: again"
	f["status"] = "confirmed"
	f["translator"] = "" // the CMS's empty field of translations
	f["tags"] = []any{}
	f["casualties"] = map[string]any{"killed": "3", "injured": "10–20"}
	f["location"] = map[string]any{"name": "Jeddah", "country": "Saudi Arabia", pointKey: map[string]any{"lat": json.Number("21.5433"), "lon": json.Number("39.1728")}, "precision": "exact"}
	f["sources"] = []any{map[string]any{"publisher": "Example News", "url": "https://example.org/a", "date": "2025-03-12", "type": "secondary"}}
	f["events"] = []any{map[string]any{"id": "strike", "title": "A strike", "date": "2025-03-11~", "location": map[string]any{"name": "Jeddah", pointKey: map[string]any{"lat": json.Number("21.5"), "lon": json.Number("39.2")}}, "casualties": map[string]any{"killed": "14 (10–20)"}}}
	f["future_key"] = "kept"
	status, ans := c.persist(map[string]any{"path": "content/2025/talks.en.md", "slug": "talks", "raw": deskRaw(f, d.body)})
	if status != 200 {
		t.Fatalf("persistEntry: %d %v", status, ans)
	}
	want := `---
title: "Talks in Jeddah: day two"
date: 2025-03-11
kind: diplomatic
summary: "Delegations meet: again"
actors: [Ukraine, United States]
location: {name: Jeddah, country: Saudi Arabia, lat: 21.5433, lon: 39.1728}
casualties: {killed: 3, injured: {min: 10, max: 20}}
status: confirmed
sources:
  - {publisher: Example News, url: "https://example.org/a", date: 2025-03-12, type: secondary}
events:
  - id: strike
    title: A strike
    date: 2025-03-11~
    location: {name: Jeddah, lat: 21.5, lon: 39.2}
    casualties: {killed: {low: 10, best: 14, high: 20}}
future_key: kept
---
The talks began.

Second paragraph, exactly as written.
`
	if got := c.file("content/2025/talks.md"); got != want {
		t.Errorf("wrote\n%s\nwant\n%s", got, want)
	}
	if len(c.rebuilt) != 1 || c.rebuilt[0][0] != "content/2025/talks.md" {
		t.Errorf("rebuilt %v", c.rebuilt)
	}
}

func TestPersistEntryTranslationCarriesOnlyTextAndTheFingerprint(t *testing.T) {
	c := openDesk(t, twoLanguages)
	orig, _ := c.entry("content/2025/talks.en.md")
	tr, _ := c.entry("content/2025/talks.uk.md")
	d, _ := parseDesk("x", tr)
	d.front["title"] = "Переговори в Джидді, день другий"
	d.front["kind"] = "military" // a fact: comes from the original only
	d.front["date"] = "2025-03-12"
	d.front["events"] = []any{map[string]any{"id": "strike", "title": "Удар", "date": "2025"}}
	d.front["translator"] = "Olena"
	od, _ := parseDesk("x", orig)
	status, ans := c.persist(
		map[string]any{"path": "content/2025/talks.en.md", "slug": "talks", "raw": deskRaw(od.front, od.body)},
		map[string]any{"path": "content/2025/talks.uk.md", "slug": "talks", "raw": deskRaw(d.front, d.body)},
	)
	if status != 200 {
		t.Fatalf("persistEntry: %d %v", status, ans)
	}
	a, ds := content.Loader{Kinds: []string{"diplomatic"}, Languages: []string{"en", "uk"}}.Parse("content/2025/talks.md", []byte(c.file("content/2025/talks.md")))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want := "---\ntitle: \"Переговори в Джидді, день другий\"\nevents:\n  - id: strike\n    title: Удар\ntranslator: Olena\ntranslation_of: " + content.Fingerprint(a) + "\n---\nПереговори почалися.\n"
	if got := c.file("content/2025/talks.uk.md"); got != want {
		t.Errorf("wrote\n%s\nwant\n%s", got, want)
	}
}

func TestPersistEntryNewArticleLeavesEmptyTranslationsUnwritten(t *testing.T) {
	c := openDesk(t, twoLanguages)
	status, ans := c.persist(
		map[string]any{"path": "content/2025/new.en.md", "slug": "new", "raw": deskRaw(map[string]any{"title": "New", "date": "2025-03", "kind": "military", "draft": false, "media": []any{}}, "")},
		map[string]any{"path": "content/2025/new.uk.md", "slug": "new", "raw": deskRaw(map[string]any{"title": "", "translator": ""}, "")},
	)
	if status != 200 {
		t.Fatalf("persistEntry: %d %v", status, ans)
	}
	if got := c.file("content/2025/new.md"); got != "---\ntitle: New\ndate: 2025-03\nkind: military\n---\n" {
		t.Errorf("wrote %q", got)
	}
	if _, err := os.Stat(filepath.Join(c.dir, "content/2025/new.uk.md")); err == nil {
		t.Error("an empty translation was written")
	}
}

func TestPersistEntryThatDoesNotBuildIsKeptAndAnsweredWithTheErrors(t *testing.T) {
	c := openDesk(t, twoLanguages)
	c.errors = []string{`content/2025/talks.md:3:7: date: "2025-02-30" is not a real day (February 2025 has 28 days)`}
	data, _ := c.entry("content/2025/talks.en.md")
	d, _ := parseDesk("x", data)
	d.front["date"] = "2025-02-30"
	status, ans := c.persist(map[string]any{"path": "content/2025/talks.en.md", "slug": "talks", "raw": deskRaw(d.front, d.body)})
	if status != http.StatusUnprocessableEntity || !strings.Contains(ans["error"].(string), c.errors[0]) || mustJSON(ans["diagnostics"]) != mustJSON(c.errors) {
		t.Fatalf("persistEntry: %d %v", status, ans)
	}
	if !strings.Contains(c.file("content/2025/talks.md"), "date: 2025-02-30\n") {
		t.Error("the editor's text was not kept")
	}
	// The next save of the same editor goes on from what was written.
	c.errors = nil
	d.front["date"] = "2025-02-28"
	if status, ans := c.persist(map[string]any{"path": "content/2025/talks.en.md", "slug": "talks", "raw": deskRaw(d.front, d.body)}); status != 200 {
		t.Fatalf("the fix: %d %v", status, ans)
	}
}

func TestLocationPointIsTheMapFieldsValue(t *testing.T) {
	view, err := deskView("content/a.md", []byte("---\ntitle: A\nlocation: {name: Kyiv, lat: 50.45, lon: 30.52}\n---\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := parseDesk("x", string(view))
	if got, want := mustJSON(d.front["location"]), `{"name":"Kyiv","point":{"lat":50.45,"lon":30.52}}`; got != want {
		t.Errorf("location in the desk = %s, want %s", got, want)
	}
	if got := string(articleYAML(d, "")); !strings.Contains(got, "location: {name: Kyiv, lat: 50.45, lon: 30.52}\n") {
		t.Errorf("written back:\n%s", got)
	}
}

func TestMedia(t *testing.T) {
	c := openDesk(t, twoLanguages)
	jpeg := base64.StdEncoding.EncodeToString([]byte("\xff\xd8\xff a photo"))
	status, ans, _ := c.call("persistMedia", map[string]any{"branch": "main", "asset": map[string]any{"path": "content/2025/sumy.jpg", "content": jpeg, "encoding": "base64"}})
	if status != 200 || ans["content"] != jpeg || ans["name"] != "sumy.jpg" {
		t.Fatalf("persistMedia: %d %v", status, ans)
	}
	status, _, list := c.call("getMedia", map[string]any{"branch": "main", "mediaFolder": "content/2025"})
	if status != 200 || len(list) != 2 {
		t.Errorf("getMedia: %d %v", status, list)
	}
	status, ans, _ = c.call("getMediaFile", map[string]any{"branch": "main", "path": "content/2025/photo.jpg"})
	if status != 200 || ans["content"] != base64.StdEncoding.EncodeToString([]byte("not really a jpeg")) {
		t.Errorf("getMediaFile: %d %v", status, ans)
	}
}

func TestDeleteFileAndFiles(t *testing.T) {
	c := openDesk(t, twoLanguages)
	c.entry("content/2025/talks.en.md")
	c.entry("content/2025/talks.uk.md")
	if status, ans, _ := c.call("deleteFiles", map[string]any{"branch": "main", "paths": []string{"content/2025/talks.en.md", "content/2025/talks.uk.md"}}); status != 200 {
		t.Fatalf("deleteFiles: %d %v", status, ans)
	}
	if status, ans, _ := c.call("deleteFile", map[string]any{"branch": "main", "path": "content/2025/photo.jpg"}); status != 200 {
		t.Fatalf("deleteFile: %d %v", status, ans)
	}
	for _, p := range []string{"content/2025/talks.md", "content/2025/talks.uk.md", "content/2025/photo.jpg"} {
		if _, err := os.Stat(filepath.Join(c.dir, p)); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
}

func TestGetDeployPreviewIsTheEntryPage(t *testing.T) {
	c := openDesk(t, twoLanguages)
	status, ans, _ := c.call("getDeployPreview", map[string]any{"branch": "main", "collection": "y2025", "slug": "talks"})
	if status != 200 || ans["url"] != "/events/talks/" {
		t.Errorf("getDeployPreview: %d %v", status, ans)
	}
}

// TestRefusals: every request the desk must not carry out, and its answer.
func TestRefusals(t *testing.T) {
	newEntry := func(p string) map[string]any {
		return map[string]any{"path": p, "slug": "x", "raw": deskRaw(map[string]any{"title": "X", "date": "2025", "kind": "military"}, "")}
	}
	for _, tc := range []struct {
		name   string
		setup  func(c *deskClient)
		action string
		params func(c *deskClient) any
		status int
		says   string
	}{
		{"another origin", func(c *deskClient) { c.origin = "http://evil.example" }, "info", nil, 403, "only its own pages"},
		{"no origin", func(c *deskClient) { c.origin = "" }, "info", nil, 403, "only its own pages"},
		{"no token", func(c *deskClient) { c.token = "" }, "info", nil, 403, "no token"},
		{"no session", func(c *deskClient) { c.cookie = nil }, "info", nil, 403, "no desk session"},
		{"climbing out", nil, "persistEntry", func(*deskClient) any { return persistParams(newEntry("content/../timeline.yaml")) }, 403, "climbs out"},
		{"climbing out of a folder", nil, "getEntry", func(*deskClient) any { return map[string]any{"path": "content/2025/../../timeline.md"} }, 403, "climbs out"},
		{"an absolute path", nil, "persistEntry", func(*deskClient) any { return persistParams(newEntry("/etc/cron.d/x.md")) }, 403, "absolute"},
		{"outside content", nil, "persistEntry", func(*deskClient) any { return persistParams(newEntry("templates/entry.html")) }, 403, "outside content/"},
		{"a bad extension", nil, "persistEntry", func(*deskClient) any { return persistParams(newEntry("content/2025/x.html")) }, 403, "only .md"},
		{"a script as a photo", nil, "persistMedia", func(*deskClient) any {
			return map[string]any{"asset": map[string]any{"path": "content/x.js", "content": "", "encoding": "base64"}}
		}, 403, "only .jpg"},
		{"a symbolic link out of the site", func(c *deskClient) {
			outside := t.TempDir()
			if err := os.Symlink(outside, filepath.Join(c.dir, "content", "out")); err != nil {
				t.Skip(err)
			}
		}, "persistEntry", func(*deskClient) any { return persistParams(newEntry("content/out/x.md")) }, 403, "outside content/"},
		{"content/ itself a link out of the site", func(c *deskClient) {
			outside := t.TempDir()
			if err := os.Rename(filepath.Join(c.dir, "content"), filepath.Join(outside, "content")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(outside, "content"), filepath.Join(c.dir, "content")); err != nil {
				t.Skip(err)
			}
		}, "persistEntry", func(*deskClient) any { return persistParams(newEntry("content/x.md")) }, 403, "leads outside the site"},
		{"a file changed on disk since it was shown", func(c *deskClient) {
			c.entry("content/2025/talks.en.md")
			if err := os.WriteFile(filepath.Join(c.dir, "content/2025/talks.md"), []byte("---\ntitle: Someone else's\ndate: 2025\nkind: military\n---\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "persistEntry", func(*deskClient) any { return persistParams(newEntry("content/2025/talks.en.md")) }, 409, "changed on disk since you opened it"},
		{"a new entry over an existing file", nil, "persistEntry", func(*deskClient) any { return persistParams(newEntry("content/2024/old.en.md")) }, 409, "exists already"},
		{"an unknown action", nil, "publishUnpublishedEntry", nil, 422, "unknown action"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := openDesk(t, twoLanguages)
			before := c.file("content/2025/talks.md")
			if tc.setup != nil {
				tc.setup(c)
				before = c.file("content/2025/talks.md")
			}
			var params any
			if tc.params != nil {
				params = tc.params(c)
			}
			status, ans, _ := c.call(tc.action, params)
			msg, _ := ans["error"].(string)
			if status != tc.status || !strings.Contains(msg, tc.says) {
				t.Errorf("%s: %d %q, want %d and a message with %q", tc.action, status, msg, tc.status, tc.says)
			}
			if c.file("content/2025/talks.md") != before || len(c.rebuilt) > 0 {
				t.Error("a refused request changed the site")
			}
			for _, p := range []string{"content/out/x.md", "content/x.md"} {
				if _, err := os.Stat(filepath.Join(c.dir, p)); err == nil {
					t.Errorf("wrote %s through a link", p)
				}
			}
		})
	}
}

func persistParams(entry map[string]any) map[string]any {
	return map[string]any{"branch": "main", "entry": entry, "assets": []any{}, "options": map[string]any{}}
}

// The CMS's files are at an address that names its release, so that the
// browser keeps them, and the code it compiled, from one run to the next;
// they are sent gzipped, as stored.
func TestTheCMSIsKeptByTheBrowserForItsRelease(t *testing.T) {
	c := openDesk(t, twoLanguages)
	get := func(p string) *http.Response {
		req := httptest.NewRequest(http.MethodGet, "http://"+host+p, nil)
		req.Header.Set("Accept-Encoding", "gzip, br")
		rec := httptest.NewRecorder()
		c.d.ServeHTTP(rec, req)
		return rec.Result()
	}
	page, _ := io.ReadAll(get(AdminPath).Body)
	src := AdminPath + "decap/" + Version() + "/decap-cms.js"
	if !strings.Contains(string(page), `<script type="module" src="`+src+`">`) {
		t.Fatalf("the desk's page does not load %s:\n%s", src, page)
	}
	res := get(src)
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Cache-Control") != "private, max-age=31536000, immutable" {
		t.Errorf("%s: %d, %v", src, res.StatusCode, res.Header)
	}
	// Chromium compiles it all on a background thread as it arrives.
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if first, _ := bufio.NewReader(zr).ReadString('\n'); first != "//# allFunctionsCalledOnLoad\n" {
		t.Errorf("%s starts with %q, not the compile hint", src, first)
	}
	for _, p := range []string{"decap/decap-cms.js", "decap/0.0.1/decap-cms.js", "decap/" + Version() + "/../decap-cms.js"} {
		if res := get(AdminPath + p); res.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}
}

func TestOtherHostsGetNothing(t *testing.T) {
	c := openDesk(t, twoLanguages)
	req := httptest.NewRequest(http.MethodGet, "http://rebound.example:1313"+AdminPath, nil)
	rec := httptest.NewRecorder()
	c.d.ServeHTTP(rec, req)
	if rec.Code != 403 || strings.Contains(rec.Body.String(), c.token) {
		t.Errorf("a page for another host name: %d", rec.Code)
	}
}

func TestNamesAreTheSitesOwn(t *testing.T) {
	c := openDesk(t, twoLanguages)
	req := httptest.NewRequest(http.MethodGet, "http://"+host+AdminPath+"names.json", nil)
	rec := httptest.NewRecorder()
	c.d.ServeHTTP(rec, req)
	var n Names
	if err := json.Unmarshal(rec.Body.Bytes(), &n); err != nil {
		t.Fatal(err)
	}
	if got := mustJSON(n); got != `{"actors":["Ukraine","United States"],"places":["Jeddah"],"countries":[],"tags":[]}` {
		t.Errorf("names.json = %s", got)
	}
}
