package pages_test

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"weak"

	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// serve's next build lists the pages and oEmbed files of the entries
// that did not change with the specs of the build before (After). Those
// show the new build's words, bodies and views, as a spec made afresh
// would, and do not keep the Planner before in memory: each save would
// keep one more. The last site's oEmbed files, made on first use, still
// show the last site.
func TestAPlannerAfterAnotherShowsItsOwnSite(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "two-articles.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	// oEmbed files need the site's whole address.
	site := sitetest.Txtar(t, strings.Replace(string(text), "title: Tiny timeline\n", "title: Tiny timeline\nbase_url: https://example.org/\n", 1))
	cfg, tl, bodies := model(t, site)
	last, err := pages.NewPlanner(&cfg, tl, bodies, "timelinegen test", pages.WithCards(testCard))
	if err != nil {
		t.Fatal(err)
	}
	lastFiles := files(last.Pages())
	lastOEmbeds := last.OEmbedFiles()
	if len(lastOEmbeds) == 0 {
		t.Fatal("no oEmbed files to follow")
	}

	// The next build: the same entries, another body and site title.
	next := cfg
	next.Title = "Tiny timeline, again"
	nextBodies := maps.Clone(bodies)
	nextBodies["talks"] = pages.Body{HTML: "Delegations met again.", Summary: "From the body."}
	p, err := pages.NewPlanner(&next, tl, nextBodies, "timelinegen test", pages.WithCards(testCard), pages.After(last))
	if err != nil {
		t.Fatal(err)
	}
	// The last site is served while the next is built, and makes an
	// oEmbed file when first asked for: from its own data.
	for _, f := range lastOEmbeds {
		if o := f.OEmbed(); o.ProviderName != cfg.Title {
			t.Errorf("the last site's %s names the site %q, want %q", f.Name, o.ProviderName, cfg.Title)
		}
	}
	gone := weak.Make(last)
	last, lastOEmbeds = nil, nil
	specs, oembeds := p.Pages(), p.OEmbedFiles()
	runtime.GC()
	if gone.Value() != nil {
		t.Error("the Planner before is still in memory, held by the next one's pages")
	}

	if got := files(specs); !slices.Equal(got, lastFiles) {
		t.Errorf("pages differ from the last Planner's:\n%v\nwant\n%v", got, lastFiles)
	}
	i := slices.IndexFunc(specs, func(sp pages.Spec) bool { return sp.File == "events/talks/index.html" })
	if i < 0 {
		t.Fatal("no page of the article talks")
	}
	pg := specs[i].Data()
	if pg.Entry == nil || pg.Entry.Body != "Delegations met again." || pg.Site.Title != next.Title {
		t.Errorf("the page of talks shows the last build's site: body %q, site %q", pg.Entry.Body, pg.Site.Title)
	}
	for _, f := range oembeds {
		if o := f.OEmbed(); o.ProviderName != next.Title {
			t.Errorf("%s names the site %q, want %q", f.Name, o.ProviderName, next.Title)
		}
		if f.Entry != nil && len(f.Inputs.Values) > 0 && f.Inputs.Values[0].(*pages.Frame).Site.Title != next.Title {
			t.Errorf("%s is summed with the last build's frame", f.Name)
		}
	}
}
