package kept_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/tools/txtar"

	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build/kept"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
)

// parsed is what a build keeps of a file of content/.
type parsed struct {
	Article     *content.Article
	Translation *content.Translation
	Diagnostics diag.List
}

var loader = content.Loader{Kinds: []string{"diplomatic", "military", "political", "humanitarian", "economic"}, Languages: []string{"en", "uk", "ar"}}

func parse(path string, src []byte) parsed {
	if content.IsTranslation(path) {
		tr, ds := loader.ParseTranslation(path, src)
		return parsed{Translation: tr, Diagnostics: ds}
	}
	a, ds := loader.Parse(path, src)
	return parsed{Article: a, Diagnostics: ds}
}

// roundTrip checks that what a file parses to is read back deeply equal.
func roundTrip(t *testing.T, path string, src []byte) {
	t.Helper()
	want := parse(path, src)
	b, err := kept.Append(nil, &want)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var got parsed
	if err := kept.Read(string(b), &got); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: read back %+v, want %+v", path, got, want)
	}
	// ReadParts reads the same, in strings that are parts of what it
	// reads: the title among them (its body, bytes, is copied).
	s := string(b)
	var parts parsed
	if err := kept.ReadParts(s, &parts); err != nil {
		t.Fatalf("%s: ReadParts: %v", path, err)
	}
	if !reflect.DeepEqual(parts, want) {
		t.Fatalf("%s: ReadParts read back %+v, want %+v", path, parts, want)
	}
	if a := parts.Article; a != nil && a.Title != "" && !within(a.Title, s) {
		t.Fatalf("%s: ReadParts copied the title", path)
	}
}

// within says whether part lies in the memory of s.
func within(part, s string) bool {
	p, b := uintptr(unsafe.Pointer(unsafe.StringData(part))), uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= b && p+uintptr(len(part)) <= b+uintptr(len(s))
}

// Every article and translation of every corpus in the repository (the
// sample site, the tests' sites and the fuzzers' seeds) and of a
// generated site in three languages is read back exactly as parsed.
func TestArticlesOfEveryCorpusAreReadBackExactly(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	gen := t.TempDir()
	if err := benchsite.Write(gen, benchsite.Options{Articles: 300, Words: 60, Seed: 3, Languages: []string{"en", "uk", "ar"}, TranslateEvery: 2}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range []string{root, gen} {
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && p != dir {
				return filepath.SkipDir
			}
			if d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			switch {
			case strings.HasSuffix(p, ".md"):
				roundTrip(t, "content/"+d.Name(), data)
				n++
			case strings.HasSuffix(p, ".txtar"):
				for _, f := range txtar.Parse(data).Files {
					if strings.HasSuffix(f.Name, ".md") {
						roundTrip(t, f.Name, f.Data)
						n++
					}
				}
			case strings.Contains(filepath.ToSlash(p), "/testdata/fuzz/"):
				for _, line := range strings.Split(string(data), "\n") {
					if q, ok := strings.CutPrefix(line, "[]byte("); ok {
						if s, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
							roundTrip(t, "content/fuzz.md", []byte(s))
							roundTrip(t, "content/fuzz.uk.md", []byte(s))
							n += 2
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 600 {
		t.Fatalf("only %d files read back", n)
	}
	t.Logf("%d files read back", n)
}

func FuzzArticlesAreReadBackExactly(f *testing.F) {
	f.Add([]byte("---\ntitle: A\ndate: 2025-03-11T14:30:00+02:00\nkind: military\ntags: []\nlocation: {}\ncasualties: {killed: {min: 3}}\n---\nBody.\n"))
	f.Add([]byte("---\ntitle: A\ndate: 2025-03-11T14:30:00Z\nend: 2025-04~\nkind: militar\nrelated: [b#c]\nevents: [{id: e, date: 2025-03-12T01:00:00-05:30}]\n---\n"))
	f.Add([]byte("+++\ntitle = 'A'\ndate = 2025-03-11\nkind = 'military'\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		roundTrip(t, "content/a.md", src)
		roundTrip(t, "content/a.uk.md", src)
	})
}

type shapes struct {
	Nil, Empty []string
	Bytes      []byte
	Zero       *struct{ A, B int }
	None       *struct{ A int }
	Map        map[string][]int
	NilMap     map[string]int
	F          float64
	I          int8
	Clock      [3]time.Time
	Array      [2]bool
}

// Nil and empty stay apart, as do a pointer to a zero value and none;
// times keep their zone.
func TestValuesAreReadBackExactly(t *testing.T) {
	want := shapes{Empty: []string{}, Bytes: []byte{}, Zero: &struct{ A, B int }{}, Map: map[string][]int{"a": nil, "b": {}}, F: -0.5, I: -7,
		Clock: [3]time.Time{time.Date(2025, 3, 11, 14, 30, 0, 5, time.UTC), time.Date(2025, 3, 11, 14, 30, 0, 0, time.FixedZone("", 2*3600)), time.Date(1, 1, 1, 0, 0, 0, 0, time.FixedZone("", -5*3600-1800))},
		Array: [2]bool{true, false}}
	b, err := kept.Append(nil, &want)
	if err != nil {
		t.Fatal(err)
	}
	var got shapes
	if err := kept.Read(string(b), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read back %#v, want %#v", got, want)
	}
	// Every shorter prefix is damaged, and so is a longer one.
	for i := range b {
		var s shapes
		if err := kept.Read(string(b[:i]), &s); !errors.Is(err, kept.ErrDamaged) {
			t.Fatalf("%d of %d bytes read: %v", i, len(b), err)
		}
	}
	if err := kept.Read(string(b)+"\x00", &got); !errors.Is(err, kept.ErrDamaged) {
		t.Fatalf("a byte too many read: %v", err)
	}
}

// What cannot be read back exactly is not written.
func TestWhatCannotBeReadBackIsRefused(t *testing.T) {
	type hidden struct{ a int }
	type withFunc struct{ F func() }
	type withAny struct{ V any }
	kyiv := time.FixedZone("EET", 2*3600)
	for _, v := range []any{&hidden{a: 1}, &withFunc{}, &withAny{V: 1}, &struct{ T time.Time }{time.Date(2025, 1, 1, 0, 0, 0, 0, kyiv)}, &struct{ T time.Time }{time.Now()}} {
		if _, err := kept.Append(nil, v); err == nil {
			t.Errorf("%#v was kept", v)
		}
	}
}
