package build

import (
	"os"
	"syscall"
)

// sourceStamp is the stamp of a file of content/, which ParsedFile keeps.
func sourceStamp(info os.FileInfo) (fileStamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStamp{}, false
	}
	return fileStamp{size: info.Size(), mtime: info.ModTime().UnixNano(), ctime: st.Ctim.Nano(), ino: st.Ino, dev: st.Dev}, true
}
