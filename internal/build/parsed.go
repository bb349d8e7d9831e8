package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/timelinegen/timelinegen/internal/build/kept"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// ParsedFile is where a build keeps, for the next one, each file of
// content/ as parsed (its article or translation, and what is wrong in
// it), with the file's size, times, inode and device when it was read:
// a file whose stamp is unchanged is taken from there instead of parsed
// again (yaml.v3 is most of reading a site). It is kept under the salt
// of PagesFile, which holds the binary and timeline.yaml's kinds and
// languages, which parsing reads.
const ParsedFile = ".timelinegen/parsed"

// parsedFormat heads ParsedFile; a file of another format is not read.
const parsedFormat = "timelinegen parsed 1\n"

// maxParsedFile bounds ParsedFile: at 10,000 articles of 600 words it is
// 57 MB. A larger one is not read: every file is parsed.
const maxParsedFile = 1 << 30

// parsedFiles is a one-shot build's link to the files of content/ the
// last build parsed.
type parsedFiles struct {
	source string
	salt   uint64
	// readOnly, for a check, takes what the last build kept and keeps
	// nothing: a check writes nothing.
	readOnly bool
}

// parsedFile is a file of content/ as parsed: what ParsedFile keeps.
type parsedFile struct {
	Article     *content.Article
	Translation *content.Translation
	Diagnostics diag.List
}

// parsedRecord is a file's stamp and its parse, as kept.Append wrote it.
type parsedRecord struct {
	stamp fileStamp
	data  string
}

// take puts into files those of paths whose stamp is the one the last
// build kept, and gives the others, to be read. It gives every path's
// stamp, taken before the file is read (a file edited meanwhile is read
// again next time; ok is false where none can be taken), and what the
// last build kept, for keep.
func (k *parsedFiles) take(paths []string, files map[string]*fileState) (rest []string, stamps []fileStamp, ok []bool, last map[string]parsedRecord) {
	last, mapped := k.read()
	// Mapped, the file is held for good: the articles' text can be parts
	// of it, neither copied nor held twice.
	read := kept.Read
	if mapped {
		read = kept.ReadParts
	}
	stamps, ok = make([]fileStamp, len(paths)), make([]bool, len(paths))
	taken := make([]*fileState, len(paths))
	parallel(len(paths), func(i int) {
		info, err := os.Lstat(filepath.Join(k.source, filepath.FromSlash(paths[i])))
		if err != nil || !info.Mode().IsRegular() {
			return
		}
		stamps[i], ok[i] = sourceStamp(info)
		r, hit := last[paths[i]]
		if !ok[i] || !hit || r.stamp != stamps[i] {
			return
		}
		var f parsedFile
		if read(r.data, &f) == nil {
			taken[i] = &fileState{article: f.Article, translation: f.Translation, ds: f.Diagnostics}
		}
	})
	for i, p := range paths {
		if taken[i] != nil {
			files[p] = taken[i]
		} else {
			rest = append(rest, p)
		}
	}
	return rest, stamps, ok, last
}

