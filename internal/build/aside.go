package build

import (
	"html"
	"html/template"
	"os"
	"sync"
	"unsafe"
)

// bodyFile is where serve's Builder puts the articles' rendered bodies
// aside, as a one-shot build does in CompiledFile: one file in the
// Builder's folder, each body appended as it is rendered and read back
// when its page is. A rebuild reuses every body whose article is
// unchanged, so serve held them all: at 30,000 articles they were 184 MB
// of its 743 MB heap. A nil bodyFile keeps the bodies in memory.
type bodyFile struct {
	path string

	mu     sync.Mutex
	file   *os.File // made by the first put
	end    int64
	broken bool // the file could not be made or written: bodies stay in memory
}

// put appends b's HTML to the file and lets go of it; b keeps it when
// the file cannot take it.
func (f *bodyFile) put(b *bodyState) {
	if f == nil || b.body.HTML == "" {
		return
	}
	s := string(b.body.HTML)
	f.mu.Lock()
	if f.file == nil && !f.broken {
		var err error
		f.file, err = os.OpenFile(f.path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		f.broken = err != nil
	}
	if f.broken {
		f.mu.Unlock()
		return
	}
	file, off, n := f.file, f.end, int64(len(s))
	f.end += n
	f.mu.Unlock()
	// WriteAt does not keep the bytes: they may be the string's own.
	if _, err := file.WriteAt(unsafe.Slice(unsafe.StringData(s), len(s)), off); err != nil {
		f.mu.Lock()
		f.broken = true
		f.mu.Unlock()
		return
	}
	b.body.HTML = ""
	b.body.Aside = func() template.HTML { return readAside(file, off, n) }
}

// readAside reads n bytes of HTML at off in file. The file is serve's
// own: should it fail, the page says so where its body would be, rather
// than show an article without one.
func readAside(file *os.File, off, n int64) template.HTML {
	buf := make([]byte, n)
	if _, err := file.ReadAt(buf, off); err != nil {
		return template.HTML("<p><strong>timelinegen serve could not read this body back from " + html.EscapeString(file.Name()) + ": " + html.EscapeString(err.Error()) + "</strong></p>")
	}
	// buf is not written again: the string may share it.
	return template.HTML(unsafe.String(unsafe.SliceData(buf), len(buf)))
}

// close closes the file; the Builder's folder, with it, is removed by its
// Store.
func (f *bodyFile) close() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.file != nil {
		f.file.Close()
	}
	f.broken = true
}
