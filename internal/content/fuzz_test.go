package content

import (
	"testing"
)

// FuzzEvidence decodes frontmatter with sources, attribution, corrections
// and withdrawals of every shape. It must not panic; every diagnostic has
// a line; what is kept obeys the rules (testdata/fuzz/FuzzEvidence holds
// the corpus).
func FuzzEvidence(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\ndate: 2025-03-11\nkind: military\nsources:\n  - {title: T, url: \"https://e.org/\", date: 2025-03, archive_url: \"https://a.org/\", archived: 2025-03-12, url_status: dead, quote: q, type: primary}\n---\n",
		"---\ntitle: A\ndate: 2025\nkind: military\nupdated: 2025-03-14\ncorrections: [{date: 2025-03-13, text: a}, {date: 2025-03-12, text: b}]\nwithdrawn: {date: 2025-04, reason: r}\n---\n",
		"---\ntitle: A\ndate: 2025\nkind: military\nattributed_to: [X, X]\nevents:\n  - id: e\n    withdrawn: {}\n    sources: [{url_status: unfit}]\n---\n",
		"+++\ntitle = 'A'\ndate = 2025-03-11\nkind = 'military'\n[[corrections]]\ndate = 2025-03-12\ntext = 'x'\n[withdrawn]\nreason = 'y'\n+++\n",
	} {
		f.Add([]byte(s))
	}
	l := Loader{Kinds: []string{"military", "diplomatic"}}
	f.Fuzz(func(t *testing.T, src []byte) {
		a, ds := l.Parse("content/a.md", src)
		for _, d := range ds {
			if d.Line < 1 {
				t.Fatalf("no line: %s", d)
			}
		}
		if a == nil {
			return
		}
		check := func(ev *Evidence) {
			for _, s := range ev.Sources {
				if s.Archived != nil && s.Date != nil && s.Archived.EndsBefore(*s.Date) && !ds.HasErrors() {
					t.Fatalf("archived %s before %s without an error", s.Archived, s.Date)
				}
				if s.URLStatus != "live" && s.URLStatus != "dead" && s.URLStatus != "unfit" {
					t.Fatalf("url_status %q", s.URLStatus)
				}
			}
			for i := 1; i < len(ev.Corrections); i++ {
				if ev.Corrections[i].Date.Compare(ev.Corrections[i-1].Date) < 0 && !ds.HasErrors() {
					t.Fatal("corrections out of order without an error")
				}
			}
			if w := ev.Withdrawn; w != nil && (w.Reason == "" || w.Date.IsZero()) {
				t.Fatalf("withdrawn %+v kept", w)
			}
		}
		check(&a.Evidence)
		for _, e := range a.Events {
			check(&e.Evidence)
		}
	})
}
