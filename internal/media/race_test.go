//go:build race

package media

// raceBuild: the race detector takes several times a program's memory, so
// that memory is not measured under it.
const raceBuild = true
