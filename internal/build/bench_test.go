package build_test

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/output"
)

// BenchmarkBuild times a full build, from files on disk to pages in
// memory, of the deterministic synthetic site. BENCH_ARTICLES sets its
// size (default 10,000).
func BenchmarkBuild(b *testing.B) {
	n := envArticles()
	dir := filepath.Join(b.TempDir(), "site")
	if err := benchsite.Write(dir, benchsite.Options{Articles: n}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		site, ds := build.Compile(options(dir))
		if site == nil {
			b.Fatal(ds.Error())
		}
		if _, err := site.Write(discard{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// discard throws pages away: the benchmark measures the compiler, not the disk.
type discard struct{}

func (discard) Write(string, []byte) error { return nil }

var _ output.Writer = discard{}

// envArticles is the benchmark site's size: BENCH_ARTICLES, default 10,000.
func envArticles() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// BenchmarkBuildLanguages times the same site in one language and in
// three, every article translated into both others: the three-language
// build should take at most three times the one-language build.
// BENCH_ARTICLES sets the size (default 10,000).
func BenchmarkBuildLanguages(b *testing.B) {
	n := envArticles()
	for _, langs := range [][]string{{"en"}, {"en", "uk", "ar"}} {
		b.Run(strconv.Itoa(len(langs))+"-languages", func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "site")
			if err := benchsite.Write(dir, benchsite.Options{Articles: n, Languages: langs}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			// CPU time as well as wall time: on a shared machine it is the
			// steadier measure of the work a build does.
			cpu0 := cpuTime()
			for b.Loop() {
				site, ds := build.Compile(options(dir))
				if site == nil {
					b.Fatal(ds.Error())
				}
				if _, err := site.Write(discard{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
