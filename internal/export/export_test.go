package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/timelinegen/timelinegen/internal/casualty"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

func mustDate(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func exact(n int) *casualty.Figure { f := casualty.Exact(n); return &f }

// testSite is a small site with an entry at each precision, an event,
// coordinates, casualties, a span and awkward text.
func testSite(t *testing.T) *Input {
	t.Helper()
	cfg := config.Default()
	cfg.Title = "War & Peace <Timeline>"
	cfg.Description = "Dates, \"quotes\" & more"
	cfg.BaseURL = "https://example.org/timeline/"
	cfg.FeedEntries = 3
	end := mustDate(t, "2025-03-14")
	srcDate := mustDate(t, "2025-03-13")

	talks := &content.Article{
		Path: "content/talks.md", Slug: "jeddah-talks",
		Fields: content.Fields{
			Title: "Talks in Jeddah", Date: mustDate(t, "2025-03-11"), End: &end,
			Kind: "diplomatic", Status: "confirmed",
			Summary:  "US and Ukrainian officials meet, agree \"ceasefire\" plan,\nthen leave.",
			Actors:   []string{"United States", "Ukraine", "Saudi Arabia"},
			Location: &content.Place{Name: "Jeddah", Country: "Saudi Arabia", HasCoords: true, Lat: 21.5433, Lon: 39.1728},
			Evidence: content.Evidence{Sources: []content.Source{
				{Title: "Talks", Publisher: "Example News", URL: "https://example.org/a", Date: &srcDate},
				{Title: "More", Publisher: "Other Wire", URL: "https://example.org/b"},
			}},
		},
		Tags:    []string{"ceasefire", "negotiations"},
		Related: []content.Ref{{Slug: "russia-open"}},
		Events: []*content.Event{{
			ID: "moscow-drone-strike",
			Fields: content.Fields{
				Title: "Drones hit oil assets near Moscow", Date: mustDate(t, "2025-03-11T04:30:00+03:00"),
				Kind: "military", Status: "reported",
				Actors:     []string{"Ukraine", "Russia"},
				Location:   &content.Place{Name: "Moscow Oblast", Country: "Russia", HasCoords: true, Lat: 55.7558, Lon: 37.6173},
				Casualties: &content.Casualties{Killed: exact(3), Injured: exact(18)},
			},
		}},
	}
	open := &content.Article{
		Path: "content/open.md", Slug: "russia-open",
		Fields: content.Fields{
			Title: "Russia open to talks", Date: mustDate(t, "2025-03"),
			Kind: "diplomatic", Status: "reported", Summary: "Moscow says it will talk.",
			Actors:     []string{"Russia"},
			Location:   &content.Place{Name: "Moscow", Country: "Russia"},
			Casualties: &content.Casualties{Injured: exact(0)},
		},
	}
	year := &content.Article{
		Path: "content/year.md", Slug: "year-of-war",
		Fields: content.Fields{Title: "A year of war", Date: mustDate(t, "2024"), Kind: "military", Status: "disputed"},
	}
	tl, ds := timeline.New([]*content.Article{talks, open, year}, cfg.KindNames())
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return &Input{
		Config:   &cfg,
		Timeline: tl,
		Summary: func(e *timeline.Entry) string {
			if e.Summary == "" {
				return "From the body."
			}
			return e.Summary
		},
		Pages: []string{cfg.BaseURL + "events/jeddah-talks/", cfg.BaseURL, cfg.BaseURL + "a&b/", cfg.BaseURL},
	}
}

func TestAtom(t *testing.T) {
	s := testSite(t)
	out := Atom(s)
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
			Link    struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Category struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out, &feed); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if feed.Title != s.Config.Title || feed.ID != s.Config.BaseURL || feed.Author.Name != s.Config.Title {
		t.Errorf("feed title/id/author = %q %q %q", feed.Title, feed.ID, feed.Author.Name)
	}
	if len(feed.Entries) != 3 {
		t.Fatalf("%d entries, want feed_entries = 3", len(feed.Entries))
	}
	// Newest first: the timed event (after its day's untimed entry), the
	// article of that day, the month-only article; the year-only one is cut.
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
		if e.ID == "" || e.Updated == "" || e.Link.Rel != "alternate" || !strings.HasPrefix(e.Link.Href, "https://example.org/timeline/") || e.Category.Term == "" {
			t.Errorf("entry %q lacks a required element: %+v", e.Title, e)
		}
	}
	want := []string{"Drones hit oil assets near Moscow", "Talks in Jeddah", "Russia open to talks"}
	if !slices.Equal(titles, want) {
		t.Errorf("entries %q, want %q", titles, want)
	}
	if got := feed.Entries[0]; got.Updated != "2025-03-11T04:30:00+03:00" || got.ID != "https://example.org/timeline/events/jeddah-talks/#moscow-drone-strike" {
		t.Errorf("event entry updated %q id %q", got.Updated, got.ID)
	}
	if got := feed.Entries[2].Updated; got != "2025-03-01T00:00:00Z" {
		t.Errorf("month entry updated %q", got)
	}
	// Feed updated is the latest first instant: the drone strike
	// (01:30Z) is later than the Jeddah day's start (00:00Z).
	if feed.Updated != "2025-03-11T04:30:00+03:00" {
		t.Errorf("feed updated %q", feed.Updated)
	}
	if !bytes.Contains(out, []byte("War &amp; Peace &lt;Timeline&gt;")) {
		t.Errorf("title not escaped:\n%s", out)
	}
}

