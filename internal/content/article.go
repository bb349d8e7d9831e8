// Package content loads a site's articles: it finds every Markdown file
// under content/, splits off its frontmatter and turns the frontmatter into
// an Article, reporting every problem with its file and line.
package content

import (
	"path/filepath"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/sitefs"
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
	BodyLine int    // file line of the body's first line
	BodySum  uint32 // a sum of the body's text, for translations' fingerprints
	// BodyAside says that Body was let go of once rendered, and is read
	// again from the file at Path when needed (ReadBody): serve keeps
	// every article between rebuilds, and their Markdown was most of what
	// it held.
	BodyAside bool
}

// SetBodyAside lets go of the body, which ReadBody reads again.
func (a *Article) SetBodyAside() {
	if len(a.Body) > 0 {
		a.Body, a.BodyAside = nil, true
	}
}

// ReadBody reads again the body SetBodyAside let go of, from the file at
// Path under site. Should the file have changed since it was parsed, the
// body is its new one: the change is a rebuild's to come.
func (a *Article) ReadBody(site string) error {
	if !a.BodyAside {
		return nil
	}
	src, err := sitefs.ReadFile(filepath.Join(site, filepath.FromSlash(a.Path)), sitefs.MaxArticle)
	if err != nil {
		return err
	}
	body, err := front.Body(src)
	if err != nil {
		return err
	}
	a.Body, a.BodyAside = body, false
	return nil
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
	Media      []Media
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
	ArticleKeys = []string{"title", "date", "end", "kind", "summary", "actors", "location", "casualties", "status", "tags", "related", "sources", "draft", "slug", "events", "attributed_to", "updated", "corrections", "withdrawn", "media"}
	EventKeys   = []string{"id", "title", "date", "end", "kind", "summary", "actors", "location", "casualties", "status", "sources", "attributed_to", "updated", "corrections", "withdrawn", "media"}
)
