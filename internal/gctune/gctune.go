// Package gctune bounds the heap of a process whose live heap grows and
// stays: a build while it compiles, the dev server all along. It is for
// main packages (and benchmarks standing in for them): the collector's
// settings are the whole process's.
package gctune

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// Bound sets, after each collection, the soft memory limit to LimitFor the
// live heap the collection found. Under GOGC's default alone the heap may
// double the live heap: 100,000 articles peaked at 2.9 GiB while
// compiling over a live heap of 1.2 GiB, and serve at 10,000 articles
// held 1.2 GB for a live heap of 516 MiB. On a small heap GOGC's goal is
// the lower and nothing changes. GOGC or GOMEMLIMIT in the environment
// leave the collector as they say. The returned func ends it; the limit
// last set stays.
func Bound() (stop func()) { return bound(LimitFor) }

// Overridden reports whether GOGC or GOMEMLIMIT in the environment say
// how the collector runs: then nothing here, nor a caller's own limit,
// changes it.
func Overridden() bool { return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" }

// BoundServe is Bound for the dev server, whose heap between two
// collections holds the garbage of a save: the collector runs only when
// the heap reaches ServeLimitFor the live heap (GOGC's goal is turned
// off), Collect runs once a save's pages are rendered, and Release once
// the editor pauses. While a save is under way (Server.Saving) the limit
// has room for what the save before allocated too. Stop ends it.
func BoundServe() *Serve {
	if Overridden() {
		return nil
	}
	s := &Serve{gogc: debug.SetGCPercent(-1)}
	debug.SetMemoryLimit(ServeLimitFor(0))
	s.tuner = newTuner(s.limitFor)
	return s
}

// Serve is the dev server's bound on the collector; nil when GOGC or
// GOMEMLIMIT say how it runs.
type Serve struct {
	tuner *gcTuner
	gogc  int
	mu    sync.Mutex
	// saving counts the saves under way; while one is, the limit has
	// room for extra more, what the saves under way last time allocated
	// from the first's start (allocs) to the last's end.
	saving int
	allocs uint64
	extra  int64
	live   uint64 // the live heap the last collection found
}

// Stop ends the bound, leaving GOGC as it was.
func (s *Serve) Stop() {
	if s == nil {
		return
	}
	s.tuner.stopped.Store(true)
	debug.SetGCPercent(s.gogc)
}

// Saving says a save is under way until done is called: from its
// rebuild's start until the pages it changed are rendered, which is
// when Collect runs. A collection during a save marks the whole live
// heap on a core the save needs: at 100,000 articles a save allocated
// about 225 MB, and the collector started 184 MB into it, on a 1 GB
// heap, whose marking took 0.5-1 s while the browser waited. With room
// for what the last save allocated, the collection waits for Collect.
func (s *Serve) Saving() (done func()) {
	if s == nil {
		return func() {}
	}
	s.mu.Lock()
	if s.saving++; s.saving == 1 {
		s.allocs = allocated()
		debug.SetMemoryLimit(s.limitLocked(s.live))
	}
	s.mu.Unlock()
	return sync.OnceFunc(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.saving--; s.saving == 0 {
			// At most the room the limit leaves already: a save that
			// read every file anew is no reason to hold twice the site.
			s.extra = min(int64(allocated()-s.allocs), ServeLimitFor(s.live)-int64(s.live))
			debug.SetMemoryLimit(s.limitLocked(s.live))
		}
	})
}

// limitFor is the tuner's: it notes the live heap.
func (s *Serve) limitFor(live uint64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.live = live
	return s.limitLocked(live)
}

func (s *Serve) limitLocked(live uint64) int64 {
	if s.saving > 0 {
		return ServeLimitFor(live) + s.extra
	}
	return ServeLimitFor(live)
}

// allocated is how many bytes the process has allocated on the heap so far.
func allocated() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// ServeLimitFor is the dev server's soft memory limit for a live heap:
// 1.3 times the live heap and 148 MiB more, room for all a save
// allocates at 10,000 articles (about 160 MB, the pages rendered after
// the reload included), so that a rebuild that starts after Collect runs
// without a collection. With LimitFor's 1.5 times, serve held 1,479-1,483
// MiB right after a burst of saves at 100,000 articles, over the 1.5 GB
// it is meant for; with 1.3, 1,223-1,239 MiB in two runs of three (and
// 1,727 in the third), for 3-10% more processor time an edit, and at
// 10,000 articles the same. (With 256 MiB more than
// LimitFor, sized when serve held its pages in memory, a burst at 10,000
// articles left it at 520-590 MiB.)
func ServeLimitFor(live uint64) int64 { return int64(live)*13/10 + 148<<20 }

func bound(limitFor func(uint64) int64) (stop func()) {
	if Overridden() {
		return func() {}
	}
	t := newTuner(limitFor)
	return func() { t.stopped.Store(true) }
}

func newTuner(limitFor func(uint64) int64) *gcTuner {
	t := &gcTuner{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}, limitFor: limitFor}
	t.arm()
	return t
}

type gcTuner struct {
	stopped  atomic.Bool
	sample   []metrics.Sample // only the finalizer goroutine uses it
	limitFor func(live uint64) int64
}

// sentinel is garbage as soon as it is made, so its finalizer runs after
// the next collection. It holds a pointer so that it is no tiny
// allocation, whose finalizer may never run.
type sentinel struct{ _ *int }

func (t *gcTuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if t.stopped.Load() {
			return
		}
		metrics.Read(t.sample)
		debug.SetMemoryLimit(t.limitFor(t.sample[0].Value.Uint64()))
		t.arm()
	})
}

// LimitFor is the soft memory limit for a live heap: half again the live
// heap, plus 100 MiB for the garbage of the pages being rendered. With 64
// MiB the collector ran about 40 times while writing 10,000 articles, a
// third of a core-second more for 15 MiB less.
func LimitFor(live uint64) int64 { return int64(live)*3/2 + 100<<20 }

// Release collects the garbage now and returns the memory it held to the
// system. The dev server calls it once edits pause (IdleAfter): a
// rebuild's garbage is then gone before the next, which starts on an
// empty heap, and the process holds little more than its live heap
// while the editor reads.
func Release() { debug.FreeOSMemory() }

// Collect collects the garbage now. The dev server calls it once a
// save's pages are rendered, so that the next save's rebuild starts on a
// heap of little more than the site it serves and, at 10,000 articles,
// finds room for all it allocates (about 160 MB) without a collection
// under way: in saves 500 ms apart the median fell from 182-199 ms to
// 160-166 and the p90 from 274 ms to 190-193. Right after a burst of
// saves serve then held 265-282 MiB rather than 332-345 at 10,000
// articles, and 1,483 MiB rather than 2,110 at 100,000, for 0-7% more
// processor time an edit.
func Collect() { runtime.GC() }

// IdleAfter is how long after a rebuild, with no other, the dev server
// takes the editor to be reading rather than saving.
const IdleAfter = time.Second
