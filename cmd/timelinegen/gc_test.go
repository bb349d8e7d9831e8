package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// GOGC in the environment leaves the collector as it says: no memory
// limit is fixed between compiling and writing a site.
func TestGOGCLeavesTheMemoryLimit(t *testing.T) {
	t.Setenv("GOGC", "200")
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOGC=200 the memory limit is %d, want none", got)
	}
}
