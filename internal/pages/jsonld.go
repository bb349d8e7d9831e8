package pages

import "github.com/timelinegen/timelinegen/internal/timeline"

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
	// DateModified, Correction and Citation say how the entry is
	// sourced and how it changed (docs/sources.md).
	DateModified string         `json:"dateModified,omitempty"`
	Correction   []ldCorrection `json:"correction,omitempty"`
	Citation     []ldCitation   `json:"citation,omitempty"`
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
	Type      string   `json:"@type"`
	Name      string   `json:"name"`
	StartDate string   `json:"startDate"`
	EndDate   string   `json:"endDate,omitempty"`
	Desc      string   `json:"description,omitempty"`
	Location  *ldPlace `json:"location,omitempty"`
}

type ldPlace struct {
	Type    string `json:"@type"`
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
	Geo     *ldGeo `json:"geo,omitempty"`
}

type ldGeo struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

// jsonLD describes an entry page: a NewsArticle whose about is the Event,
// with dates at the entry's precision (ISO 8601 allows "2025" and
// "2025-03"), so that no day is invented.
func (p *Planner) jsonLD(e *timeline.Entry, v *Entry, url string) ldArticle {
	desc := v.Summary
	if w := v.Withdrawn; w != nil {
		desc = "Withdrawn on " + w.Date.Text + ": " + w.Reason
	}
	ev := ldEvent{Type: "Event", Name: v.Title, StartDate: v.Date.ISO, Desc: desc}
	if v.End != nil {
		ev.EndDate = v.End.ISO
	}
	if l := e.Location; l != nil && l.Name != "" {
		ev.Location = &ldPlace{Type: "Place", Name: l.Name, Address: l.Country}
		if l.HasCoords {
			ev.Location.Geo = &ldGeo{Type: "GeoCoordinates", Latitude: l.Lat, Longitude: l.Lon}
		}
	}
	ld := ldArticle{
		Context:   "https://schema.org",
		Type:      "NewsArticle",
		Headline:  v.Title,
		URL:       url,
		MainPage:  url,
		Desc:      desc,
		Publisher: ldOrg{Type: "Organization", Name: p.cfg.Title},
		About:     ev,
		Keywords:  e.Tags(),
	}
	if v.Updated != nil {
		ld.DateModified = v.Updated.ISO
	}
	for _, c := range v.Corrections {
		ld.Correction = append(ld.Correction, ldCorrection{Type: "CorrectionComment", Text: c.Text, DatePublished: c.Date.ISO})
	}
	if w := v.Withdrawn; w != nil {
		ld.Correction = append(ld.Correction, ldCorrection{Type: "CorrectionComment", Text: "Withdrawn: " + w.Reason, DatePublished: w.Date.ISO})
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
