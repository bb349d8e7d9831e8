package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/output"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// PagesFile is where a build keeps, for the next one, the rebuild key of
// each page it published and the file it published it as: a page whose
// key is unchanged is linked from the last build instead of rendered.
const PagesFile = ".timelinegen/pages"

// pagesFormat heads PagesFile; a file of another format is not read.
const pagesFormat = "timelinegen pages 1"

// published is a page as the last build published it: its key, and the
// file's size, time and inode, which say that the file is still the one
// written then (not edited by hand, not written by a build that kept no
// keys).
type published struct {
	key         uint64
	size, mtime int64
	ino         uint64
}

// lastBuild is what PagesFile says of the last build: where it published
// the site and its pages, by name. It is used only when its salt, the sum
// of everything a page's key leaves out, is this build's.
type lastBuild struct {
	dest  string
	pages map[string]published
}

// reuse is a one-shot build's link to the last one: it links a page whose
// key is unchanged from the last build's folder, and notes the key of
// every page this build publishes.
type reuse struct {
	salt uint64
	last *lastBuild // nil when no page of the last build can be used
	// root is the last build's folder, the build's --dest: a page is
	// linked only from within it, whatever PagesFile says (a clone's
	// .timelinegen/ may hold anything).
	root *os.Root
	// inside memoizes, by folder of root, whether it is reached from the
	// root without leading out: a page's folder holds its page and its
	// oEmbed file, and a look through the root is a system call for each
	// folder on the way.
	inside sync.Map
	mu     sync.Mutex
	keys   map[string]pageKey // the pages published, by name
}

// pageKey is a page's key as published by this build, with its file's
// stamp when known (it was linked): else save looks at the file.
type pageKey struct {
	key   uint64
	stamp published
	known bool
}

// newReuse reads the last build's keys, when they were made with salt
// and published into dest.
func newReuse(source, dest string, salt uint64) *reuse {
	r := &reuse{salt: salt, keys: map[string]pageKey{}}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return r
	}
	last := readPages(filepath.Join(source, filepath.FromSlash(PagesFile)), salt)
	if last == nil || last.dest != abs {
		return r
	}
	if r.root, err = os.OpenRoot(abs); err == nil {
		r.last = last
	}
	return r
}

// close lets the last build's folder go.
func (r *reuse) close() {
	if r.root != nil {
		r.root.Close()
	}
}

// link publishes the last build's file of page name into w, when it was
// published under key and is still the file it published.
func (r *reuse) link(w output.Writer, name string, key uint64) bool {
	l, ok := w.(output.Linker)
	if r.last == nil || !ok {
		return false
	}
	p, ok := r.last.pages[name]
	if !ok || p.key != key {
		return false
	}
	// Its folder is looked at through the root, where no folder on the
	// way leads out; the file is looked at once linked, and published
	// only when it is the file the last build wrote, whatever path led to
	// it: a folder swapped for a link since leads to another file.
	if dir := path.Dir(name); dir != "." && !r.within(dir) {
		return false
	}
	var stamp published
	same := func(info fs.FileInfo) bool {
		stamp = stampOf(info)
		return stamp.size == p.size && stamp.mtime == p.mtime && stamp.ino == p.ino
	}
	if l.Link(name, filepath.Join(r.last.dest, filepath.FromSlash(name)), same) != nil {
		return false
	}
	r.mu.Lock()
	r.keys[name] = pageKey{key: key, stamp: stamp, known: true}
	r.mu.Unlock()
	return true
}

// within reports whether folder dir of the last build's is reached from
// its root without leading out of it.
func (r *reuse) within(dir string) bool {
	if in, ok := r.inside.Load(dir); ok {
		return in.(bool)
	}
	info, err := r.root.Lstat(filepath.FromSlash(dir))
	in := err == nil && info.IsDir()
	r.inside.Store(dir, in)
	return in
}

