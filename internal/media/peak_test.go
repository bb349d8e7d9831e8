package media

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/timelinegen/timelinegen/internal/media/mediatest"
	"github.com/timelinegen/timelinegen/internal/testenv"
)

// peakFiles names, in a child process of the test binary, the image files
// TestPeakChild processes; see peak.
const peakFiles = "TIMELINEGEN_MEDIA_PEAK_FILES"

// TestPeakChild processes the files named in $TIMELINEGEN_MEDIA_PEAK_FILES
// all at once, as a build does, in a child process whose peak memory
// peak measures. Without them it does nothing.
func TestPeakChild(t *testing.T) {
	list, ok := os.LookupEnv(peakFiles)
	if !ok {
		return
	}
	c := Open("", Settings{Widths: []int{480, 960, 1440}, Quality: 82, MaxPixels: 50_000_000})
	var wg sync.WaitGroup
	for f := range strings.SplitSeq(list, string(os.PathListSeparator)) {
		if f == "" {
			continue
		}
		wg.Go(func() {
			if _, err := c.Image(f); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// The peak of this process's own memory: wait4's maximum resident
	// set would count the parent's too, since os/exec starts a child
	// sharing the parent's memory until it runs the program.
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for l := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			fmt.Printf("peak %s\n", strings.TrimSpace(v))
		}
	}
}

// peak is the most memory (the maximum resident set, as /usr/bin/time -v
// reports it, read from the kernel's VmHWM) of a child process that
// processes files at once with procs cores.
func peak(t testing.TB, procs int, files ...string) int64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), peakFiles+"="+strings.Join(files, string(os.PathListSeparator)), "GOMAXPROCS="+strconv.Itoa(procs))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	_, kb, _ := strings.Cut(string(out), "peak ")
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.Fields(kb + " x")[0], "kB"), 10, 64)
	if err != nil {
		t.Fatalf("no peak in %q", out)
	}
	return n << 10
}

// largeImages writes n different copies of each of the 7000×7000 test
// images (different bytes after their end, so that none is taken from the
// cache for another) and returns them by kind.
func largeImages(t testing.TB, n int, kinds ...string) map[string][]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string][]string{}
	for _, kind := range kinds {
		var src []byte
		switch kind {
		case "png8":
			src = mediatest.LargePNG(7000, 7000, 8)
		case "png16":
			src = mediatest.LargePNG(7000, 7000, 16)
		case "jpeg":
			src = mediatest.LargeJPEG(7000, 7000)
		}
		for i := range n {
			f := filepath.Join(dir, fmt.Sprintf("%s-%d", kind, i))
			if err := os.WriteFile(f, append(src, byte(i)), 0o644); err != nil {
				t.Fatal(err)
			}
			out[kind] = append(out[kind], f)
		}
	}
	return out
}

// BenchmarkPeakMemory reports the peak memory of processing one and four
// 7000×7000 images (49 megapixels) at once on four cores: PNG at 8 and
// 16 bits a channel, and a baseline JPEG. idle-MB is the child process
// doing nothing; MB/Mpx is the peak above it per megapixel of one image.
// Each iteration is a child process: -benchtime 1x is enough.
func BenchmarkPeakMemory(b *testing.B) {
	images := largeImages(b, 4, "png8", "png16", "jpeg")
	idle := peak(b, 4)
	for _, kind := range []string{"png8", "png16", "jpeg"} {
		for _, n := range []int{1, 4} {
			b.Run(fmt.Sprintf("%s/%d", kind, n), func(b *testing.B) {
				var most int64
				for b.Loop() {
					most = max(most, peak(b, 4, images[kind][:n]...))
				}
				b.ReportMetric(float64(most)/(1<<20), "peak-MB")
				b.ReportMetric(float64(idle)/(1<<20), "idle-MB")
				b.ReportMetric(float64(most-idle)/(1<<20)/49, "MB/Mpx")
			})
		}
	}
}

// Large PNGs are read a line at a time and never whole: a 7000×7000 one
// at 8 bits a channel and another at 16 (196 and 392 MB decoded whole)
// at once take a few tens of megabytes. Before, they took 1.6 GB.
// (BenchmarkPeakMemory measures more, for docs/media.md.)
func TestLargePNGsTakeLittleMemory(t *testing.T) {
	if testenv.Race || testing.Short() {
		t.Skip("memory is measured without -race and -short")
	}
	images := largeImages(t, 1, "png8", "png16")
	idle := peak(t, 2)
	const most = 96 << 20
	if got := peak(t, 2, images["png8"][0], images["png16"][0]) - idle; got > most {
		t.Errorf("%d MB at the peak, want at most %d MB", got>>20, most>>20)
	}
}
