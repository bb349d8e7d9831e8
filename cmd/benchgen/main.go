// Command benchgen writes a synthetic timeline site for benchmarks:
//
//	benchgen -n 10000 -words 600 -seed 1 -out DIR [-force]
//
// The site (DIR/timeline.yaml and DIR/content/<year>/<slug>.md) is the same
// for the same -n, -words and -seed. benchgen refuses to write into a
// directory that exists and is not empty, unless -force, which removes it
// first.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/timelinegen/timelinegen/internal/benchsite"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fl := flag.NewFlagSet("benchgen", flag.ContinueOnError)
	n := fl.Int("n", 10000, "number of articles")
	words := fl.Int("words", 600, "approximate words per article body")
	seed := fl.Int64("seed", 1, "random seed (0 means 1)")
	out := fl.String("out", "", "output directory (required)")
	force := fl.Bool("force", false, "remove the output directory first if it is not empty")
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: benchgen [-n 10000] [-words 600] [-seed 1] [-force] -out DIR")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	if *out == "" {
		fl.Usage()
		return errors.New("-out is required")
	}
	if *n < 1 || *words < 1 {
		return errors.New("-n and -words must be at least 1")
	}

	empty, err := isEmptyOrMissing(*out)
	if err != nil {
		return err
	}
	if !empty {
		if !*force {
			return fmt.Errorf("%s exists and is not empty (use -force to replace it)", *out)
		}
		if err := checkRemovable(*out); err != nil {
			return err
		}
		if err := os.RemoveAll(*out); err != nil {
			return err
		}
	}

	start := time.Now()
	opts := benchsite.Options{Articles: *n, Words: *words, Seed: *seed}
	if err := benchsite.Write(*out, opts); err != nil {
		return err
	}
	elapsed := time.Since(start)

	files, size, err := count(*out)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d files, %d bytes (%.1f MiB) to %s in %v\n",
		files, size, float64(size)/(1<<20), *out, elapsed.Round(time.Millisecond))
	return nil
}

// isEmptyOrMissing reports whether dir does not exist or is an empty
// directory.
func isEmptyOrMissing(dir string) (bool, error) {
	f, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, err
	}
	if !st.IsDir() {
		return false, fmt.Errorf("%s exists and is not a directory", dir)
	}
	names, err := f.Readdirnames(1)
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	return len(names) == 0, nil
}

// checkRemovable refuses -force on directories that are plainly not a
// generated site: the root, the home directory, or the working directory
// and its parents.
func checkRemovable(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	refuse := []string{filepath.VolumeName(abs) + string(filepath.Separator)}
	if home, err := os.UserHomeDir(); err == nil {
		refuse = append(refuse, home)
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			refuse = append(refuse, d)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, r := range refuse {
		if filepath.Clean(r) == abs {
			return fmt.Errorf("refusing to remove %s", abs)
		}
	}
	return nil
}

// count returns the number of regular files under dir and their total size.
func count(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}
