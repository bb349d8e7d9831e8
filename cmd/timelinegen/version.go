package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

func versionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Args:  noArgs,
		Short: "Print the version, commit and build date",
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(stdout, generator())
			return nil
		},
	}
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
