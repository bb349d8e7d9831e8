package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/diag"
)

func mustDate(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDatesInTheirGrammaticalCase(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"en", "2025-03-11", "11 March 2025"},
		{"en", "2025-03", "March 2025"},
		{"en", "2025", "2025"},
		{"uk", "2025-03-11", "11 березня 2025"},
		{"uk", "2025-03", "березень 2025"},
		{"uk", "2025-02-28", "28 лютого 2025"},
		{"ru", "2025-03-11", "11 марта 2025"},
		{"ru", "2025-03", "март 2025"},
		{"ru", "2025-05-09", "9 мая 2025"},
		{"ar", "2025-03-11", "١١ مارس ٢٠٢٥"},
		{"ar", "2025-03", "مارس ٢٠٢٥"},
		{"uk", "2025-03-11T14:30:00+02:00", "11 березня 2025, 14:30 UTC+02:00"},
		{"de", "2025-03-11", "11 March 2025"}, // no built-in months: English
	} {
		l, _ := New(c.lang, c.lang)
		if got := l.Date(mustDate(t, c.in)); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
	uk, _ := New("uk", "")
	if got := uk.ShortMonth(time.March); got != "бер." {
		t.Errorf("short = %q", got)
	}
}

func TestPlurals(t *testing.T) {
	uk, _ := New("uk", "")
	ru, _ := New("ru", "")
	ar, _ := New("ar", "")
	en, _ := New("en", "")
	for _, c := range []struct {
		l    *Locale
		n    int
		want string
	}{
		{en, 1, "1 entry"}, {en, 2, "2 entries"}, {en, 0, "0 entries"},
		{uk, 1, "1 запис"}, {uk, 3, "3 записи"}, {uk, 5, "5 записів"}, {uk, 11, "11 записів"}, {uk, 21, "21 запис"}, {uk, 22, "22 записи"}, {uk, 12, "12 записів"},
		{ru, 1, "1 запись"}, {ru, 4, "4 записи"}, {ru, 25, "25 записей"},
		{ar, 0, "لا سجلات"}, {ar, 1, "سجل واحد"}, {ar, 2, "سجلان"}, {ar, 3, "٣ سجلات"}, {ar, 11, "١١ سجلًا"}, {ar, 100, "١٠٠ سجل"},
	} {
		if got := c.l.N("entries", c.n); got != c.want {
			t.Errorf("%s %d = %q, want %q", c.l.Code, c.n, got, c.want)
		}
	}
}

