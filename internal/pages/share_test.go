package pages_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/sitetest"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// A share card is drawn only to be shared: Open Graph needs an absolute
// address, so a site without one (base_url "/") has no card to draw, and
// its pages none to name.
func TestShareCardOnlyWithAnAbsoluteAddress(t *testing.T) {
	for baseURL, want := range map[string]bool{"https://example.org/": true, "/": false} {
		site := sitetest.Txtar(t, "-- timeline.yaml --\nbase_url: "+baseURL+"\n-- content/talks.md --\n---\ntitle: Talks\ndate: 2025-03-11\nkind: diplomatic\n---\nText.\n")
		var ds diag.List
		src, err := os.ReadFile(filepath.Join(site.Dir, config.FileName))
		if err != nil {
			t.Fatal(err)
		}
		cfg := config.Parse(config.FileName, src, &ds)
		articles, _ := content.Loader{Kinds: cfg.KindNames()}.Load(site.Dir)
		tl, _ := timeline.New(articles, cfg.KindNames())
		asked := false
		cards := func(string) *media.Variant {
			asked = true
			v := media.Card{Title: "Talks"}.Variant()
			return &v
		}
		p, err := pages.NewPlanner(&cfg, tl, map[string]pages.Body{}, "test", pages.WithShareCards(cards))
		if err != nil {
			t.Fatal(err)
		}
		share := p.Made().Views[0].Share
		if got := share != nil && share.Card; got != want || asked != want {
			t.Errorf("base_url %s: a share card %v (asked for: %v), want %v", baseURL, got, asked, want)
		}
	}
}
