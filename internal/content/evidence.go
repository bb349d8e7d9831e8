package content

import (
	"net/url"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
)

// Evidence is what an article or an event says about where its story
// comes from and how it changed: its sources, whose claim it is, and its
// corrections or withdrawal.
type Evidence struct {
	Sources      []Source
	AttributedTo []string // whose claim this is: "According to …"
	Updated      *date.Date
	Corrections  []Correction // oldest first
	Withdrawn    *Withdrawal
}

// Source is where the editors got an event from.
type Source struct {
	Title     string
	Publisher string
	URL       string
	Date      *date.Date
	// ArchiveURL is a copy of URL kept by an archive, made on Archived.
	ArchiveURL string
	Archived   *date.Date
	// URLStatus says whether URL still shows what was cited: "live" (the
	// default), "dead" or "unfit" (it shows something else now), as
	// Wikipedia's citations say it.
	URLStatus string
	Quote     string // the words of the source the entry rests on
	Type      string // "primary", "secondary" or ""
	Pos       Pos    // where the source is written
	// URLPos and ArchivePos are where url and archive_url are written,
	// for the link checker's diagnostics.
	URLPos, ArchivePos Pos
}

// OriginalGone reports whether the source's own URL no longer shows what
// was cited, so that its archived copy comes first.
func (s *Source) OriginalGone() bool { return s.URLStatus == "dead" || s.URLStatus == "unfit" }

// Correction is a dated note of what an earlier version got wrong.
type Correction struct {
	Date date.Date
	Text string
	Pos  Pos
}

// Withdrawal says that an entry no longer stands, when and why.
type Withdrawal struct {
	Date   date.Date
	Reason string
	Pos    Pos
}

// URLStatuses are the values of a source's url_status, the default first;
// SourceTypes those of its type.
var (
	URLStatuses = []string{"live", "dead", "unfit"}
	SourceTypes = []string{"primary", "secondary"}
	sourceKeys  = []string{"title", "publisher", "url", "date", "archive_url", "archived", "url_status", "quote", "type"}
)

// evidence decodes sources, attributed_to, updated, corrections and
// withdrawn; where is "events: " for an event.
func (d *decoder) evidence(n *front.Node, ev *Evidence, where string) {
	if sn := n.Get("sources"); sn != nil {
		items := d.list(sn, where+"sources", "sources: [{title: ..., url: https://...}]")
		if len(items) > MaxSources {
			d.errf(sn, "%ssources: %d sources, more than the %d allowed", where, len(items), MaxSources)
			items = items[:MaxSources]
		}
		for _, item := range items {
			if src, ok := d.source(item, where); ok {
				ev.Sources = append(ev.Sources, src)
			}
		}
	}
	ev.AttributedTo = d.strings(n.Get("attributed_to"), where+"attributed_to")
	if un := n.Get("updated"); un != nil && un.Kind != front.Null {
		if u, ok := d.date(un, where+"updated"); ok {
			ev.Updated = &u
		}
	}
	if cn := n.Get("corrections"); cn != nil {
		items := d.list(cn, where+"corrections", `corrections: [{date: 2025-03-14, text: "An earlier version said ..."}]`)
		if len(items) > MaxCorrections {
			d.errf(cn, "%scorrections: %d corrections, more than the %d allowed", where, len(items), MaxCorrections)
			items = items[:MaxCorrections]
		}
		for _, item := range items {
			if c, ok := d.correction(item, where); ok {
				if k := len(ev.Corrections); k > 0 && c.Date.Compare(ev.Corrections[k-1].Date) < 0 {
					d.ds.Errorf(d.path, c.Pos.Line, c.Pos.Col, "%scorrections: %s is before the correction above it (%s): list corrections oldest first", where, c.Date, ev.Corrections[k-1].Date)
				}
				if ev.Updated != nil && ev.Updated.EndsBefore(c.Date) {
					d.ds.Errorf(d.path, c.Pos.Line, c.Pos.Col, "%scorrections: %s is after updated %s: a correction is made by an update", where, c.Date, ev.Updated)
				}
				ev.Corrections = append(ev.Corrections, c)
			}
		}
	}
	if wn := n.Get("withdrawn"); wn != nil && wn.Kind != front.Null {
		ev.Withdrawn = d.withdrawal(wn, where)
	}
}

