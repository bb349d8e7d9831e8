// Command timelinegen builds conflict timelines from Markdown articles.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/gctune"
)

// Exit statuses, as docs/cli.md gives them.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// exitError ends a command with a status; what went wrong is printed
// already.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// status turns a command's exit status into its error.
func status(code int) error {
	if code == exitOK {
		return nil
	}
	return exitError(code)
}

// usageError is a mistake on the command line, printed with a pointer to
// the command's --help.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// run is the whole command line: it parses args, runs the command and
// returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	// The shells' completion scripts call the hidden __complete commands.
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") && !strings.HasPrefix(args[0], "__") {
		if cmd, _, err := root.Find(args); err != nil || cmd == root {
			var names []string
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			fmt.Fprintf(stderr, "timelinegen: unknown command %q%s\n\n", args[0], diag.Suggest(args[0], names))
			root.SetOut(stderr)
			_ = root.Usage()
			return exitUsage
		}
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	var code exitError
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &code):
		return int(code)
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s: %v\n", cmd.CommandPath(), err)
	default: // a flag cobra could not parse
		fmt.Fprintf(stderr, "%s: %v\n", cmd.CommandPath(), err)
	}
	fmt.Fprintf(stderr, "Run \"%s --help\" for its flags.\n", cmd.CommandPath())
	return exitUsage
}

// newRoot makes the command tree. Nothing in it is shared between runs.
func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "timelinegen",
		Short: "timelinegen builds a dated, cross-linked timeline website from Markdown articles.",
		Long: `timelinegen builds a dated, cross-linked timeline website from Markdown articles.

Exit status: 0 success, 1 content errors, 2 usage errors.
Documentation: docs/cli.md in the repository.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SetOut(stderr)
			_ = cmd.Usage()
			return exitError(exitUsage)
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("%v", err) })
	root.AddCommand(buildCmd(stdout, stderr), checkCmd(stdout, stderr), serveCmd(stdout, stderr),
		newCmd(stdout, stderr), importCmd(stdout, stderr), translationsCmd(stdout, stderr), deskCmd(stdout, stderr), deployCmd(stdout, stderr), versionCmd(stdout))
	// Made now rather than on Execute, so that run knows their names.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args, c.RunE = cobra.ArbitraryArgs, groupRunE(stderr, "shell", "bash, zsh, fish or powershell")
		}
	}
	return root
}

// groupRunE runs a command that only groups others, such as new: alone
// it prints its usage, and an unknown subcommand is a usage error.
func groupRunE(stderr io.Writer, what, want string) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usagef("unknown %s %q: want %s", what, args[0], want)
		}
		cmd.SetOut(stderr)
		_ = cmd.Usage()
		return exitError(exitUsage)
	}
}

// noArgs refuses positional arguments, naming the first.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}

// exactArgs wants n positional arguments; what tells how to give them.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s", what)
		}
		return nil
	}
}

// sortedFlags keeps --help's flags in the order they are defined, which
// puts the common ones first.
func sortedFlags(c *cobra.Command) {
	c.Flags().SortFlags = false
}

// limitMemory runs between compiling and writing a site. What stays
// live from here on is the compiled site; writing pages makes only
// garbage. A soft memory limit fixed at gctune.LimitFor the live heap keeps the
// collector from letting the heap double (GOGC's default) on large sites.
// GOGC or GOMEMLIMIT in the environment leave the collector as they say:
// a limit fixed here under GOGC=200 kept the heap at it, and the
// collector ran back to back (98 collections, 116 CPU-s for a
// 30,000-article build that takes 82).
func limitMemory() {
	if gctune.Overridden() {
		return
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	debug.SetMemoryLimit(gctune.LimitFor(m.HeapAlloc))
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
