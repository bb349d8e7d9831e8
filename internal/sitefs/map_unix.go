//go:build unix

package sitefs

import (
	"os"
	"syscall"
	"unsafe"
)

// Map gives the first size bytes of f, an open regular file, as a string
// of the file's pages mapped read-only, and false where they cannot be
// mapped: the caller reads them instead. The pages are the file's in the
// page cache, so a build's cache of 57 MB costs neither a copy nor 57 MB
// of fresh memory (on a virtual machine a fresh page's first touch can
// cost ten microseconds).
//
// The mapping is never let go of: what is read off it may be parts of
// it, held as long as the program likes. The files mapped are only ever
// replaced by renaming another over them, which leaves the mapped one
// whole; a file cut short in place while mapped would crash the program
// where it reads past the new end.
func Map(f *os.File, size int64) (string, bool) {
	if size <= 0 || int64(int(size)) != size {
		return "", false
	}
	m, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return "", false
	}
	return unsafe.String(unsafe.SliceData(m), len(m)), true
}
