package main

// deploy: the wiring of internal/deploy to the command line.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/deploy"
	"github.com/timelinegen/timelinegen/internal/diag"
)

type deployFlags struct {
	source, dest, target     string
	dryRun, confirm, noCheck bool
	maxDeletes, workers      int
	// store and cdn, when set, replace the target's (tests).
	store deploy.Store
	cdn   deploy.Invalidator
}

func deployCmd(stdout, stderr io.Writer) *cobra.Command {
	var fl deployFlags
	c := &cobra.Command{
		Use:   "deploy",
		Args:  noArgs,
		Short: "Publish the built site to a bucket or folder named in timeline.yaml, sending only what changed",
		Long: `Publishes the last build (--dest, default SOURCE/public) to a target of
timeline.yaml's deploy: (the first unless --target), an S3, Google Cloud
Storage or Azure bucket or a folder, sending only the files that changed
since the last deploy, then tells the target's CDN to forget them.

The site is checked first, as timelinegen check does: errors stop the
deploy before it sends anything (--no-check skips it, for a pipeline that
has just built). Credentials come from each cloud's usual environment
variables and files, never from timeline.yaml. Exit status 1 when anything
is left undone: run it again to finish. See docs/deploy.md.`,
		RunE: func(*cobra.Command, []string) error {
			return status(runDeploy(stdout, stderr, fl))
		},
	}
	f := c.Flags()
	f.StringVar(&fl.source, "source", ".", "the site's `folder`")
	f.StringVar(&fl.dest, "dest", "", "the built site to publish: a `folder` made by timelinegen build (default SOURCE/public)")
	f.StringVar(&fl.target, "target", "", "the `name` of the deploy target in timeline.yaml (default the first)")
	f.BoolVar(&fl.dryRun, "dry-run", false, "print what would be uploaded, deleted and invalidated, and change nothing")
	f.BoolVar(&fl.confirm, "confirm", false, "allow more deletions than --max-deletes")
	f.IntVar(&fl.maxDeletes, "max-deletes", 256, "refuse to deploy, before changing anything, when more than `N` files would be deleted")
	f.IntVar(&fl.workers, "workers", 16, "send `N` files at once")
	f.BoolVar(&fl.noCheck, "no-check", false, "skip checking the site first")
	sortedFlags(c)
	return c
}

