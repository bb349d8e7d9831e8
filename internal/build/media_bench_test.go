package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// photoSite writes a site of n articles with a 3-megapixel photo each
// (2000×1500, about 1 MB): BENCH_PHOTOS sets n (default 20; the README's
// numbers are for 1,000).
func photoSite(b *testing.B) (dir string, n int) {
	n = 20
	if v, err := strconv.Atoi(os.Getenv("BENCH_PHOTOS")); err == nil && v > 0 {
		n = v
	}
	dir = filepath.Join(b.TempDir(), "site")
	for i := range n {
		sub := filepath.Join(dir, "content", fmt.Sprintf("p%04d", i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		text := testArticle(fmt.Sprintf("Photo %d", i), "2025-03-11", "military",
			"media:\n  - {file: photo.jpg, alt: \"Photo\", credit: Example}\n", "Body.")
		if err := os.WriteFile(filepath.Join(sub, "index.md"), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "photo.jpg"), mediatest.Noisy(2000, 1500, uint32(i)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir, n
}

func buildPhotos(b *testing.B, dir string) {
	site, ds := build.Compile(options(dir))
	if site == nil {
		b.Fatal(ds.Error())
	}
	if _, err := site.Write(discard{}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPhotosFirstBuild builds a site of photos with an empty image
// cache: every photo decoded, resampled to 480, 960 and 1440 pixels and
// encoded.
func BenchmarkPhotosFirstBuild(b *testing.B) {
	dir, n := photoSite(b)
	cache := filepath.Join(dir, ".timelinegen")
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(cache); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		buildPhotos(b, dir)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/build")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/photo")
}

// BenchmarkPhotosRebuild builds the same site again with the cache warm:
// no image is read, only their files' sizes and times.
func BenchmarkPhotosRebuild(b *testing.B) {
	dir, n := photoSite(b)
	buildPhotos(b, dir)
	b.ResetTimer()
	for b.Loop() {
		buildPhotos(b, dir)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/build")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/photo")
}