// keep writes ParsedFile for the next build, when a file was parsed
// afresh or is gone: the files of paths, with their stamps, as last
// kept or as just parsed. It is written before the site is compiled, to
// let go of the last build's file at once: it holds the files as read,
// whatever the build makes of them.
func (k *parsedFiles) keep(last map[string]parsedRecord, paths []string, stamps []fileStamp, ok []bool, files map[string]*fileState, parsed int) {
	if k.readOnly || parsed == 0 && len(last) == len(paths) {
		return
	}
	// A file is recorded when it was read and is still there.
	recorded := func(i int) bool { return ok[i] && files[paths[i]] != nil }
	n := 0
	for i := range paths {
		if recorded(i) {
			n++
		}
	}
	// The records are made a batch at a time, in parallel, and written
	// before the next batch is made: made all at once they were as large
	// as the content they record (780 MB at 100,000 articles), held beside
	// the articles. Those kept are parts of the last build's file, not
	// copies.
	var broken atomic.Bool
	// Each place of a batch has a buffer, used again by the next batch
	// once this one is written: a buffer a record was 650 MB of garbage
	// at 100,000 articles.
	bufs := make([][]byte, min(len(paths), recordBatch))
	record := func(i, j int) string {
		f := files[paths[i]]
		if r, hit := last[paths[i]]; hit && r.stamp == stamps[i] {
			return r.data
		}
		// A record is about its file's size.
		buf := slices.Grow(bufs[j][:0], int(stamps[i].size+stamps[i].size/8+256))
		data, err := kept.Append(buf, &parsedFile{Article: f.article, Translation: f.translation, Diagnostics: f.ds})
		if err != nil {
			broken.Store(true) // the count written first would be wrong
		}
		bufs[j] = data
		// Valid until the buffer is used again, after it is written.
		return unsafe.String(unsafe.SliceData(data), len(data))
	}
	file := filepath.Join(k.source, filepath.FromSlash(ParsedFile))
	err := replaceFile(file, "parsed-*.tmp", func(w *bufio.Writer) {
		var b []byte
		w.WriteString(parsedFormat)
		w.Write(binary.AppendUvarint(b[:0], k.salt))
		w.Write(binary.AppendUvarint(b[:0], uint64(n)))
		records := make([]string, min(len(paths), recordBatch))
		for from := 0; from < len(paths) && !broken.Load(); from += recordBatch {
			batch := records[:min(recordBatch, len(paths)-from)]
			parallel(len(batch), func(j int) {
				if i := from + j; recorded(i) {
					batch[j] = record(i, j)
				}
			})
			for j, r := range batch {
				if i := from + j; recorded(i) {
					b = kept.AppendString(b[:0], paths[i])
					b = stamps[i].append(b)
					b = binary.AppendUvarint(b, uint64(len(r)))
					w.Write(b)
					w.WriteString(r)
				}
				batch[j] = ""
			}
		}
	})
	if broken.Load() {
		err = errors.New("a file's record could not be written")
	}
	if err != nil {
		_ = os.Remove(file)
	}
}

// recordBatch is how many files' records keep makes before it writes
// them: 8 MB of records of articles of the size of benchgen's.
const recordBatch = 1024

// read reads ParsedFile, when it was made under k's salt: each file's
// record by path, each a part of the file as read.
func (k *parsedFiles) read() (records map[string]parsedRecord, mapped bool) {
	data, mapped, err := readWhole(filepath.Join(k.source, filepath.FromSlash(ParsedFile)), maxParsedFile)
	head, rest, found := strings.Cut(data, "\n")
	if err != nil || !found || head+"\n" != parsedFormat {
		return nil, false
	}
	d := kept.NewDecoder(rest)
	if d.Uvarint() != k.salt {
		return nil, false
	}
	n := d.Count()
	records = make(map[string]parsedRecord, n)
	for range n {
		p := d.Text()
		st := fileStamp{size: int64(d.Uvarint()), mtime: int64(d.Uvarint()), ctime: int64(d.Uvarint()), ino: d.Uvarint(), dev: d.Uvarint()}
		records[p] = parsedRecord{stamp: st, data: d.Text()}
	}
	if !d.Done() {
		return nil, false
	}
	return records, mapped
}

// fileStamp is what says that a file of content/ is unchanged: its size,
// modification and change times, inode and device. Its change time
// moves with every write, whatever a tool sets the modification time to.
type fileStamp struct {
	size, mtime, ctime int64
	ino, dev           uint64
}

func (s fileStamp) append(b []byte) []byte {
	for _, v := range []uint64{uint64(s.size), uint64(s.mtime), uint64(s.ctime), s.ino, s.dev} {
		b = binary.AppendUvarint(b, v)
	}
	return b
}

// readWhole gives file, at most limit bytes, as one string, of which
// what is read off it may be parts: no copy of the whole, nor of each.
// The string is the file mapped where it can be (sitefs.Map), held until
// the program ends, which a one-shot build's articles, parts of it, do.
func readWhole(file string, limit int64) (data string, mapped bool, err error) {
	f, info, err := sitefs.Open(file, limit)
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	if s, ok := sitefs.Map(f, info.Size()); ok {
		return s, true, nil
	}
	var b strings.Builder
	b.Grow(int(min(info.Size(), limit)) + 1)
	if _, err := io.Copy(&b, io.LimitReader(f, limit)); err != nil {
		return "", false, err
	}
	return b.String(), false, nil
}
