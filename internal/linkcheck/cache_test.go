package linkcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestCacheRoundTripAndMaxAge(t *testing.T) {
	path := filepath.Join(t.TempDir(), CacheFile)
	c, err := LoadCache(path)
	if err != nil || len(c) != 0 {
		t.Fatalf("a missing cache: %v, %v", c, err)
	}
	day := 24 * time.Hour
	now := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	c.Keep([]string{"https://a.example/", "https://b.example/", "https://c.example/"}, map[string]Result{
		"https://a.example/": {URL: "https://a.example/", State: OK, Status: 200, Checked: now.Add(-8 * day)},
		"https://b.example/": {URL: "https://b.example/", State: Dead, Status: 404, Error: "HTTP 404", Checked: now.Add(-6 * day)},
		"https://c.example/": {URL: "https://c.example/", State: Failed, Error: "no answer", Checked: now},
	})
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadCache(path)
	if err != nil {
		t.Fatal(err)
	}
	if r := back["https://b.example/"]; r.State != Dead || r.Status != 404 || !r.Checked.Equal(now.Add(-6*day)) {
		t.Errorf("read back %+v", r)
	}
	// Older than 7 days, not in the cache, or without a verdict: checked
	// again.
	stale := back.Stale([]string{"https://a.example/", "https://b.example/", "https://c.example/", "https://d.example/"}, now, 7*day)
	if want := []string{"https://a.example/", "https://c.example/", "https://d.example/"}; !slices.Equal(stale, want) {
		t.Errorf("stale %v, want %v", stale, want)
	}
	// Links no longer cited leave the cache.
	back.Keep([]string{"https://b.example/"}, nil)
	if len(back) != 1 {
		t.Errorf("kept %v", back)
	}
}

// The first format called a host that was not found dead, offline too:
// its file is read as an empty cache, so every link is checked again.
func TestCacheOfTheFirstFormatIsNotTrusted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "links.json")
	old := `{"format": "timelinegen-links/1", "links": [{"url": "https://e.example/", "state": "dead", "error": "lookup e.example: no such host", "checked": "2025-03-14T00:00:00Z"}]}`
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadCache(path)
	if err != nil || len(c) != 0 {
		t.Errorf("read %v, %v; want an empty cache", c, err)
	}
}

func TestCacheBadFileIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "links.json")
	if err := os.WriteFile(path, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCache(path); err == nil {
		t.Error("no error")
	}
}
