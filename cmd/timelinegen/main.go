// Command timelinegen builds conflict timelines from Markdown articles.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// Exit statuses, as SPEC §5 gives them.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `timelinegen builds a dated, cross-linked timeline website from Markdown articles.

Usage:
  timelinegen build  [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--strict]
  timelinegen serve  [--source DIR] [--addr 127.0.0.1:1313] [--drafts]
  timelinegen check  [--source DIR] [--strict] [--format text|json]
  timelinegen new site DIR
  timelinegen new article [--kind K] [--date D] "Title"
  timelinegen import csv FILE [--format acled|timelinejs] [--out DIR] [--force]
  timelinegen new translation LANG FILE [--source DIR]
  timelinegen translations [--source DIR]
  timelinegen version

Run "timelinegen COMMAND --help" for a command's flags.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, generator())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "new":
		return runNew(rest, stdout, stderr)
	case "import":
		return runImport(rest, stdout, stderr)
	case "translations":
		return runTranslations(rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "timelinegen: unknown command %q%s\n\n%s", cmd, diag.Suggest(cmd, []string{"build", "check", "serve", "new", "import", "translations", "version"}), usage)
	return exitUsage
}

// flags makes a command's flag set; parse reports -h and bad flags.
func flags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: timelinegen %s\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse returns -1 when parsing went well, else the exit status.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "timelinegen %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	return -1
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flags("build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--strict]",
		"Builds the site into --dest. A failed build leaves --dest as it was.", stderr)
	source := fs.String("source", ".", "the site's `folder`")
	dest := fs.String("dest", "", "where to write the site (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at, overriding timeline.yaml's base_url")
	drafts := fs.Bool("drafts", false, "include articles with draft: true")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	memprofile := fs.String("memprofile", "", "write a heap profile at the end of the build to `file`")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "build: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "build: %v\n", err)
			return exitUsage
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		defer func() {
			f, err := os.Create(*memprofile)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "build: %v\n", err)
			}
		}()
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	start := time.Now()
	opts := options(*source, *drafts, *strict)
	opts.BaseURL = *baseURL
	opts.Compiled = limitMemory
	n, ds, err := build.Build(opts, *dest)
	printDiagnostics(stderr, ds)
	if errors.Is(err, build.ErrFailed) {
		fmt.Fprintf(stderr, "build failed: %s; %s left as it was\n", summary(ds), *dest)
		return exitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "build failed: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "built %d files into %s in %s\n", n, *dest, time.Since(start).Round(time.Millisecond))
	return exitOK
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flags("check [--source DIR] [--strict] [--format text|json]", "Checks every article and timeline.yaml; writes nothing.", stderr)
	source := fs.String("source", ".", "the site's `folder`")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	drafts := fs.Bool("drafts", false, "check drafts too")
	format := fs.String("format", "text", "`text` (path:line:col: message on stderr) or json (on stdout, for CI)")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "check: --format must be text or json, not %q\n", *format)
		return exitUsage
	}
	site, ds := build.Compile(options(*source, *drafts, *strict))
	if *format == "json" {
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

// limitMemory runs between compiling and writing a site. What stays
// live from here on is the compiled site; writing pages makes only
// garbage. A soft memory limit at half again the live heap keeps the
// collector from letting the heap double (GOGC's default) on large sites,
// without making it run all the time. GOMEMLIMIT overrides it.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	debug.SetMemoryLimit(int64(m.HeapAlloc)*3/2 + 64<<20)
}

func options(source string, drafts, strict bool) build.Options {
	return build.Options{
		Source:    source,
		Drafts:    drafts,
		Strict:    strict,
		Theme:     timelinegen.Theme,
		Generator: generator(),
	}
}

// jsonReport is check --format json's output.
type jsonReport struct {
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, ds diag.List) {
	r := jsonReport{Diagnostics: []jsonDiagnostic{}}
	for _, d := range ds.Sorted() {
		sev := "error"
		if d.Severity == diag.Warning {
			sev = "warning"
			r.Warnings++
		} else {
			r.Errors++
		}
		r.Diagnostics = append(r.Diagnostics, jsonDiagnostic{d.Path, d.Line, d.Col, sev, d.Message})
	}
	r.OK = r.Errors == 0
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(r)
}

func printDiagnostics(w io.Writer, ds diag.List) {
	for _, d := range ds.Sorted() {
		fmt.Fprintln(w, d)
	}
}

func summary(ds diag.List) string {
	errs, warns := 0, 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	s := plural(errs, "error")
	if warns > 0 {
		s += ", " + plural(warns, "warning")
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// generator names this build of timelinegen; the version comes from the
// module, so output does not change between commits of the same release.
func generator() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return "timelinegen " + strings.TrimPrefix(v, "v")
}
