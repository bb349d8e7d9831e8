package pages

import (
	"strings"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// schema.org types, with JSON field names as schema.org spells them.

type ldArticle struct {
	Context   string   `json:"@context"`
	Type      string   `json:"@type"`
	Headline  string   `json:"headline"`
	URL       string   `json:"url,omitempty"`
	MainPage  string   `json:"mainEntityOfPage,omitempty"`
	Desc      string   `json:"description,omitempty"`
	Publisher ldOrg    `json:"publisher"`
	About     ldEvent  `json:"about"`
	Keywords  []string `json:"keywords,omitempty"`
	Image     []string `json:"image,omitempty"`
	// InLanguage is the language of the page's words: the original's for
	// an entry not yet translated.
	InLanguage string `json:"inLanguage"`
	// TranslationOfWork, on a translation, is the original's page.
	TranslationOfWork *ldWork `json:"translationOfWork,omitempty"`
	// DateModified, Correction and Citation say how the entry is
	// sourced and how it changed (docs/sources.md).
	DateModified string         `json:"dateModified,omitempty"`
	Correction   []ldCorrection `json:"correction,omitempty"`
	Citation     []ldCitation   `json:"citation,omitempty"`
}

type ldWork struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

type ldCorrection struct {
	Type          string `json:"@type"` // CorrectionComment
	Text          string `json:"text"`
	DatePublished string `json:"datePublished"`
}

type ldCitation struct {
	Type          string `json:"@type"` // CreativeWork
	Name          string `json:"name,omitempty"`
	URL           string `json:"url,omitempty"`
	Publisher     *ldOrg `json:"publisher,omitempty"`
	DatePublished string `json:"datePublished,omitempty"`
	ArchivedAt    string `json:"archivedAt,omitempty"`
	Quote         string `json:"text,omitempty"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldEvent struct {
	Type      string `json:"@type"`
	Name      string `json:"name"`
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate,omitempty"`
	Desc      string `json:"description,omitempty"`
	// Uncertain says what the dates, place and figures do not pin down,
	// as the page says it ("Date: c. 11 March 2025").
	Uncertain string   `json:"disambiguatingDescription,omitempty"`
	Location  *ldPlace `json:"location,omitempty"`
}

type ldPlace struct {
	Type    string `json:"@type"`
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
	Geo     any    `json:"geo,omitempty"` // *ldGeo, or *ldCircle for a place known only to an area
}

type ldGeo struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// ldCircle is a place known only to an area: schema.org's GeoCircle, its
// radius in metres.
type ldCircle struct {
	Type     string `json:"@type"`
	Midpoint ldGeo  `json:"geoMidpoint"`
	Radius   int    `json:"geoRadius"`
}

// jsonLD describes an entry page: a NewsArticle whose about is the Event,
// with dates at the entry's precision (ISO 8601 allows "2025" and
// "2025-03"), so that no day is invented.
func (p *Planner) jsonLD(e *timeline.Entry, v *Entry, url string) ldArticle {
	desc := v.Summary
	if w := v.Withdrawn; w != nil {
		desc = p.f("withdrawn_description", w.Date.Text, w.Reason)
	}
	ev := ldEvent{Type: "Event", Name: v.Title, StartDate: v.Date.ISO, Desc: desc}
	if v.End != nil {
		ev.EndDate = v.End.ISO
	}
	if l := e.Location; l != nil && l.Name != "" {
		ev.Location = &ldPlace{Type: "Place", Name: p.loc.Place(l.Name), Address: p.loc.Place(l.Country)}
		if l.HasCoords {
			g := ldGeo{Type: "GeoCoordinates", Latitude: l.Lat, Longitude: l.Lon}
			ev.Location.Geo = &g
			if r := charts.PrecisionRadiusKm(l.Precision); r > 0 {
				ev.Location.Geo = &ldCircle{Type: "GeoCircle", Midpoint: g, Radius: int(r * 1000)}
			}
		}
	}
	lang := p.lang.Code
	if v.Lang != "" {
		lang = v.Lang
	}
	var of *ldWork
	if p.lang.Prefix != "" && v.Lang == "" {
		of = &ldWork{Type: "CreativeWork", URL: p.absolute(p.urls.In("").Article(e.Slug))}
	}
	var keywords []string
	for _, t := range e.Tags() {
		keywords = append(keywords, p.loc.Tag(t))
	}
	ev.Uncertain = p.uncertainty(e, v)
	ld := ldArticle{
		InLanguage:        lang,
		TranslationOfWork: of,
		Context:           "https://schema.org",
		Type:              "NewsArticle",
		Headline:          v.Title,
		URL:               url,
		MainPage:          url,
		Desc:              desc,
		Publisher:         ldOrg{Type: "Organization", Name: p.site.Title},
		About:             ev,
		Keywords:          keywords,
		Image:             p.ldImages(e, v),
	}
	if v.Updated != nil {
		ld.DateModified = v.Updated.ISO
	}
	for _, c := range v.Corrections {
		ld.Correction = append(ld.Correction, ldCorrection{Type: "CorrectionComment", Text: c.Text, DatePublished: c.Date.ISO})
	}
	if w := v.Withdrawn; w != nil {
		ld.Correction = append(ld.Correction, ldCorrection{Type: "CorrectionComment", Text: p.f("withdrawn_reason", w.Reason), DatePublished: w.Date.ISO})
	}
	for _, s := range v.Sources {
		c := ldCitation{Type: "CreativeWork", Name: s.Title, URL: s.URL, ArchivedAt: s.ArchiveURL, Quote: s.Quote}
		if s.Publisher != "" {
			c.Publisher = &ldOrg{Type: "Organization", Name: s.Publisher}
		}
		if s.Date != nil {
			c.DatePublished = s.Date.ISO
		}
		ld.Citation = append(ld.Citation, c)
	}
	return ld
}

// uncertainty sums up, in the page's words, what of an entry is not
// exactly known: a qualified date, a place known only to an area, a
// casualty figure that is not an exact count. "" when all is exact.
func (p *Planner) uncertainty(e *timeline.Entry, v *Entry) string {
	var parts []string
	if v.Date.Qualifier != "" || v.End != nil && v.End.Qualifier != "" {
		when := v.Date.Text
		if v.End != nil {
			when += " – " + v.End.Text
		}
		parts = append(parts, p.f("uncertain_date", when))
	}
	if v.Area && v.Place != nil {
		parts = append(parts, p.f("uncertain_place", v.Place.Name, p.t("known_to_"+v.Precision)))
	}
	if c := e.Casualties; c != nil && (!exactOrNil(c.Killed) || !exactOrNil(c.Injured)) {
		var cs []string
		if v.Casualties.Killed != "" {
			cs = append(cs, p.f("killed_figure", v.Casualties.Killed))
		}
		if v.Casualties.Injured != "" {
			cs = append(cs, p.f("injured_figure", v.Casualties.Injured))
		}
		parts = append(parts, p.f("uncertain_casualties", strings.Join(cs, p.t("list_sep"))))
	}
	return strings.Join(parts, ". ")
}

func exactOrNil(f *casualty.Figure) bool { return f == nil || f.IsExact() }
