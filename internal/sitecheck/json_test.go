package sitecheck

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/export"
)

// strictJSON decodes b into v, rejecting unknown fields and trailing data.
func strictJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("data after the value")
	}
	return nil
}

// objectKeys is the keys of each JSON object in a list, in order.
func objectKeys(raw []json.RawMessage) ([][]string, error) {
	var out [][]string
	for _, r := range raw {
		d := json.NewDecoder(bytes.NewReader(r))
		if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
			return nil, fmt.Errorf("not an object: %.80s", r)
		}
		var keys []string
		for d.More() {
			tok, err := d.Token()
			if err != nil {
				return nil, err
			}
			keys = append(keys, tok.(string))
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				return nil, err
			}
		}
		out = append(out, keys)
	}
	return out, nil
}

// jsonKeys is the json names of a struct type's fields, in order.
func jsonKeys(v any) []string {
	var out []string
	t := reflect.TypeOf(v)
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}

var (
	datePrecision = map[string]*regexp.Regexp{
		"year":  regexp.MustCompile(`^-?\d{4}$`),
		"month": regexp.MustCompile(`^-?\d{4}-(0[1-9]|1[0-2])$`),
		"day":   regexp.MustCompile(`^-?\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`),
		"time":  regexp.MustCompile(`^-?\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$`),
	}
	statuses = []string{"confirmed", "reported", "disputed"}
)

// checkDate reports a date that is not of its stated precision.
func (c *checker) checkDate(where, date, precision string) {
	re, ok := datePrecision[precision]
	switch {
	case !ok:
		c.errorf("%s: precision %q is not year, month, day or time", where, precision)
	case !re.MatchString(date):
		c.errorf("%s: %q is not a date of precision %s", where, date, precision)
	}
}

// listed are the entries of events.json that the timeline lists: all but
// the withdrawn, which the map, the search and timeline.json leave out.
func listed(ev export.Events) []export.Record {
	var out []export.Record
	for _, e := range ev.Entries {
		if e.Withdrawn == nil {
			out = append(out, e)
		}
	}
	return out
}

// loadEvents decodes events.json strictly into export.Events, or fails.
func loadEvents(t *testing.T, s *site) export.Events {
	t.Helper()
	var ev export.Events
	if err := strictJSON(s.files["data/events.json"], &ev); err != nil {
		t.Fatalf("data/events.json does not decode into export.Events: %v", err)
	}
	return ev
}

