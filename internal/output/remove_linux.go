package output

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// removeTree removes the folder dir and all it holds, as os.RemoveAll
// does, with fewer system calls: it opens each folder with a bare file
// descriptor (os opens it as an *os.File, offered to the network poller)
// and removes each entry as its type in the folder's listing says,
// where os.RemoveAll tries to unlink a folder before it removes it. The
// earlier build goes at the end of every build: at 10,000 articles,
// 45,000 files and folders took os.RemoveAll half a second, the last
// of a warm build of two, with the other core idle. A link is removed,
// never followed.
func removeTree(dir string) error {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	switch {
	case errors.Is(err, unix.ENOENT):
		return nil
	case err != nil:
		return os.RemoveAll(dir) // not a folder, or not readable: it says which
	}
	err = removeIn(fd, make([]byte, 32<<10))
	unix.Close(fd)
	if err != nil {
		return &os.PathError{Op: "remove", Path: dir, Err: err}
	}
	return os.Remove(dir)
}

// removeIn removes everything in the open folder fd, with buf to read
// its listing into.
func removeIn(fd int, buf []byte) error {
	type entry struct {
		name string
		dir  bool
	}
	// The listing is read whole before anything is removed: a folder
	// read while its entries are removed may skip some.
	var entries []entry
	for {
		n, err := unix.Getdents(fd, buf)
		if err != nil {
			return err
		}
		if n <= 0 {
			break
		}
		for b := buf[:n]; len(b) >= 19; {
			// struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name.
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				return unix.EINVAL
			}
			name := b[19:reclen]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			if n := string(name); n != "." && n != ".." {
				entries = append(entries, entry{name: n, dir: b[18] == unix.DT_DIR})
			}
			b = b[reclen:]
		}
	}
	for _, e := range entries {
		if !e.dir {
			err := unix.Unlinkat(fd, e.name, 0)
			if err == nil || errors.Is(err, unix.ENOENT) {
				continue
			}
			if !errors.Is(err, unix.EISDIR) { // a type the listing did not give
				return err
			}
		}
		sub, err := unix.Openat(fd, e.name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != nil {
			return err
		}
		err = removeIn(sub, buf)
		unix.Close(sub)
		if err != nil {
			return err
		}
		if err := unix.Unlinkat(fd, e.name, unix.AT_REMOVEDIR); err != nil && !errors.Is(err, unix.ENOENT) {
			return err
		}
	}
	return nil
}
