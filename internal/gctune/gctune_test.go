package gctune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestBoundSetsTheLimitFromTheLiveHeapAfterEachCollection(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: Bound leaves the collector alone")
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	debug.SetMemoryLimit(math.MaxInt64)
	stop := Bound()
	live := make([]byte, 64<<20)
	want := LimitFor(uint64(len(live)))
	limit := int64(math.MaxInt64)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		runtime.GC() // the finalizer runs after a collection, on its own goroutine
		if limit = debug.SetMemoryLimit(-1); limit < math.MaxInt64 {
			break
		}
	}
	runtime.KeepAlive(live)
	if limit < want || limit > want+64<<20 {
		t.Fatalf("limit %d MiB with 64 MiB live, want about %d MiB", limit>>20, want>>20)
	}
	stop()
	debug.SetMemoryLimit(math.MaxInt64)
	runtime.GC()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after stop the limit was set again, to %d MiB", got>>20)
	}
}

// The dev server's collector runs at its limit alone, which leaves room
// above the live heap for all a save allocates; once stopped, GOGC is as
// it was.
func TestBoundServeLeavesRoomForRebuilds(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: BoundServe leaves the collector alone")
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	stop := BoundServe()
	if gogc := debug.SetGCPercent(-1); gogc != -1 {
		t.Errorf("GOGC %d while serving, want off", gogc)
	}
	live := make([]byte, 64<<20)
	want := ServeLimitFor(uint64(len(live)))
	var limit int64
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		runtime.GC()
		if limit = debug.SetMemoryLimit(-1); limit >= want {
			break
		}
	}
	runtime.KeepAlive(live)
	// Room above the live heap for all a save allocates at 10,000
	// articles (about 160 MB), whatever else the test binary holds.
	if limit < want || limit > want+64<<20 || limit < int64(len(live))+160<<20 {
		t.Fatalf("limit %d MiB with 64 MiB live, want about %d MiB", limit>>20, want>>20)
	}
	stop()
	if gogc := debug.SetGCPercent(100); gogc != 100 {
		t.Errorf("GOGC %d after stop, want 100 again", gogc)
	}
}
