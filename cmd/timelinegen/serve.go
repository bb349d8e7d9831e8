package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/gctune"
	"github.com/timelinegen/timelinegen/internal/serve"
	"github.com/timelinegen/timelinegen/internal/watch"
)

// Where serve listens unless told otherwise.
const (
	defaultBind = "127.0.0.1"
	defaultPort = 1313
)

type serveFlags struct {
	source, addr, bind, baseURL string
	port                        int
	drafts, poll, desk          bool
	portSet                     bool // --port was given
	addrSet, bindSet            bool
}

func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var fl serveFlags
	c := &cobra.Command{
		Use:   "serve",
		Args:  noArgs,
		Short: "Preview the site, rebuilding and reloading open pages on every save",
		Long: `Builds the site in memory, serves it, and rebuilds and reloads open pages
on every save. A broken save keeps the last good site served and shows the
errors in the browser.

It listens on loopback (127.0.0.1:1313) unless told otherwise, and warns
when other machines can reach it. When the port is taken it takes the next
free one and says so.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fl.portSet = cmd.Flags().Changed("port")
			fl.addrSet = cmd.Flags().Changed("addr")
			fl.bindSet = cmd.Flags().Changed("bind")
			return status(runServe(stdout, stderr, fl))
		},
	}
	f := c.Flags()
	f.StringVar(&fl.source, "source", ".", "the site's `folder`")
	f.IntVar(&fl.port, "port", defaultPort, "the `port` to listen on")
	f.StringVar(&fl.bind, "bind", defaultBind, "the `address` to listen on: 0.0.0.0 for every interface, so that a phone on the network can see the preview")
	f.StringVar(&fl.addr, "addr", "", "`host:port` to listen on, instead of --bind and --port")
	f.StringVar(&fl.baseURL, "base-url", "", "the `URL` pages link to, such as the address of a proxy in front of serve (default: the address served at)")
	f.BoolVar(&fl.drafts, "drafts", false, "include articles with draft: true")
	f.BoolVar(&fl.desk, "desk", false, "serve the editors' desk at /admin/ even when other machines can reach the server (it is on by itself on loopback)")
	f.BoolVar(&fl.poll, "poll", false, "poll for changes instead of OS notifications (network and container file systems)")
	sortedFlags(c)
	return c
}

// listen opens the listener fl asks for; when its port is taken, it takes
// the next free one, or any, and says so.
func listen(fl serveFlags, stderr io.Writer) (net.Listener, error) {
	host, port := fl.bind, fl.port
	if fl.addrSet {
		if fl.bindSet || fl.portSet {
			return nil, errors.New("give --addr, or --bind and --port, not both")
		}
		h, p, err := net.SplitHostPort(fl.addr)
		if err != nil {
			return nil, fmt.Errorf("--addr %s: want host:port, such as 127.0.0.1:1313", fl.addr)
		}
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("--addr %s: the port must be a number", fl.addr)
		}
		host = h
	}
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("--port %d: want a port from 1 to 65535", port)
	}
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
		return ln, err
	}
	for p := port + 1; p <= min(port+10, 65535); p++ {
		if ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p))); err == nil {
			fmt.Fprintf(stderr, "port %d is taken: serving on port %d instead\n", port, p)
			return ln, nil
		}
	}
	ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "port %d is taken: serving on port %d instead\n", port, ln.Addr().(*net.TCPAddr).Port)
	return ln, nil
}

func runServe(stdout, stderr io.Writer, fl serveFlags) int {
	if err := checkSource(fl.source); err != nil {
		fmt.Fprintf(stderr, "timelinegen serve: %v\n", err)
		return exitUsage
	}
	if fl.baseURL != "" {
		if _, err := config.ParseBaseURL(fl.baseURL); err != nil {
			fmt.Fprintf(stderr, "timelinegen serve: --base-url: %v\n", err)
			return exitUsage
		}
	}
	ln, err := listen(fl, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "timelinegen serve: %v\n", err)
		return exitUsage
	}
	opts := options(fl.source, fl.drafts, false)
	url, exposed := siteURL(ln.Addr().(*net.TCPAddr), net.InterfaceAddrs, os.Hostname)
	opts.BaseURL = url
	if fl.baseURL != "" {
		opts.BaseURL = fl.baseURL
	}
	if exposed {
		fmt.Fprintf(stderr, "warning: serving on %s, which other machines can reach: anyone on the network can read the preview\n", ln.Addr())
	}
	bound := gctune.BoundServe()
	defer bound.Stop()
	srv := serve.New(serve.Options{Build: opts, Poll: fl.poll, Log: stdout, Idle: gctune.Release, Rendered: gctune.Collect, Saving: bound.Saving})
	defer func() {
		if err := srv.Close(); err != nil {
			fmt.Fprintf(stderr, "timelinegen serve: %v\n", err)
		}
	}()
	tcp := ln.Addr().(*net.TCPAddr)
	deskOn := serve.DeskOn(tcp, fl.desk)
	if deskOn {
		srv.EnableDesk(serve.DeskHosts(tcp, fl.baseURL))
	}

	res, ds, took := srv.Rebuild(nil)
	printDiagnostics(stdout, ds)
	if ds.HasErrors() {
		fmt.Fprintf(stdout, "the first build failed (%s): the errors show in the browser until you fix them\n", summary(ds))
	} else {
		fmt.Fprintf(stdout, "built %d pages in %s\n", res.Pages(), took.Round(1e6))
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", fl.source, url)
	if deskOn {
		fmt.Fprintf(stdout, "The editors' desk is at %sadmin/\n", strings.TrimSuffix(url, "/")+"/")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Run(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "timelinegen serve: %v\n", err)
		if errors.Is(err, watch.ErrTooManyWatches) {
			return exitUsage
		}
		return exitContent
	}
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}
