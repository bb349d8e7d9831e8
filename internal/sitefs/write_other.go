//go:build !unix

package sitefs

import "os"

// WriteFile writes data to the file name, made or emptied, with 0644.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// Create makes or empties the file name for writing, with 0644.
func Create(name string) (*os.File, error) { return os.Create(name) }

// Rename renames the file from to to.
func Rename(from, to string) error { return os.Rename(from, to) }
