package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

func newCmd(stdout, stderr io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use:   "new",
		Short: "Create a site or an article",
		Long:  "Creates a site that builds at once, or an article with its frontmatter filled in.",
		Args:  cobra.ArbitraryArgs,
		RunE:  groupRunE(stderr, "kind of thing", "site, article or translation"),
	}
	c.AddCommand(newSiteCmd(stdout, stderr), newArticleCmd(stdout, stderr), newTranslationCmd(stdout, stderr))
	return c
}

func newSiteCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "site DIR",
		Short: "Create a site that builds at once in DIR, which must be new or empty",
		Args:  exactArgs(1, "name one folder: timelinegen new site DIR"),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := args[0]
			files, err := scaffold.NewSite(dir)
			if err != nil {
				return status(reportScaffold(stderr, "new site", err))
			}
			for _, f := range files {
				fmt.Fprintln(stdout, "created", filepath.Join(dir, filepath.FromSlash(f)))
			}
			fmt.Fprintf(stdout, "\nYour site is in %s. Preview it with\n  timelinegen serve --source %s\n", dir, dir)
			return nil
		},
	}
}

func newArticleCmd(stdout, stderr io.Writer) *cobra.Command {
	var source, kind, when, slug, dir string
	c := &cobra.Command{
		Use:   `article "Title"`,
		Short: "Write content/<slug>.md (or content/<dir>/<slug>.md) with the frontmatter filled in, the slug made from the title unless --slug",
		Args:  exactArgs(1, `give the title as one argument, in quotes: timelinegen new article "Ceasefire talks open in Jeddah"`),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := checkSource(source); err != nil {
				fmt.Fprintf(stderr, "timelinegen new article: %v\n", err)
				return exitError(exitUsage)
			}
			p, s, err := scaffold.NewArticle(scaffold.ArticleOptions{Source: source, Title: args[0], Kind: kind, Date: when, Slug: slug, Dir: dir})
			if err != nil {
				return status(reportScaffold(stderr, "new article", err))
			}
			fmt.Fprintf(stdout, "created %s\nits page: %s under the site's address (slug %s)\n", p, permalink.ArticlePath(s), s)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&kind, "kind", "", "the article's `kind`, one of timeline.yaml's kinds (default: the first)")
	f.StringVar(&when, "date", "", "the `date`: 2025, 2025-03, 2025-03-11 or an RFC 3339 time (default: today)")
	f.StringVar(&source, "source", ".", "the site's `folder`")
	f.StringVar(&slug, "slug", "", "the article's `slug`, its file's name and address (default: made from the title)")
	f.StringVar(&dir, "dir", "", "the `folder` under content/ to write into, made if missing, such as 2025/03 (default: content/ itself)")
	sortedFlags(c)
	return c
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
