package config

import (
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// ReadFile reads the timeline.yaml of the site at site: a regular file
// of at most sitefs.MaxText bytes. A site without one gets an error that
// is fs.ErrNotExist.
func ReadFile(site string) ([]byte, error) {
	return sitefs.ReadFile(filepath.Join(site, FileName), sitefs.MaxText)
}

// Load reads the configuration of the site at site, the defaults when it
// has no timeline.yaml. Whatever is wrong is reported in ds.
func Load(site string, ds *diag.List) Config {
	src, err := ReadFile(site)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Default()
	case err != nil:
		sitefs.ReportRead(ds, FileName, err)
		return Default()
	}
	return Parse(FileName, src, ds)
}
