package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/timelinegen/timelinegen/internal/importer"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

// runImport is `timelinegen import csv FILE`.
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flags("import csv FILE [--format acled|timelinejs] [--out DIR] [--force] [--kind-map FILE] [--default-kind K]",
		"Imports an ACLED export or a TimelineJS sheet saved as CSV: one article a row, in DIR/content/imported/.\n"+
			"Existing files are kept unless --force. Exit status 1 when some rows could not be imported.", stderr)
	format := fs.String("format", "", "the sheet's `format`: acled or timelinejs (default: told from the header row)")
	out := fs.String("out", ".", "the site `folder` to import into")
	force := fs.Bool("force", false, "overwrite articles imported before")
	kindMap := fs.String("kind-map", "", "a YAML `file` mapping ACLED event types and sub-event types, or TimelineJS groups, to kinds")
	defaultKind := fs.String("default-kind", "", "the `kind` of rows no mapping gives one")
	pos, code := parseInterleaved(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 2 || pos[0] != "csv" {
		fmt.Fprintln(stderr, "timelinegen import: usage: timelinegen import csv FILE [--format acled|timelinejs] [--out DIR]")
		return exitUsage
	}
	file := pos[1]

	opts, err := importer.SiteOptions(*out, importer.Options{Format: importer.Format(strings.ToLower(*format)), DefaultKind: *defaultKind})
	if err != nil {
		return reportScaffold(stderr, "import", err)
	}
	if *kindMap != "" {
		src, err := os.ReadFile(*kindMap)
		if err != nil {
			fmt.Fprintf(stderr, "timelinegen import: --kind-map: %v\n", err)
			return exitUsage
		}
		if opts.KindMap, err = importer.ParseKindMap(*kindMap, src, opts.Kinds); err != nil {
			fmt.Fprintf(stderr, "timelinegen import: --kind-map: %v\n", err)
			return exitUsage
		}
	}
	var r io.Reader = os.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			fmt.Fprintf(stderr, "timelinegen import: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		r = f
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
	if err := importer.Write(*out, res, importer.WriteOptions{Force: *force}); err != nil {
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
