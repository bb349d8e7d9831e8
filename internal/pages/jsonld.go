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
	Image     []string `json:"image,omitempty"`
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
		ev.Location = &ldPlace{Type: "Place", Name: l.Name, Address: l.Country}
		if l.HasCoords {
			ev.Location.Geo = &ldGeo{Type: "GeoCoordinates", Latitude: l.Lat, Longitude: l.Lon}
		}
	}
	return ldArticle{
		Context:   "https://schema.org",
		Type:      "NewsArticle",
		Headline:  v.Title,
		URL:       url,
		MainPage:  url,
		Desc:      v.Summary,
		Publisher: ldOrg{Type: "Organization", Name: p.cfg.Title},
		About:     ev,
		Keywords:  e.Tags(),
		Image:     p.ldImages(e, v),
	}
}