// Every built-in language has every key, each plural string as many
// forms as its language has categories, and the same verbs as English.
func TestBuiltinStringsAreComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d\])?[sd]`)
	en := English()
	for _, code := range []string{"en", "uk", "ru", "ar"} {
		own := Builtin(code)
		for k, v := range en {
			got, ok := own[k]
			if !ok {
				t.Errorf("%s: no %q", code, k)
				continue
			}
			if strings.Contains(v, "|") {
				if n := len(strings.Split(got, "|")); n != len(Categories(code)) {
					t.Errorf("%s: %q has %d forms, want %d", code, k, n, len(Categories(code)))
				}
				continue
			}
			if a, b := len(verbs.FindAllString(v, -1)), len(verbs.FindAllString(got, -1)); a != b {
				t.Errorf("%s: %q has %d verbs, English %d", code, k, b, a)
			}
		}
		for k, v := range own {
			if bad := Placeholders(en[k], v); bad != "" {
				t.Errorf("%s: %q: %s", code, k, bad)
			}
		}
		if len(own) != len(en) {
			t.Errorf("%s: %d keys, English %d", code, len(own), len(en))
		}
		if _, missing := New(code, ""); len(missing) > 0 {
			t.Errorf("%s: missing %v", code, missing)
		}
	}
}

func TestDirection(t *testing.T) {
	for code, want := range map[string]string{"ar": "rtl", "he": "rtl", "fa": "rtl", "ur": "rtl", "en": "ltr", "uk": "ltr"} {
		l, _ := New(code, "")
		if l.Dir() != want {
			t.Errorf("%s: %s", code, l.Dir())
		}
	}
}

func TestSiteFileTranslatesNames(t *testing.T) {
	var ds diag.List
	l := Parse("i18n/uk.yaml", Language{"uk", "Українська"}, []byte("actors: {Ukraine: Україна}\nplaces: {Jeddah: Джидда}\ntags: {ceasefire: перемир'я}\nkinds: {diplomatic: Дипломатія}\nstrings: {search: Шукати}\n"), &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if l.Actor("Ukraine") != "Україна" || l.Actor("Russia") != "Russia" || l.Place("Jeddah") != "Джидда" ||
		l.Tag("ceasefire") != "перемир'я" || l.Kind("diplomatic", "Diplomatic") != "Дипломатія" || l.T("search") != "Шукати" {
		t.Errorf("locale = %+v", l)
	}
}

func TestLanguageWithoutBuiltinsWarnsOnceWithMissingKeys(t *testing.T) {
	var ds diag.List
	l := Parse("i18n/de.yaml", Language{"de", "Deutsch"}, []byte("strings: {search: Suche}\n"), &ds)
	if len(ds) != 1 || ds[0].Severity != diag.Warning || !strings.Contains(ds[0].String(), `i18n/de.yaml: warning: no built-in interface strings for "de"`) ||
		!strings.Contains(ds[0].String(), "skip") || strings.Contains(ds[0].String(), ", search,") {
		t.Fatalf("ds = %v", ds)
	}
	if l.T("search") != "Suche" || l.T("skip") != "Skip to content" {
		t.Errorf("strings: %q %q", l.T("search"), l.T("skip"))
	}
}

func TestBadLanguageFile(t *testing.T) {
	for src, want := range map[string]string{
		"actor: {Ukraine: Україна}\n": `i18n/uk.yaml:1:1: unknown key "actor" (did you mean "actors"?)`,
		"actors: [Ukraine]\n":         "i18n/uk.yaml:1:9: actors: want a map",
		"strings: {serch: x}\n":       `i18n/uk.yaml:1:11: warning: strings: unknown key "serch" (did you mean "search"?)`,
	} {
		var ds diag.List
		Parse("i18n/uk.yaml", Language{"uk", ""}, []byte(src), &ds)
		if len(ds) != 1 || !strings.Contains(ds[0].String(), want) {
			t.Errorf("%q: %v, want %q", src, ds, want)
		}
	}
}

// A site's string whose placeholders are not English's is an error at its
// line and column, and the built-in string stays: a page never shows
// %!s(MISSING).
func TestStringPlaceholdersAreEnglishs(t *testing.T) {
	for src, want := range map[string]string{
		"strings:\n  translated_by: \"Переклад\"\n":                   `i18n/uk.yaml:2:18: strings: translated_by: the placeholders are none, English's "Translated by %s." has %[1]s`,
		"strings:\n  translated_by: \"Переклав %s і %s\"\n":           `i18n/uk.yaml:2:18: strings: translated_by: the placeholders are %[1]s %[2]s, English's "Translated by %s." has %[1]s`,
		"strings:\n  translated_by: \"Переклав %d\"\n":                `i18n/uk.yaml:2:18: strings: translated_by: the placeholders are %[1]d, English's`,
		"strings:\n  page_of: \"Сторінка %[2]s з %[2]s\"\n":           `i18n/uk.yaml:2:12: strings: page_of: the placeholders are %[2]s, English's "Page %s of %s" has %[1]s %[2]s`,
		"strings:\n  search: \"Шукати %[1]s\"\n":                      `i18n/uk.yaml:2:11: strings: search: "%[1]s" looks like a placeholder, but English's "Search" has none`,
		"strings:\n  made_with: \"Зроблено на 50% з %s\"\n":           `i18n/uk.yaml:2:14: strings: made_with: "% з" is not a placeholder: write %s, %d or %[1]s, and %% for a percent sign`,
		"strings:\n  made_with: \"Зроблено з %[x]s\"\n":               `i18n/uk.yaml:2:14: strings: made_with: "%[" is not a placeholder`,
		"strings:\n  entries: \"%d запис|%d записи|%s записів\"\n":    `i18n/uk.yaml:2:12: strings: entries: a form of a plural string holds "%s": each form may hold only %d, the number, once`,
		"strings:\n  entries: \"%d запис|%d %d записи|%d записів\"\n": `i18n/uk.yaml:2:12: strings: entries: a form of a plural string holds "%d"`,
	} {
		var ds diag.List
		l := Parse("i18n/uk.yaml", Language{"uk", ""}, []byte(src), &ds)
		if len(ds) != 1 || ds[0].Severity != diag.Error || !strings.Contains(ds[0].String(), want) {
			t.Errorf("%q:\n%v\nwant %q", src, ds, want)
		}
		for k, v := range l.Strings {
			if v != Builtin("uk")[k] {
				t.Errorf("%q: the faulty %s = %q was taken", src, k, v)
			}
		}
	}
	// What a translator may do: reorder, repeat, write a percent sign.
	for _, src := range []string{
		"strings:\n  page_of: \"%[2]s: сторінка %[1]s\"\n",
		"strings:\n  video_note: \"З %[1]s; нічого з %[1]s\"\n",
		"strings:\n  search: \"Шукати на 100%\"\n",
		"strings:\n  made_with: \"На 100%% з %s\"\n",
		"strings:\n  entries: \"один запис|%d записи|%d записів\"\n",
	} {
		var ds diag.List
		if Parse("i18n/uk.yaml", Language{"uk", ""}, []byte(src), &ds); len(ds) > 0 {
			t.Errorf("%q: %v", src, ds)
		}
	}
}

