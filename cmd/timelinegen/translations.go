package main

import (
	"fmt"
	"io"

	"github.com/timelinegen/timelinegen/internal/scaffold"
	"github.com/timelinegen/timelinegen/internal/translations"
)

// runNewTranslation is `timelinegen new translation LANG FILE`.
func runNewTranslation(args []string, stdout, stderr io.Writer) int {
	fs := flags("new translation LANG FILE [--source DIR]",
		"Writes FILE's translation into LANG beside it (<slug>.<lang>.md), with the text to translate and the fingerprint of the original's.", stderr)
	source := fs.String("source", ".", "the site's `folder`")
	pos, code := parseInterleaved(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "timelinegen new translation: name a language and an article: timelinegen new translation uk content/2025/03/jeddah-talks.md")
		return exitUsage
	}
	p, err := scaffold.NewTranslation(*source, pos[0], pos[1])
	if err != nil {
		return reportScaffold(stderr, "new translation", err)
	}
	fmt.Fprintln(stdout, p)
	return exitOK
}

// runTranslations is `timelinegen translations`.
func runTranslations(args []string, stdout, stderr io.Writer) int {
	fs := flags("translations [--source DIR]", "Lists, per language, the translations done, out of date and missing.", stderr)
	source := fs.String("source", ".", "the site's `folder`")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	cfg, err := scaffold.LoadConfig(*source)
	if err != nil {
		return reportScaffold(stderr, "translations", err)
	}
	langs, ds := translations.Survey(*source, &cfg)
	printDiagnostics(stderr, ds)
	translations.Print(stdout, langs)
	if ds.HasErrors() {
		return exitContent
	}
	return exitOK
}
