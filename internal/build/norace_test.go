//go:build !race

package build_test

const raceDetector = false
