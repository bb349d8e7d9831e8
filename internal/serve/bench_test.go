package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/gctune"
)

// BenchmarkSaveToReload measures what an editor waits for: from saving one
// article of the benchmark site (BENCH_ARTICLES, default 10,000) to an
// open page being told to reload, through the real watcher, incremental
// rebuild and event stream (median-ms, p90-ms), and to the page's bytes
// received again, as the reloading browser asks (shown-median-ms,
// shown-p90-ms); BENCH_EDITS saves (default 200), BENCH_PAUSE
// milliseconds apart (default 0: one save after another). It reports
// the live heap after the first and the last edit, so that growth over
// many edits shows, and the resident memory at its peak during the edits
// (rss-peak-MiB), right after the last edit and once the server is idle;
// and how long the server took to be ready
// on the site it had never built (ready-s) and to render it all
// (finished-s). BENCH_CPUPROFILE and BENCH_MEMPROFILE
// name files for profiles of the edits alone, not of the first build:
// the test's own -cpuprofile would be mostly that.
func BenchmarkSaveToReload(b *testing.B) {
	bound := gctune.BoundServe() // as the command does
	defer bound.Stop()
	n := envInt("BENCH_ARTICLES", 10000)
	edits := envInt("BENCH_EDITS", 200)
	pause := time.Duration(envInt("BENCH_PAUSE", 0)) * time.Millisecond
	dir := filepath.Join(b.TempDir(), "site")
	// BENCH_SHARE_CARDS=1 draws a share card for each article, as the
	// default settings do.
	if err := benchsite.Write(dir, benchsite.Options{Articles: n, ShareCards: envInt("BENCH_SHARE_CARDS", 0) == 1}); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	// Ready: from the server's start on a site it has never built (no
	// .timelinegen/) to a page's first event and its home page
	// received, as an editor waits after typing timelinegen serve.
	start := time.Now()
	// BENCH_EACH=1 prints each edit's times, and when it ended from the
	// benchmark's start: beside GODEBUG=gctrace=1's, which collections
	// ran into which edits.
	each, began := os.Getenv("BENCH_EACH") == "1", start
	s := New(Options{Build: build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "bench", BaseURL: "http://" + ln.Addr().String() + "/"}, Idle: gctune.Release, Rendered: gctune.Collect, Saving: bound.Saving})
	defer s.Close()
	if _, ds, _ := s.Rebuild(nil); ds.HasErrors() {
		b.Fatal(ds.Error())
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	defer func() { stop(); <-done }()

	// A page listening for rebuilds, as the injected script does.
	s.mu.Lock()
	stamp := s.stamp()
	s.mu.Unlock()
	res, err := http.Get("http://" + ln.Addr().String() + EventsPath + "?v=" + stamp)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
	}()
	if e := <-events; e != "hello" {
		b.Fatalf("first event %q", e)
	}
	// and to its home page received, as the browser then shows it.
	home, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		b.Fatal(err)
	}
	_, err = io.Copy(io.Discard, home.Body)
	home.Body.Close()
	if err != nil || home.StatusCode != http.StatusOK {
		b.Fatalf("the home page: %d %v", home.StatusCode, err)
	}
	ready := time.Since(start)
	// Finished: every page rendered, as serve goes on to do once ready.
	// The edits start then, as from an editor who has read a while: an
	// edit waits for the pages left to render.
	s.finishing.Wait()
	finished := time.Since(start)

	var paths []string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	slices.Sort(paths)
	site := "http://" + ln.Addr().String() + "/"
	var waits, shown []time.Duration
	var heapFirst, heapLast uint64
	writeHeapProfile(b, ".before")
	// The peak resident memory is of the edits alone: the first build's
	// is left out (Linux resets the high-water mark on "5").
	peakOK := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	cpuBefore, cpuOK := processorTime()
	b.ResetTimer()
	defer profileEdits(b)()
	for i := range edits {
		p := paths[(i*7919)%len(paths)]
		text, _ := os.ReadFile(p)
		edited := strings.Replace(string(text), "title: \"", fmt.Sprintf("title: \"Edit %d: ", i), 1)
		start := time.Now()
		if err := os.WriteFile(p+".tmp~", []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(p+".tmp~", p); err != nil {
			b.Fatal(err)
		}
		select {
		case e := <-events:
			if e != "reload" {
				b.Fatalf("edit %d: event %q", i, e)
			}
		case <-time.After(10 * time.Second):
			b.Fatalf("edit %d: no reload", i)
		}
		waits = append(waits, time.Since(start))
		// The browser, told to reload, asks for the page again: the save
		// is shown once it has the page.
		page, err := http.Get(site + "events/" + strings.TrimSuffix(filepath.Base(p), ".md") + "/")
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(page.Body)
		page.Body.Close()
		if err != nil || page.StatusCode != http.StatusOK || !strings.Contains(string(body), fmt.Sprintf("Edit %d: ", i)) {
			b.Fatalf("edit %d: the page after the reload: %d %v", i, page.StatusCode, err)
		}
		shown = append(shown, time.Since(start))
		if each {
			fmt.Fprintf(os.Stderr, "edit %d: reload %v, shown %v, at %v\n", i, waits[i], shown[i], time.Since(began))
		}
		time.Sleep(pause)
		if i == 0 || i == edits-1 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if i == 0 {
				heapFirst = m.HeapAlloc
			} else {
				heapLast = m.HeapAlloc
			}
		}
	}
	b.StopTimer()
	if kb, ok := statusKB("VmHWM:"); ok && peakOK {
		b.ReportMetric(float64(kb)/1024, "rss-peak-MiB")
	}
	if cpuAfter, ok := processorTime(); ok && cpuOK {
		// Every goroutine's: the rebuild, the pages rendered after the
		// reload, the collector, the watcher and the test's own client.
		b.ReportMetric(float64((cpuAfter-cpuBefore).Microseconds())/1000/float64(edits), "cpu-ms/edit")
	}
	writeHeapProfile(b, "")
	slices.Sort(waits)
	slices.Sort(shown)
	b.ReportMetric(ready.Seconds(), "ready-s")
	b.ReportMetric(finished.Seconds(), "finished-s")
	b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(waits[len(waits)*9/10].Microseconds())/1000, "p90-ms")
	b.ReportMetric(float64(shown[len(shown)/2].Microseconds())/1000, "shown-median-ms")
	b.ReportMetric(float64(shown[len(shown)*9/10].Microseconds())/1000, "shown-p90-ms")
	b.ReportMetric(float64(heapFirst)/(1<<20), "heap-first-MiB")
	b.ReportMetric(float64(heapLast)/(1<<20), "heap-last-MiB")
	if kb, ok := residentKB(); ok {
		b.ReportMetric(float64(kb)/1024, "rss-MiB")
	}
	// Once the editor pauses, the server gives back what rebuilds used.
	time.Sleep(gctune.IdleAfter + time.Second)
	if kb, ok := residentKB(); ok {
		b.ReportMetric(float64(kb)/1024, "rss-idle-MiB")
	}
}

