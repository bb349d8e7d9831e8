package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/timelinegen/timelinegen/internal/serve"
	"github.com/timelinegen/timelinegen/internal/watch"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flags("serve [--source DIR] [--addr 127.0.0.1:1313] [--drafts] [--poll]",
		"Builds the site in memory, serves it, and rebuilds and reloads open pages on every save.", stderr)
	source := fs.String("source", ".", "the site's `folder`")
	addr := fs.String("addr", "127.0.0.1:1313", "`host:port` to listen on (loopback by default)")
	drafts := fs.Bool("drafts", false, "include articles with draft: true")
	poll := fs.Bool("poll", false, "poll for changes instead of OS notifications (network and container file systems)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitUsage
	}
	opts := options(*source, *drafts, false)
	url, exposed := siteURL(ln.Addr().(*net.TCPAddr), net.InterfaceAddrs, os.Hostname)
	opts.BaseURL = url
	if exposed {
		fmt.Fprintf(stderr, "warning: serving on %s, which other machines can reach: anyone on the network can read the preview\n", ln.Addr())
	}
	srv := serve.New(serve.Options{Build: opts, Poll: *poll, Log: stdout})

	n, ds, took := srv.Rebuild(nil)
	printDiagnostics(stdout, ds)
	if ds.HasErrors() {
		fmt.Fprintf(stdout, "the first build failed (%s): the errors show in the browser until you fix them\n", summary(ds))
	} else {
		fmt.Fprintf(stdout, "built %d pages in %s\n", n, took.Round(1e6))
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", *source, url)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Run(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		if errors.Is(err, watch.ErrTooManyWatches) {
			return exitUsage
		}
		return exitContent
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}
