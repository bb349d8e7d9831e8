package build

import (
	"html"
	"html/template"
	"os"
	"sync"
	"unsafe"
)

// bodyFile is a file the articles' rendered bodies are appended to, from
// many goroutines, and read back from when their pages are rendered: a
// one-shot build's CompiledFile (compiled) and serve's (Builder), so that
// neither holds every body until its page is written (at 100,000
// articles the bodies are 500 MB; at 30,000 serve held 184 MB of its 743
// MB heap). The first put makes it with create, which gives it and where
// its bodies start; when it cannot be made, or a write fails, it is
// broken and the bodies stay in memory, as they do with a nil bodyFile.
type bodyFile struct {
	create func() (f *os.File, start int64, broken bool)

	mu     sync.Mutex
	file   *os.File
	end    int64
	broken bool
}

// put appends html to the file and gives where it is; false when the
// file cannot take it. It does not keep html.
func (f *bodyFile) put(html []byte) (aside, bool) {
	if f == nil {
		return aside{}, false
	}
	f.mu.Lock()
	if !f.open() {
		f.mu.Unlock()
		return aside{}, false
	}
	at := aside{f.file, f.end, int64(len(html))}
	f.end += at.n
	f.mu.Unlock()
	if _, err := at.file.WriteAt(html, at.off); err != nil {
		f.mu.Lock()
		f.broken = true
		f.mu.Unlock()
		return aside{}, false
	}
	return at, true
}

// open makes the file on first use, and says whether it can take bodies:
// false once broken. Its caller holds mu, or is alone.
func (f *bodyFile) open() bool {
	if f.file == nil && !f.broken {
		f.file, f.end, f.broken = f.create()
	}
	return !f.broken
}

// close closes the file, which its folder's Store removes; serve's.
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

// read reads back the HTML put aside at at.
func (at aside) read() (template.HTML, error) {
	buf := make([]byte, at.n)
	if _, err := at.file.ReadAt(buf, at.off); err != nil {
		return "", err
	}
	// buf is not written again: the string may share it.
	return template.HTML(unsafe.String(unsafe.SliceData(buf), len(buf))), nil
}

// setAside lets go of b's HTML, which is at at, and reads it from there
// with read.
func (b *bodyState) setAside(at aside, read func(aside) template.HTML) {
	b.aside = at
	b.body.HTML = ""
	b.body.Aside = func() template.HTML { return read(at) }
}

// putCard puts a listing card aside in serve's file (ListingCard.PutAside).
func (f *bodyFile) putCard(html template.HTML) (read func() template.HTML, ok bool) {
	at, ok := f.put(unsafe.Slice(unsafe.StringData(string(html)), len(html)))
	return func() template.HTML { return readServed(at) }, ok
}

// serveBodies is serve's bodyFile: a new file at path.
func serveBodies(path string) *bodyFile {
	return &bodyFile{create: func() (*os.File, int64, bool) {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		return f, 0, err != nil
	}}
}

// readServed reads a body back for serve. The file is serve's own:
// should it fail, the page says so where its body would be, rather than
// show an article without one.
func readServed(at aside) template.HTML {
	h, err := at.read()
	if err != nil {
		return template.HTML("<p><strong>timelinegen serve could not read this body back from " + html.EscapeString(at.file.Name()) + ": " + html.EscapeString(err.Error()) + "</strong></p>")
	}
	return h
}