// TestEventsJSON checks /data/events.json against its documentation in
// internal/export: it decodes strictly into export.Events; every entry has
// every key, in the documented order; values are of their documented
// forms; every url names a page (and anchor) of the site; article and
// related name entries.
func TestEventsJSON(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		c := &checker{file: "data/events.json"}
		cr := s.crawl()
		ev := loadEvents(t, s)
		var raw struct {
			Entries []json.RawMessage `json:"entries"`
		}
		if err := json.Unmarshal(s.files["data/events.json"], &raw); err != nil {
			t.Fatal(err)
		}
		top, err := objectKeys([]json.RawMessage{s.files["data/events.json"]})
		if err != nil {
			t.Fatal(err)
		}
		if want := jsonKeys(export.Events{}); !slices.Equal(top[0], want) {
			c.errorf("keys %v, want %v", top[0], want)
		}
		keys, err := objectKeys(raw.Entries)
		if err != nil {
			t.Fatal(err)
		}
		want := jsonKeys(export.Record{})
		if len(s.prefixes()) == 1 { // translations are left out on a site of one language
			want = slices.DeleteFunc(want, func(k string) bool { return k == "translations" })
		}
		for i, k := range keys {
			if !slices.Equal(k, want) {
				c.errorf("entry %d: keys %v, want %v", i+1, k, want)
			}
		}
		if ev.Schema != export.Schema {
			c.errorf("schema %q, want %q", ev.Schema, export.Schema)
		}
		if ev.BaseURL != s.base {
			c.errorf("base_url %q, want %q", ev.BaseURL, s.base)
		}
		if ev.Title != s.config(t).Title {
			c.errorf("title %q, want %q", ev.Title, s.config(t).Title)
		}
		kinds := map[string]string{}
		for _, k := range s.config(t).Kinds {
			kinds[k.Name] = k.Label
		}
		slugs := map[string]*export.Record{}
		for i := range ev.Entries {
			e := &ev.Entries[i]
			if e.Slug == "" || slugs[e.Slug] != nil {
				c.errorf("entry %d: slug %q empty or repeated", i+1, e.Slug)
			}
			slugs[e.Slug] = e
		}
		if len(ev.Entries) == 0 {
			c.errorf("no entries")
		}
		for i := range ev.Entries {
			e := &ev.Entries[i]
			where := "entry " + e.Slug
			file := c.onSite(cr, where+" url", e.URL)
			if e.Article == nil && !strings.HasPrefix(file, "events/") {
				c.errorf("%s: url %q is not an article page", where, e.URL)
			}
			if strings.TrimSpace(e.Title) == "" {
				c.errorf("%s: empty title", where)
			}
			c.checkDate(where+" date", e.Date, e.DatePrecision)
			switch {
			case (e.End == nil) != (e.EndPrecision == nil):
				c.errorf("%s: end %v and end_precision %v: both or neither", where, e.End, e.EndPrecision)
			case e.End != nil:
				c.checkDate(where+" end", *e.End, *e.EndPrecision)
			}
			if label, ok := kinds[e.Kind]; !ok || label != e.KindLabel {
				c.errorf("%s: kind %q, kind_label %q: not a kind of timeline.yaml", where, e.Kind, e.KindLabel)
			}
			if !slices.Contains(statuses, e.Status) {
				c.errorf("%s: status %q", where, e.Status)
			}
			if e.Actors == nil || e.Tags == nil || e.Sources == nil || e.Related == nil {
				c.errorf("%s: a list is null, not []", where)
			}
			if l := e.Location; l != nil {
				if (l.Lat == nil) != (l.Lon == nil) {
					c.errorf("%s: only one of lat and lon", where)
				}
				if l.Lat != nil && l.Lon != nil && (*l.Lat < -90 || *l.Lat > 90 || *l.Lon < -180 || *l.Lon > 180) {
					c.errorf("%s: lat %v, lon %v out of range", where, *l.Lat, *l.Lon)
				}
			}
			for _, f := range []*export.Figure{e.Casualties.Killed, e.Casualties.Injured} {
				switch {
				case f == nil:
				case f.Min < 0:
					c.errorf("%s: negative casualties", where)
				case f.Best != nil && *f.Best < f.Min, f.Max != nil && *f.Max < f.Min, f.Best != nil && f.Max != nil && *f.Best > *f.Max:
					c.errorf("%s: casualties not min ≤ best ≤ max: %+v", where, f)
				case f.Text == "":
					c.errorf("%s: casualty figure without text", where)
				}
			}
			if l := e.Location; l != nil && !slices.Contains([]string{"exact", "town", "district", "region", "country"}, l.Precision) {
				c.errorf("%s: location precision %q", where, l.Precision)
			}
			for _, src := range e.Sources {
				if src.URL != "" {
					c.absolute(where+" source url", src.URL)
				}
				if src.Date != nil && !datePrecision["year"].MatchString(*src.Date) && !datePrecision["month"].MatchString(*src.Date) &&
					!datePrecision["day"].MatchString(*src.Date) && !datePrecision["time"].MatchString(*src.Date) {
					c.errorf("%s: source date %q", where, *src.Date)
				}
			}
			if e.Article != nil {
				if a := slugs[*e.Article]; a == nil || a.Article != nil {
					c.errorf("%s: article %q is not an article's entry", where, *e.Article)
				}
			}
			for _, r := range e.Related {
				if slugs[r] == nil || r == e.Slug {
					c.errorf("%s: related %q is not another entry", where, r)
				}
			}
		}
		report(t, "events.json", c.problems)
		t.Logf("%d entries", len(ev.Entries))
	})
}

// csvColumns is /data/events.csv's header, as documented in internal/export.
var csvColumns = []string{"event_id_cnty", "event_date", "year", "time_precision", "date_precision", "event_type",
	"actor1", "actor2", "actors", "country", "location", "latitude", "longitude", "source", "notes", "fatalities",
	"kind", "status", "injured", "end_date", "tags", "url", "article",
	"geo_precision", "location_precision", "date_qualifier", "fatalities_low", "fatalities_best", "fatalities_high",
	"injured_low", "injured_best", "injured_high", "media_url", "media_credit",
	"attributed_to", "publishers", "updated", "corrections", "withdrawn", "withdrawn_reason",
	"source_titles", "source_publishers", "source_urls", "source_dates", "source_archive_urls",
	"source_archived", "source_url_status", "source_quotes", "source_types"}