// linkFolder links the files of the last build's folder prefix, a
// product whose files are known only once made, when it was published
// under key and every file of it is still the one published. It gives
// how many it linked: when not all (one was removed by hand since),
// the folder is made again, but for those linked (linked).
func (r *reuse) linkFolder(w output.Writer, prefix string, key uint64) (int, bool) {
	if r.last == nil {
		return 0, false
	}
	// Each file's key holds how many the folder had: one the last build
	// could not note leaves the others' keys wrong. Pages may be in the
	// folder too (search/index.html), under keys of their own.
	byKey := map[uint64][]string{}
	for name, p := range r.last.pages {
		if strings.HasPrefix(name, prefix) {
			byKey[p.key] = append(byKey[p.key], name)
		}
	}
	var names []string
	for k, list := range byKey {
		if k == folderKey(key, len(list)) {
			names = list
		}
	}
	fk := folderKey(key, len(names))
	n := 0
	for _, name := range names {
		if r.link(w, name, fk) {
			n++
		}
	}
	return n, n > 0 && n == len(names)
}

// folderKey is the key of each of the n files of a folder made under
// key.
func folderKey(key uint64, n int) uint64 {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], key)
	binary.LittleEndian.PutUint64(b[8:], uint64(n))
	return xxhash.Sum64(b[:])
}

// linked reports whether this build linked the file name from the last.
func (r *reuse) linked(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.keys[name]
	return ok
}

// published notes that page name was published under key.
func (r *reuse) published(name string, key uint64) {
	r.mu.Lock()
	r.keys[name] = pageKey{key: key}
	r.mu.Unlock()
}

// save writes PagesFile for the next build: the key and file of every
// page published into dest. It is called once the build is in place;
// when it fails, the next build renders every page again.
func (r *reuse) save(source, dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(r.keys))
	for n := range r.keys {
		names = append(names, n)
	}
	slices.Sort(names)
	// Each page's line is made on every core: one after another, the
	// lines (a look at each file) were 0.1 s at the end of a 10,000-article
	// build, with the other core idle.
	const run = 512
	lines := make([][]byte, (len(names)+run-1)/run)
	inRuns(len(names), run, func(i, from, to int) {
		var b []byte
		for _, n := range names[from:to] {
			k := r.keys[n]
			if !k.known {
				info, err := os.Lstat(filepath.Join(abs, filepath.FromSlash(n)))
				if err != nil || !info.Mode().IsRegular() {
					continue
				}
				k.stamp = stampOf(info)
			}
			b = appendPublished(b, n, k.key, k.stamp)
		}
		lines[i] = b
	})
	head := fmt.Sprintf("%s %016x %s\n", pagesFormat, r.salt, strconv.Quote(abs))
	return replaceFile(filepath.Join(source, filepath.FromSlash(PagesFile)), "pages-*.tmp", func(w *bufio.Writer) {
		w.WriteString(head)
		for _, l := range lines {
			w.Write(l)
		}
	})
}

// appendPublished appends a page's line of PagesFile: its key (16 hex
// digits), its file's size, time and inode, and its name, quoted.
func appendPublished(b []byte, name string, key uint64, s published) []byte {
	var hex [17]byte
	for i := 15; i >= 0; i-- {
		hex[i] = "0123456789abcdef"[key&15]
		key >>= 4
	}
	hex[16] = ' '
	b = append(b, hex[:]...)
	b = strconv.AppendInt(b, s.size, 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, s.mtime, 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, s.ino, 10)
	b = append(b, ' ')
	b = strconv.AppendQuote(b, name)
	return append(b, '\n')
}

// replaceFile replaces file with what write writes, through a file
// beside it named after pattern, renamed: a build killed meanwhile, or
// another build of the site at the same time, leaves a whole file,
// never a mix.
func replaceFile(file, pattern string, write func(w *bufio.Writer)) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), pattern)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	write(w)
	err = w.Flush()
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// forgetPages removes PagesFile, which could not be written whole.
func forgetPages(source string) {
	_ = os.Remove(filepath.Join(source, filepath.FromSlash(PagesFile)))
}

// maxPagesFile bounds PagesFile: about 100 bytes a page, so 2.5 million
// pages.
const maxPagesFile = 256 << 20

