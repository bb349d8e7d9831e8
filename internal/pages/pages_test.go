package pages_test

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/sitetest"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// plan reads a tiny site from a txtar archive into the timeline model and
// plans its pages, the way a build does but for the Markdown, whose text
// stands for its HTML here. opts follow the test's own cards.
func plan(t *testing.T, file string, opts ...pages.Option) (*pages.Planner, *sitetest.Archive) {
	t.Helper()
	p, site, err := planned(t, file, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p, site
}

// planned is plan, giving NewPlanner's error.
func planned(t *testing.T, file string, opts ...pages.Option) (*pages.Planner, *sitetest.Archive, error) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return plannedText(t, string(text), opts...)
}

// plannedText is planned, of an archive's text.
func plannedText(t *testing.T, text string, opts ...pages.Option) (*pages.Planner, *sitetest.Archive, error) {
	t.Helper()
	site := sitetest.Txtar(t, text)
	cfg, tl, bodies := model(t, site)
	p, err := pages.NewPlanner(&cfg, tl, bodies, "timelinegen test", append([]pages.Option{pages.WithCards(testCard)}, opts...)...)
	return p, site, err
}

// testCard is the tests' card of an entry on listings.
func testCard(e pages.Entry) (template.HTML, error) {
	return template.HTML("<card " + e.Slug + ">"), nil
}