func TestAtomRelativeBase(t *testing.T) {
	s := testSite(t)
	s.Config.BaseURL = "/"
	s.EntryURL = nil
	out := Atom(s)
	var feed struct {
		ID      string `xml:"id"`
		Entries []struct {
			ID string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out, &feed); err != nil {
		t.Fatal(err)
	}
	for _, id := range append([]string{feed.ID}, feed.Entries[0].ID) {
		if !strings.HasPrefix(id, "urn:uuid:") || len(id) != len("urn:uuid:")+36 {
			t.Errorf("id %q is not an IRI", id)
		}
	}
}

func TestEmptyFeeds(t *testing.T) {
	cfg := config.Default()
	s := &Input{Config: &cfg, Timeline: &timeline.Timeline{}}
	if err := xml.Unmarshal(Atom(s), new(struct{})); err != nil {
		t.Error(err)
	}
	for name, out := range map[string][]byte{"feed": JSONFeed(s), "events": EventsJSON(s).Bytes(), "geo": GeoJSON(s).Bytes(), "tl": TimelineJS(s).Bytes()} {
		if bytes.Contains(out, []byte("null")) {
			t.Errorf("%s: empty lists must be [], got\n%s", name, out)
		}
	}
}

func TestJSONFeed(t *testing.T) {
	s := testSite(t)
	var feed struct {
		Version     string `json:"version"`
		Title       string `json:"title"`
		HomePageURL string `json:"home_page_url"`
		FeedURL     string `json:"feed_url"`
		Items       []struct {
			ID            string   `json:"id"`
			URL           string   `json:"url"`
			Title         string   `json:"title"`
			ContentText   string   `json:"content_text"`
			DatePublished string   `json:"date_published"`
			Tags          []string `json:"tags"`
		} `json:"items"`
	}
	if err := json.Unmarshal(JSONFeed(s), &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Version != "https://jsonfeed.org/version/1.1" || feed.FeedURL != "https://example.org/timeline/feed.json" || feed.HomePageURL != s.Config.BaseURL {
		t.Errorf("feed header %+v", feed)
	}
	if len(feed.Items) != 3 {
		t.Fatalf("%d items", len(feed.Items))
	}
	for _, it := range feed.Items {
		if it.ID == "" || it.URL == "" || it.ContentText == "" || it.DatePublished == "" {
			t.Errorf("item lacks fields: %+v", it)
		}
	}
	if !slices.Equal(feed.Items[1].Tags, []string{"ceasefire", "negotiations"}) {
		t.Errorf("tags %q", feed.Items[1].Tags)
	}
}

func TestSitemapRobots(t *testing.T) {
	s := testSite(t)
	out := Sitemap(s)
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(out, &set); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var locs []string
	for _, u := range set.URLs {
		locs = append(locs, u.Loc)
	}
	want := []string{"https://example.org/timeline/", "https://example.org/timeline/a&b/", "https://example.org/timeline/events/jeddah-talks/"}
	if !slices.Equal(locs, want) {
		t.Errorf("locs %q, want %q", locs, want)
	}
	if got := string(Robots(s)); got != "User-agent: *\nAllow: /\n\nSitemap: https://example.org/timeline/sitemap.xml\n" {
		t.Errorf("robots.txt:\n%s", got)
	}
}

func TestEventsJSON(t *testing.T) {
	s := testSite(t)
	out := EventsJSON(s).Bytes()
	var ev Events
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields() // every key is documented in Entry
	if err := dec.Decode(&ev); err != nil {
		t.Fatal(err)
	}
	if ev.Schema != Schema || ev.BaseURL != s.Config.BaseURL || len(ev.Entries) != 4 {
		t.Fatalf("header %q %q, %d entries", ev.Schema, ev.BaseURL, len(ev.Entries))
	}
	// Round trip: the decoded value encodes to the same bytes.
	head := struct {
		Schema  string `json:"schema"`
		Title   string `json:"title"`
		BaseURL string `json:"base_url"`
	}{ev.Schema, ev.Title, ev.BaseURL}
	if again := marshalRecords(head, "entries", len(ev.Entries), func(i int) (Record, bool) { return ev.Entries[i], true }).Bytes(); !bytes.Equal(again, out) {
		t.Errorf("round trip differs:\n%s\n---\n%s", out, again)
	}
	by := map[string]Record{}
	for _, e := range ev.Entries {
		by[e.Slug] = e
	}
	year, month := by["year-of-war"], by["russia-open"]
	if year.Date != "2024" || year.DatePrecision != "year" || year.Location != nil || year.Casualties.Killed != nil || year.Article != nil {
		t.Errorf("year entry %+v", year)
	}
	if month.Date != "2025-03" || month.DatePrecision != "month" || month.Location.Lat != nil || month.Casualties.Killed != nil || month.Casualties.Injured.Text != "0" || month.Casualties.Injured.Min != 0 {
		t.Errorf("month entry %+v", month)
	}
	if !slices.Equal(month.Related, []string{"jeddah-talks"}) || !slices.Equal(by["jeddah-talks"].Related, []string{"russia-open"}) {
		t.Errorf("related %q %q", month.Related, by["jeddah-talks"].Related)
	}
	talks := by["jeddah-talks"]
	if *talks.End != "2025-03-14" || *talks.EndPrecision != "day" || talks.KindLabel != "Diplomatic" || len(talks.Sources) != 2 || *talks.Sources[0].Date != "2025-03-13" || talks.Sources[1].Date != nil {
		t.Errorf("talks %+v", talks)
	}
	strike := by["moscow-drone-strike"]
	if strike.Article == nil || *strike.Article != "jeddah-talks" || strike.DatePrecision != "time" || strike.Casualties.Killed.Text != "3" || *strike.Location.Lon != 37.6173 {
		t.Errorf("event %+v", strike)
	}
	if strike.URL != "https://example.org/timeline/events/jeddah-talks/#moscow-drone-strike" || len(strike.Sources) != 2 {
		t.Errorf("event url %q sources %d", strike.URL, len(strike.Sources))
	}
	if year.Summary != "From the body." {
		t.Errorf("summary func not used: %q", year.Summary)
	}
	// Keys come in documented order and unknowns are null, not absent.
	if !bytes.Contains(out, []byte(`"end":null,"end_precision":null,`)) {
		t.Errorf("null end missing:\n%s", out)
	}
}

func TestEventsCSV(t *testing.T) {
	s := testSite(t)
	out := EventsCSV(s).Bytes()
	if !bytes.HasSuffix(out, []byte("\r\n")) || bytes.Count(out, []byte("\r\n")) < 5 {
		t.Errorf("want CRLF line ends:\n%q", out)
	}
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := "event_id_cnty,event_date,year,time_precision,date_precision,event_type,actor1,actor2,actors,country,location,latitude,longitude,source,notes,fatalities,kind,status,injured,end_date,tags,url,article," +
		"geo_precision,location_precision,date_qualifier,fatalities_low,fatalities_best,fatalities_high,injured_low,injured_best,injured_high,media_url,media_credit," +
		"attributed_to,publishers,updated,corrections,withdrawn,withdrawn_reason,source_titles,source_publishers,source_urls,source_dates,source_archive_urls,source_archived,source_url_status,source_quotes,source_types"
	if got := strings.Join(recs[0], ","); got != header {
		t.Errorf("header\n%s\nwant\n%s", got, header)
	}
	if len(recs) != 5 {
		t.Fatalf("%d records", len(recs))
	}
	rows := map[string]map[string]string{}
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows[m["event_id_cnty"]] = m
	}
	want := map[string]map[string]string{
		"year-of-war": {"event_date": "2024", "year": "2024", "time_precision": "3", "date_precision": "year", "fatalities": "", "latitude": "", "article": ""},
		"russia-open": {"event_date": "2025-03", "time_precision": "3", "date_precision": "month", "fatalities": "", "injured": "0", "location": "Moscow", "country": "Russia", "latitude": ""},
		"jeddah-talks": {
			"event_date": "2025-03-11", "time_precision": "1", "end_date": "2025-03-14", "event_type": "Diplomatic", "kind": "diplomatic",
			"actor1": "United States", "actor2": "Ukraine", "actors": "United States; Ukraine; Saudi Arabia",
			"notes":  "US and Ukrainian officials meet, agree \"ceasefire\" plan,\nthen leave.", // comma, quote and newline round-trip
			"source": "Example News; Other Wire", "tags": "ceasefire; negotiations", "latitude": "21.5433", "longitude": "39.1728",
			"status": "confirmed", "url": "https://example.org/timeline/events/jeddah-talks/",
		},
		"moscow-drone-strike": {"event_date": "2025-03-11T04:30:00+03:00", "time_precision": "1", "date_precision": "time", "fatalities": "3", "injured": "18", "article": "jeddah-talks", "event_type": "Military"},
	}
	for slug, cols := range want {
		for col, v := range cols {
			if got := rows[slug][col]; got != v {
				t.Errorf("%s %s = %q, want %q", slug, col, got, v)
			}
		}
	}
}

func TestGeoJSON(t *testing.T) {
	s := testSite(t)
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(GeoJSON(s).Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("type %q, %d features (want the 2 with coordinates)", fc.Type, len(fc.Features))
	}
	for _, f := range fc.Features {
		if f.Type != "Feature" || f.Geometry.Type != "Point" {
			t.Errorf("feature %+v", f)
		}
		switch f.Properties["slug"] {
		case "jeddah-talks":
			if !slices.Equal(f.Geometry.Coordinates, []float64{39.1728, 21.5433}) {
				t.Errorf("jeddah coordinates %v, want [lon, lat]", f.Geometry.Coordinates)
			}
			if f.Properties["killed"] != nil || f.Properties["place"] != "Jeddah" {
				t.Errorf("jeddah properties %v", f.Properties)
			}
		case "moscow-drone-strike":
			if !slices.Equal(f.Geometry.Coordinates, []float64{37.6173, 55.7558}) || f.Properties["killed"].(map[string]any)["text"] != "3" {
				t.Errorf("strike %v %v", f.Geometry.Coordinates, f.Properties)
			}
		default:
			t.Errorf("unexpected feature %v", f.Properties["slug"])
		}
	}
}

func TestTimelineJS(t *testing.T) {
	s := testSite(t)
	var tl struct {
		Title struct {
			Text map[string]string `json:"text"`
		} `json:"title"`
		Events []struct {
			StartDate map[string]string `json:"start_date"`
			EndDate   map[string]string `json:"end_date"`
			Text      map[string]string `json:"text"`
			Group     string            `json:"group"`
			UniqueID  string            `json:"unique_id"`
		} `json:"events"`
	}
	if err := json.Unmarshal(TimelineJS(s).Bytes(), &tl); err != nil {
		t.Fatal(err)
	}
	if tl.Title.Text["headline"] != "War &amp; Peace &lt;Timeline&gt;" {
		t.Errorf("title %v", tl.Title.Text)
	}
	by := map[string]int{}
	for i, e := range tl.Events {
		by[e.UniqueID] = i
	}
	if len(by) != 4 {
		t.Fatalf("events %v", by)
	}
	want := map[string]map[string]string{
		"year-of-war":         {"year": "2024", "display_date": "2024"},
		"russia-open":         {"year": "2025", "month": "3", "display_date": "March 2025"},
		"jeddah-talks":        {"year": "2025", "month": "3", "day": "11", "display_date": "11 March 2025"},
		"moscow-drone-strike": {"year": "2025", "month": "3", "day": "11", "hour": "4", "minute": "30", "display_date": "11 March 2025, 04:30 UTC+03:00"},
	}
	for slug, w := range want {
		if got := tl.Events[by[slug]].StartDate; !reflect.DeepEqual(got, w) {
			t.Errorf("%s start_date %v, want %v", slug, got, w)
		}
	}
	talks := tl.Events[by["jeddah-talks"]]
	if talks.EndDate["day"] != "14" || talks.Group != "Diplomatic" {
		t.Errorf("talks %+v", talks)
	}
	if tl.Events[by["russia-open"]].EndDate != nil {
		t.Error("end_date without end")
	}
	if txt := talks.Text["text"]; !strings.Contains(txt, "agree &#34;ceasefire&#34; plan") || !strings.Contains(txt, `<a href="https://example.org/timeline/events/jeddah-talks/">`) {
		t.Errorf("text %q", txt)
	}
}

func TestDeterministic(t *testing.T) {
	for name, f := range map[string]func(*Input) []byte{
		"atom": Atom, "jsonfeed": JSONFeed, "sitemap": Sitemap, "robots": Robots,
		"events.json": bytesOf(EventsJSON), "events.csv": bytesOf(EventsCSV), "geojson": bytesOf(GeoJSON), "timelinejs": bytesOf(TimelineJS),
	} {
		a, b := f(testSite(t)), f(testSite(t))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between runs", name)
		}
	}
}

