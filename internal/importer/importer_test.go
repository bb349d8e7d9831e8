package importer

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func convertFile(t *testing.T, name string, opts Options) *Result {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Convert(f, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// report lists what became of each row, one a line.
func report(res *Result) string {
	var b strings.Builder
	for _, r := range res.Rows {
		status := "ok"
		if r.Status != 0 {
			status = r.Status.String()
		}
		fmt.Fprintf(&b, "line %d: %s %s %s\n", r.Line, status, r.Slug, r.Reason)
	}
	return b.String()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", filepath.FromSlash(name))
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

var tjsOpts = Options{KindMap: map[string]string{"front line": "military"}}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		opts Options
	}{
		{"acled.csv", Options{}},
		{"timelinejs.csv", tjsOpts},
	} {
		res := convertFile(t, tc.file, tc.opts)
		dir := strings.TrimSuffix(tc.file, ".csv")
		golden(t, dir+"/report.txt", []byte(report(res)))
		for _, r := range res.Rows {
			if r.Article != nil {
				golden(t, dir+"/"+r.Slug+".md", scaffold.Render(*r.Article))
			}
		}
	}
}

func TestACLEDRows(t *testing.T) {
	res := convertFile(t, "acled.csv", Options{})
	if res.Format != ACLED {
		t.Errorf("format %q, want acled (detected)", res.Format)
	}
	want := map[int]string{ // line → failure reason fragment
		8:  "8 fields, but the header has 31 columns", // line 3's notes span three lines
		11: `event_date "32 March 2025" is not a date`,
	}
	kinds := map[string]string{
		"ukr12345": "military", "ukr12346": "military", "ukr12347": "diplomatic",
		"ukr12348": "humanitarian", "ukr12349": "political", "ukr12350": "humanitarian",
	}
	precision := map[string]string{"ukr12345": "2025-03-11", "ukr12346": "2025-03-11~", "ukr12347": "2025-03"}
	for _, r := range res.Rows {
		if frag, ok := want[r.Line]; ok {
			if r.Status != Failed || !strings.Contains(r.Reason, frag) {
				t.Errorf("line %d: %v %q, want failed with %q", r.Line, r.Status, r.Reason, frag)
			}
			delete(want, r.Line)
			continue
		}
		if r.Article == nil {
			t.Errorf("line %d: %v %s", r.Line, r.Status, r.Reason)
			continue
		}
		if k := kinds[r.Slug]; r.Article.Kind != k {
			t.Errorf("%s: kind %s, want %s", r.Slug, r.Article.Kind, k)
		}
		if d, ok := precision[r.Slug]; ok && r.Article.Date.EDTF() != d {
			t.Errorf("%s: date %s, want %s", r.Slug, r.Article.Date, d)
		}
	}
	for line, frag := range want {
		t.Errorf("line %d: no failure %q", line, frag)
	}
	if n := res.Count(Failed); n != 2 {
		t.Errorf("%d failed rows, want 2", n)
	}
}

func TestTimelineJSRows(t *testing.T) {
	res := convertFile(t, "timelinejs.csv", tjsOpts)
	if res.Format != TimelineJS {
		t.Errorf("format %q", res.Format)
	}
	if res.Title != "Russia–Ukraine War: A Timeline" || res.Description != "Diplomatic and military events, day by day." {
		t.Errorf("title %q, description %q", res.Title, res.Description)
	}
	got := report(res)
	for _, frag := range []string{
		"line 2: skipped  title slide",
		"line 3: skipped  era",
		"line 4: ok full-scale-invasion-begins-2022",
		"line 9: ok bytva-za-kyiv-2022", // line 6's text spans three lines
		"line 10: ok prisoner-exchange-2025",
		"line 11: failed  date: \"2025-02-30\" is not a real day",
		"line 13: failed  column Group is empty",
		"line 14: failed  2 fields, but the header has 18",
	} {
		if !strings.Contains(got, frag) {
			t.Errorf("report lacks %q:\n%s", frag, got)
		}
	}
	if strings.Contains(got, "line 12") {
		t.Errorf("the blank row is reported:\n%s", got)
	}
	// Without the kind map, the Group is not a kind; --default-kind
	// rescues it and the row without a group.
	res = convertFile(t, "timelinejs.csv", Options{DefaultKind: "political"})
	if got := report(res); !strings.Contains(got, "line 10: ok prisoner-exchange-2025") || !strings.Contains(got, "line 13: ok no-group-2024") {
		t.Errorf("--default-kind did not apply:\n%s", got)
	}
	res = convertFile(t, "timelinejs.csv", Options{})
	if got := report(res); !strings.Contains(got, `line 10: failed  column Group: "Front line" is not a kind`) {
		t.Errorf("unmapped group not reported:\n%s", got)
	}
}

// newSite makes a site with the scaffold's examples and imports file into
// it.
func importInto(t *testing.T, site, file string, opts Options, w WriteOptions) *Result {
	t.Helper()
	res := convertFile(t, file, opts)
	if err := Write(site, res, w); err != nil {
		t.Fatal(err)
	}
	return res
}

func newSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.NewSite(site); err != nil {
		t.Fatal(err)
	}
	return site
}

