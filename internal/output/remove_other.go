//go:build !linux

package output

import "os"

// removeTree removes the folder dir and all it holds.
func removeTree(dir string) error { return os.RemoveAll(dir) }
