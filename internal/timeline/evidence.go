package timeline

import (
	"cmp"
	"net/url"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
)

// CitedSources are what an entry rests on: an event's own sources, or, when it
// gives none, its article's.
func (e *Entry) CitedSources() []content.Source {
	if e.IsEvent() && len(e.Fields.Sources) == 0 {
		return e.Article.Sources
	}
	return e.Fields.Sources
}

// Withdrawal is the entry's withdrawal, or its article's: a withdrawn
// article takes its events with it. Nil when it stands.
func (e *Entry) Withdrawal() *content.Withdrawal {
	if e.Fields.Withdrawn != nil {
		return e.Fields.Withdrawn
	}
	if e.IsEvent() {
		return e.Article.Withdrawn
	}
	return nil
}

// Modified is when the entry last changed, as the editors say it: the
// latest of updated, its corrections and its withdrawal; nil when none
// is given.
func (e *Entry) Modified() *date.Date {
	var m *date.Date
	later := func(d *date.Date) {
		if d != nil && (m == nil || m.Compare(*d) < 0) {
			m = d
		}
	}
	later(e.Updated)
	for i := range e.Corrections {
		later(&e.Corrections[i].Date)
	}
	if w := e.Withdrawal(); w != nil {
		later(&w.Date)
	}
	return m
}

// Publishers counts the independent publishers behind an entry: its
// sources' publishers, each once whatever its case, or a source's web
// host when it names no publisher.
func (e *Entry) Publishers() int {
	var seen []string
	for _, s := range e.CitedSources() {
		name := strings.ToLower(strings.TrimSpace(s.Publisher))
		if name == "" {
			name = host(s.URL)
		}
		if name == "" {
			name = host(s.ArchiveURL)
			if name == "" {
				continue
			}
		}
		if !slices.Contains(seen, name) {
			seen = append(seen, name)
		}
	}
	return len(seen)
}

func host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}

// splitWithdrawn puts the withdrawn entries of All, already in time
// order, after the others, and numbers every entry by its place. An entry
// kept from the model before (kept) that moved is copied, since that
// model may still be read.
func (t *Timeline) splitWithdrawn(kept func(*Entry) bool) {
	all := make([]*Entry, 0, len(t.All))
	var withdrawn []*Entry
	for _, e := range t.All {
		if e.Withdrawal() == nil {
			all = append(all, e)
		} else {
			withdrawn = append(withdrawn, e)
		}
	}
	n := len(all)
	t.All = append(all, withdrawn...)
	for i, e := range t.All {
		if e.Index == i {
			continue
		}
		if kept(e) {
			c := *e
			e = &c
			t.All[i], t.bySlug[e.Slug] = e, e
		}
		e.Index = i
	}
	t.Entries, t.Withdrawn = t.All[:n:n], t.All[n:]
}

// statuses groups the entries by status, in the order confirmed,
// reported, disputed; a status without entries has no group.
func (t *Timeline) statuses() []*Term {
	var terms []*Term
	for _, s := range []string{"confirmed", "reported", "disputed"} {
		term := &Term{Slug: s, Name: s}
		for _, e := range t.Entries {
			if e.Status == s {
				term.Entries = append(term.Entries, e)
			}
		}
		if len(term.Entries) > 0 {
			terms = append(terms, term)
		}
	}
	return terms
}

// Notice is one item of the corrections log: a correction of an entry,
// or its withdrawal.
type Notice struct {
	Entry     *Entry
	Date      date.Date
	Text      string // the correction, or the reason for the withdrawal
	Withdrawn bool
	N         int // the correction's place in its entry's list, from 1; 0 for a withdrawal
}

// CountNotices is how many notices Notices lists, without listing them.
func (t *Timeline) CountNotices() int {
	n := 0
	for _, e := range t.All {
		n += len(e.Corrections)
		if e.Fields.Withdrawn != nil {
			n++
		}
	}
	return n
}

// Notices lists every correction and withdrawal, newest first. A
// withdrawn article's events, withdrawn with it, are not listed again.
func (t *Timeline) Notices() []Notice {
	ns := make([]Notice, 0, t.CountNotices())
	for _, e := range t.All {
		for i, c := range e.Corrections {
			ns = append(ns, Notice{Entry: e, Date: c.Date, Text: c.Text, N: i + 1})
		}
		if w := e.Fields.Withdrawn; w != nil {
			ns = append(ns, Notice{Entry: e, Date: w.Date, Text: w.Reason, Withdrawn: true})
		}
	}
	slices.SortStableFunc(ns, func(a, b Notice) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		later := func(n Notice) int { // a withdrawal comes after any correction
			if n.Withdrawn {
				return len(n.Entry.Corrections) + 1
			}
			return n.N
		}
		return cmp.Or(cmp.Compare(a.Entry.Index, b.Entry.Index), cmp.Compare(later(b), later(a)))
	})
	return ns
}
