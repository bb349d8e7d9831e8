package export

import (
	"cmp"
	"encoding/csv"
	"html"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Schema is the version of /data/events.json, its "schema" key. It
// changes only when a field is removed or changes meaning; fields may be
// added within a version.
const Schema = "timelinegen-events/2"

// Events is /data/events.json. The package documentation describes every
// field.
type Events struct {
	Schema  string   `json:"schema"`
	Title   string   `json:"title"`
	BaseURL string   `json:"base_url"`
	Entries []Record `json:"entries"`
}

// Record is one entry of /data/events.json. Unknown values are null, empty
// lists [].
type Record struct {
	Slug          string           `json:"slug"`           // article slug or event id
	URL           string           `json:"url"`            // absolute URL of the entry
	Title         string           `json:"title"`          // headline
	Date          string           `json:"date"`           // "2025", "2025-03", "2025-03-11" or RFC 3339, without qualifier
	DatePrecision string           `json:"date_precision"` // year, month, day or time
	DateQualifier *string          `json:"date_qualifier"` // approximate, uncertain or approximate-uncertain; null if sure
	DateText      string           `json:"date_text"`      // as shown: "c. 11 March 2025"
	End           *string          `json:"end"`            // end of a span, same forms; null if none
	EndPrecision  *string          `json:"end_precision"`  // precision of end; null if none
	EndQualifier  *string          `json:"end_qualifier"`  // qualifier of end; null if none or sure
	Kind          string           `json:"kind"`           // kind name
	KindLabel     string           `json:"kind_label"`     // kind label
	Status        string           `json:"status"`         // confirmed, reported or disputed
	Summary       string           `json:"summary"`        // as shown on the site
	Actors        []string         `json:"actors"`         // parties involved
	Location      *Location        `json:"location"`       // null if none
	Casualties    RecordCasualties `json:"casualties"`     // each figure null when not reported
	Tags          []string         `json:"tags"`           // the article's tags
	Sources       []Source         `json:"sources"`        // the article's sources
	Article       *string          `json:"article"`        // reporting article's slug for an event; null otherwise
	Related       []string         `json:"related"`        // related entries' slugs, timeline order
	AttributedTo  []string         `json:"attributed_to"`  // whose claim it is
	Publishers    int              `json:"publishers"`     // independent publishers of its sources
	Updated       *string          `json:"updated"`        // when it last changed; null if never
	Corrections   []Correction     `json:"corrections"`    // oldest first
	Withdrawn     *Withdrawn       `json:"withdrawn"`      // null unless withdrawn
	Media         []Media          `json:"media"`          // photos and videos
	// Translations are the entry in the site's other languages, by code;
	// left out on a site of one language.
	Translations map[string]Translation `json:"translations,omitempty"`
}

// Correction is a dated correction of an entry.
type Correction struct {
	Date string `json:"date"`
	Text string `json:"text"`
}

// Withdrawn says when and why an entry was withdrawn.
type Withdrawn struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

// Location is where an entry happened.
type Location struct {
	Name    string   `json:"name"`
	Country string   `json:"country"`
	Lat     *float64 `json:"lat"` // WGS 84 degrees; null when not given
	Lon     *float64 `json:"lon"`
	// Precision is exact, town, district, region or country.
	Precision string `json:"precision"`
}

// RecordCasualties are people killed and injured; null when not reported.
type RecordCasualties struct {
	Killed  *Figure `json:"killed"`
	Injured *Figure `json:"injured"`
}

// Figure is a casualty figure: min always, best and max null when not
// reported ({min} is "at least"), text as the site shows it. An exact
// count has min = best = max.
type Figure struct {
	Min  int    `json:"min"`
	Best *int   `json:"best"`
	Max  *int   `json:"max"`
	Text string `json:"text"`
}

func figure(f *casualty.Figure) *Figure {
	if f == nil {
		return nil
	}
	return &Figure{Min: f.Min, Best: f.BestPtr(), Max: f.MaxPtr(), Text: f.Text()}
}

func qualifier(d *date.Date) *string {
	if d == nil || d.Qualifier == date.Sure {
		return nil
	}
	q := d.Qualifier.String()
	return &q
}

// Source is where the editors got an entry from.
type Source struct {
	Title     string  `json:"title"`
	Publisher string  `json:"publisher"`
	URL       string  `json:"url"`
	Date      *string `json:"date"` // at its precision; null if not given
	// ArchiveURL is an archived copy of URL, made on Archived.
	ArchiveURL string  `json:"archive_url"`
	Archived   *string `json:"archived"`
	URLStatus  string  `json:"url_status"` // live, dead or unfit
	Quote      string  `json:"quote"`
	Type       string  `json:"type"` // primary, secondary or ""
}

// entry is e as an events.json Entry.
func (s *Input) entry(e *timeline.Entry) Record {
	x := Record{
		Slug:          e.Slug,
		URL:           s.entryURL(e),
		Title:         e.Title,
		Date:          e.Date.String(),
		DatePrecision: e.Date.Precision.String(),
		DateQualifier: qualifier(&e.Date),
		DateText:      e.Date.Display(),
		End:           dateString(e.End),
		EndPrecision:  precisionString(e.End),
		EndQualifier:  qualifier(e.End),
		Kind:          e.Kind,
		KindLabel:     s.kindLabel(e.Kind),
		Status:        e.Status,
		Summary:       s.summary(e),
		Actors:        nonNil(slices.Clone(e.Actors)),
		Tags:          nonNil(slices.Clone(e.Tags())),
		Sources:       []Source{},
		Related:       []string{},
		Media:         s.media(e),
		AttributedTo:  nonNil(slices.Clone(e.AttributedTo)),
		Publishers:    e.Publishers(),
		Updated:       dateString(e.Modified()),
		Corrections:   []Correction{},
	}
	for _, c := range e.Corrections {
		x.Corrections = append(x.Corrections, Correction{Date: c.Date.String(), Text: c.Text})
	}
	if w := e.Withdrawal(); w != nil {
		x.Withdrawn = &Withdrawn{Date: w.Date.String(), Reason: w.Reason}
	}
	if p := e.Location; p != nil {
		x.Location = &Location{Name: p.Name, Country: p.Country, Precision: cmp.Or(p.Precision, "exact")}
		if lat, lon, ok := coords(p); ok {
			x.Location.Lat, x.Location.Lon = &lat, &lon
		}
	}
	if c := e.Casualties; c != nil {
		x.Casualties = RecordCasualties{Killed: figure(c.Killed), Injured: figure(c.Injured)}
	}
	if e.Article != nil {
		for _, src := range e.CitedSources() {
			x.Sources = append(x.Sources, Source{
				Title: src.Title, Publisher: src.Publisher, URL: src.URL, Date: dateString(src.Date),
				ArchiveURL: src.ArchiveURL, Archived: dateString(src.Archived), URLStatus: src.URLStatus, Quote: src.Quote, Type: src.Type,
			})
		}
	}
	if e.IsEvent() {
		a := e.Article.Slug
		x.Article = &a
	}
	if s.Timeline != nil {
		for _, r := range s.Timeline.Related(e) {
			x.Related = append(x.Related, r.Slug)
		}
	}
	if s.Translations != nil {
		x.Translations = s.Translations(e)
	}
	return x
}

// EventsJSON is /data/events.json: every entry with every field, the
// withdrawn too, marked so, for re-users to remove.
func EventsJSON(s *Input) File {
	entries := s.allEntries()
	return marshalRecords(struct {
		Schema  string `json:"schema"`
		Title   string `json:"title"`
		BaseURL string `json:"base_url"`
	}{Schema, s.Config.Title, s.base()}, "entries", len(entries), func(i int) (Record, bool) {
		return s.entry(entries[i]), true
	})
}

// CSVHeader is the header row of /data/events.csv.
var CSVHeader = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "date_precision",
	"event_type", "actor1", "actor2", "actors", "country", "location",
	"latitude", "longitude", "source", "notes", "fatalities",
	"kind", "status", "injured", "end_date", "tags", "url", "article",
	"geo_precision", "location_precision", "date_qualifier",
	"fatalities_low", "fatalities_best", "fatalities_high",
	"injured_low", "injured_best", "injured_high",
	"media_url", "media_credit",
	"attributed_to", "publishers", "updated", "corrections", "withdrawn", "withdrawn_reason",
	"source_titles", "source_publishers", "source_urls", "source_dates", "source_archive_urls",
	"source_archived", "source_url_status", "source_quotes", "source_types",
}

