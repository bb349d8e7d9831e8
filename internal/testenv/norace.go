//go:build !race

// Package testenv says how the tests were built.
package testenv

const Race = false