func opt(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func withdrawnDate(w *export.Withdrawn) string {
	if w == nil {
		return ""
	}
	return w.Date
}

// joinSources is a source_ column: one item a source, joined with " | ".
func joinSources(ss []export.Source, f func(export.Source) string) string {
	items := make([]string, len(ss))
	for i, s := range ss {
		items[i] = f(s)
	}
	return strings.Join(items, " | ")
}

// TestEventsCSV parses /data/events.csv as RFC 4180 (CRLF line ends, a
// header row of the documented columns) and checks each row against its
// entry of events.json.
func TestEventsCSV(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		c := &checker{file: "data/events.csv"}
		b := s.files["data/events.csv"]
		ev := loadEvents(t, s)
		r := csv.NewReader(bytes.NewReader(b))
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("data/events.csv does not parse: %v", err)
		}
		if !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
			c.errorf("line ends are not all CRLF")
		}
		if len(rows) == 0 || !slices.Equal(rows[0], csvColumns) {
			t.Fatalf("data/events.csv: header %v, want %v", rows[0], csvColumns)
		}
		rows = rows[1:]
		if len(rows) != len(ev.Entries) {
			c.errorf("%d rows, want %d, one an entry of events.json", len(rows), len(ev.Entries))
		}
		col := map[string]int{}
		for i, name := range csvColumns {
			col[name] = i
		}
		// ACLED's fatalities are conservative: the best figure, else the
		// minimum.
		num := func(f *export.Figure) string {
			switch {
			case f == nil:
				return ""
			case f.Best != nil:
				return strconv.Itoa(*f.Best)
			}
			return strconv.Itoa(f.Min)
		}
		for i, row := range rows {
			if i >= len(ev.Entries) {
				break
			}
			e := ev.Entries[i]
			get := func(name string) string { return row[col[name]] }
			for name, want := range map[string]string{
				"event_id_cnty":       e.Slug,
				"event_date":          e.Date,
				"year":                strings.SplitN(strings.TrimPrefix(e.Date, "-"), "-", 2)[0],
				"date_precision":      e.DatePrecision,
				"event_type":          e.KindLabel,
				"notes":               e.Summary,
				"fatalities":          num(e.Casualties.Killed),
				"injured":             num(e.Casualties.Injured),
				"kind":                e.Kind,
				"status":              e.Status,
				"url":                 e.URL,
				"actors":              strings.Join(e.Actors, "; "),
				"tags":                strings.Join(e.Tags, "; "),
				"attributed_to":       strings.Join(e.AttributedTo, "; "),
				"publishers":          strconv.Itoa(e.Publishers),
				"updated":             opt(e.Updated),
				"withdrawn":           withdrawnDate(e.Withdrawn),
				"source_urls":         joinSources(e.Sources, func(s export.Source) string { return s.URL }),
				"source_archive_urls": joinSources(e.Sources, func(s export.Source) string { return s.ArchiveURL }),
				"source_url_status":   joinSources(e.Sources, func(s export.Source) string { return s.URLStatus }),
			} {
				if got := get(name); got != want && !(name == "year" && strings.HasPrefix(e.Date, "-")) {
					c.errorf("row %d (%s): %s %q, want %q", i+2, e.Slug, name, got, want)
				}
			}
			tp := map[string]string{"day": "1", "time": "1", "month": "3", "year": "3"}[e.DatePrecision]
			if tp == "1" && e.DateQualifier != nil && strings.HasPrefix(*e.DateQualifier, "approximate") {
				tp = "2" // within a week
			}
			if get("time_precision") != tp {
				c.errorf("row %d (%s): time_precision %q, want %q", i+2, e.Slug, get("time_precision"), tp)
			}
		}
		report(t, "events.csv", c.problems)
	})
}

