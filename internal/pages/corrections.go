package pages

// Notice is an item of the corrections log as shown.
type Notice struct {
	Date      Date
	Entry     Link // the entry corrected or withdrawn, at its page
	Text      string
	Withdrawn bool
}

// notices is the corrections log, newest first.
func (p *Planner) notices() []Notice {
	var out []Notice
	for _, n := range p.tl.Notices() {
		out = append(out, Notice{Date: dateView(n.Date), Entry: Link{Name: n.Entry.Title, URL: p.EntryURL(n.Entry)}, Text: n.Text, Withdrawn: n.Withdrawn})
	}
	return out
}

// correctionsPage is /corrections/: every correction and withdrawal.
func (p *Planner) correctionsPage() *Page {
	pg := p.page("corrections", "corrections", "Corrections and withdrawals", p.URL("corrections/"))
	pg.Description = "Every correction and withdrawal of an entry of " + p.cfg.Title + ", newest first."
	pg.Notices = p.notices()
	return pg
}

// NoticesKey sums up the corrections log, for /corrections.xml.
func (p *Planner) NoticesKey() uint64 {
	h := newHasher()
	h.u(p.siteVersion)
	h.notices(p.notices())
	return h.sum()
}

func (h hasher) notices(ns []Notice) {
	h.n(len(ns))
	for i := range ns {
		h.date(&ns[i].Date)
		h.link(&ns[i].Entry)
		h.s(ns[i].Text)
		h.b(ns[i].Withdrawn)
	}
}

// statusCounts counts the timeline's entries by status, and the withdrawn.
func (p *Planner) statusCounts() []Link {
	var out []Link
	for _, t := range p.tl.Statuses {
		out = append(out, Link{Name: t.Name, URL: p.URL("status/" + t.Slug + "/"), Count: len(t.Entries)})
	}
	if n := len(p.tl.Withdrawn); n > 0 {
		out = append(out, Link{Name: "withdrawn", URL: p.URL("corrections/"), Count: n})
	}
	return out
}
