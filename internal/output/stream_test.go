package output

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// pieces writes a file of n bytes in pieces of every size up to 1 MiB,
// so that some go through the buffer and some past it.
func pieces(n int) (want []byte, write func(io.Writer) error) {
	want = make([]byte, n)
	for i := range want {
		want[i] = byte(i * 7)
	}
	return want, func(w io.Writer) error {
		for rest, size := want, 1; len(rest) > 0; size = size*3 + 1 {
			k := min(len(rest), size%(1<<20)+1)
			if _, err := w.Write(rest[:k]); err != nil {
				return err
			}
			rest = rest[k:]
		}
		return nil
	}
}

func TestEveryWriterStreamsTheFileWhole(t *testing.T) {
	want, write := pieces(3<<20 + 17)
	d, err := NewDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := Stream(d, "data/events.json", write); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(d.tmp, "data/events.json")); !bytes.Equal(got, want) {
		t.Errorf("Dir holds %d bytes, want the %d written", len(got), len(want))
	}
	if d.Written() != int64(len(want)) {
		t.Errorf("Dir counts %d bytes written, want %d", d.Written(), len(want))
	}

	m := NewMemory()
	if err := Stream(m, "data/events.json", write); err != nil || !bytes.Equal(m.Files()["data/events.json"], want) {
		t.Errorf("Memory holds %d bytes (%v), want %d", len(m.Files()["data/events.json"]), err, len(want))
	}

	s, err := NewStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	path, err := s.PutStream(write)
	if got, _ := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
		t.Errorf("Store holds %d bytes (%v), want %d", len(got), err, len(want))
	}

	// A Writer that streams nothing is given the file whole.
	var whole wholeWriter
	if err := Stream(&whole, "a.csv", write); err != nil || !bytes.Equal(whole.data, want) {
		t.Errorf("a Writer was given %d bytes (%v), want %d", len(whole.data), err, len(want))
	}
}

type wholeWriter struct{ data []byte }

func (w *wholeWriter) Write(_ string, data []byte) error {
	w.data = bytes.Clone(data)
	return nil
}

func TestAFileThatFailsIsNotPublished(t *testing.T) {
	full := errors.New("no space left on device")
	half := func(w io.Writer) error {
		if _, err := w.Write(make([]byte, streamBuffer*2)); err != nil {
			return err
		}
		return full
	}
	d, err := NewDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := d.Stream("data/events.csv", half); !errors.Is(err, full) {
		t.Errorf("Dir.Stream = %v, want the writer's error", err)
	}
	if _, err := os.Stat(filepath.Join(d.tmp, "data/events.csv")); !os.IsNotExist(err) {
		t.Error("half a file was left in the build")
	}
	s, err := NewStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.PutStream(half); !errors.Is(err, full) {
		t.Errorf("Store.PutStream = %v, want the writer's error", err)
	}
	if entries, _ := os.ReadDir(s.Dir()); len(entries) != 0 {
		t.Errorf("the store kept %d files of a failed write", len(entries))
	}
	if err := (Discard{}).Stream("x", half); !errors.Is(err, full) {
		t.Errorf("Discard.Stream = %v, want the writer's error", err)
	}
}
