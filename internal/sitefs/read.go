package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The most a file of each kind may hold. Every file is read whole into
// memory, so a site's file, or a link in it to /dev/zero, could otherwise
// take all of it.
const (
	// MaxArticle bounds an article or translation file: 256 KiB of
	// frontmatter (front.MaxFrontmatter) and 384 KiB of body
	// (content.MaxBody), with room for the fences.
	MaxArticle = 1 << 20
	// MaxText bounds timeline.yaml, a template, an i18n file and an
	// import's kind map: a few hundred KiB at most in any real site.
	MaxText = 4 << 20
	// MaxStatic bounds a file of static/, copied as is to the output:
	// fonts, scripts, a PDF report; a video belongs on a video host.
	MaxStatic = 100 << 20
	// MaxSheet bounds the CSV file an import reads: a whole ACLED
	// export of a country over years.
	MaxSheet = 1 << 30
)

// NotFileError says that a path names something other than a regular
// file: a folder, a device such as /dev/zero, a named pipe, a socket.
type NotFileError struct {
	What string
}

func (e *NotFileError) Error() string {
	return fmt.Sprintf("not a regular file but %s: only regular files are read", e.What)
}

// TooLargeError says that a file holds more than its kind may.
type TooLargeError struct {
	Size, Limit int64 // Size is -1 when the file grew while it was read
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return "the file holds more than its size says (a file of /proc or /sys, or one being written): only regular files are read"
	}
	return fmt.Sprintf("the file is %s, more than the %s a file of its kind may hold", bytesText(e.Size), bytesText(e.Limit))
}

func bytesText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", (n+1<<20-1)>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", (n+1<<10-1)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Open opens the file at name for reading, and its information taken
// from the open file itself, so that nothing can be swapped in between
// the check and the read. Anything but a regular file is a *NotFileError,
// a file over limit bytes a *TooLargeError, and the file is closed.
// A named pipe is opened without waiting for a writer.
func Open(name string, limit int64) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := check(f, limit)
	if err != nil {
		f.Close()
		return nil, nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return f, info, nil
}

// check is what Open and ReadFS require of an open file.
func check(f fs.File, limit int64) (fs.FileInfo, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotFileError{What: modeText(info.Mode())}
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	return info, nil
}

func modeText(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeCharDevice != 0:
		return "a character device (such as /dev/zero)"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// ReadAll reads f, which Open gave with info. It reads no more than info
// says the file holds, and one byte more to see whether there is more: a
// file of /proc says it is empty and never ends.
//
// It reads into one slice of that size and a byte: bytes.Buffer.ReadFrom
// wants 512 bytes free before each read, and doubled the buffer of every
// file (a site's articles are kept as read).
func ReadAll(f io.Reader, info fs.FileInfo) ([]byte, error) {
	size := info.Size()
	buf := make([]byte, size+1)
	n, err := io.ReadFull(f, buf)
	switch {
	case err == nil:
		return nil, &TooLargeError{Size: -1}
	case err != io.EOF && err != io.ErrUnexpectedEOF:
		return nil, err
	}
	return buf[:n:n], nil
}

// ReadFile reads the regular file at name, of at most limit bytes: the
// one way a file of a site is read.
func ReadFile(name string, limit int64) ([]byte, error) {
	f, info, err := Open(name, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := ReadAll(f, info)
	if pe := (*fs.PathError)(nil); err != nil && !errors.As(err, &pe) {
		err = &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, err
}

// ReadFS is ReadFile for a file of fsys, such as the embedded theme or
// DirFS.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := check(f, limit)
	if err == nil {
		var b []byte
		if b, err = ReadAll(f, info); err == nil {
			return b, nil
		}
	}
	if pe := (*fs.PathError)(nil); !errors.As(err, &pe) {
		err = &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return nil, err
}

// DirFS is os.DirFS whose files are opened as Open opens them: a named
// pipe in the folder does not stop a walk or a read.
type DirFS string

// Open opens name, a slash path relative to the folder.
func (d DirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(string(d), filepath.FromSlash(name)), os.O_RDONLY|openFlags, 0)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = name
		}
		return nil, err
	}
	return f, nil
}

// Message is err as said after a file's name: the reason alone, without
// the path the diagnostic already names.
func Message(err error) string {
	var pe *fs.PathError
	for errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}
