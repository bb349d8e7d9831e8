package pages

import (
	"sync"

	"github.com/timelinegen/timelinegen/internal/permalink"
)

// Notice is an item of the corrections log as shown.
type Notice struct {
	Date      Date
	Entry     Link // the entry corrected or withdrawn, at its page
	Text      string
	Withdrawn bool
	// Lang is the language of the entry's title when not the page's (not
	// yet translated); TextLang the original's, when the page is in
	// another: a correction is not translated.
	Lang, TextLang string
}

// notices is the corrections log, newest first.
func (p *Planner) notices() []Notice {
	ns := p.tl.Notices()
	out := make([]Notice, 0, len(ns))
	for _, n := range ns {
		out = append(out, Notice{Date: p.dateView(n.Date), Entry: Link{Name: n.Entry.Title, URL: p.EntryURL(n.Entry)}, Text: n.Text, Withdrawn: n.Withdrawn,
			Lang: n.Entry.Text.Lang, TextLang: p.originalLang()})
	}
	return out
}

// noticesPerPage is how many corrections and withdrawals a page of the
// log lists: at 1,000 characters each, a page stays well under 1 MiB.
const noticesPerPage = 100

// correctionsPages adds /corrections/, every correction and withdrawal,
// newest first, and its further pages /corrections/page/N/.
func (p *Planner) correctionsPages(specs []Spec) []Spec {
	// Counted here, listed only when a page of the log is made: serve
	// lists the pages on every save (at 100,000 articles the log was
	// 15 MB a save).
	all := sync.OnceValue(p.notices)
	total := max(1, (p.tl.CountNotices()+noticesPerPage-1)/noticesPerPage)
	rel := func(n int) string {
		if n == 1 {
			return permalink.CorrectionsPath()
		}
		return permalink.PagedPath(permalink.CorrectionsPath(), n)
	}
	pageURL := func(n int) string { return p.URL(rel(n)) }
	for n := 1; n <= total; n++ {
		file := p.urls.File(rel(n))
		specs = append(specs, Spec{File: file, Rel: rel(n), Data: func() *Page {
			title := p.t("corrections_link")
			if n > 1 {
				title = p.f("title_page", title, p.num(n), p.num(total))
			}
			pg := p.page("corrections", "corrections", title, pageURL(n))
			pg.Description = p.f("corrections_desc", p.site.Title)
			pg.Notices = all()[(n-1)*noticesPerPage : min(n*noticesPerPage, len(all()))]
			if total > 1 {
				pg.Pager = p.pager(n, total, pageURL)
			}
			return pg
		}})
	}
	return specs
}

// statusCounts counts the timeline's entries by status, and the withdrawn.
func (p *Planner) statusCounts() []Link {
	var out []Link
	for _, t := range p.tl.Statuses {
		out = append(out, Link{Name: p.t("status_" + t.Name), URL: p.URL(permalink.TermPath("status", t.Slug)), Count: len(t.Entries)})
	}
	if n := len(p.tl.Withdrawn); n > 0 {
		out = append(out, Link{Name: p.t("status_withdrawn"), URL: p.URL(permalink.CorrectionsPath()), Count: n})
	}
	return out
}
