package translations

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
)

func article(title string) string {
	return "---\ntitle: " + title + "\ndate: 2025-03-11\nkind: diplomatic\n---\nBody.\n"
}

func TestSurveyCountsDoneOutdatedMissing(t *testing.T) {
	dir := t.TempDir()
	a, _ := content.Loader{Kinds: []string{"diplomatic"}}.Parse("content/a.md", []byte(article("A")))
	files := map[string]string{
		"content/a.md":    article("A"),
		"content/b.md":    article("B, changed"),
		"content/c.md":    article("C"),
		"content/a.uk.md": "---\ntitle: А\ntranslation_of: " + content.Fingerprint(a) + "\n---\nТекст.\n",
		// made when b's title was A's
		"content/b.uk.md": "---\ntitle: Б\ntranslation_of: " + content.Fingerprint(a) + "\n---\nТекст.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	var ds diag.List
	cfg := config.Parse("timeline.yaml", []byte("languages: [en, uk, ar]\n"), &ds)
	langs, ds := Survey(dir, &cfg)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if len(langs) != 2 || len(langs[0].Done) != 1 || len(langs[0].Outdated) != 1 || len(langs[0].Missing) != 1 || len(langs[1].Missing) != 3 {
		t.Fatalf("survey = %+v", langs)
	}
	var b bytes.Buffer
	Print(&b, langs)
	for _, want := range []string{
		"uk (Українська): 1 of 3 done, 1 out of date, 1 missing",
		"  out of date: content/b.uk.md (title changed)",
		"  missing:     content/c.md",
		"ar (العربية): 0 of 3 done, 0 out of date, 3 missing",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}
