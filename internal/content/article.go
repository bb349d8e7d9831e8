// Package content loads a site's articles: it finds every Markdown file
// under content/, splits off its frontmatter and turns the frontmatter into
// an Article, reporting every problem with its file and line.
package content

import (
	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/date"
)

// Article is one Markdown file: the event it reports, and further events.
type Article struct {
	Path string // slash path relative to the site, "content/2025/03/talks.md"
	Slug string
	// SlugPos is where the slug comes from: the slug: key, or line 1 for
	// the file name.
	SlugPos Pos

	Fields
	Tags    []string
	Related []Ref
	Draft   bool
	Events  []*Event

	Body     []byte
	BodyLine int // file line of the body's first line
}

// Fields are what an Article and each of its Events say about an event.
type Fields struct {
	Title      string
	Date       date.Date
	End        *date.Date
	Kind       string
	Summary    string // as written; empty means "take the body's first paragraph"
	Actors     []string
	Location   *Place
	Casualties *Casualties
	Status     string // confirmed, reported or disputed
	Evidence
}

// Event is a further event an article reports, with its own entry on the
// timeline that links to the article at #ID.
type Event struct {
	ID    string
	IDPos Pos
	Fields
}

// Place is where an event happened.
type Place struct {
	Name    string
	Country string
	// HasCoords reports whether Lat and Lon were given.
	HasCoords bool
	Lat, Lon  float64
	// Precision is how closely the place is known: one of
	// PlacePrecisions, "exact" unless written.
	Precision string
}

// PlacePrecisions are the values of location.precision, finest first.
var PlacePrecisions = []string{"exact", "town", "district", "region", "country"}

// IsArea reports whether the place is known only to an area (a town or
// coarser), so that maps draw an area instead of a pin.
func (p *Place) IsArea() bool { return p.Precision != "" && p.Precision != "exact" }

// Casualties are the people killed and injured, each a figure as
// reported; nil when not given.
type Casualties struct {
	Killed  *casualty.Figure
	Injured *casualty.Figure
}

// Ref is a `related` target: "slug" or "slug#event-id".
type Ref struct {
	Slug    string
	EventID string
	Pos     Pos
}

func (r Ref) String() string {
	if r.EventID == "" {
		return r.Slug
	}
	return r.Slug + "#" + r.EventID
}

// Pos is a line and column in the article's file.
type Pos struct{ Line, Col int }

// Statuses are the values of `status`, the default first.
var Statuses = []string{"reported", "confirmed", "disputed"}

// ArticleKeys and EventKeys are the frontmatter keys an article and an
// event may have; anything else is a warning.
var (
	ArticleKeys = []string{"title", "date", "end", "kind", "summary", "actors", "location", "casualties", "status", "tags", "related", "sources", "draft", "slug", "events", "attributed_to", "updated", "corrections", "withdrawn"}
	EventKeys   = []string{"id", "title", "date", "end", "kind", "summary", "actors", "location", "casualties", "status", "sources", "attributed_to", "updated", "corrections", "withdrawn"}
)
