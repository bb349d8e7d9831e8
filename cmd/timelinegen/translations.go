package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen/internal/scaffold"
	"github.com/timelinegen/timelinegen/internal/translations"
)

// newTranslationCmd is `timelinegen new translation LANG FILE`.
func newTranslationCmd(stdout, stderr io.Writer) *cobra.Command {
	var source string
	c := &cobra.Command{
		Use:   "translation LANG FILE",
		Short: "Write FILE's translation into LANG beside it (<slug>.<lang>.md), with the text to translate and the original's fingerprint",
		Args:  exactArgs(2, "name a language and an article: timelinegen new translation uk content/2025/03/jeddah-talks.md"),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := checkSource(source); err != nil {
				fmt.Fprintf(stderr, "timelinegen new translation: %v\n", err)
				return exitError(exitUsage)
			}
			p, err := scaffold.NewTranslation(source, args[0], args[1])
			if err != nil {
				return status(reportScaffold(stderr, "new translation", err))
			}
			fmt.Fprintln(stdout, p)
			return nil
		},
	}
	c.Flags().StringVar(&source, "source", ".", "the site's `folder`")
	return c
}

// translationsCmd is `timelinegen translations`.
func translationsCmd(stdout, stderr io.Writer) *cobra.Command {
	var source string
	c := &cobra.Command{
		Use:   "translations",
		Short: "List, per language, the translations done, out of date and missing",
		Args:  noArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkSource(source); err != nil {
				fmt.Fprintf(stderr, "timelinegen translations: %v\n", err)
				return exitError(exitUsage)
			}
			cfg, err := scaffold.LoadConfig(source)
			if err != nil {
				return status(reportScaffold(stderr, "translations", err))
			}
			langs, ds := translations.Survey(source, &cfg)
			printDiagnostics(stderr, ds)
			translations.Print(stdout, langs)
			if ds.HasErrors() {
				return exitError(exitContent)
			}
			return nil
		},
	}
	c.Flags().StringVar(&source, "source", ".", "the site's `folder`")
	return c
}
