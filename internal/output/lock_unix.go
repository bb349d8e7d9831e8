//go:build unix

package output

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive lock on the folder dir, held until unlock,
// or reports that another build holds it. The lock goes with the process:
// a killed build's folder is free to remove. Where the file system cannot
// lock (some network file systems), it succeeds without a lock.
func tryLock(dir string) (unlock func(), ok bool) {
	unlock, err := flock(dir, unix.LOCK_NB)
	return unlock, err == nil || !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, errGone)
}

// waitLock is tryLock that waits for the holder to let go.
func waitLock(dir string) (unlock func(), ok bool) {
	unlock, err := flock(dir, 0)
	return unlock, err == nil || !errors.Is(err, errGone)
}

// abandoned reports whether a leftover folder of a build may be removed:
// no running build holds its lock, or, where the file system cannot lock,
// it is a day old (no build runs that long).
func abandoned(dir string) (unlock func(), ok bool) {
	unlock, err := flock(dir, unix.LOCK_NB)
	switch {
	case err == nil:
		return unlock, true
	case errors.Is(err, unix.EWOULDBLOCK), errors.Is(err, errGone):
		return nil, false
	}
	info, err := os.Stat(dir)
	return func() {}, err == nil && time.Since(info.ModTime()) > 24*time.Hour
}

// errGone says the folder went away while it was being locked.
var errGone = errors.New("gone")

func flock(dir string, how int) (unlock func(), err error) {
	nothing := func() {}
	f, err := os.Open(dir)
	if err != nil {
		return nothing, errGone
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|how); err != nil {
		f.Close()
		return nothing, err
	}
	// The folder may have been removed, and perhaps made anew, between
	// the open and the lock: then the lock is on a folder that is gone.
	if info, err := os.Stat(dir); err != nil || !sameFile(f, info) {
		f.Close()
		return nothing, errGone
	}
	return func() { f.Close() }, nil
}

func sameFile(f *os.File, info os.FileInfo) bool {
	mine, err := f.Stat()
	return err == nil && os.SameFile(mine, info)
}
