package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// checkSource makes sure source is a site before anything is built,
// written or served: a mistyped --source must not build an empty site
// into a new folder, or pass as "ok: 0 entries".
func checkSource(source string) error {
	info, err := os.Stat(source)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--source %s: no such folder%s; to start a site there, run: timelinegen new site %s", source, nearbySite(source), source)
	case err != nil:
		return fmt.Errorf("--source %s: %v", source, err)
	case !info.IsDir():
		return fmt.Errorf("--source %s: is a file, not a site's folder; to make a site, run: timelinegen new site DIR", source)
	}
	if isSite(source) {
		return nil
	}
	return fmt.Errorf("--source %s is not a timelinegen site: it has no %s and no %s/ folder%s; to make one, run: timelinegen new site DIR", source, config.FileName, content.Dir, nearbySite(source))
}

func isSite(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		return true
	}
	info, err := os.Stat(filepath.Join(dir, content.Dir))
	return err == nil && info.IsDir()
}

// nearbySite suggests a site beside source whose name is close to it.
func nearbySite(source string) string {
	parent, base := filepath.Split(filepath.Clean(source))
	if parent == "" {
		parent = "."
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return ""
	}
	var sites []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != base && isSite(filepath.Join(parent, e.Name())) {
			sites = append(sites, e.Name())
		}
	}
	return diag.Suggest(base, sites)
}
