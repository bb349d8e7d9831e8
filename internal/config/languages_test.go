package config

import (
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/diag"
)

func TestLanguages(t *testing.T) {
	var ds diag.List
	c := Parse("timeline.yaml", []byte("languages:\n  - {code: en, label: English}\n  - {code: uk}\n  - ar\n"), &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	want := []Language{{"en", "English"}, {"uk", "Українська"}, {"ar", "العربية"}}
	if c.Language != "en" || len(c.Languages) != 3 || c.Languages[1] != want[1] || c.Languages[2] != want[2] {
		t.Errorf("languages = %v, language = %q", c.Languages, c.Language)
	}
}

func TestLanguageAloneIsOneLanguage(t *testing.T) {
	var ds diag.List
	c := Parse("timeline.yaml", []byte("language: uk\n"), &ds)
	if len(ds) > 0 || len(c.Languages) != 1 || c.Languages[0] != (Language{"uk", "Українська"}) {
		t.Errorf("languages = %v, ds = %v", c.Languages, ds)
	}
}

func TestLanguageAndLanguagesIsAnError(t *testing.T) {
	var ds diag.List
	Parse("timeline.yaml", []byte("title: x\nlanguage: en\nlanguages: [en, uk]\n"), &ds)
	if len(ds) != 1 || !strings.Contains(ds[0].String(), "timeline.yaml:2:1: language and languages are both set") {
		t.Errorf("ds = %v", ds)
	}
}

func TestBadLanguages(t *testing.T) {
	for src, want := range map[string]string{
		"languages: [en, en]\n":                  `timeline.yaml:1:17: languages: "en" is listed twice`,
		"languages: [en, Ukrainian]\n":           `languages: "Ukrainian" is not a language code`,
		"languages: []\n":                        "languages: want a list",
		"languages:\n  - {code: uk, lable: x}\n": `unknown key "lable" (did you mean "label"?)`,
		"language: English\n":                    `language: "English" is not a language code`,
	} {
		var ds diag.List
		Parse("timeline.yaml", []byte(src), &ds)
		if len(ds) != 1 || !strings.Contains(ds[0].String(), want) {
			t.Errorf("%q: ds = %v, want %q", src, ds, want)
		}
	}
}

// A language's pages go under /<code>/: a code the site takes at its root
// would overwrite the default language's pages there.
func TestLanguageCodesMayNotTakeTheSitesOwnFolders(t *testing.T) {
	for src, want := range map[string]string{
		"languages:\n  - en\n  - {code: map, label: Mapudungun}\n": `timeline.yaml:3:5: languages: "map" cannot be the code of a language other than the default: its pages would go under /map/`,
		"languages: [en, uk, css]\n":                               `timeline.yaml:1:21: languages: "css" cannot be the code`,
		"languages: [en, js]\n":                                    `timeline.yaml:1:17: languages: "js" cannot be the code`,
	} {
		var ds diag.List
		Parse("timeline.yaml", []byte(src), &ds)
		if len(ds) != 1 || !strings.Contains(ds[0].String(), want) {
			t.Errorf("%q: ds = %v, want %q", src, ds, want)
		}
	}
	// The default language is at the root: any code will do.
	var ds diag.List
	if c := Parse("timeline.yaml", []byte("languages: [map, en]\n"), &ds); len(ds) > 0 || c.Language != "map" {
		t.Errorf("default language map: %v, ds = %v", c.Languages, ds)
	}
}
