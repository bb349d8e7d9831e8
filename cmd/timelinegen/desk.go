package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/desk"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

func deskCmd(stdout, stderr io.Writer) *cobra.Command {
	c := &cobra.Command{
		Use:   "desk",
		Short: "The editors' desk: its configuration for a git host",
		Long: `The editors' desk is Decap CMS at /admin/. timelinegen serve has one on
the site's folder; "desk config" prints its configuration for a git host,
to put the desk on the published site (build writes it to admin/ when
timeline.yaml sets desk:).`,
		Args: cobra.ArbitraryArgs,
		RunE: groupRunE(stderr, "desk command", "config"),
	}
	c.AddCommand(deskConfigCmd(stdout, stderr))
	return c
}

func deskConfigCmd(stdout, stderr io.Writer) *cobra.Command {
	var source string
	var d config.Desk
	c := &cobra.Command{
		Use:   "config",
		Short: "Print the desk's config.yml for GitHub, GitLab or Gitea, with the editorial workflow",
		Long: `Prints the configuration of Decap CMS (Sveltia CMS reads it too) for the
site's git host: every field of an article, a collection per year's
folder, each language beside the original, and the editorial workflow
(draft, in review, ready: each change a pull request).

The git host comes from timeline.yaml's desk: key; the flags override it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkSource(source); err != nil {
				fmt.Fprintf(stderr, "timelinegen desk config: %v\n", err)
				return exitError(exitUsage)
			}
			cfg, err := scaffold.LoadConfig(source)
			if err != nil {
				return status(reportScaffold(stderr, "desk config", err))
			}
			set := cfg.Desk
			f := cmd.Flags()
			for name, v := range map[string]*string{"backend": &set.Backend, "repo": &set.Repo, "branch": &set.Branch, "base-url": &set.BaseURL} {
				if f.Changed(name) {
					*v = map[string]string{"backend": d.Backend, "repo": d.Repo, "branch": d.Branch, "base-url": d.BaseURL}[name]
				}
			}
			switch {
			case set.Backend == "":
				set.Backend = "github"
			case !slices.Contains(config.DeskBackends, set.Backend):
				fmt.Fprintf(stderr, "timelinegen desk config: --backend %s: want one of %s\n", set.Backend, strings.Join(config.DeskBackends, ", "))
				return exitError(exitUsage)
			}
			if set.Repo == "" {
				fmt.Fprintln(stderr, "timelinegen desk config: name the repository: --repo owner/name, or desk: {backend: github, repo: owner/name} in timeline.yaml")
				return exitError(exitUsage)
			}
			yml, err := desk.GitConfig(source, set)
			if err != nil {
				fmt.Fprintf(stderr, "timelinegen desk config: %v\n", err)
				return exitError(exitContent)
			}
			_, err = stdout.Write(yml)
			return err
		},
	}
	fl := c.Flags()
	fl.StringVar(&source, "source", ".", "the site's `folder`")
	fl.StringVar(&d.Backend, "backend", "", "the git host: github, gitlab or gitea (default: timeline.yaml's desk:, or github)")
	fl.StringVar(&d.Repo, "repo", "", "the repository, `owner/name`")
	fl.StringVar(&d.Branch, "branch", "", "the branch the site is published from (default main)")
	fl.StringVar(&d.BaseURL, "base-url", "", "the `address` of a self-hosted GitLab or Gitea")
	sortedFlags(c)
	return c
}
