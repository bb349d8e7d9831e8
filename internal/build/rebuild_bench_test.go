package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// BenchmarkRebuildOneArticle times an incremental rebuild after a
// one-article edit on the benchmark site (BENCH_ARTICLES, default
// 10,000): what serve does before it tells the browser to reload. The
// pages rendered after the reload (Result.Finish) are not timed; in a
// CPU profile, the rebuild's samples carry the label stage=rebuild
// (go tool pprof -tagfocus stage=rebuild).
func BenchmarkRebuildOneArticle(b *testing.B) {
	n := envArticles()
	dir := filepath.Join(b.TempDir(), "site")
	if err := benchsite.Write(dir, benchsite.Options{Articles: n}); err != nil {
		b.Fatal(err)
	}
	builder := build.NewBuilder(options(dir))
	if _, ds := builder.Rebuild(nil); ds.HasErrors() {
		b.Fatal(ds.Error())
	}
	var rel string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if rel == "" && err == nil && strings.HasSuffix(p, ".md") {
			rel, _ = filepath.Rel(dir, p)
		}
		return nil
	})
	text, _ := os.ReadFile(filepath.Join(dir, rel))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		edited := strings.Replace(string(text), "title: \"", fmt.Sprintf("title: \"Edit %d: ", i), 1)
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		var res *build.Result
		var ds diag.List
		pprof.Do(context.Background(), pprof.Labels("stage", "rebuild"), func(context.Context) {
			res, ds = builder.Rebuild([]string{filepath.ToSlash(rel)})
		})
		if res == nil {
			b.Fatal(ds.Error())
		}
		b.StopTimer()
		b.ReportMetric(float64(len(res.Rendered())), "pages/op")
		builder.Sweep()
		b.StartTimer()
	}
}
