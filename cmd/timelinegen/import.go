package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen/internal/importer"
	"github.com/timelinegen/timelinegen/internal/scaffold"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

func importCmd(stdout, stderr io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use:   "import",
		Short: "Import articles from a spreadsheet",
		Args:  cobra.ArbitraryArgs,
		RunE:  groupRunE(stderr, "kind of file", "csv"),
	}
	var fl importFlags
	csv := &cobra.Command{
		Use:   "csv FILE",
		Short: "Import an ACLED export or a TimelineJS sheet saved as CSV",
		Long: `Imports an ACLED export or a TimelineJS sheet saved as CSV: one article a
row, in DIR/content/imported/. FILE - reads standard input. Existing files
are kept unless --force. Exit status 1 when some rows could not be imported.`,
		Args: exactArgs(1, "name one file: timelinegen import csv FILE [--format acled|timelinejs] [--out DIR]"),
		RunE: func(_ *cobra.Command, args []string) error {
			return status(runImport(stdout, stderr, args[0], fl))
		},
	}
	f := csv.Flags()
	f.StringVar(&fl.format, "format", "", "the sheet's `format`: acled or timelinejs (default: told from the header row)")
	f.StringVar(&fl.out, "out", ".", "the site `folder` to import into")
	f.BoolVar(&fl.force, "force", false, "overwrite articles imported before")
	f.StringVar(&fl.kindMap, "kind-map", "", "a YAML `file` mapping ACLED event types and sub-event types, or TimelineJS groups, to kinds")
	f.StringVar(&fl.defaultKind, "default-kind", "", "the `kind` of rows no mapping gives one")
	sortedFlags(csv)
	c.AddCommand(csv)
	return c
}

type importFlags struct {
	format, out, kindMap, defaultKind string
	force                             bool
}

// runImport is `timelinegen import csv FILE`.
func runImport(stdout, stderr io.Writer, file string, fl importFlags) int {
	opts, err := importer.SiteOptions(fl.out, importer.Options{Format: importer.Format(strings.ToLower(fl.format)), DefaultKind: fl.defaultKind})
	if err != nil {
		return reportScaffold(stderr, "import", err)
	}
	if fl.kindMap != "" {
		src, err := sitefs.ReadFile(fl.kindMap, sitefs.MaxText)
		if err != nil {
			fmt.Fprintf(stderr, "timelinegen import: --kind-map: %v\n", err)
			return exitUsage
		}
		if opts.KindMap, err = importer.ParseKindMap(fl.kindMap, src, opts.Kinds); err != nil {
			fmt.Fprintf(stderr, "timelinegen import: --kind-map: %v\n", err)
			return exitUsage
		}
	}
	var r io.Reader = os.Stdin
	if file != "-" {
		src, err := sitefs.ReadFile(file, sitefs.MaxSheet)
		if err != nil {
			fmt.Fprintf(stderr, "timelinegen import: %v\n", err)
			return exitUsage
		}
		r = bytes.NewReader(src)
	}
	res, err := importer.Convert(r, opts)
	var fe *importer.FileError
	switch {
	case errors.As(err, &fe):
		if fe.Line > 0 {
			fmt.Fprintf(stderr, "%s:%d: %s\n", file, fe.Line, fe.Msg)
		} else {
			fmt.Fprintf(stderr, "%s: %s\n", file, fe.Msg)
		}
		return exitContent
	case err != nil:
		return reportScaffold(stderr, "import", err)
	}
	if err := importer.Write(fl.out, res, importer.WriteOptions{Force: fl.force}); err != nil {
		fmt.Fprintf(stderr, "timelinegen import: %v\n", err)
		return exitContent
	}
	for _, row := range res.Rows {
		if row.Status == importer.Failed || row.Status == importer.Skipped && row.Article == nil {
			fmt.Fprintf(stderr, "%s:%d: %s: %s\n", file, row.Line, row.Status, row.Reason)
		}
	}
	if n := res.Count(importer.Skipped) - countNoEvent(res); n > 0 {
		fmt.Fprintf(stderr, "%d existing file(s) in %s kept; --force overwrites them\n", n, importer.Dir)
	}
	if res.Title != "" {
		fmt.Fprintf(stdout, "the sheet's title slide suggests, for timeline.yaml:\n  title: %s\n", scaffold.Quote(res.Title))
		if res.Description != "" {
			fmt.Fprintf(stdout, "  description: %s\n", scaffold.Quote(res.Description))
		}
	}
	fmt.Fprintln(stdout, res.Summary())
	if res.Count(importer.Failed) > 0 {
		return exitContent
	}
	return exitOK
}

func countNoEvent(res *importer.Result) int {
	n := 0
	for _, row := range res.Rows {
		if row.Status == importer.Skipped && row.Article == nil {
			n++
		}
	}
	return n
}
