package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/gctune"
	"github.com/timelinegen/timelinegen/internal/output"
)

func buildCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		source, dest, baseURL  string
		drafts, strict, clean  bool
		noCache                bool
		cpuprofile, memprofile string
	)
	c := &cobra.Command{
		Use:   "build",
		Args:  noArgs,
		Short: "Build the site into --dest",
		Long: `Builds the site into --dest (default SOURCE/public).

The site is written beside --dest and swapped in only when the whole build
succeeded: a failed build leaves --dest as it was. --dest is replaced whole,
so it must be a folder of its own: not the site, not a folder holding the
site, not inside content/, templates/, static/ or i18n/, and either new,
empty or made by an earlier build (--clean-dest replaces any other).

A build keeps in SOURCE/.timelinegen/ the images it processed and the key
of each page it wrote: the next build links a page whose key is unchanged
from the last build's folder instead of rendering it again. --no-cache
uses nothing kept there (a cold build, as after a clone) and keeps
nothing.`,
		RunE: func(*cobra.Command, []string) error {
			return status(runBuild(stdout, stderr, buildFlags{source, dest, baseURL, drafts, strict, clean, noCache, cpuprofile, memprofile}))
		},
	}
	f := c.Flags()
	f.StringVar(&source, "source", ".", "the site's `folder`")
	f.StringVar(&dest, "dest", "", "where to write the site: a `folder` of its own (default SOURCE/public)")
	f.StringVar(&baseURL, "base-url", "", "the `URL` the site is published at, overriding timeline.yaml's base_url")
	f.BoolVar(&drafts, "drafts", false, "include articles with draft: true")
	f.BoolVar(&strict, "strict", false, "treat warnings as errors")
	f.BoolVar(&clean, "clean-dest", false, "replace --dest even when it holds files an earlier build did not make")
	f.BoolVar(&noCache, "no-cache", false, "render every page and process every image afresh, using and keeping nothing in .timelinegen/")
	f.StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	f.StringVar(&memprofile, "memprofile", "", "write a heap profile at the end of the build to `file`")
	sortedFlags(c)
	return c
}

type buildFlags struct {
	source, dest, baseURL  string
	drafts, strict, clean  bool
	noCache                bool
	cpuprofile, memprofile string
}

func runBuild(stdout, stderr io.Writer, fl buildFlags) int {
	if err := checkSource(fl.source); err != nil {
		fmt.Fprintf(stderr, "timelinegen build: %v\n", err)
		return exitUsage
	}
	if fl.baseURL != "" {
		if _, err := config.ParseBaseURL(fl.baseURL); err != nil {
			fmt.Fprintf(stderr, "timelinegen build: --base-url: %v\n", err)
			return exitUsage
		}
	}
	if fl.cpuprofile != "" {
		f, err := os.Create(fl.cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "timelinegen build: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "timelinegen build: %v\n", err)
			return exitUsage
		}
		defer pprof.StopCPUProfile()
	}
	if fl.memprofile != "" {
		defer func() {
			f, err := os.Create(fl.memprofile)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "timelinegen build: %v\n", err)
			}
		}()
	}
	dest := fl.dest
	if dest == "" {
		dest = filepath.Join(fl.source, "public")
	}
	start := time.Now()
	opts := options(fl.source, fl.drafts, fl.strict)
	opts.BaseURL = fl.baseURL
	opts.CleanDest = fl.clean
	opts.NoCache = fl.noCache
	stopLimiting := gctune.Bound()
	opts.Compiled = func() {
		stopLimiting()
		limitMemory()
	}
	defer stopLimiting() // a build that fails before writing
	n, ds, err := build.Build(opts, dest)
	printDiagnostics(stderr, ds)
	var de *output.DestError
	if errors.As(err, &de) {
		fmt.Fprintf(stderr, "timelinegen build: %v\n", err)
		return exitUsage
	}
	if errors.Is(err, build.ErrFailed) {
		fmt.Fprintf(stderr, "build failed: %s; %s left as it was\n", summary(ds), dest)
		return exitContent
	}
	var stale *output.StaleError
	if err != nil && !errors.As(err, &stale) {
		fmt.Fprintf(stderr, "build failed: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "built %d files into %s in %s\n", n, dest, time.Since(start).Round(time.Millisecond))
	if stale != nil {
		fmt.Fprintf(stderr, "warning: the site is published in %s, but %v\n", dest, stale)
	}
	return exitOK
}

func checkCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		source, format string
		strict, drafts bool
		links          linkFlags
	)
	c := &cobra.Command{
		Use:   "check",
		Args:  noArgs,
		Short: "Check every article, timeline.yaml and the templates; write nothing",
		Long: `Checks every article, timeline.yaml and the templates, rendering every page
with the site's own templates as build would, and writes nothing. Exit status 1 when there are errors.

With --links it also checks every source url and archive_url over HTTP and
keeps the results in .timelinegen/links.json, rechecking them after
--max-age (docs/sources.md).`,
		RunE: func(*cobra.Command, []string) error {
			return status(runCheck(stdout, stderr, source, format, strict, drafts, links))
		},
	}
	f := c.Flags()
	f.StringVar(&source, "source", ".", "the site's `folder`")
	f.BoolVar(&strict, "strict", false, "treat warnings as errors")
	f.BoolVar(&drafts, "drafts", false, "check drafts too")
	f.StringVar(&format, "format", "text", "`text` (path:line:col: message on stderr) or json (on stdout, for CI)")
	links.add(f)
	sortedFlags(c)
	return c
}

func runCheck(stdout, stderr io.Writer, source, format string, strict, drafts bool, links linkFlags) int {
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "timelinegen check: --format must be text or json, not %q\n", format)
		return exitUsage
	}
	if err := checkSource(source); err != nil {
		fmt.Fprintf(stderr, "timelinegen check: %v\n", err)
		return exitUsage
	}
	site, ds := build.Check(options(source, drafts, strict))
	if links.on && site != nil {
		return checkLinks(site, ds, linkOptions{source: source, strict: strict, maxAge: links.maxAge, format: format}, stdout, stderr)
	}
	if format == "json" {
		writeJSON(stdout, ds)
		if site == nil {
			return exitContent
		}
		return exitOK
	}
	printDiagnostics(stderr, ds)
	if site == nil {
		fmt.Fprintf(stderr, "check failed: %s\n", summary(ds))
		return exitContent
	}
	fmt.Fprintf(stdout, "ok: %d entries from %d articles\n", len(site.Timeline.Entries), len(site.Articles))
	return exitOK
}