// profileEdits starts the CPU profile BENCH_CPUPROFILE names, if any,
// and gives what stops it.
func profileEdits(b *testing.B) func() {
	name := os.Getenv("BENCH_CPUPROFILE")
	if name == "" {
		return func() {}
	}
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// writeHeapProfile writes the heap profile to the file BENCH_MEMPROFILE
// names, if any, with suffix: before the edits (".before", to give
// go tool pprof -base what the first build allocated) and after them.
func writeHeapProfile(b *testing.B, suffix string) {
	name := os.Getenv("BENCH_MEMPROFILE")
	if name == "" {
		return
	}
	name += suffix
	runtime.GC()
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}

// residentKB is the process's resident memory (Linux), the server's own
// with the test around it, as a user's top would show it.
func residentKB() (int, bool) { return statusKB("VmRSS:") }

// statusKB is a size the kernel gives of the process (Linux), in KiB.
func statusKB(field string) (int, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb, err == nil
		}
	}
	return 0, false
}

// processorTime is the process's user and system time so far (Linux).
func processorTime() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the command, which is in parentheses: utime and
	// stime are the 12th and 13th, in clock ticks of 1/100 s.
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, false
	}
	user, err1 := strconv.Atoi(f[11])
	sys, err2 := strconv.Atoi(f[12])
	return time.Duration(user+sys) * 10 * time.Millisecond, err1 == nil && err2 == nil
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
