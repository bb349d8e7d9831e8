//go:build race

package testenv

// Race is whether the program was built with -race. Under it a build is
// some 20 times slower and takes several times the memory: tests that
// measure memory skip, and tests whose repetitions only add to what the
// race detector would see anyway repeat less (make test also runs them
// whole without it).
const Race = true