func TestLoadReadsEachLanguageAndWarnsOfFilesForNone(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "i18n", "uk.yaml"), []byte("title: Хронологія\nactors: {Ukraine: Україна}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "i18n", "ur.yaml"), []byte("actors: {}\n"), 0o644)
	var ds diag.List
	locs := Load(dir, []Language{{"en", "English"}, {"uk", "Українська"}}, &ds)
	if len(locs) != 2 || locs[1].Title != "Хронологія" || locs[1].Actor("Ukraine") != "Україна" || locs[0].Actor("Ukraine") != "Ukraine" {
		t.Errorf("locales %+v", locs)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].String(), `i18n/ur.yaml: warning: no language "ur" in timeline.yaml's languages (en, uk): this file is not used`) {
		t.Errorf("ds = %v", ds)
	}
}

// Counts and casualty figures take CLDR's digits and thousands separator
// for the language; years do not.
func TestNumbersAndFiguresInEachLanguage(t *testing.T) {
	f := casualty.Figure{Min: 10000, Best: 12500, Max: 15000}
	least := casualty.Figure{Min: 1200, NoBest: true, NoMax: true}
	for _, c := range []struct{ code, n, entries, figure, least, year string }{
		{"en", "10,000", "10,000 entries", "12,500 (10,000–15,000)", "at least 1,200", "2025"},
		{"uk", "10\u00a0000", "10\u00a0000 записів", "12\u00a0500 (10\u00a0000–15\u00a0000)", "щонайменше 1\u00a0200", "2025"},
		{"ru", "10\u00a0000", "10\u00a0000 записей", "12\u00a0500 (10\u00a0000–15\u00a0000)", "не менее 1\u00a0200", "2025"},
		{"ar", "١٠٬٠٠٠", "١٠٬٠٠٠ سجل", "١٢٬٥٠٠ (١٠٬٠٠٠–١٥٬٠٠٠)", "", "٢٠٢٥"},
	} {
		l, _ := New(c.code, c.code)
		if got := l.Number(10000); got != c.n {
			t.Errorf("%s: Number(10000) = %q, want %q", c.code, got, c.n)
		}
		if got := l.N("entries", 10000); got != c.entries {
			t.Errorf("%s: N(entries, 10000) = %q, want %q", c.code, got, c.entries)
		}
		if got := l.Figure(f); got != c.figure {
			t.Errorf("%s: Figure = %q, want %q", c.code, got, c.figure)
		}
		if got := l.Figure(least); c.least != "" && got != c.least {
			t.Errorf("%s: Figure(at least) = %q, want %q", c.code, got, c.least)
		}
		if got := l.Year(2025); got != c.year {
			t.Errorf("%s: Year = %q, want %q", c.code, got, c.year)
		}
	}
}

// TestGaps: a language's file that lacks the site's title, description
// or a kind's label is one warning naming the file (at its kinds: line)
// and what to add; a complete one, and the default language, say nothing.
func TestGaps(t *testing.T) {
	langs := []Language{{"en", "English"}, {"uk", "Українська"}, {"ar", "العربية"}}
	files := map[string]string{
		"uk": "title: Хронологія\ndescription: Опис\nkinds:\n  diplomatic: Дипломатія\n  military: Військові події\n",
		"ar": "title: الخط الزمني\nkinds:\n  diplomatic: دبلوماسي\n",
	}
	var ds diag.List
	locales := make([]*Locale, len(langs))
	for i, l := range langs {
		locales[i] = Parse(File(l.Code), l, []byte(files[l.Code]), &ds)
	}
	Gaps(locales, []string{"diplomatic", "military"}, true, &ds)
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{`i18n/ar.yaml:2: warning: ar pages show the default language's words for what this file does not give: add description:, kinds: (military)`}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without a description in timeline.yaml, none is asked for.
	ds = nil
	Gaps(locales, []string{"diplomatic"}, false, &ds)
	if len(ds) != 0 {
		t.Errorf("a complete file warns: %v", ds)
	}
}