// TestEventsGeoJSON checks /data/events.geojson as RFC 7946: a
// FeatureCollection of Point features, [longitude, latitude], one for each
// entry of events.json with coordinates, in order, with the documented
// properties.
func TestEventsGeoJSON(t *testing.T) {
	type feature struct {
		Type     string `json:"type"`
		ID       string `json:"id"`
		Geometry struct {
			Type        string    `json:"type"`
			Coordinates []float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	forEachSite(t, func(t *testing.T, s *site) {
		c := &checker{file: "data/events.geojson"}
		var fc struct {
			Type     string    `json:"type"`
			Features []feature `json:"features"`
		}
		if err := strictJSON(s.files["data/events.geojson"], &fc); err != nil {
			t.Fatalf("data/events.geojson: %v", err)
		}
		if fc.Type != "FeatureCollection" || fc.Features == nil {
			c.errorf("type %q, features %v: want a FeatureCollection", fc.Type, fc.Features)
		}
		var want []export.Record
		for _, e := range listed(loadEvents(t, s)) {
			if e.Location != nil && e.Location.Lat != nil && e.Location.Lon != nil {
				want = append(want, e)
			}
		}
		if len(fc.Features) != len(want) {
			c.errorf("%d features, want %d: the entries with coordinates", len(fc.Features), len(want))
		}
		props := []string{"slug", "title", "date", "date_precision", "kind", "status", "url", "place", "country", "killed", "injured", "publishers", "attributed_to", "updated"}
		for i, f := range fc.Features {
			where := fmt.Sprintf("feature %d (%s)", i+1, f.ID)
			if f.Type != "Feature" || f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 {
				c.errorf("%s: not a Feature with a Point of two coordinates", where)
				continue
			}
			for _, p := range props {
				if _, ok := f.Properties[p]; !ok {
					c.errorf("%s: no property %q", where, p)
				}
			}
			if i < len(want) {
				e := want[i]
				if f.ID != e.Slug || f.Properties["slug"] != e.Slug || f.Properties["url"] != e.URL {
					c.errorf("%s: want entry %s (%s)", where, e.Slug, e.URL)
				}
				if f.Geometry.Coordinates[0] != *e.Location.Lon || f.Geometry.Coordinates[1] != *e.Location.Lat {
					c.errorf("%s: coordinates %v, want [lon %v, lat %v]", where, f.Geometry.Coordinates, *e.Location.Lon, *e.Location.Lat)
				}
			}
		}
		report(t, "events.geojson", c.problems)
		t.Logf("%d features", len(fc.Features))
	})
}

// TestJSONFeed checks feed.json against JSON Feed 1.1: only the spec's
// keys (or extensions starting with "_"), version, title, home_page_url
// and feed_url on the site, items each with a unique id, content_html or
// content_text, an RFC 3339 date_published and a url to a page of the
// site; the same entries as feed.xml, in the same order.
func TestJSONFeed(t *testing.T) {
	topKeys := []string{"version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon", "authors", "author", "language", "expired", "hubs", "items"}
	itemKeys := []string{"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image", "date_published", "date_modified", "authors", "author", "tags", "language", "attachments"}
	forEachSite(t, func(t *testing.T, s *site) {
		c := &checker{file: "feed.json"}
		cr := s.crawl()
		var feed map[string]json.RawMessage
		if err := json.Unmarshal(s.files["feed.json"], &feed); err != nil {
			t.Fatalf("feed.json does not parse: %v", err)
		}
		for k := range feed {
			if !slices.Contains(topKeys, k) && !strings.HasPrefix(k, "_") {
				c.errorf("unknown top-level key %q (extensions start with _)", k)
			}
		}
		var f struct {
			Version     string `json:"version"`
			Title       string `json:"title"`
			HomePageURL string `json:"home_page_url"`
			FeedURL     string `json:"feed_url"`
			Authors     []struct {
				Name, URL, Avatar string
			} `json:"authors"`
			Items []map[string]json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(s.files["feed.json"], &f); err != nil {
			t.Fatalf("feed.json: %v", err)
		}
		if f.Version != "https://jsonfeed.org/version/1.1" {
			c.errorf("version %q", f.Version)
		}
		if f.Title == "" {
			c.errorf("no title")
		}
		if f.HomePageURL != s.base {
			c.errorf("home_page_url %q, want %q", f.HomePageURL, s.base)
		}
		if f.FeedURL != s.base+"feed.json" {
			c.errorf("feed_url %q, want %q", f.FeedURL, s.base+"feed.json")
		}
		for _, a := range f.Authors {
			if a.Name == "" && a.URL == "" && a.Avatar == "" {
				c.errorf("an author with neither name, url nor avatar")
			}
		}
		if f.Items == nil {
			c.errorf("no items array")
		}
		if max := feedEntries(t, s); len(f.Items) > max {
			c.errorf("%d items, more than feed_entries %d", len(f.Items), max)
		}
		ids := map[string]bool{}
		var order []string
		for i, item := range f.Items {
			where := fmt.Sprintf("item %d", i+1)
			for k := range item {
				if !slices.Contains(itemKeys, k) && !strings.HasPrefix(k, "_") {
					c.errorf("%s: unknown key %q", where, k)
				}
			}
			str := func(k string) (string, bool) {
				raw, ok := item[k]
				if !ok {
					return "", false
				}
				var v string
				if err := json.Unmarshal(raw, &v); err != nil {
					c.errorf("%s: %s is not a string: %s", where, k, raw)
				}
				return v, true
			}
			id, _ := str("id")
			if id == "" || ids[id] {
				c.errorf("%s: id %q empty or repeated", where, id)
			}
			ids[id] = true
			order = append(order, id)
			_, h := str("content_html")
			_, txt := str("content_text")
			if !h && !txt {
				c.errorf("%s: neither content_html nor content_text", where)
			}
			if u, ok := str("url"); ok {
				c.onSite(cr, where+" url", u)
			}
			for _, k := range []string{"date_published", "date_modified"} {
				if d, ok := str(k); ok {
					c.rfc3339(where+" "+k, d)
				}
			}
			if raw, ok := item["tags"]; ok {
				var tags []string
				if err := json.Unmarshal(raw, &tags); err != nil {
					c.errorf("%s: tags is not a list of strings", where)
				}
			}
		}
		atom, err := parseXML(s.files["feed.xml"])
		if err != nil {
			t.Fatalf("feed.xml: %v", err)
		}
		var atomIDs []string
		for _, e := range atom.all(atomNS, "entry") {
			for _, id := range e.all(atomNS, "id") {
				atomIDs = append(atomIDs, strings.TrimSpace(id.Text))
			}
		}
		if !slices.Equal(order, atomIDs) {
			c.errorf("items %v differ from feed.xml's entries %v", order, atomIDs)
		}
		report(t, "JSON Feed", c.problems)
		t.Logf("%d items", len(f.Items))
	})
}

// TestTimelineJSONShape checks /data/timeline.json without a browser: the
// TimelineJS3 keys, a title slide, one event for each entry of events.json
// with its slug as unique_id, its kind's label as group, its title
// (HTML-escaped) as headline and a start_date with a year.
func TestTimelineJSONShape(t *testing.T) {
	type date struct {
		Year, Month, Day, Hour, Minute, Second, Millisecond string
		DisplayDate                                         string `json:"display_date"`
	}
	type text struct{ Headline, Text string }
	forEachSite(t, func(t *testing.T, s *site) {
		c := &checker{file: "data/timeline.json"}
		var tl struct {
			Title *struct {
				Text text `json:"text"`
			} `json:"title"`
			Events []struct {
				StartDate *date  `json:"start_date"`
				EndDate   *date  `json:"end_date"`
				Text      text   `json:"text"`
				Group     string `json:"group"`
				UniqueID  string `json:"unique_id"`
				Media     *struct {
					URL, Caption, Credit, Thumbnail, Alt, Link string
				} `json:"media"`
			} `json:"events"`
		}
		if err := strictJSON(s.files["data/timeline.json"], &tl); err != nil {
			t.Fatalf("data/timeline.json: %v", err)
		}
		ev := loadEvents(t, s)
		if tl.Title == nil || tl.Title.Text.Headline != html.EscapeString(ev.Title) {
			c.errorf("no title slide with the site's title")
		}
		if n := len(listed(ev)); len(tl.Events) != n {
			c.errorf("%d events, want %d: every entry but the withdrawn", len(tl.Events), n)
		}
		bySlug := map[string]export.Record{}
		for _, e := range ev.Entries {
			bySlug[e.Slug] = e
		}
		seen := map[string]bool{}
		for i, e := range tl.Events {
			where := fmt.Sprintf("event %d (%s)", i+1, e.UniqueID)
			if seen[e.UniqueID] {
				c.errorf("%s: unique_id repeated", where)
			}
			seen[e.UniqueID] = true
			want, ok := bySlug[e.UniqueID]
			if !ok {
				c.errorf("%s: unique_id is not an entry's slug", where)
				continue
			}
			if e.StartDate == nil || e.StartDate.Year == "" {
				c.errorf("%s: no start_date.year", where)
			}
			if e.Text.Headline != html.EscapeString(want.Title) {
				c.errorf("%s: headline %q, want %q", where, e.Text.Headline, html.EscapeString(want.Title))
			}
			if e.Group != want.KindLabel {
				c.errorf("%s: group %q, want %q", where, e.Group, want.KindLabel)
			}
			if (e.EndDate != nil) != (want.End != nil) {
				c.errorf("%s: end_date %v, events.json end %v", where, e.EndDate, want.End)
			}
			// The media slot is the first media that is not sensitive.
			var shown *export.Media
			for i := range want.Media {
				if !want.Media[i].Sensitive {
					shown = &want.Media[i]
					break
				}
			}
			switch {
			case (e.Media != nil) != (shown != nil):
				c.errorf("%s: media %v, want %v", where, e.Media, shown)
			case shown != nil && (e.Media.URL != shown.URL || e.Media.Credit != html.EscapeString(shown.Credit) || e.Media.Thumbnail != shown.Thumbnail):
				c.errorf("%s: media %+v, want %+v", where, *e.Media, *shown)
			}
		}
		report(t, "timeline.json", c.problems)
	})
}
