//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive lock on the folder dir, held until unlock,
// or reports that a running build holds it. The lock goes with the
// process: a killed build's folder is free to remove.
func tryLock(dir string) (unlock func(), ok bool) { return flock(dir, unix.LOCK_NB) }

// waitLock is tryLock that waits for the holder to let go.
func waitLock(dir string) (unlock func(), ok bool) { return flock(dir, 0) }

func flock(dir string, how int) (unlock func(), ok bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|how) != nil {
		f.Close()
		return nil, false
	}
	// The folder may have been removed, and made anew, between the open
	// and the lock: then the lock is on a folder that is gone.
	if info, err := os.Stat(dir); err != nil || !sameFile(f, info) {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}

func sameFile(f *os.File, info os.FileInfo) bool {
	mine, err := f.Stat()
	return err == nil && os.SameFile(mine, info)
}

// abandoned reports whether a leftover folder of a build may be removed:
// no running build holds its lock.
func abandoned(dir string) (unlock func(), ok bool) { return tryLock(dir) }
