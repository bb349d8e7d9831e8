package main

import (
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Set at link time by make build and make release:
//
//	-ldflags "-X main.version=v1.2.0 -X main.commit=abc… -X main.date=2026-…"
//
// They are constants in all but name: nothing assigns them.
var (
	version string
	commit  string
	date    string
)

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Args:  noArgs,
		Short: "Print the version, commit and date of this build",
		RunE: func(*cobra.Command, []string) error {
			bi, _ := debug.ReadBuildInfo()
			fmt.Fprintln(stdout, describe(stamp{version, commit, date}, bi))
			return nil
		},
	}
}

// stamp is what a build knows of itself.
type stamp struct {
	version, commit, date string
}

// pseudoRE matches a Go pseudo-version's time and commit, as go install
// ...@latest gives for an untagged commit: v0.0.0-20261202010000-abcdef123456.
var pseudoRE = regexp.MustCompile(`(?:^|[.-])(\d{14})-([0-9a-f]{12})(?:\+incompatible)?$`)

// known fills in what the linker was not told from the build info: the
// module version (go install ...@v1.2.0), the VCS stamp (go build in a
// clone), or the commit and time in a pseudo-version.
func known(s stamp, bi *debug.BuildInfo) stamp {
	if bi != nil {
		if s.version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			s.version = bi.Main.Version
		}
		modified, stamped := false, s.commit != ""
		for _, kv := range bi.Settings {
			switch kv.Key {
			case "vcs.revision":
				if !stamped {
					s.commit = kv.Value
				}
			case "vcs.time":
				if s.date == "" {
					s.date = kv.Value
				}
			case "vcs.modified":
				modified = kv.Value == "true"
			}
		}
		if modified && !stamped && s.commit != "" {
			s.commit += "-dirty"
		}
	}
	if m := pseudoRE.FindStringSubmatch(s.version); m != nil {
		if s.commit == "" {
			s.commit = m[2]
		}
		if s.date == "" {
			t := m[1]
			s.date = t[0:4] + "-" + t[4:6] + "-" + t[6:8] + "T" + t[8:10] + ":" + t[10:12] + ":" + t[12:14] + "Z"
		}
	}
	if s.version == "" {
		s.version = "devel"
	}
	return s
}

// describe is the version command's line: version, commit, date, and
// the Go and platform it was built with.
func describe(s stamp, bi *debug.BuildInfo) string {
	s = known(s, bi)
	var b strings.Builder
	b.WriteString("timelinegen " + s.version)
	if s.commit != "" {
		b.WriteString(" commit " + s.commit)
	} else {
		b.WriteString(" commit unknown")
	}
	if s.date != "" {
		b.WriteString(" date " + s.date)
	} else {
		b.WriteString(" date unknown")
	}
	fmt.Fprintf(&b, " (%s %s/%s)", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return b.String()
}

// generator names this build in pages' <meta name=generator>: the version
// alone, so that output does not change with the date of a build.
func generator() string {
	bi, _ := debug.ReadBuildInfo()
	return "timelinegen " + strings.TrimPrefix(known(stamp{version, commit, date}, bi).version, "v")
}
