package linkcheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// CacheFile is where a site keeps its results, relative to its folder.
const CacheFile = ".timelinegen/links.json"

// cacheFormat names the cache file's format in its "format" key. /1
// called a host that was not found dead, offline too; its verdicts are
// not trusted.
const cacheFormat = "timelinegen-links/2"

// maxCache bounds the cache file: a few hundred bytes a link, for a
// hundred thousand links.
const maxCache = 64 << 20

// Cache is the results of earlier runs, by URL.
type Cache map[string]Result

type cacheFile struct {
	Format string   `json:"format"`
	Links  []Result `json:"links"`
}

// LoadCache reads a cache file; a missing file is an empty cache.
func LoadCache(path string) (Cache, error) {
	// The cache is in the site's folder, where a clone can put anything.
	b, err := sitefs.ReadFile(path, maxCache)
	if errors.Is(err, fs.ErrNotExist) {
		return Cache{}, nil
	}
	if err != nil {
		return nil, err
	}
	var f cacheFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %v (delete it to check every link again)", path, err)
	}
	if f.Format != cacheFormat {
		return Cache{}, nil // another version's: start afresh
	}
	c := make(Cache, len(f.Links))
	for _, r := range f.Links {
		c[r.URL] = r
	}
	return c, nil
}

// Save writes the cache to path, sorted by URL, replacing the file only
// once it is whole.
func (c Cache) Save(path string) error {
	f := cacheFile{Format: cacheFormat, Links: make([]Result, 0, len(c))}
	for _, r := range c {
		f.Links = append(f.Links, r)
	}
	slices.SortFunc(f.Links, func(a, b Result) int {
		if a.URL < b.URL {
			return -1
		}
		if a.URL > b.URL {
			return 1
		}
		return 0
	})
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".links-*.json")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Stale lists the urls the cache has no result for, or one checked
// before now minus maxAge. A result without a verdict (Failed) is always
// checked again.
func (c Cache) Stale(urls []string, now time.Time, maxAge time.Duration) []string {
	var out []string
	for _, u := range urls {
		r, ok := c[u]
		if !ok || r.State == Failed || now.Sub(r.Checked) > maxAge {
			out = append(out, u)
		}
	}
	return out
}

// Keep replaces the cache's contents with the results for urls: from
// fresh where checked now, else as cached. Links no longer in the site
// are dropped.
func (c Cache) Keep(urls []string, fresh map[string]Result) {
	keep := make(map[string]bool, len(urls))
	for _, u := range urls {
		keep[u] = true
		if r, ok := fresh[u]; ok {
			c[u] = r
		}
	}
	for u := range c {
		if !keep[u] {
			delete(c, u)
		}
	}
}
