package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

const translatable = `---
title: Talks in Jeddah
date: 2025-03-11
kind: diplomatic
summary: "Delegations meet: a ceasefire is proposed."
events:
  - {id: joint-statement, title: A joint statement, summary: They agree.}
---
The body, with [[talks]].
`

func TestNewTranslationHoldsTheTextAndItsFingerprint(t *testing.T) {
	site := sitetest.New(t, map[string]string{
		"timeline.yaml":    "languages: [en, uk]\n",
		"content/talks.md": translatable,
	})
	p, err := NewTranslation(site, "uk", filepath.Join(site, "content", "talks.md"))
	if err != nil {
		t.Fatal(err)
	}
	if p != filepath.Join(site, "content", "talks.uk.md") {
		t.Errorf("path %s", p)
	}
	src, _ := os.ReadFile(p)
	tr, ds := content.Loader{Kinds: []string{"diplomatic"}, Languages: []string{"en", "uk"}}.ParseTranslation("content/talks.uk.md", src)
	if len(ds) > 0 {
		t.Fatalf("%v\n%s", ds, src)
	}
	a, _ := content.Loader{Kinds: []string{"diplomatic"}}.Parse("content/talks.md", []byte(translatable))
	if tr.Title != "Talks in Jeddah" || tr.Summary != a.Summary || tr.Event("joint-statement").Summary != "They agree." ||
		tr.Of != content.Fingerprint(a) || !strings.Contains(string(tr.Body), "[[talks]]") {
		t.Errorf("translation %+v\n%s", tr, src)
	}
	if _, err := NewTranslation(site, "uk", "content/talks.md"); err == nil || !IsUsage(err) || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("second time: %v", err)
	}
}

func TestNewTranslationRejects(t *testing.T) {
	site := sitetest.New(t, map[string]string{
		"timeline.yaml":       "languages: [en, uk]\n",
		"content/talks.md":    translatable,
		"content/talks.uk.md": "---\ntitle: x\n---\n",
	})
	for _, c := range []struct{ lang, file, want string }{
		{"ru", "content/talks.md", `no language "ru" in timeline.yaml's languages (en, uk)`},
		{"en", "content/talks.md", `"en" is the site's default language`},
		{"uk", "content/nope.md", "no file content/nope.md"},
		{"uk", "content/talks.uk.md", "is a translation already"},
		{"uk", "timeline.yaml", "is not an article of the site"},
	} {
		_, err := NewTranslation(site, c.lang, c.file)
		if err == nil || !IsUsage(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: %v, want %q", c.lang, c.file, err, c.want)
		}
	}
}
