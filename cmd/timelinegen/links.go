package main

// check --links: the link checker's wiring, kept apart from the rest of
// the command line. The checking itself is internal/linkcheck.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/linkcheck"
)

// linkFlags are check's --links and --max-age.
type linkFlags struct {
	on     bool
	maxAge time.Duration
}

func (l *linkFlags) add(f *pflag.FlagSet) {
	f.BoolVar(&l.on, "links", false, "also check every source url and archive_url over HTTP (results kept in .timelinegen/links.json)")
	f.DurationVar(&l.maxAge, "max-age", 7*24*time.Hour, "with --links, recheck only links last checked longer ago than this `duration`")
}

// linkOptions are what checkLinks needs of check's flags.
type linkOptions struct {
	source string
	strict bool
	maxAge time.Duration
	format string // "text" or "json"
	// checker, when set, replaces the default (tests use local servers).
	checker *linkcheck.Checker
}

// checkLinks checks every source url and archive_url of site over HTTP,
// reusing results in .timelinegen/links.json younger than maxAge, and
// reports them with ds, the content's diagnostics.
func checkLinks(site *build.Site, ds diag.List, o linkOptions, stdout, stderr io.Writer) int {
	links := linkcheck.Links(site.Articles)
	urls := linkcheck.URLs(links)
	cachePath := filepath.Join(o.source, filepath.FromSlash(linkcheck.CacheFile))
	cache, err := linkcheck.LoadCache(cachePath)
	if err != nil {
		fmt.Fprintf(stderr, "check: %v\n", err)
		return exitContent
	}
	stale := cache.Stale(urls, time.Now(), o.maxAge)

	c := o.checker
	if c == nil {
		var opts []linkcheck.Option
		if isTerminal(stderr) && o.format == "text" {
			opts = append(opts, linkcheck.WithProgress(func(done, total int) {
				fmt.Fprintf(stderr, "\rchecking links: %d of %d", done, total)
				if done == total {
					fmt.Fprint(stderr, "\r\033[K")
				}
			}))
		}
		c = linkcheck.New(opts...)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fresh := c.Check(ctx, stale)
	if linkcheck.Unreachable(fresh) {
		// Offline every link fails alike: say so once, and keep the
		// results of earlier runs as they were.
		printDiagnostics(stderr, ds)
		fmt.Fprintf(stderr, "check: the network looks unreachable: none of the %d links checked answered (%s); nothing was recorded: check the connection and run again\n", len(fresh), fresh[stale[0]].Error)
		return exitContent
	}
	cache.Keep(urls, fresh)
	if err := cache.Save(cachePath); err != nil {
		fmt.Fprintf(stderr, "check: cannot keep the results: %v\n", err)
	}
	all := append(ds, linkcheck.Diagnose(links, cache, o.strict)...).Sorted()

	counts := map[linkcheck.State]int{}
	for _, u := range urls {
		counts[cache[u].State]++
	}
	if o.format == "json" {
		writeLinksJSON(stdout, all, urls, cache, len(stale))
	} else {
		printDiagnostics(stderr, all)
		fmt.Fprintf(stdout, "links: %d checked, %d from %s (younger than %s): %d ok, %d moved, %d dead, %d not checkable\n",
			len(stale), len(urls)-len(stale), linkcheck.CacheFile, o.maxAge, counts[linkcheck.OK], counts[linkcheck.Moved], counts[linkcheck.Dead], counts[linkcheck.Failed])
	}
	if all.HasErrors() {
		return exitContent
	}
	return exitOK
}

// linksReport is check --links --format json's output: the diagnostics
// as check --format json gives them, and every link's result.
type linksReport struct {
	jsonReport
	Checked int                `json:"checked"` // links checked in this run; the others came from the cache
	Links   []linkcheck.Result `json:"links"`
}

func writeLinksJSON(w io.Writer, ds diag.List, urls []string, cache linkcheck.Cache, checked int) {
	// The diagnostics part is check --format json's, as it writes it.
	var b bytes.Buffer
	writeJSON(&b, ds)
	var r linksReport
	_ = json.Unmarshal(b.Bytes(), &r.jsonReport)
	r.Checked = checked
	r.Links = []linkcheck.Result{}
	for _, u := range urls {
		r.Links = append(r.Links, cache[u])
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(r)
}

// isTerminal reports whether w is a terminal, where a progress line can
// be redrawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
