//go:build unix

package build

import (
	"os"
	"syscall"
)

// stampOf is a file's size, time and inode: a file written again, even
// with the same bytes in the same nanosecond, is a new inode.
func stampOf(info os.FileInfo) published {
	p := published{size: info.Size(), mtime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		p.ino = uint64(st.Ino)
	}
	return p
}
