package pages

import "github.com/timelinegen/timelinegen/internal/timeline"

// schema.org types, with JSON field names as schema.org spells them.

type ldArticle struct {
	Context   string   `json:"@context"`
	Type      string   `json:"@type"`
	Headline  string   `json:"headline"`
	URL       string   `json:"url"`
	MainPage  string   `json:"mainEntityOfPage"`
	Desc      string   `json:"description,omitempty"`
	Publisher ldOrg    `json:"publisher"`
	About     ldEvent  `json:"about"`
	Keywords  []string `json:"keywords,omitempty"`
	// InLanguage is the language of the page's words: the original's for
	// an entry not yet translated.
	InLanguage string `json:"inLanguage"`
	// TranslationOfWork, on a translation, is the original's page.
	TranslationOfWork *ldWork `json:"translationOfWork,omitempty"`
}

type ldWork struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
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
	ev := ldEvent{Type: "Event", Name: v.Title, StartDate: v.Date.ISO, Desc: v.Summary}
	if v.End != nil {
		ev.EndDate = v.End.ISO
	}
	if l := e.Location; l != nil && l.Name != "" {
		ev.Location = &ldPlace{Type: "Place", Name: p.loc.Place(l.Name), Address: p.loc.Place(l.Country)}
		if l.HasCoords {
			ev.Location.Geo = &ldGeo{Type: "GeoCoordinates", Latitude: l.Lat, Longitude: l.Lon}
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
	return ldArticle{
		InLanguage:        lang,
		TranslationOfWork: of,
		Context:           "https://schema.org",
		Type:              "NewsArticle",
		Headline:          v.Title,
		URL:               url,
		MainPage:          url,
		Desc:              v.Summary,
		Publisher:         ldOrg{Type: "Organization", Name: p.site.Title},
		About:             ev,
		Keywords:          keywords,
	}
}
