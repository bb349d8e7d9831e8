package build_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/media/mediatest"
)

// photoSite is a site of n articles with a 3-megapixel photo each
// (2000×1500, about 1 MB): BENCH_PHOTOS sets n (default 20; the README's
// numbers are for 1,000). Making the photos takes longer than processing
// them, so the site is kept in the system's temporary folder for the next
// run; it is made in parallel.
func photoSite(b *testing.B) (dir string, n int) {
	n = 20
	if v, err := strconv.Atoi(os.Getenv("BENCH_PHOTOS")); err == nil && v > 0 {
		n = v
	}
	dir = filepath.Join(os.TempDir(), fmt.Sprintf("timelinegen-bench-photos-%d", n))
	done := filepath.Join(dir, "made")
	if _, err := os.Stat(done); err == nil {
		return dir, n
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				sub := filepath.Join(dir, "content", fmt.Sprintf("p%04d", i))
				text := testArticle(fmt.Sprintf("Photo %d", i), "2025-03-11", "military",
					"media:\n  - {file: photo.jpg, alt: \"Photo\", credit: Example}\n", "Body.")
				errs[i] = errors.Join(os.MkdirAll(sub, 0o755),
					os.WriteFile(filepath.Join(sub, "index.md"), []byte(text), 0o644),
					os.WriteFile(filepath.Join(sub, "photo.jpg"), mediatest.Noisy(2000, 1500, uint32(i)), 0o644))
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(append(errs, os.WriteFile(filepath.Join(dir, "timeline.yaml"), []byte("media: {share_cards: false}\n"), 0o644))...); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
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
