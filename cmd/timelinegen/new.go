package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/timelinegen/timelinegen/internal/scaffold"
)

const newUsage = `Usage:
  timelinegen new site DIR
  timelinegen new article "Title" [--kind K] [--date D] [--source DIR]
  timelinegen new translation LANG FILE [--source DIR]
`

// runNew is `timelinegen new site|article`.
func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return exitUsage
	}
	switch args[0] {
	case "site":
		return runNewSite(args[1:], stdout, stderr)
	case "article":
		return runNewArticle(args[1:], stdout, stderr)
	case "translation":
		return runNewTranslation(args[1:], stdout, stderr)
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, newUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "timelinegen new: unknown kind of thing %q: want site, article or translation\n\n%s", args[0], newUsage)
	return exitUsage
}

func runNewSite(args []string, stdout, stderr io.Writer) int {
	fs := flags("new site DIR", "Creates a site that builds at once in DIR, which must be new or empty.", stderr)
	pos, code := parseInterleaved(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "timelinegen new site: name one folder: timelinegen new site DIR")
		return exitUsage
	}
	files, err := scaffold.NewSite(pos[0])
	if err != nil {
		return reportScaffold(stderr, "new site", err)
	}
	for _, f := range files {
		fmt.Fprintln(stdout, "created", filepath.Join(pos[0], filepath.FromSlash(f)))
	}
	fmt.Fprintf(stdout, "\nYour site is in %s. Preview it with\n  timelinegen serve --source %s\n", pos[0], pos[0])
	return exitOK
}

func runNewArticle(args []string, stdout, stderr io.Writer) int {
	fs := flags(`new article "Title" [--kind K] [--date D] [--source DIR]`,
		"Writes content/<slug>.md with the frontmatter filled in, the slug made from the title.", stderr)
	source := fs.String("source", ".", "the site's `folder`")
	kind := fs.String("kind", "", "the article's `kind`, one of timeline.yaml's kinds (default: the first)")
	when := fs.String("date", "", "the `date`: 2025, 2025-03, 2025-03-11 or an RFC 3339 time (default: today)")
	pos, code := parseInterleaved(fs, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, `timelinegen new article: give the title as one argument, in quotes: timelinegen new article "Ceasefire talks open in Jeddah"`)
		return exitUsage
	}
	p, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: *source, Title: pos[0], Kind: *kind, Date: *when})
	if err != nil {
		return reportScaffold(stderr, "new article", err)
	}
	fmt.Fprintln(stdout, p)
	return exitOK
}

// reportScaffold prints err and returns its exit status.
func reportScaffold(stderr io.Writer, cmd string, err error) int {
	var ce *scaffold.ContentError
	switch {
	case errors.As(err, &ce):
		printDiagnostics(stderr, ce.Diagnostics)
		fmt.Fprintf(stderr, "timelinegen %s: fix timeline.yaml first\n", cmd)
		return exitContent
	case scaffold.IsUsage(err):
		fmt.Fprintf(stderr, "timelinegen %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "timelinegen %s: %v\n", cmd, err)
	return exitContent
}

// parseInterleaved parses flags given before, between or after the
// positional arguments, as in `new article "Title" --kind military`, and
// returns the positional ones; "--" ends the flags. The status is -1 when
// parsing went well.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, int) {
	var pos []string
	for {
		if code := parseSome(fs, args); code >= 0 {
			return nil, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, -1
		}
		// flag stops at the first positional argument, or after "--".
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), -1
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

func parseSome(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	return -1
}
