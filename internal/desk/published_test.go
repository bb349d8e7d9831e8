package desk_test

import (
	"context"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/timelinegen/timelinegen/internal/browsertest"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/desk"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

func publishedDesk(t *testing.T, backend string) map[string][]byte {
	t.Helper()
	var ds diag.List
	cfg := config.Parse("timeline.yaml", []byte("title: Desk\ndesk: {backend: "+backend+", repo: news/timeline}\n"), &ds)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	files, err := desk.PublishedFiles(cfg, []string{"content/2025/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Each change goes through the editorial workflow (a pull request from
// draft to ready) where the CMS has one: on GitHub and GitLab. Decap
// refuses to start with it on Gitea, where a save is a commit.
func TestThePublishedDesksWorkflow(t *testing.T) {
	for backend, want := range map[string]bool{"github": true, "gitlab": true, "gitea": false} {
		yml := string(publishedDesk(t, backend)[desk.PublishedDir+"config.yml"])
		if got := strings.Contains(yml, "publish_mode: editorial_workflow\n"); got != want {
			t.Errorf("%s: editorial workflow %v, want %v:\n%s", backend, got, want, yml)
		}
	}
}

// The desk of a published site starts in a browser with its git host's
// backend: the desk's build of the CMS carries the GitHub, GitLab and
// Gitea backends in a script of their own (decap-cms-git.js), which
// serve's desk does not load. Before an editor logs in, the CMS shows
// its host's login button.
func TestThePublishedDeskStarts(t *testing.T) {
	for _, tc := range []struct{ backend, login string }{
		{"github", "Login with GitHub"},
		{"gitlab", "Login with GitLab"},
		{"gitea", "Login with Gitea"},
	} {
		t.Run(tc.backend, func(t *testing.T) {
			files := publishedDesk(t, tc.backend)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				name := strings.TrimPrefix(r.URL.Path, "/")
				if strings.HasSuffix(name, "/") {
					name += "index.html"
				}
				b, ok := files[name]
				if !ok {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
				_, _ = w.Write(b)
			}))
			defer srv.Close()
			ctx, cancel := context.WithTimeout(browsertest.Start(t), time.Minute)
			defer cancel()
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+desk.PublishedDir)); err != nil {
				t.Fatal(err)
			}
			found, err := chromedp.Run(ctx, chromedp.Poll[bool](`Array.prototype.some.call(document.querySelectorAll("button"), function (b) { return b.textContent.trim() === `+"`"+tc.login+"`"+`; })`, chromedp.WithPollingTimeout(45*time.Second)))
			if err != nil || !found {
				body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
				t.Fatalf("no %q button on the published desk (%v): %s", tc.login, err, body)
			}
		})
	}
}

// The CMS checks serve's desk's configuration once the first screen is
// shown (page/desk.js): it must find nothing wrong, on a site in two
// languages with every field.
func TestTheDesksConfigurationIsTheCMSs(t *testing.T) {
	dir := sitetest.New(t, map[string]string{
		"timeline.yaml":         "title: Test\nlanguages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n",
		"content/2025/talks.md": "---\ntitle: Talks in Jeddah\ndate: 2025-03-11\nkind: diplomatic\n---\nThe talks began.\n",
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: desk.New(desk.Options{Source: dir, Hosts: []string{ln.Addr().String()}})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	ctx, cancel := context.WithTimeout(browsertest.Start(t), time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+desk.AdminPath)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[string](`["valid", "invalid"].indexOf(document.documentElement.dataset.deskConfig) >= 0 && document.documentElement.dataset.deskConfig`, chromedp.WithPollingTimeout(45*time.Second)))
	if err != nil || got != "valid" {
		shown, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("desk-diagnostics") || document.body).innerText`))
		t.Fatalf("the CMS checked the desk's configuration: %q (%v): %s", got, err, shown)
	}
}
