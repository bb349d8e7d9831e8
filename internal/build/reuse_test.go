package build

import (
	"fmt"
	"math"
	"testing"
)

// A page's line of PagesFile is made by appends, on every core; it reads
// as the format readPages takes, which fmt wrote before.
func TestPublishedLineIsPagesFormat(t *testing.T) {
	for _, c := range []struct {
		name string
		key  uint64
		s    published
	}{
		{"index.html", 0, published{}},
		{"events/a/index.html", 0xf, published{size: 20017, mtime: 1765112400123456789, ino: 42}},
		{"places/kyiv/index.html", 0x0123456789abcdef, published{size: 1, mtime: -1, ino: 7}},
		{`tags/"quoted" é/index.html`, math.MaxUint64, published{size: math.MaxInt64, mtime: math.MinInt64, ino: math.MaxUint64}},
	} {
		want := fmt.Sprintf("%016x %d %d %d %q\n", c.key, c.s.size, c.s.mtime, c.s.ino, c.name)
		if got := string(appendPublished(nil, c.name, c.key, c.s)); got != want {
			t.Errorf("appendPublished(%q, %x) = %q, want %q", c.name, c.key, got, want)
		}
	}
}
