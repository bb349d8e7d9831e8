package scaffold

import (
	"fmt"
	"github.com/timelinegen/timelinegen/internal/casualty"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/timelinegen/timelinegen/internal/date"
)

// Quote returns s as a YAML scalar that reads back as exactly s, in block
// and in flow context ([...] and {...}). Simple text such as
// "Armed clash in Kupiansk" or "Харків" stays plain, for editors' eyes;
// anything else is double-quoted with every character YAML could misread
// escaped.
func Quote(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			// Line and paragraph separators and NEL are line breaks to
			// YAML 1.1 readers; a BOM inside a scalar is not allowed.
			if r == '\u0085' || r == '\u2028' || r == '\u2029' || r == '\uFEFF' || !unicode.IsPrint(r) && r != ' ' {
				if r <= 0xFFFF {
					fmt.Fprintf(&b, `\u%04X`, r)
				} else {
					fmt.Fprintf(&b, `\U%08X`, r)
				}
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// plain reports whether s can be written without quotes: it starts with a
// letter, holds only letters, digits, spaces and . - ' ’ ( ) /, has no
// leading or trailing space and is not a word YAML reads as a boolean or
// null.
func plain(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
		case i == 0:
			return false
		case unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
		case r == ' ' || r == '.' || r == '-' || r == '\'' || r == '’' || r == '(' || r == ')' || r == '/':
		default:
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "true", "false", "on", "off", "null":
		return false
	}
	return true
}

// flowList writes items as [a, b, c].
func flowList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Article is the frontmatter and body of an article to write; zero fields
// are left out. Render writes it.
type Article struct {
	Title      string
	Date       date.Date
	End        date.Date
	Kind       string
	Summary    string
	Actors     []string
	Location   *Place
	Casualties *CasualtiesYAML
	Status     string
	Tags       []string
	Related    []string
	Sources    []Source
	Draft      bool
	Slug       string
	Events     []Event
	Media      []Media
	Body       string
}

// Media is a photo (File, beside the article) or a video (URL).
type Media struct {
	File, URL, Poster, Alt, Caption, Credit string
}

func (m Media) flow() string {
	var parts []string
	for _, kv := range [][2]string{{"file", m.File}, {"url", m.URL}, {"poster", m.Poster}, {"alt", m.Alt}, {"caption", m.Caption}, {"credit", m.Credit}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+": "+Quote(kv[1]))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Event is one of an article's further events.
type Event struct {
	ID         string
	Title      string
	Date       date.Date
	End        date.Date
	Kind       string
	Summary    string
	Actors     []string
	Location   *Place
	Casualties *CasualtiesYAML
	Status     string
}

// Place is a location; HasCoords says whether Lat and Lon are written,
// Precision is written unless empty or "exact".
type Place struct {
	Name, Country string
	HasCoords     bool
	Lat, Lon      float64
	Precision     string
}

// CasualtiesYAML are figures of people; nil is not written.
type CasualtiesYAML struct {
	Killed, Injured *casualty.Figure
}

// Source is where an event was reported.
type Source struct {
	Title, Publisher, URL string
	Date                  date.Date
}

func (p *Place) flow() string {
	var parts []string
	parts = append(parts, "name: "+Quote(p.Name))
	if p.Country != "" {
		parts = append(parts, "country: "+Quote(p.Country))
	}
	if p.HasCoords {
		parts = append(parts, "lat: "+number(p.Lat), "lon: "+number(p.Lon))
	}
	if p.Precision != "" && p.Precision != "exact" {
		parts = append(parts, "precision: "+p.Precision)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (c *CasualtiesYAML) flow() string {
	var parts []string
	if c.Killed != nil {
		parts = append(parts, "killed: "+c.Killed.Written())
	}
	if c.Injured != nil {
		parts = append(parts, "injured: "+c.Injured.Written())
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (s Source) flow() string {
	var parts []string
	if s.Title != "" {
		parts = append(parts, "title: "+Quote(s.Title))
	}
	if s.Publisher != "" {
		parts = append(parts, "publisher: "+Quote(s.Publisher))
	}
	if s.URL != "" {
		parts = append(parts, "url: "+Quote(s.URL))
	}
	if !s.Date.IsZero() {
		parts = append(parts, "date: "+s.Date.EDTF())
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Render writes a as a Markdown file with YAML frontmatter. Dates are
// written unquoted in their canonical form, so their precision is kept.
func Render(a Article) []byte {
	var b strings.Builder
	line := func(indent, key, value string) {
		fmt.Fprintf(&b, "%s%s: %s\n", indent, key, value)
	}
	b.WriteString("---\n")
	line("", "title", Quote(a.Title))
	if a.Slug != "" {
		line("", "slug", a.Slug)
	}
	common(line, "", a.Date, a.End, a.Kind, a.Summary, a.Actors, a.Location, a.Casualties, a.Status)
	if len(a.Tags) > 0 {
		line("", "tags", flowList(a.Tags))
	}
	if len(a.Related) > 0 {
		line("", "related", flowList(a.Related))
	}
	if len(a.Sources) > 0 {
		b.WriteString("sources:\n")
		for _, s := range a.Sources {
			b.WriteString("  - " + s.flow() + "\n")
		}
	}
	if len(a.Media) > 0 {
		b.WriteString("media:\n")
		for _, m := range a.Media {
			b.WriteString("  - " + m.flow() + "\n")
		}
	}
	if a.Draft {
		line("", "draft", "true")
	}
	if len(a.Events) > 0 {
		b.WriteString("events:\n")
		for _, e := range a.Events {
			line("  - ", "id", e.ID)
			if e.Title != "" {
				line("    ", "title", Quote(e.Title))
			}
			common(line, "    ", e.Date, e.End, e.Kind, e.Summary, e.Actors, e.Location, e.Casualties, e.Status)
		}
	}
	b.WriteString("---\n")
	if body := strings.TrimSpace(a.Body); body != "" {
		b.WriteString(body)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func common(line func(indent, key, value string), indent string, d, end date.Date, kind, summary string, actors []string, loc *Place, cas *CasualtiesYAML, status string) {
	if !d.IsZero() {
		line(indent, "date", d.EDTF())
	}
	if !end.IsZero() {
		line(indent, "end", end.EDTF())
	}
	if kind != "" {
		line(indent, "kind", Quote(kind))
	}
	if summary != "" {
		line(indent, "summary", Quote(summary))
	}
	if len(actors) > 0 {
		line(indent, "actors", flowList(actors))
	}
	if loc != nil {
		line(indent, "location", loc.flow())
	}
	if cas != nil && (cas.Killed != nil || cas.Injured != nil) {
		line(indent, "casualties", cas.flow())
	}
	if status != "" {
		line(indent, "status", status)
	}
}
