package linkcheck

import (
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
)

func diagnose(src content.Source, strict bool, results map[string]Result) diag.List {
	a := &content.Article{Path: "content/a.md"}
	a.Sources = []content.Source{src}
	return Diagnose(Links([]*content.Article{a}), results, strict)
}

func source(status string, archive bool) content.Source {
	s := content.Source{Title: "T", URL: "https://news.example/a", URLPos: content.Pos{Line: 7, Col: 10}, URLStatus: status}
	if archive {
		s.ArchiveURL, s.ArchivePos = "https://archive.example/a", content.Pos{Line: 8, Col: 18}
	}
	return s
}

var (
	dead   = Result{State: Dead, Status: 404, Error: "HTTP 404"}
	moved  = Result{State: Moved, Status: 200, MovedTo: "https://news.example/b", Moved: 301}
	failed = Result{State: Failed, Error: "no answer within 20s"}
	ok     = Result{State: OK, Status: 200}
)

func results(url, archive Result) map[string]Result {
	return map[string]Result{"https://news.example/a": url, "https://archive.example/a": archive}
}

// one checks that ds is the one diagnostic want ("line:col: [warning: ]text").
func one(t *testing.T, ds diag.List, want string) {
	t.Helper()
	if len(ds) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %s", len(ds), ds.Error())
	}
	got := ds[0].String()
	if !strings.HasPrefix(want, "content/a.md:") {
		want = "content/a.md:" + want
	}
	at, text, _ := strings.Cut(want, ": ")
	if !strings.HasPrefix(got, at+": ") || !strings.Contains(got, text) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestDeadWithoutArchiveIsAWarning(t *testing.T) {
	one(t, diagnose(source("live", false), false, results(dead, ok)), "7:10: warning: sources: url: dead (HTTP 404), and no archive_url")
}

func TestDeadWithoutArchiveIsAnErrorWithStrict(t *testing.T) {
	ds := diagnose(source("live", false), true, results(dead, ok))
	one(t, ds, "7:10: sources: url: dead (HTTP 404), and no archive_url")
	if !ds.HasErrors() {
		t.Error("not an error")
	}
}

func TestDeadWithArchiveAsksForURLStatus(t *testing.T) {
	one(t, diagnose(source("live", true), true, results(dead, ok)), "7:10: warning: sources: url: dead (HTTP 404): set url_status: dead")
}

func TestDeadAndSaidSoIsQuiet(t *testing.T) {
	if ds := diagnose(source("dead", true), true, results(dead, ok)); len(ds) != 0 {
		t.Errorf("got %s", ds.Error())
	}
}

func TestMovedIsAWarning(t *testing.T) {
	one(t, diagnose(source("live", false), false, results(moved, ok)), "7:10: warning: sources: url: moved to https://news.example/b (HTTP 301): update the url")
}

func TestUncheckableIsAWarning(t *testing.T) {
	one(t, diagnose(source("live", false), true, results(failed, ok)), "7:10: warning: sources: url: could not be checked: no answer within 20s")
}

func TestDeadArchiveIsAWarning(t *testing.T) {
	one(t, diagnose(source("dead", true), true, results(dead, dead)), "8:18: warning: sources: archive_url: the archived copy is dead (HTTP 404)")
}

func TestEventSourcesAreChecked(t *testing.T) {
	a := &content.Article{Path: "content/a.md"}
	a.Events = []*content.Event{{ID: "ev"}}
	a.Events[0].Sources = []content.Source{source("live", false)}
	one(t, Diagnose(Links([]*content.Article{a}), results(dead, ok), false), "7:10: warning: events: sources: url: dead")
}
