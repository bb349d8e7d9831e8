package content

import (
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/diag"
)

var trLoader = Loader{Kinds: []string{"diplomatic"}, Languages: []string{"en", "uk", "ar"}}

const original = `---
title: Talks in Jeddah
date: 2025-03-11
kind: diplomatic
summary: Delegations meet.
events:
  - {id: joint-statement, title: A joint statement}
---
Body.
`

func originalArticle(t *testing.T) *Article {
	a, ds := trLoader.Parse("content/jeddah-talks.md", []byte(original))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	return a
}

func oneDiag(t *testing.T, ds diag.List, want string) {
	t.Helper()
	if len(ds) != 1 || !strings.Contains(ds[0].String(), want) {
		t.Errorf("diagnostics = %v, want one with %q", ds, want)
	}
}

func TestTranslationOf(t *testing.T) {
	for p, want := range map[string][2]string{
		"content/2025/03/jeddah-talks.uk.md": {"content/2025/03/jeddah-talks.md", "uk"},
		"content/a/index.pt-br.md":           {"content/a/index.md", "pt-br"},
	} {
		o, l, ok := TranslationOf(p)
		if !ok || o != want[0] || l != want[1] {
			t.Errorf("%s: %q %q %v", p, o, l, ok)
		}
	}
	for _, p := range []string{"content/jeddah-talks.md", "content/v1.2.md", "content/a.UK.md"} {
		if IsTranslation(p) {
			t.Errorf("%s is not a translation", p)
		}
	}
}

func TestTranslationCarriesText(t *testing.T) {
	tr, ds := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitle: Переговори в Джидді\ntranslation_of: 0ba4357d-3113bb17-25617725-7a585661\nsummary: Делегації зустрічаються.\ntranslator: Олена\nevents:\n  - {id: joint-statement, title: Спільна заява}\n---\nТекст.\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if tr.Lang != "uk" || tr.Original != "content/jeddah-talks.md" || tr.Title != "Переговори в Джидді" || tr.Translator != "Олена" ||
		tr.Event("joint-statement").Title != "Спільна заява" || strings.TrimSpace(string(tr.Body)) != "Текст." {
		t.Errorf("translation = %+v", tr)
	}
	originals, ds := Match([]*Translation{tr}, []*Article{originalArticle(t)})
	if len(ds) > 0 || originals[0] == nil {
		t.Errorf("match: %v %v", originals, ds)
	}
}

func TestTranslationSettingAFactIsAnError(t *testing.T) {
	_, ds := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitle: Переговори\ndate: 2025-03-12\n---\n"))
	oneDiag(t, ds, "content/jeddah-talks.uk.md:3:1: date: date comes from the original content/jeddah-talks.md; a translation carries only text: title, summary, events [{id, title, summary}], translator, translation_of and the body")
}

func TestTranslatedEventSettingAFactIsAnError(t *testing.T) {
	_, ds := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitle: Переговори\nevents:\n  - id: joint-statement\n    kind: military\n---\n"))
	oneDiag(t, ds, "content/jeddah-talks.uk.md:5:5: events: kind: kind comes from the original content/jeddah-talks.md; a translated event carries only id, title and summary")
}

func TestTranslationInUnknownLanguage(t *testing.T) {
	_, ds := trLoader.ParseTranslation("content/jeddah-talks.ru.md", []byte("---\ntitle: Переговоры\n---\n"))
	oneDiag(t, ds, `content/jeddah-talks.ru.md:1:1: unknown language "ru": timeline.yaml's languages are en, uk, ar`)
}

func TestTranslationInTheDefaultLanguage(t *testing.T) {
	_, ds := trLoader.ParseTranslation("content/jeddah-talks.en.md", []byte("---\ntitle: Talks\n---\n"))
	oneDiag(t, ds, `content/jeddah-talks.en.md:1:1: "en" is the site's default language`)
}