// model reads a tiny site's configuration and timeline model, with the
// Markdown of each article standing for its body's HTML.
func model(t *testing.T, site *sitetest.Archive) (config.Config, *timeline.Timeline, map[string]pages.Body) {
	t.Helper()
	var ds diag.List
	src, err := os.ReadFile(filepath.Join(site.Dir, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Parse(config.FileName, src, &ds)
	articles, lds := content.Loader{Kinds: cfg.KindNames(), Languages: cfg.LanguageCodes()}.Load(site.Dir)
	tl, tds := timeline.New(articles, cfg.KindNames())
	if ds = slices.Concat(ds, lds, tds); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	bodies := map[string]pages.Body{}
	for _, a := range articles {
		bodies[a.Slug] = pages.Body{HTML: template.HTML(strings.TrimSpace(string(a.Body))), Summary: "From the body."}
	}
	return cfg, tl, bodies
}

func files(specs []pages.Spec) []string {
	var names []string
	for _, sp := range specs {
		names = append(names, sp.File)
	}
	return names
}

func page(t *testing.T, p *pages.Planner, file string) *pages.Page {
	t.Helper()
	for _, sp := range p.Pages() {
		if sp.File == file {
			return sp.Data()
		}
	}
	t.Fatalf("no page %s", file)
	return nil
}

// Every page of a site, at its file, in a fixed order: the archive's
// want/files, but for the term pages, checked below.
func TestPagesOfATinySite(t *testing.T) {
	p, site := plan(t, "two-articles.txtar")
	want := strings.Fields(site.Want["files"])
	got := files(p.Pages())
	var head []string
	for _, f := range got {
		if !strings.HasPrefix(f, "kinds/") && !strings.HasPrefix(f, "actors/") && !strings.HasPrefix(f, "places/") &&
			!strings.HasPrefix(f, "tags/") && !strings.HasPrefix(f, "status/") && !strings.HasPrefix(f, "embed/") {
			head = append(head, f)
		}
	}
	if !slices.Equal(head, want) {
		t.Errorf("pages:\n%s\nwant:\n%s", strings.Join(head, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range []string{
		"kinds/index.html", "kinds/diplomatic/index.html", "kinds/diplomatic/page/2/index.html", "kinds/military/index.html",
		"actors/index.html", "actors/ukraine/index.html", "actors/ukraine/page/2/index.html", "actors/united-states/index.html", "actors/russia/index.html",
		"places/index.html", "places/geneva/index.html", "tags/index.html", "tags/ceasefire/index.html",
	} {
		if !slices.Contains(got, f) {
			t.Errorf("no page %s among %v", f, got)
		}
	}
	if slices.Contains(got, "events/talks-joint-statement/index.html") || slices.Contains(got, "events/joint-statement/index.html") {
		t.Error("an event has a page of its own: it is read at its article's page")
	}
	// Each page's file is its path's, made by the one URL scheme.
	urls := &permalink.URLs{Base: "/"}
	for _, sp := range p.Pages() {
		if sp.Rel != permalink.NotFound && sp.File != urls.File(sp.Rel) {
			t.Errorf("%s is written to %s", sp.Rel, sp.File)
		}
		if sp.Hidden != (sp.Rel == permalink.NotFound || strings.HasPrefix(sp.Rel, permalink.EmbedPath(""))) {
			t.Errorf("%s: hidden %v; only the 404 page and embeds are", sp.Rel, sp.Hidden)
		}
	}
	if dup := len(got) - len(slices.Compact(slices.Sorted(slices.Values(got)))); dup != 0 {
		t.Errorf("%d pages share a file", dup)
	}
}

// An article's page shows its entry, its body, its events, its
// neighbours and its related entries, each linked where it is read.
func TestEntryPageShowsItsArticle(t *testing.T) {
	p, _ := plan(t, "two-articles.txtar")
	pg := page(t, p, "events/talks/index.html")
	if pg.Layout != "entry" || pg.Title != "Talks in Geneva" || pg.Path != "/events/talks/" {
		t.Fatalf("layout %q, title %q, path %q", pg.Layout, pg.Title, pg.Path)
	}
	ep := pg.Entry
	if ep.Body != "Delegations met." {
		t.Errorf("body %q", ep.Body)
	}
	if ep.Date.ISO != "2025-03-11" || ep.Kind.URL != "/kinds/diplomatic/" {
		t.Errorf("date %q, kind at %q", ep.Date.ISO, ep.Kind.URL)
	}
	var actors []string
	for _, a := range ep.Actors {
		actors = append(actors, a.Name+" "+a.URL)
	}
	if want := []string{"Ukraine /actors/ukraine/", "United States /actors/united-states/"}; !slices.Equal(actors, want) {
		t.Errorf("actors %q, want %q", actors, want)
	}
	if ep.Place == nil || ep.Place.URL != "/places/geneva/" || ep.Coords == "" {
		t.Errorf("place %+v, coordinates %q", ep.Place, ep.Coords)
	}
	if len(ep.Events) != 1 || ep.Events[0].URL != "/events/talks/#joint-statement" || ep.Events[0].Title != "Joint statement issued" {
		t.Fatalf("events %+v", ep.Events)
	}
	if ep.Previous != nil {
		t.Errorf("the first entry has a previous one: %s", ep.Previous.Slug)
	}
	if ep.Next == nil || ep.Next.Slug != "joint-statement" {
		t.Errorf("next: %+v, want the event of the next day", ep.Next)
	}
	// strike is related to talks: the link is shown from both ends.
	if len(ep.Related) != 1 || ep.Related[0].URL != "/events/strike/" {
		t.Errorf("related %+v", ep.Related)
	}
	if ep.Summary != "From the body." {
		t.Errorf("an entry without a summary shows its body's first paragraph; got %q", ep.Summary)
	}
	if len(pg.Breadcrumbs) != 1 || pg.Breadcrumbs[0].URL != "/years/2025/" {
		t.Errorf("breadcrumbs %+v", pg.Breadcrumbs)
	}
}

// A listing shows Paginate entries a page, grouped by month, with a pager
// whose links lead to its other pages.
func TestListingPages(t *testing.T) {
	p, _ := plan(t, "two-articles.txtar")
	first := page(t, p, "years/2025/index.html")
	if first.Layout != "list" || first.Term == nil || first.Term.URL != "/years/2025/" {
		t.Fatalf("layout %q, term %+v", first.Layout, first.Term)
	}
	if len(first.Groups) != 1 || first.Groups[0].ID != "2025-03" || len(first.Groups[0].Entries) != 1 {
		t.Fatalf("groups %+v", first.Groups)
	}
	if c := first.Groups[0].Entries[0].Card(); c != "<card talks>" {
		t.Errorf("a listing shows each entry by its card; got %q", c)
	}
	if first.Pager == nil || first.Pager.Total != 3 || first.Pager.Next != "/years/2025/page/2/" || first.Pager.Previous != "" {
		t.Errorf("pager %+v", first.Pager)
	}
	if len(first.Figures) == 0 {
		t.Error("a year's first page has no charts")
	}
	last := page(t, p, "years/2025/page/3/index.html")
	if last.Groups[0].Entries[0].Slug != "strike" || last.Pager.Previous != "/years/2025/page/2/" || last.Pager.Next != "" {
		t.Errorf("last page: %s, pager %+v", last.Groups[0].Entries[0].Slug, last.Pager)
	}
	if len(last.Figures) != 0 {
		t.Error("charts are on a listing's first page only")
	}
}

// A base path reaches every URL, and the home page lists every entry.
func TestBasePathAndHome(t *testing.T) {
	p, _ := plan(t, "two-articles.txtar")
	home := page(t, p, "index.html")
	if home.Layout != "home" || home.Path != "/" || home.Title != "Tiny timeline" {
		t.Errorf("home: layout %q, path %q, title %q", home.Layout, home.Path, home.Title)
	}
	n := 0
	for _, g := range home.Groups {
		n += len(g.Entries)
	}
	// paginate: 1 with 3 entries: a large site's home lists the newest
	// and links each year.
	if !home.Truncated || n != 1 || len(home.Years) != 1 || home.Years[0].URL != "/years/2025/" {
		t.Errorf("home: truncated %v, %d entries, years %+v", home.Truncated, n, home.Years)
	}
}

// Pages are values: the same input makes the same pages, however often
// and in whatever order they are asked for.
func TestPagesArePure(t *testing.T) {
	p, _ := plan(t, "two-articles.txtar")
	q, _ := plan(t, "two-articles.txtar")
	ps, qs := p.Pages(), q.Pages()
	slices.Reverse(qs)
	byFile := map[string]pages.Spec{}
	for _, sp := range qs {
		byFile[sp.File] = sp
	}
	for _, sp := range ps {
		a, b := sp.Data(), byFile[sp.File].Data()
		// Each planner has a Site of its own: compare what they show.
		a.Site, b.Site = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs between two planners of the same site", sp.File)
		}
		again := sp.Data()
		again.Site = nil
		if !reflect.DeepEqual(a, again) {
			t.Errorf("%s differs when made twice", sp.File)
		}
	}
}

// A theme renders the site's header and footer once per Chrome: pages
// that share it must agree on all the chrome shows of their path, which
// link is the current page's. The corrections log's further pages once
// shared its first page's, and showed its footer link as current or not
// by whichever page rendered first.
func TestPagesSharingChromeShowTheSameChrome(t *testing.T) {
	var site strings.Builder
	site.WriteString("-- timeline.yaml --\ntitle: Chrome\npaginate: 1\n")
	for a := range 6 { // 102 corrections: two pages of the log
		fmt.Fprintf(&site, "-- content/talks-%d.md --\n---\ntitle: Talks %d\ndate: 2025-03-%02d\nkind: diplomatic\nupdated: 2025-06-01\ncorrections:\n", a, a, a+1)
		for i := range 17 {
			fmt.Fprintf(&site, "  - {date: 2025-05-%02d, text: Correction %d.}\n", i+1, i)
		}
		site.WriteString("---\nBody.\n")
	}
	p, _, err := plannedText(t, site.String())
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{} // by Chrome: which of its links are current
	first := map[string]string{}
	for _, sp := range p.Pages() {
		pg := sp.Data()
		links := slices.Concat(pg.Site.Nav, pg.Site.Years, []pages.Link{{URL: pg.Site.Home + "corrections/"}})
		var current []string
		for _, l := range links {
			if l.URL == pg.Path {
				current = append(current, l.URL)
			}
		}
		got := strings.Join(current, " ")
		if want, ok := shown[pg.Chrome]; ok && want != got {
			t.Errorf("%s and %s share the chrome %q but not its current link: %q and %q", first[pg.Chrome], sp.File, pg.Chrome, want, got)
		} else if !ok {
			shown[pg.Chrome], first[pg.Chrome] = got, sp.File
		}
	}
	if _, ok := first["en|corrections"]; !ok {
		t.Errorf("no page of the corrections log: %v", first)
	}
}
