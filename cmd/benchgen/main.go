// Command benchgen writes a synthetic timeline site for benchmarks:
//
//	benchgen -n 10000 -words 600 -seed 1 [-share-cards=false] -out DIR [-force]
//
// The site (DIR/timeline.yaml and DIR/content/<year>/<slug>.md) is the same
// for the same -n, -words and -seed. Its settings are the defaults a user
// gets, share cards included; -share-cards=false turns them off.
// benchgen refuses to write into a directory that exists and is not
// empty, unless -force, which removes it first.
//
//	benchgen -acled 250000 -seed 1 -out FILE.csv [-force]
//
// writes instead a sheet in the shape of an ACLED export (its columns,
// short notes, thousands of generated places, mostly day precision) for
// `timelinegen import csv --format acled`: no row of it is a real event.
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
	force := fl.Bool("force", false, "remove the output directory (or file) first if it is not empty")
	cards := fl.Bool("share-cards", true, "draw share cards, as the default settings do")
	acled := fl.Int("acled", 0, "write an ACLED-shaped CSV of this many events to -out instead of a site")
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: benchgen [-n 10000] [-words 600] [-seed 1] [-share-cards=false] [-force] -out DIR")
		fmt.Fprintln(fl.Output(), "       benchgen -acled 250000 [-seed 1] [-force] -out FILE.csv")
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
	if *n < 1 || *words < 1 || *acled < 0 {
		return errors.New("-n and -words must be at least 1, -acled at least 0")
	}
	if *acled > 0 {
		return writeACLED(*out, *force, benchsite.ACLEDOptions{Events: *acled, Seed: *seed})
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
	opts := benchsite.Options{Articles: *n, Words: *words, Seed: *seed, ShareCards: *cards}
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

// writeACLED writes the sheet to file, which must not exist unless force.
func writeACLED(file string, force bool, opts benchsite.ACLEDOptions) error {
	start := time.Now()
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(file, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists (use -force to replace it)", file)
	}
	if err != nil {
		return err
	}
	err = benchsite.WriteACLED(f, opts)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	st, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d events, %d bytes (%.1f MiB) to %s in %v\n",
		opts.Events, st.Size(), float64(st.Size())/(1<<20), file, time.Since(start).Round(time.Millisecond))
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