func bytesOf(f func(*Input) File) func(*Input) []byte {
	return func(s *Input) []byte { return f(s).Bytes() }
}

func TestSitemapIndexPastTheProtocolLimit(t *testing.T) {
	s := &Input{Config: &config.Config{BaseURL: "https://example.org/t/"}}
	for i := range MaxSitemapURLs + 10 {
		s.Pages = append(s.Pages, fmt.Sprintf("https://example.org/t/events/e%06d/", i))
	}
	if SitemapParts(s) != 2 {
		t.Fatalf("parts = %d", SitemapParts(s))
	}
	var index struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(Sitemap(s), &index); err != nil || len(index.Sitemaps) != 2 || index.Sitemaps[1].Loc != "https://example.org/t/sitemaps/2.xml" {
		t.Fatalf("index %+v, %v", index, err)
	}
	var part struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(SitemapPart(s, 2), &part); err != nil || len(part.URLs) != 10 {
		t.Fatalf("part 2 has %d URLs, %v", len(part.URLs), err)
	}
}

// A text cell a spreadsheet would run as a formula is written with a
// leading ', as OWASP advises; numbers the program writes, such as a
// negative longitude, and the JSON export stay exact.
func TestEventsCSVNeutralisesFormulas(t *testing.T) {
	s := testSite(t)
	talks, _ := s.Timeline.Lookup("jeddah-talks")
	talks.Article.Tags = []string{`=HYPERLINK("http://evil.example/","x")`}
	talks.Actors = []string{"+cmd|' /C calc'!A0", "@SUM(1+1)", "\tTab", "Plain - not a formula"}
	talks.Summary = "-2+3"
	talks.Location.Lon = -3.5
	recs, err := csv.NewReader(bytes.NewReader(EventsCSV(s).Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	row := map[string]string{}
	for _, r := range recs[1:] {
		if r[0] == "jeddah-talks" {
			for i, h := range recs[0] {
				row[h] = r[i]
			}
		}
	}
	want := map[string]string{
		"tags":      `'=HYPERLINK("http://evil.example/","x")`,
		"actor1":    "'+cmd|' /C calc'!A0",
		"actor2":    "'@SUM(1+1)",
		"actors":    "'+cmd|' /C calc'!A0; @SUM(1+1); \tTab; Plain - not a formula",
		"notes":     "'-2+3",
		"longitude": "-3.5",
		"latitude":  "21.5433",
	}
	for col, v := range want {
		if got := row[col]; got != v {
			t.Errorf("%s = %q, want %q", col, got, v)
		}
	}
	// A CSV reader drops a lone carriage return: checked on the cell.
	if got := formulaSafe("\r=1+1"); got != "'\r=1+1" {
		t.Errorf("formulaSafe(CR) = %q", got)
	}
	if js := EventsJSON(s).Bytes(); !bytes.Contains(js, []byte(`"tags":["=HYPERLINK(\"http://evil.example/\",\"x\")"]`)) || !bytes.Contains(js, []byte(`"summary":"-2+3"`)) {
		t.Errorf("events.json must keep the text exact:\n%s", js)
	}
}

// A data file is written as it is made: what reaches the writer is the
// file, and the writer's error is the file's.
func TestDataFilesAreWrittenAsMade(t *testing.T) {
	s := testSite(t)
	full := errors.New("no space left on device")
	for name, f := range map[string]File{"events.json": EventsJSON(s), "events.csv": EventsCSV(s), "geojson": GeoJSON(s), "timelinejs": TimelineJS(s)} {
		var b bytes.Buffer
		if err := f(&b); err != nil || !bytes.Equal(b.Bytes(), f.Bytes()) {
			t.Errorf("%s: written %q (%v), made %q", name, b.Bytes(), err, f.Bytes())
		}
		if err := f(failing{full}); !errors.Is(err, full) {
			t.Errorf("%s: a failing writer gives %v", name, err)
		}
	}
}

type failing struct{ err error }

func (f failing) Write([]byte) (int, error) { return 0, f.err }

// A file larger than what is made before it is written is written whole,
// in order.
func TestRecordsPastAFlushAreAllWritten(t *testing.T) {
	items := make([]string, 3*flushAt/100)
	for i := range items {
		items[i] = fmt.Sprintf("%06d %s", i, strings.Repeat("x", 90))
	}
	out := marshalRecords(struct {
		Title string `json:"title"`
	}{"t"}, "items", len(items), func(i int) (string, bool) { return items[i], i%7 != 3 }).Bytes()
	var got struct {
		Title string   `json:"title"`
		Items []string `json:"items"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, s := range items {
		if i%7 != 3 {
			want = append(want, s)
		}
	}
	if got.Title != "t" || !slices.Equal(got.Items, want) {
		t.Errorf("%d items written of %d", len(got.Items), len(want))
	}
}