func compileStrict(t *testing.T, site string) *build.Site {
	t.Helper()
	s, ds := build.Compile(build.Options{Source: site, Strict: true, Theme: timelinegen.Theme})
	for _, d := range ds {
		t.Errorf("diagnostic: %s", d)
	}
	if s == nil {
		t.Fatal("the site does not build")
	}
	return s
}

// TestTimelineJSRoundTrip imports a sheet, builds the site and checks that
// its timeline holds the sheet's events at their dates and precisions.
func TestTimelineJSRoundTrip(t *testing.T) {
	site := newSite(t)
	res := importInto(t, site, "timelinejs.csv", tjsOpts, WriteOptions{})
	s := compileStrict(t, site)

	// What the sheet says, read independently of the importer.
	f, _ := os.ReadFile(filepath.Join("testdata", "timelinejs.csv"))
	cr := csv.NewReader(bytes.NewReader(f))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.ToLower(h)] = i
	}
	want := map[string]string{} // headline → date as written
	for _, r := range res.Rows {
		if r.Status != Imported {
			continue
		}
		for _, rec := range recs[1:] {
			if len(rec) != len(recs[0]) || rec[col["headline"]] != r.Article.Title {
				continue
			}
			d := rec[col["year"]]
			if m := rec[col["month"]]; m != "" {
				n, _ := strconv.Atoi(m)
				d += fmt.Sprintf("-%02d", n)
				if day := rec[col["day"]]; day != "" {
					n, _ := strconv.Atoi(day)
					d += fmt.Sprintf("-%02d", n)
				}
			}
			want[r.Article.Title] = d
		}
	}
	if len(want) != 5 {
		t.Fatalf("%d imported rows, want 5: %v", len(want), want)
	}
	got := map[string]string{}
	for _, e := range s.Timeline.Entries {
		if strings.HasPrefix(e.Article.Path, Dir+"/") {
			got[e.Title] = e.Date.String()
			if e.Date.String() != want[e.Title] {
				t.Errorf("%q: date %s (%s), want %s", e.Title, e.Date, e.Date.Precision, want[e.Title])
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("timeline entries %v, want %v", got, want)
	}
	if e, ok := s.Timeline.Lookup("jeddah-talks-2025"); !ok || e.End == nil || e.End.String() != "2025-03-12" {
		t.Errorf("jeddah-talks-2025: end not kept: %+v", e)
	}
}

func TestACLEDImportBuilds(t *testing.T) {
	site := newSite(t)
	res := importInto(t, site, "acled.csv", Options{}, WriteOptions{})
	if got := res.Summary(); got != "imported 6, updated 0, skipped 0, failed 2" {
		t.Errorf("summary %q", got)
	}
	s := compileStrict(t, site)
	e, ok := s.Timeline.Lookup("ukr12346")
	if !ok {
		t.Fatal("ukr12346 missing")
	}
	if e.Date.EDTF() != "2025-03-11~" || e.Date.Display() != "c. 11 March 2025" || e.Location == nil || e.Location.Name != "Харків" || !e.Location.HasCoords {
		t.Errorf("ukr12346: %s %+v", e.Date, e.Location)
	}
}

func TestWriteNeverOverwritesWithoutForce(t *testing.T) {
	site := newSite(t)
	importInto(t, site, "acled.csv", Options{}, WriteOptions{})
	p := filepath.Join(site, "content", "imported", "ukr12345.md")
	edited := []byte("---\ntitle: Edited by hand\ndate: 2025-03-11\nkind: military\n---\n")
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	res := importInto(t, site, "acled.csv", Options{}, WriteOptions{})
	if got := res.Summary(); got != "imported 0, updated 0, skipped 6, failed 2" {
		t.Errorf("re-import: %s", got)
	}
	if b, _ := os.ReadFile(p); !bytes.Equal(b, edited) {
		t.Error("an existing file was overwritten without --force")
	}
	res = importInto(t, site, "acled.csv", Options{}, WriteOptions{Force: true})
	if got := res.Summary(); got != "imported 0, updated 6, skipped 0, failed 2" {
		t.Errorf("--force: %s", got)
	}
	if b, _ := os.ReadFile(p); bytes.Equal(b, edited) {
		t.Error("--force did not update the file")
	}
	compileStrict(t, site)
}

func TestWriteRefusesSlugOfAnotherArticle(t *testing.T) {
	site := newSite(t)
	other := filepath.Join(site, "content", "ukr12345.md")
	if err := os.WriteFile(other, []byte("---\ntitle: Mine\ndate: 2025\nkind: military\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importInto(t, site, "acled.csv", Options{}, WriteOptions{Force: true})
	for _, r := range res.Rows {
		if r.Slug == "ukr12345" && (r.Status != Failed || !strings.Contains(r.Reason, "already used by content/ukr12345.md")) {
			t.Errorf("ukr12345: %v %s", r.Status, r.Reason)
		}
	}
	compileStrict(t, site)
}

func TestKindMap(t *testing.T) {
	kinds := []string{"diplomatic", "military", "political", "humanitarian", "economic"}
	m, err := ParseKindMap("kinds.yaml", []byte("# overrides\nBattles: political\n\"Looting/property destruction\": military\n"), kinds)
	if err != nil {
		t.Fatal(err)
	}
	res := convertFile(t, "acled.csv", Options{KindMap: m})
	for _, r := range res.Rows {
		switch r.Slug {
		case "ukr12345":
			if r.Article.Kind != "political" {
				t.Errorf("event_type override: %s", r.Article.Kind)
			}
		case "ukr12350":
			if r.Article.Kind != "military" {
				t.Errorf("sub_event_type override: %s", r.Article.Kind)
			}
		}
	}
	if _, err := ParseKindMap("kinds.yaml", []byte("Battles: militray\n"), kinds); err == nil || !strings.Contains(err.Error(), `kinds.yaml:1:10: Battles: unknown kind "militray"`) {
		t.Errorf("bad kind: %v", err)
	}
	if _, err := ParseKindMap("kinds.yaml", []byte("Battles: [a]\n"), kinds); err == nil {
		t.Error("a list as kind accepted")
	}
}

func TestKindOfACLED(t *testing.T) {
	for _, tc := range [][3]string{
		{"Battles", "Armed clash", "military"},
		{"Explosions/Remote violence", "Air/drone strike", "military"},
		{"Violence against civilians", "Abduction/forced disappearance", "humanitarian"},
		{"Protests", "Excessive force against protesters", "political"},
		{"Riots", "Mob violence", "political"},
		{"Strategic developments", "Agreement", "diplomatic"},
		{"Strategic developments", "Arrests", "political"},
		{"Strategic developments", "Change to group/activity", "political"},
		{"Strategic developments", "Headquarters or base established", "political"},
		{"Strategic developments", "Looting/property destruction", "humanitarian"},
		{"Strategic developments", "Non-violent transfer of territory", "military"},
		{"Strategic developments", "Disrupted weapons use", "military"},
		{"Strategic developments", "Other", "political"},
		{"strategic developments", "AGREEMENT", "diplomatic"},
		{"Something new", "", ""},
	} {
		if got := KindOfACLED(tc[0], tc[1]); got != tc[2] {
			t.Errorf("%s / %s: %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}

func TestConvertRejectsSheets(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"", "empty"},
		{"a,b\n1,2\n", "cannot tell the format"},
		{"Year,Headline,year\n", "appears twice"},
		{"event_id_cnty,notes\n", "missing column(s) event_date, event_type"},
	} {
		_, err := Convert(strings.NewReader(tc.src), Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.src, err, tc.want)
		}
	}
	if _, err := Convert(strings.NewReader("Year,Headline\n"), Options{DefaultKind: "war"}); !scaffold.IsUsage(err) {
		t.Errorf("unknown --default-kind: %v", err)
	}
	// A BOM, a bad quote that the reader recovers from, invalid UTF-8.
	src := "\xef\xbb\xbfYear,Headline,Group\n2025,\"Bad \"quote\",military\n2025,Good,military\n2025,\xff,military\n"
	res, err := Convert(strings.NewReader(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := report(res)
	for _, frag := range []string{"line 2: failed  CSV syntax", "line 3: ok good-2025", "line 4: failed  column 2 (Headline) is not UTF-8"} {
		if !strings.Contains(got, frag) {
			t.Errorf("report lacks %q:\n%s", frag, got)
		}
	}
}

func TestHTMLToMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"a<br>b<br/>c", "a\\\nb\\\nc"},
		{"<b>bold</b> <strong> strong </strong><i>it</i> <em>em</em>", "**bold** **strong** *it* *em*"},
		{`<a href="https://example.org/a b(c)">link</a>`, "[link](https://example.org/a%20b%28c%29)"},
		{`<a href='javascript:alert(1)'>x</a>`, "x"},
		{`<a href="/relative">x</a>`, "x"},
		{"<script>alert(1)</script>safe<style>p{}</style>", "safe"},
		{"<iframe src=x></iframe>ok", "ok"},
		{"<span class=x>kept</span> <img src=x.png>", "kept"},
		{"Fish &amp; chips &lt;b&gt; &#8212; &nbsp;x", "Fish \\& chips \\<b\\> — x"},
		{"a < b and c > d", "a \\< b and c \\> d"},
		{"[[wiki]] *star* _u_ `code` |pipe| ~s~", "\\[\\[wiki\\]\\] \\*star\\* \\_u\\_ \\`code\\` \\|pipe\\| \\~s\\~"},
		{"# not a heading", "\\# not a heading"},
		{"- not a list", "\\- not a list"},
		{"1. not a list", "1\\. not a list"},
		{"<ul><li>one</li><li>two</li></ul>", "- one\n\n- two"},
		{"<ol><li>one</li><li>two</li></ol>", "1. one\n\n2. two"},
		{"<b>unclosed", "**unclosed**"},
		{"<p>para\n\nwith blank line</p>", "para\n\nwith blank line"},
		{"<!-- comment -->after", "after"},
		{"x</b>y", "xy"},
		{"<b><i>both</i></b>", "***both***"},
	} {
		if got := htmlToMarkdown(tc.in); got != tc.want {
			t.Errorf("htmlToMarkdown(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	for _, tc := range [][2]string{
		{"On 11 March 2025, forces clashed. More follows.", "On 11 March 2025, forces clashed."},
		{"Protesters, e.g. students, marched in St. Petersburg. Police watched.", "Protesters, e.g. students, marched in St. Petersburg."},
		{"Version 2.5 of the plan. Next.", "Version 2.5 of the plan."},
		{"No period at all", "No period at all"},
		{"Сили РФ обстріляли Харків. Загиблих немає.", "Сили РФ обстріляли Харків."},
		{"J. Smith said so. Then left.", "J. Smith said so."},
	} {
		if got := firstSentence(tc[0]); got != tc[1] {
			t.Errorf("firstSentence(%q) = %q, want %q", tc[0], got, tc[1])
		}
	}
	long := strings.Repeat("word ", 100)
	if got := firstSentence(long); len([]rune(got)) > 301 || !strings.HasSuffix(got, "…") {
		t.Errorf("long sentence not cut: %q", got)
	}
}

// The importer writes only slugs that check accepts: an ACLED id that is
// a name Windows keeps for a device, or too long for a folder's name,
// and a TimelineJS headline as long as a title may be.
func TestImportedSlugsAreOnesCheckAccepts(t *testing.T) {
	long := strings.Repeat("ab", 130)
	acled := "event_id_cnty,event_date,event_type,sub_event_type,country,notes\n" +
		"con,2025-03-11,Battles,Armed clash,Ukraine,x\n" +
		"LPT1,2025-03-11,Battles,Armed clash,Ukraine,x\n" +
		"Nul,2025-03-12,Battles,Armed clash,Ukraine,x\n" +
		long + ",2025-03-11,Battles,Armed clash,Ukraine,x\n"
	tjs := "Headline,Year,Month,Day,Text,Group\n" +
		strings.Repeat("Talks go on ", 25) + ",2025,3,11,x,political\n" +
		"Con,2025,3,12,x,political\n"
	for name, sheet := range map[string]string{"acled": acled, "timelinejs": tjs} {
		t.Run(name, func(t *testing.T) {
			site := newSite(t)
			res, err := Convert(strings.NewReader(sheet), Options{DefaultKind: "military"})
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(site, res, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			if n := res.Count(Imported); n != len(res.Rows) {
				t.Errorf("imported %d of %d rows:\n%s", n, len(res.Rows), report(res))
			}
			for _, r := range res.Rows {
				if len(r.Slug) > 200 || r.Slug == "con" || r.Slug == "lpt1" || r.Slug == "nul" {
					t.Errorf("line %d: slug %q", r.Line, r.Slug)
				}
			}
			compileStrict(t, site)
		})
	}
}

// A sheet larger than a batch is converted in parallel, but its rows keep
// the sheet's order, each its own article, and a duplicate is the later
// of the two rows whichever batch they are in.
func TestLargeACLEDSheetKeepsItsOrder(t *testing.T) {
	const n = 10_000
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"event_id_cnty", "event_date", "event_type", "sub_event_type", "location", "notes"})
	id := func(i int) string { return fmt.Sprintf("T%05d", i) }
	for i := range n {
		rowID, day := id(i), "2024-03-11"
		switch i {
		case 9000:
			rowID = id(10) // a duplicate of line 12, two batches later
		case 5000:
			day = "2024-13-01"
		}
		w.Write([]string{rowID, day, "Battles", "Armed clash", "Place " + strconv.Itoa(i), "Row " + strconv.Itoa(i) + "."})
	}
	w.Flush()
	res, err := Convert(&b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != n {
		t.Fatalf("%d rows, want %d", len(res.Rows), n)
	}
	for i, r := range res.Rows {
		switch {
		case r.Line != i+2:
			t.Fatalf("row %d is line %d, want %d", i, r.Line, i+2)
		case i == 9000:
			if r.Status != Failed || r.Article != nil || !strings.Contains(r.Reason, "slug t00010 is already the slug of the row on line 12") {
				t.Errorf("line %d: %v %q, want a duplicate of line 12", r.Line, r.Status, r.Reason)
			}
		case i == 5000:
			if r.Status != Failed || !strings.Contains(r.Reason, "event_date") {
				t.Errorf("line %d: %v %q, want a bad date", r.Line, r.Status, r.Reason)
			}
		case r.Article == nil || r.Slug != strings.ToLower(id(i)) || r.Article.Title != "Armed clash in Place "+strconv.Itoa(i):
			t.Errorf("line %d: %s %v %q", r.Line, r.Slug, r.Status, r.Reason)
		}
	}
}
