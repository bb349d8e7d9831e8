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
	bound := BoundServe()
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
	bound.Stop()
	if gogc := debug.SetGCPercent(100); gogc != 100 {
		t.Errorf("GOGC %d after stop, want 100 again", gogc)
	}
}

var sink []byte

// While a save is under way the limit has room for what the last save
// allocated, so that the collector waits for Collect; once every save
// under way is done, the limit is as it was.
func TestASaveHasRoomForWhatTheLastAllocated(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: BoundServe leaves the collector alone")
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	bound := BoundServe()
	defer bound.Stop()
	limit := func() (got, want int64, extra int64) {
		bound.mu.Lock()
		defer bound.mu.Unlock()
		return debug.SetMemoryLimit(-1), ServeLimitFor(bound.live), bound.extra
	}
	done := bound.Saving()
	if got, want, _ := limit(); got != want {
		t.Errorf("the first save: limit %d MiB, want %d: no save before it to make room for", got>>20, want>>20)
	}
	for range 64 {
		sink = make([]byte, 1<<20)
	}
	done()
	got, want, extra := limit()
	if got != want {
		t.Errorf("after the save: limit %d MiB, want %d again", got>>20, want>>20)
	}
	if extra < 64<<20 {
		t.Errorf("the save allocated 64 MiB, and the next makes room for %d", extra>>20)
	}
	done = bound.Saving()
	nested := bound.Saving()
	if got, want, extra := limit(); got != want+extra {
		t.Errorf("during a save: limit %d MiB, want %d", got>>20, (want+extra)>>20)
	}
	done()
	if got, want, extra := limit(); got != want+extra {
		t.Errorf("with a save still under way: limit %d MiB, want %d", got>>20, (want+extra)>>20)
	}
	nested()
	nested() // once is enough
	if got, want, _ := limit(); got != want {
		t.Errorf("after every save: limit %d MiB, want %d", got>>20, want>>20)
	}
}