func TestTranslationWithUnknownEventID(t *testing.T) {
	tr, _ := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitle: Переговори\ntranslation_of: 0ba4357d-3113bb17-25617725-7a585661\nevents:\n  - {id: joint-statment, title: Заява}\n---\n"))
	_, ds := Match([]*Translation{tr}, []*Article{originalArticle(t)})
	oneDiag(t, ds, `content/jeddah-talks.uk.md:5:10: events: unknown event id "joint-statment": content/jeddah-talks.md has events joint-statement (did you mean "joint-statement"?)`)
}

func TestTranslationWithoutOriginal(t *testing.T) {
	tr, _ := trLoader.ParseTranslation("content/jedah-talks.uk.md", []byte("---\ntitle: Переговори\n---\n"))
	_, ds := Match([]*Translation{tr}, []*Article{originalArticle(t)})
	oneDiag(t, ds, "content/jedah-talks.uk.md:1:1: no original: a translation lives beside the article it translates, and there is no content/jedah-talks.md; a translation carries only text")
}

func TestTranslationUnknownKey(t *testing.T) {
	_, ds := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitel: Переговори\n---\n"))
	oneDiag(t, ds, `content/jeddah-talks.uk.md:2:1: unknown key "titel" (did you mean "title"?): a translation carries only text`)
}

func TestStaleTranslationWarnsWithTheChangedParts(t *testing.T) {
	a := originalArticle(t)
	fp := Fingerprint(a)
	changed, _ := trLoader.Parse("content/jeddah-talks.md", []byte(strings.Replace(strings.Replace(original, "Talks in Jeddah", "Talks in Jeddah end", 1), "Body.", "Body, longer.", 1)))
	tr, ds := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitle: Переговори\ntranslation_of: "+fp+"\n---\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if _, ds := Match([]*Translation{tr}, []*Article{a}); len(ds) > 0 {
		t.Errorf("unchanged original: %v", ds)
	}
	_, ds = Match([]*Translation{tr}, []*Article{changed})
	oneDiag(t, ds, "content/jeddah-talks.uk.md:3:17: warning: the original changed since this translation (title, body)")
	if got := Changed(fp, changed); strings.Join(got, ",") != "title,body" {
		t.Errorf("changed = %v", got)
	}
}

func TestBadFingerprint(t *testing.T) {
	_, ds := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitle: Переговори\ntranslation_of: abc\n---\n"))
	oneDiag(t, ds, `content/jeddah-talks.uk.md:3:17: translation_of: "abc" is not a fingerprint`)
}

func TestTranslationWithoutFingerprintWarns(t *testing.T) {
	tr, _ := trLoader.ParseTranslation("content/jeddah-talks.uk.md", []byte("---\ntitle: Переговори\n---\n"))
	_, ds := Match([]*Translation{tr}, []*Article{originalArticle(t)})
	oneDiag(t, ds, "content/jeddah-talks.uk.md:1:1: warning: no translation_of: nothing tells when the original changes; add translation_of: 0ba4357d-3113bb17-25617725-7a585661")
}

// A body's sum, which says whether a translation's original changed,
// does not change with its line endings or the blank space around it.
func TestBodySumIsOfTheText(t *testing.T) {
	same := [][2]string{
		{"a\nb\n", "a\r\nb\r\n"},
		{"Talks resumed.\n\nBoth sides", "\r\n  Talks resumed.\r\n\r\nBoth sides \u00a0\r\n"},
		{"", " \r\n\t"},
	}
	for _, p := range same {
		if bodySum([]byte(p[0])) != bodySum([]byte(p[1])) {
			t.Errorf("%q and %q sum differently", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"a\nb", "a\n\nb"},
		{"a\rb", "a\nb"},
		{"a b", "ab"},
	}
	for _, p := range differ {
		if bodySum([]byte(p[0])) == bodySum([]byte(p[1])) {
			t.Errorf("%q and %q sum the same", p[0], p[1])
		}
	}
}
