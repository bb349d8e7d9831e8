// An external test package: benchsite imports content, which imports front.
package front_test

import (
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/front"
)

// BenchmarkSplit splits the articles of a 200-article benchmark site.
func BenchmarkSplit(b *testing.B) {
	var files [][]byte
	for name, data := range benchsite.Files(benchsite.Options{Articles: 200}) {
		if strings.HasSuffix(name, ".md") {
			files = append(files, data)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := front.Split(f); err != nil {
				b.Fatal(err)
			}
		}
	}
}
