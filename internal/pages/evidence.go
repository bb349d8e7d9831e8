package pages

import (
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// Source is a source as an entry shows it.
type Source struct {
	Title, Publisher, URL string
	Date                  *Date
	ArchiveURL            string
	Archived              *Date
	// OriginalGone: URL no longer shows what was cited (URLStatus "dead"
	// or "unfit"), so the archived copy is shown first.
	OriginalGone bool
	URLStatus    string
	Quote        string
	Type         string       // "primary", "secondary" or ""
	T            i18n.Strings // the interface strings
}

// Correction is a dated correction as shown.
type Correction struct {
	Date Date
	Text string
}

// Withdrawal is a withdrawal notice as shown.
type Withdrawal struct {
	Date   Date
	Reason string
}

// evidenceView fills in what v shows of e's sourcing and history.
func (p *Planner) evidenceView(v *Entry, e *timeline.Entry) {
	v.StatusURL = p.URL(permalink.TermPath("status", e.Status))
	for _, a := range e.AttributedTo {
		v.AttributedTo = append(v.AttributedTo, p.loc.Actor(a))
	}
	v.Publishers = e.Publishers()
	v.Cited = len(e.CitedSources())
	switch {
	case v.Publishers > 0:
		v.SourcesText = p.loc.N("publishers_count", v.Publishers)
	case v.Cited > 0:
		v.SourcesText = p.loc.N("sources_count", v.Cited)
	default:
		v.SourcesText = p.t("verification_none")
	}
	for _, s := range e.Fields.Sources {
		v.Sources = append(v.Sources, p.sourceView(s))
	}
	if m := e.Modified(); m != nil {
		d := p.dateView(*m)
		v.Updated = &d
	}
	for _, c := range e.Corrections {
		v.Corrections = append(v.Corrections, Correction{Date: p.dateView(c.Date), Text: c.Text})
	}
	if w := e.Withdrawal(); w != nil {
		v.Withdrawn = &Withdrawal{Date: p.dateView(w.Date), Reason: w.Reason}
	}
}

func (p *Planner) sourceView(s content.Source) Source {
	v := Source{Title: s.Title, Publisher: s.Publisher, URL: s.URL, ArchiveURL: s.ArchiveURL, OriginalGone: s.OriginalGone(), URLStatus: s.URLStatus, Quote: s.Quote, Type: s.Type, T: p.loc.Strings}
	if s.Date != nil {
		d := p.dateView(*s.Date)
		v.Date = &d
	}
	if s.Archived != nil {
		d := p.dateView(*s.Archived)
		v.Archived = &d
	}
	return v
}