// acledPrecision is ACLED's time_precision code: 1 when the day is known,
// 2 when it is approximate ("within a week"), 3 when only the month or
// the year is (ACLED has nothing coarser).
func acledPrecision(d date.Date) string {
	switch {
	case d.Precision >= date.Day && d.Qualifier.IsApproximate():
		return "2"
	case d.Precision >= date.Day:
		return "1"
	}
	return "3"
}

// acledGeoPrecision is ACLED's geo_precision code: 1 for an exact place,
// 2 for a town, 3 for a district, region or country.
func acledGeoPrecision(precision string) string {
	switch precision {
	case "", "exact":
		return "1"
	case "town":
		return "2"
	}
	return "3"
}

// conservative is ACLED's fatalities figure: the best, else the minimum.
func conservative(f *Figure) string {
	if f == nil {
		return ""
	}
	if f.Best != nil {
		return strconv.Itoa(*f.Best)
	}
	return strconv.Itoa(f.Min)
}

// rangeColumns are the low, best and high columns of a figure that is
// not an exact count (empty for one, so that the plain column says it).
func rangeColumns(f *Figure) []string {
	if f == nil || f.Best != nil && f.Max != nil && *f.Best == f.Min && *f.Max == f.Min {
		return []string{"", "", ""}
	}
	opt := func(n *int) string {
		if n == nil {
			return ""
		}
		return strconv.Itoa(*n)
	}
	return []string{strconv.Itoa(f.Min), opt(f.Best), opt(f.Max)}
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// EventsCSV is /data/events.csv: RFC 4180, one row an entry.
func EventsCSV(s *Input) File {
	return func(out io.Writer) error {
		w := csv.NewWriter(out)
		w.UseCRLF = true
		if err := w.Write(CSVHeader); err != nil {
			return err
		}
		for _, e := range s.allEntries() {
			x := s.entry(e)
			row := make([]string, 0, len(CSVHeader))
			actor := func(i int) string {
				if i < len(x.Actors) {
					return x.Actors[i]
				}
				return ""
			}
			var country, place, lat, lon, geoPrec, locPrec, qual string
			if l := x.Location; l != nil {
				country, place = l.Country, l.Name
				geoPrec, locPrec = acledGeoPrecision(l.Precision), l.Precision
				if l.Lat != nil && l.Lon != nil {
					lat, lon = fmtFloat(*l.Lat), fmtFloat(*l.Lon)
				}
			}
			var publishers []string
			for _, src := range x.Sources {
				if p := strings.TrimSpace(src.Publisher); p != "" && !slices.Contains(publishers, p) {
					publishers = append(publishers, p)
				}
			}
			var end, article, mediaURL, mediaCredit string
			if m := firstShown(x.Media); m != nil {
				mediaURL, mediaCredit = m.URL, m.Credit
			}
			if x.End != nil {
				end = *x.End
			}
			if x.Article != nil {
				article = *x.Article
			}
			if x.DateQualifier != nil {
				qual = *x.DateQualifier
			}
			row = append(row,
				x.Slug, x.Date, strconv.Itoa(e.Date.Year), acledPrecision(e.Date), x.DatePrecision,
				x.KindLabel, actor(0), actor(1), strings.Join(x.Actors, "; "), country, place,
				lat, lon, strings.Join(publishers, "; "), x.Summary, conservative(x.Casualties.Killed),
				x.Kind, x.Status, conservative(x.Casualties.Injured), end, strings.Join(x.Tags, "; "), x.URL, article,
				geoPrec, locPrec, qual,
			)
			row = append(row, rangeColumns(x.Casualties.Killed)...)
			row = append(row, rangeColumns(x.Casualties.Injured)...)
			row = append(row, mediaURL, mediaCredit)
			row = append(row, evidenceColumns(&x)...)
			for i, cell := range row {
				if !csvNumeric(CSVHeader[i]) {
					row[i] = formulaSafe(cell)
				}
			}
			if err := w.Write(row); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	}
}

// csvNumeric says whether a column of events.csv holds only numbers the
// program writes (a longitude of -3.5 is a number, not a formula); every
// other column may hold an editor's text.
func csvNumeric(column string) bool {
	switch column {
	case "year", "time_precision", "latitude", "longitude", "fatalities", "injured", "geo_precision",
		"fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "injured_best", "injured_high",
		"publishers":
		return true
	}
	return false
}

// formulaSafe puts a ' before a text cell that a spreadsheet would take
// for a formula (=, +, -, @, or a tab or carriage return before one), as
// OWASP's advice on CSV injection says: a tag such as
// =HYPERLINK("http://evil.example/","x") is then shown as written, not
// run on the researcher's computer.
func formulaSafe(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// GeoJSON (RFC 7946): {"type": "FeatureCollection", "features": [features]}.
type geoFeature struct {
	Type       string      `json:"type"`
	ID         string      `json:"id"`
	Geometry   geoPoint    `json:"geometry"`
	Properties geoProperty `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // [lon, lat]
}

type geoProperty struct {
	Slug          string  `json:"slug"`
	Title         string  `json:"title"`
	Date          string  `json:"date"`
	DatePrecision string  `json:"date_precision"`
	Kind          string  `json:"kind"`
	Status        string  `json:"status"`
	URL           string  `json:"url"`
	DateQualifier *string `json:"date_qualifier"`
	DateText      string  `json:"date_text"`
	Place         string  `json:"place"`
	Country       string  `json:"country"`
	// Precision is the place's (exact, town, district, region, country)
	// and RadiusKm the radius of the area it may lie in, 0 when exact:
	// the point is that area's centre, not where the event was.
	Precision    string   `json:"precision"`
	RadiusKm     float64  `json:"radius_km"`
	Killed       *Figure  `json:"killed"`
	Injured      *Figure  `json:"injured"`
	Publishers   int      `json:"publishers"`
	AttributedTo []string `json:"attributed_to"`
	Updated      *string  `json:"updated"`
	Image        string   `json:"image"` // a thumbnail of the first photo that is not sensitive; "" if none
}

// GeoJSON is /data/events.geojson: a FeatureCollection of the entries
// with coordinates, as points [lon, lat].
func GeoJSON(s *Input) File {
	entries := s.entries()
	feature := func(i int) (geoFeature, bool) {
		e := entries[i]
		lat, lon, ok := coords(e.Location)
		if !ok {
			return geoFeature{}, false
		}
		f := geoFeature{
			Type:     "Feature",
			ID:       e.Slug,
			Geometry: geoPoint{Type: "Point", Coordinates: [2]float64{lon, lat}},
			Properties: geoProperty{
				Slug:          e.Slug,
				Title:         e.Title,
				Date:          e.Date.String(),
				DatePrecision: e.Date.Precision.String(),
				DateQualifier: qualifier(&e.Date),
				DateText:      e.Date.Display(),
				Kind:          e.Kind,
				Status:        e.Status,
				URL:           s.entryURL(e),
				Place:         e.Location.Name,
				Country:       e.Location.Country,
				Precision:     cmp.Or(e.Location.Precision, "exact"),
				RadiusKm:      charts.PrecisionRadiusKm(e.Location.Precision),
				Publishers:    e.Publishers(),
				AttributedTo:  nonNil(slices.Clone(e.AttributedTo)),
				Updated:       dateString(e.Modified()),
			},
		}
		if c := e.Casualties; c != nil {
			f.Properties.Killed, f.Properties.Injured = figure(c.Killed), figure(c.Injured)
		}
		if m := firstShown(s.media(e)); m != nil {
			f.Properties.Image = m.Thumbnail
		}
		return f, true
	}
	return marshalRecords(struct {
		Type string `json:"type"`
	}{"FeatureCollection"}, "features", len(entries), feature)
}

// TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html):
// {"title": a slide, "events": [slides]}.
type tlSlide struct {
	StartDate *tlDate  `json:"start_date,omitempty"`
	EndDate   *tlDate  `json:"end_date,omitempty"`
	Text      tlText   `json:"text"`
	Media     *tlMedia `json:"media,omitempty"`
	Group     string   `json:"group,omitempty"`
	UniqueID  string   `json:"unique_id,omitempty"`
}

type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

// tlDate holds only the parts a date has: TimelineJS fills missing ones
// with January and the 1st, so an absent key is how "unknown" is said.
type tlDate struct {
	Year        string `json:"year"`
	Month       string `json:"month,omitempty"`
	Day         string `json:"day,omitempty"`
	Hour        string `json:"hour,omitempty"`
	Minute      string `json:"minute,omitempty"`
	Second      string `json:"second,omitempty"`
	DisplayDate string `json:"display_date"`
}

func (s *Input) timelineDate(d date.Date) *tlDate {
	t := &tlDate{Year: strconv.Itoa(d.Year), DisplayDate: s.display(d)}
	if d.Precision >= date.Month {
		t.Month = strconv.Itoa(int(d.Month))
	}
	if d.Precision >= date.Day {
		t.Day = strconv.Itoa(d.Day)
	}
	if d.Precision == date.Time {
		// The clock as written, in its own offset, as the site shows it.
		t.Hour = strconv.Itoa(d.Clock.Hour())
		t.Minute = strconv.Itoa(d.Clock.Minute())
		if sec := d.Clock.Second(); sec != 0 {
			t.Second = strconv.Itoa(sec)
		}
	}
	return t
}

// TimelineJS is /data/timeline.json, Knight Lab TimelineJS3's JSON format.
func TimelineJS(s *Input) File {
	title := tlSlide{Text: tlText{Headline: html.EscapeString(s.Config.Title), Text: html.EscapeString(s.Config.Description)}}
	entries := s.entries()
	return marshalRecords(struct {
		Title tlSlide `json:"title"`
	}{title}, "events", len(entries), func(i int) (tlSlide, bool) {
		e := entries[i]
		sl := tlSlide{
			StartDate: s.timelineDate(e.Date),
			Group:     s.kindLabel(e.Kind),
			UniqueID:  e.Slug,
			Text:      tlText{Headline: html.EscapeString(e.Title)},
		}
		if e.End != nil && !e.End.IsZero() {
			sl.EndDate = s.timelineDate(*e.End)
		}
		var text strings.Builder
		if sum := s.summary(e); sum != "" {
			text.WriteString("<p>" + html.EscapeString(sum) + "</p>")
		}
		if len(e.AttributedTo) > 0 {
			text.WriteString("<p>" + html.EscapeString(s.t("according_label", "According to: ")+s.names("actors", e.AttributedTo)) + "</p>")
		}
		text.WriteString(`<p><a href="` + html.EscapeString(s.entryURL(e)) + `">` + html.EscapeString(s.readMore()) + `</a></p>`)
		sl.Text.Text = text.String()
		sl.Media = timelineMedia(s.media(e), s.entryURL(e))
		return sl, true
	})
}

func (s *Input) readMore() string {
	if s.Locale != nil {
		return s.Locale.T("read_more")
	}
	return "Read more"
}

// evidenceColumns are an entry's attributed_to … source_types columns.
// Lists are joined with " | ": the n-th item of each source_ column
// belongs to the n-th source.
func evidenceColumns(x *Record) []string {
	var corrections []string
	for _, c := range x.Corrections {
		corrections = append(corrections, c.Date+": "+c.Text)
	}
	var withdrawn, reason, updated string
	if w := x.Withdrawn; w != nil {
		withdrawn, reason = w.Date, w.Reason
	}
	if x.Updated != nil {
		updated = *x.Updated
	}
	cols := []string{strings.Join(x.AttributedTo, "; "), strconv.Itoa(x.Publishers), updated, strings.Join(corrections, " | "), withdrawn, reason}
	each := func(f func(src *Source) string) string {
		items := make([]string, len(x.Sources))
		for i := range x.Sources {
			items[i] = f(&x.Sources[i])
		}
		return strings.Join(items, " | ")
	}
	opt := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	return append(cols,
		each(func(s *Source) string { return s.Title }),
		each(func(s *Source) string { return s.Publisher }),
		each(func(s *Source) string { return s.URL }),
		each(func(s *Source) string { return opt(s.Date) }),
		each(func(s *Source) string { return s.ArchiveURL }),
		each(func(s *Source) string { return opt(s.Archived) }),
		each(func(s *Source) string { return s.URLStatus }),
		each(func(s *Source) string { return s.Quote }),
		each(func(s *Source) string { return s.Type }),
	)
}