func (d *decoder) source(n *front.Node, where string) (Source, bool) {
	s := Source{URLStatus: URLStatuses[0], Pos: Pos{n.Line, n.Col}}
	if n.Kind != front.Map {
		d.errf(n, "%ssources: each source is {title, publisher, url, date}", where)
		return s, false
	}
	field := func(k string) string { return where + "sources: " + k }
	var archivedNode *front.Node
	for _, k := range n.Keys {
		switch k.Name {
		case "title":
			s.Title = strings.TrimSpace(d.str(k.Value, field("title")))
		case "publisher":
			s.Publisher = strings.TrimSpace(d.str(k.Value, field("publisher")))
		case "url":
			s.URL, s.URLPos = d.webURL(k.Value, field("url")), Pos{k.Value.Line, k.Value.Col}
		case "archive_url":
			s.ArchiveURL, s.ArchivePos = d.webURL(k.Value, field("archive_url")), Pos{k.Value.Line, k.Value.Col}
		case "date":
			if v, ok := d.date(k.Value, field("date")); ok {
				s.Date = &v
			}
		case "archived":
			if v, ok := d.date(k.Value, field("archived")); ok {
				s.Archived, archivedNode = &v, k.Value
			}
		case "url_status":
			if v := strings.TrimSpace(d.str(k.Value, field("url_status"))); slices.Contains(URLStatuses, v) {
				s.URLStatus = v
			} else if v != "" {
				d.errf(k.Value, "%s: want live, dead or unfit, got %q%s", field("url_status"), v, diag.Suggest(v, URLStatuses))
			}
		case "quote":
			s.Quote = strings.TrimSpace(d.str(k.Value, field("quote")))
		case "type":
			if v := strings.TrimSpace(d.str(k.Value, field("type"))); slices.Contains(SourceTypes, v) {
				s.Type = v
			} else if v != "" {
				d.errf(k.Value, "%s: want primary or secondary, got %q%s", field("type"), v, diag.Suggest(v, SourceTypes))
			}
		default:
			d.ds.Warnf(d.path, k.Line, k.Col, "%ssources: unknown key %q%s", where, k.Name, diag.Suggest(k.Name, sourceKeys))
		}
	}
	if s.Title == "" && s.Publisher == "" && s.URL == "" && s.ArchiveURL == "" {
		d.errf(n, "%ssources: a source needs at least a title, a publisher or a url", where)
		return s, false
	}
	if s.Archived != nil && s.Date != nil && s.Archived.EndsBefore(*s.Date) {
		d.errf(archivedNode, "%s %s is before the source's date %s", field("archived:"), s.Archived, s.Date)
	}
	if s.URLStatus == "dead" && s.ArchiveURL == "" {
		at := n
		if st := n.Get("url_status"); st != nil {
			at = st
		}
		d.ds.Warnf(d.path, at.Line, at.Col, "%s: dead, and no archive_url: add a link to an archived copy (web.archive.org, archive.today) so readers can still check it", field("url_status"))
	}
	return s, true
}

// webURL is an http or https address, or "" after an error.
func (d *decoder) webURL(n *front.Node, field string) string {
	s := strings.TrimSpace(d.str(n, field))
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.errf(n, "%s %q is not an http or https address", field, s)
		return ""
	}
	return s
}

func (d *decoder) correction(n *front.Node, where string) (Correction, bool) {
	c := Correction{Pos: Pos{n.Line, n.Col}}
	if n.Kind != front.Map {
		d.errf(n, `%scorrections: each correction is {date, text}, such as {date: 2025-03-14, text: "An earlier version said ..."}`, where)
		return c, false
	}
	ok := true
	for _, k := range n.Keys {
		switch k.Name {
		case "date":
			c.Date, ok = d.date(k.Value, where+"corrections: date")
		case "text":
			c.Text = strings.TrimSpace(d.str(k.Value, where+"corrections: text"))
		default:
			d.ds.Warnf(d.path, k.Line, k.Col, "%scorrections: unknown key %q%s", where, k.Name, diag.Suggest(k.Name, []string{"date", "text"}))
		}
	}
	switch {
	case n.Get("date") == nil:
		d.errf(n, "%scorrections: missing date: say when the correction was made, such as date: 2025-03-14", where)
		return c, false
	case !ok:
		return c, false
	case c.Text == "":
		d.errf(n, "%scorrections: missing text: say what an earlier version got wrong", where)
		return c, false
	}
	return c, true
}

func (d *decoder) withdrawal(n *front.Node, where string) *Withdrawal {
	w := &Withdrawal{Pos: Pos{n.Line, n.Col}}
	if n.Kind != front.Map {
		d.errf(n, `%swithdrawn: want {date, reason}, such as {date: 2025-04-01, reason: "The video was shown to be from 2022."}`, where)
		return nil
	}
	ok := true
	for _, k := range n.Keys {
		switch k.Name {
		case "date":
			w.Date, ok = d.date(k.Value, where+"withdrawn: date")
		case "reason":
			w.Reason = strings.TrimSpace(d.str(k.Value, where+"withdrawn: reason"))
		default:
			d.ds.Warnf(d.path, k.Line, k.Col, "%swithdrawn: unknown key %q%s", where, k.Name, diag.Suggest(k.Name, []string{"date", "reason"}))
		}
	}
	var missing []string
	if n.Get("date") == nil {
		missing = append(missing, "a date")
	}
	if w.Reason == "" {
		if rn := n.Get("reason"); rn != nil && rn.Kind != front.Scalar && rn.Kind != front.Null {
			return nil // reported by str
		}
		missing = append(missing, "a reason")
	}
	if len(missing) > 0 {
		d.errf(n, `%swithdrawn: needs %s, such as {date: 2025-04-01, reason: "The video was shown to be from 2022."}`, where, strings.Join(missing, " and "))
		return nil
	}
	if !ok {
		return nil
	}
	return w
}
