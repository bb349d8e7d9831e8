package linkcheck

import (
	"fmt"
	"slices"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// Link is a URL where an article cites it: a source's url or its
// archive_url.
type Link struct {
	URL    string
	Path   string      // the article's file
	Pos    content.Pos // where the URL is written
	Field  string      // "url" or "archive_url"
	Where  string      // "events: " for an event's source, else ""
	Source *content.Source
}

// Links lists every source url and archive_url of articles, in file
// order.
func Links(articles []*content.Article) []Link {
	var out []Link
	add := func(a *content.Article, where string, sources []content.Source) {
		for i := range sources {
			s := &sources[i]
			if s.URL != "" {
				out = append(out, Link{URL: s.URL, Path: a.Path, Pos: s.URLPos, Field: "url", Where: where, Source: s})
			}
			if s.ArchiveURL != "" {
				out = append(out, Link{URL: s.ArchiveURL, Path: a.Path, Pos: s.ArchivePos, Field: "archive_url", Where: where, Source: s})
			}
		}
	}
	for _, a := range articles {
		add(a, "", a.Sources)
		for _, ev := range a.Events {
			add(a, "events: ", ev.Sources)
		}
	}
	return out
}

// URLs lists the links' URLs, each once, sorted.
func URLs(links []Link) []string {
	out := make([]string, 0, len(links))
	for _, l := range links {
		out = append(out, l.URL)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Diagnose says what the results mean for each link, at the line of its
// source. A dead url without an archive_url is a warning, an error with
// strict: readers have no way left to check the claim. Every other
// finding is a warning.
func Diagnose(links []Link, results map[string]Result, strict bool) diag.List {
	var ds diag.List
	for _, l := range links {
		r, ok := results[l.URL]
		if !ok {
			continue
		}
		field := l.Where + "sources: " + l.Field
		warn := func(format string, args ...any) {
			ds.Warnf(l.Path, l.Pos.Line, l.Pos.Col, "%s: %s", field, fmt.Sprintf(format, args...))
		}
		gone := l.Source.OriginalGone()
		switch r.State {
		case Dead:
			switch {
			case l.Field == "archive_url":
				warn("the archived copy is dead (%s)", r.Error)
			case l.Source.ArchiveURL == "" && strict:
				ds.Errorf(l.Path, l.Pos.Line, l.Pos.Col, "%s: dead (%s), and no archive_url: add a link to an archived copy", field, r.Error)
			case l.Source.ArchiveURL == "":
				warn("dead (%s), and no archive_url: add a link to an archived copy", r.Error)
			case !gone:
				warn("dead (%s): set url_status: dead, so that readers get the archived copy first", r.Error)
			}
		case Moved:
			if !gone || l.Field == "archive_url" {
				warn("moved to %s (HTTP %d): update the %s", r.MovedTo, r.Moved, l.Field)
			}
		case Failed:
			if !gone || l.Field == "archive_url" {
				warn("could not be checked: %s", r.Error)
			}
		}
	}
	return ds
}