// readPages reads PagesFile; nil when it is missing, damaged, too large
// or made with another salt.
func readPages(file string, salt uint64) *lastBuild {
	f, info, err := sitefs.Open(file, maxPagesFile)
	if err != nil || info.Size() > maxPagesFile {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxPagesFile))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if !sc.Scan() {
		return nil
	}
	head, ok := strings.CutPrefix(sc.Text(), pagesFormat+" ")
	saltText, destText, ok2 := strings.Cut(head, " ")
	if !ok || !ok2 || saltText != fmt.Sprintf("%016x", salt) {
		return nil
	}
	dest, err := strconv.Unquote(destText)
	if err != nil {
		return nil
	}
	last := &lastBuild{dest: dest, pages: map[string]published{}}
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), " ", 5)
		if len(fields) != 5 {
			return nil
		}
		var p published
		var errs [5]error
		p.key, errs[0] = strconv.ParseUint(fields[0], 16, 64)
		p.size, errs[1] = strconv.ParseInt(fields[1], 10, 64)
		p.mtime, errs[2] = strconv.ParseInt(fields[2], 10, 64)
		p.ino, errs[3] = strconv.ParseUint(fields[3], 10, 64)
		name, err := strconv.Unquote(fields[4])
		errs[4] = err
		if errors.Join(errs[:]...) != nil {
			return nil
		}
		last.pages[name] = p
	}
	if sc.Err() != nil {
		return nil
	}
	return last
}

// salt sums up everything a page's rebuild key leaves out, because serve
// holds it constant for a whole run or starts afresh when it changes:
// the program itself (its templates, words, basemap and code), the
// options, timeline.yaml, and the site's templates/, static/ and i18n/.
// It is taken before the build reads them: a file edited meanwhile makes
// the next build's salt differ, never match pages made from the edit.
func salt(opts Options) (uint64, error) {
	h := xxhash.New()
	// Each part is its length, then its bytes.
	length := func(size int64) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(size))
		h.Write(n[:])
	}
	write := func(b []byte) {
		length(int64(len(b)))
		h.Write(b)
	}
	writeString := func(s string) { write([]byte(s)) }
	writeString(pagesFormat)
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	// The binary whole, not its version: a build of changed code says
	// the same version. Streamed: it is 50 MB.
	bin, err := os.Open(exe)
	if err != nil {
		return 0, err
	}
	info, err := bin.Stat()
	if err == nil {
		length(info.Size())
		_, err = io.Copy(h, bin)
	}
	bin.Close()
	if err != nil {
		return 0, err
	}
	writeString(fmt.Sprint(opts.Drafts, opts.Strict, opts.BaseURL, opts.Generator, opts.check))
	if opts.Theme != nil {
		if err := sumFS(opts.Theme, ".", write); err != nil {
			return 0, err
		}
	}
	root, visited := sitefs.NewRoot(opts.Source), map[string]bool{}
	for _, dir := range []string{config.FileName, "templates", "static", i18n.Dir} {
		sumSite(root, filepath.Join(opts.Source, dir), dir, write, visited)
	}
	return h.Sum64(), nil
}

// sumSite writes the name and contents of the file at full, or of every
// file under the folder, through links that stay in the site (a link
// out is written as such: the build refuses it, or reads nothing
// through it); files are read as the site's are, regular files only and
// bounded, so that a link to /dev/zero or /dev is an error, not a read
// without end.
func sumSite(root sitefs.Root, full, rel string, write func([]byte), visited map[string]bool) {
	write([]byte(rel))
	if target, out := root.Escapes(full); out {
		write([]byte("leads out: " + target))
		return
	}
	info, err := os.Stat(full)
	if err != nil {
		write([]byte("unreadable: " + sitefs.Message(err)))
		return
	}
	if !info.IsDir() {
		data, err := sitefs.ReadFile(full, sitefs.MaxStatic)
		if err != nil {
			data = []byte("unreadable: " + sitefs.Message(err))
		}
		write(data)
		return
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil || visited[real] {
		write([]byte("seen"))
		return
	}
	visited[real] = true
	entries, err := os.ReadDir(full)
	if err != nil {
		write([]byte("unreadable: " + sitefs.Message(err)))
		return
	}
	for _, e := range entries {
		sumSite(root, filepath.Join(full, e.Name()), rel+"/"+e.Name(), write, visited)
	}
}

// sumFS writes the names and contents of every file under dir of fsys,
// the theme embedded in the binary.
func sumFS(fsys fs.FS, dir string, write func([]byte)) error {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		write([]byte(p))
		if d.IsDir() {
			return nil
		}
		data, err := sitefs.ReadFS(fsys, p, sitefs.MaxStatic)
		if err != nil {
			data = []byte("unreadable: " + err.Error())
		}
		write(data)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		write([]byte("missing " + dir))
		return nil
	}
	return err
}
