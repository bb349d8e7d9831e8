//go:build !unix

package sitefs

import "os"

// Map maps nothing here: the caller reads the file.
func Map(f *os.File, size int64) (string, bool) { return "", false }