func runDeploy(stdout, stderr io.Writer, fl deployFlags) int {
	const cmd = "timelinegen deploy"
	if err := checkSource(fl.source); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitUsage
	}
	if fl.maxDeletes < 0 || fl.workers < 1 {
		fmt.Fprintf(stderr, "%s: --max-deletes must be 0 or more and --workers 1 or more\n", cmd)
		return exitUsage
	}
	dest := fl.dest
	if dest == "" {
		dest = filepath.Join(fl.source, "public")
	}
	cfg, ok := deployConfig(stderr, fl)
	if !ok {
		return exitContent
	}
	if len(cfg.Deploy.Targets) == 0 {
		fmt.Fprintf(stderr, "%s: %s has no deploy: targets; add one, such as\n\ndeploy:\n  targets:\n    - name: production\n      url: \"s3://my-bucket?region=eu-central-1\"\n\n(docs/deploy.md)\n", cmd, config.FileName)
		return exitUsage
	}
	t, ok := cfg.Deploy.Target(fl.target)
	if !ok {
		fmt.Fprintf(stderr, "%s: --target %q: no such target in %s%s\n", cmd, fl.target, config.FileName, diag.Suggest(fl.target, cfg.Deploy.TargetNames()))
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	store := fl.store
	if store == nil {
		var err error
		if store, err = deploy.Open(ctx, t.URL, fl.dryRun); err != nil {
			fmt.Fprintf(stderr, "%s: %s:%d:%d: target %s: %v\n", cmd, config.FileName, t.Line, t.Col, t.Name, err)
			return exitContent
		}
		defer store.Close()
	}
	cdn := fl.cdn
	if cdn == nil && !fl.dryRun {
		var err error
		if cdn, err = deploy.NewCDN(ctx, t); err != nil {
			fmt.Fprintf(stderr, "%s: %s:%d:%d: target %s: cdn: %v\n", cmd, config.FileName, t.Line, t.Col, t.Name, err)
			return exitContent
		}
	}
	hasCDN := t.CloudFront != "" || t.GoogleURLMap != ""

	what := "deploying"
	if fl.dryRun {
		what = "dry run: nothing is changed; deploying would send"
	}
	fmt.Fprintf(stdout, "%s %s to %s (%s)\n", what, dest, t.Name, t.URL)
	o := deploy.Options{
		Dir: dest, Config: cfg.Deploy, Store: store, CDN: cdn,
		DryRun: fl.dryRun, Confirm: fl.confirm, MaxDeletes: fl.maxDeletes, Workers: fl.workers,
		Log: func(s string) { fmt.Fprintln(stdout, s) },
	}
	if isTerminal(stderr) {
		o.Progress = func(step string, done, total int) {
			const width = 30
			n := done * width / total
			fmt.Fprintf(stderr, "\r%-18s [%s%s] %d/%d", step, strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
			if done == total {
				fmt.Fprint(stderr, "\r\033[K")
			}
		}
	}
	start := time.Now()
	r, err := deploy.Deploy(ctx, o)
	for _, w := range r.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if fl.dryRun && (err == nil || errors.Is(err, deploy.ErrTooManyDeletes)) {
		printPlan(stdout, r.Plan, hasCDN)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, deploy.ErrNotBuild) {
			return exitUsage
		}
		return exitContent
	}
	if fl.dryRun {
		return exitOK
	}
	fmt.Fprintf(stdout, "deployed to %s in %s: %d files uploaded (%s sent), %d deleted, %d unchanged of %d\n",
		t.Name, time.Since(start).Round(time.Millisecond), len(r.Uploaded), deploy.Bytes(r.SentBytes), len(r.Deleted), r.Files-len(r.Upload), r.Files)
	switch {
	case len(r.Invalidated) == 1 && r.Invalidated[0] == deploy.Wildcard:
		fmt.Fprintf(stdout, "cdn: invalidated everything (%s): %d paths changed, more than invalidate_max %d\n", deploy.Wildcard, len(r.Uploaded)+len(r.Deleted), cfg.Deploy.InvalidateMax)
	case len(r.Invalidated) > 0:
		fmt.Fprintf(stdout, "cdn: invalidated %d paths: %s\n", len(r.Invalidated), strings.Join(r.Invalidated, " "))
	}
	if len(r.Undone) > 0 {
		for _, u := range r.Undone {
			fmt.Fprintf(stderr, "not done: %s\n", u)
		}
		fmt.Fprintf(stderr, "deploy incomplete: the site is whole but partly old; run timelinegen deploy again to finish\n")
		return exitContent
	}
	return exitOK
}

// deployConfig is the site's configuration, from checking the whole site
// unless --no-check: errors of the site stop a deploy before it starts.
func deployConfig(stderr io.Writer, fl deployFlags) (config.Config, bool) {
	if !fl.noCheck {
		site, ds := build.Check(options(fl.source, false, false))
		printDiagnostics(stderr, ds)
		if site == nil {
			fmt.Fprintf(stderr, "deploy stopped: the site has %s; nothing was sent\n", summary(ds))
			return config.Config{}, false
		}
		return site.Config, true
	}
	var ds diag.List
	cfg := config.Load(fl.source, &ds)
	printDiagnostics(stderr, ds)
	if ds.HasErrors() {
		fmt.Fprintf(stderr, "deploy stopped: %s has %s; nothing was sent\n", config.FileName, summary(ds))
		return cfg, false
	}
	return cfg, true
}

func printPlan(w io.Writer, p deploy.Plan, hasCDN bool) {
	for _, f := range p.Upload {
		fmt.Fprintf(w, "upload %s (%s, %s; %s)\n", f.Path, deploy.Bytes(f.Size), f.Headers.ContentType, f.Headers.CacheControl)
	}
	for _, d := range p.Delete {
		fmt.Fprintf(w, "delete %s\n", d)
	}
	fmt.Fprintf(w, "would upload %d files (%s) and delete %d; %d of %d files (%s) unchanged\n",
		len(p.Upload), deploy.Bytes(p.UploadBytes), len(p.Delete), p.Files-len(p.Upload), p.Files, deploy.Bytes(p.Bytes))
	switch {
	case !hasCDN:
	case len(p.Invalidate) == 1 && p.Invalidate[0] == deploy.Wildcard:
		fmt.Fprintf(w, "would invalidate everything on the cdn (%s)\n", deploy.Wildcard)
	default:
		fmt.Fprintf(w, "would invalidate %d paths on the cdn: %s\n", len(p.Invalidate), strings.Join(p.Invalidate, " "))
	}
}
