//go:build !unix

package build

import "os"

// stampOf is a file's size and time (no inode here).
func stampOf(info os.FileInfo) published {
	return published{size: info.Size(), mtime: info.ModTime().UnixNano()}
}
