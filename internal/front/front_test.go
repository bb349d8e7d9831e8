package front

import (
	"errors"
	"strings"
	"testing"
)

func TestSplitYAMLKeepsFileLinesAndRawText(t *testing.T) {
	src := "---\ntitle: Jeddah talks\ndate: 2025-03-11\nyear: 2022\nactors: [Ukraine, United States]\n---\nBody *here*.\n"
	f, err := Split([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != YAML || f.BodyLine != 7 || string(f.Body) != "Body *here*.\n" {
		t.Fatalf("format %v, body line %d, body %q", f.Format, f.BodyLine, f.Body)
	}
	date := f.Front.Get("date")
	if date.Text != "2025-03-11" || date.Line != 3 || date.Col != 7 {
		t.Errorf("date = %+v", date)
	}
	if y := f.Front.Get("year"); y.Text != "2022" || y.Type != "int" {
		t.Errorf("year = %+v: YAML's number must keep its written text", y)
	}
	if a := f.Front.Get("actors"); a.Kind != List || len(a.Items) != 2 || a.Items[1].Text != "United States" {
		t.Errorf("actors = %+v", a)
	}
	if f.Front.Keys[2].Name != "year" || f.Front.Keys[2].Line != 4 || f.Front.Keys[2].Col != 1 {
		t.Errorf("key = %+v", f.Front.Keys[2])
	}
}

func TestSplitTOML(t *testing.T) {
	src := "+++\ntitle = \"Talks\"\ndate = 2025-03-04\nkind = \"diplomatic\"\n\n[[events]]\nid = \"a\"\ndate = 2025-03\n[[events]]\nid = \"b\"\n+++\nBody\n"
	_, err := Split([]byte(src))
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 8 {
		t.Fatalf("TOML has no year-month date literal: want an error on line 8, got %v", err)
	}
	src = strings.Replace(src, "date = 2025-03\n", "date = \"2025-03\"\n", 1)
	f, err := Split([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d := f.Front.Get("date"); d.Text != "2025-03-04" || d.Line != 3 {
		t.Errorf("date = %+v", d)
	}
	ev := f.Front.Get("events")
	if ev.Kind != List || len(ev.Items) != 2 {
		t.Fatalf("events = %+v", ev)
	}
	if id := ev.Items[1].Get("id"); id.Text != "b" || id.Line != 10 {
		t.Errorf("events[1].id = %+v", id)
	}
	if f.Front.Keys[0].Name != "title" {
		t.Errorf("keys not in file order: %+v", f.Front.Keys)
	}
}

func TestSplitRejectsBadFiles(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		want      string
	}{
		{"empty", "", 1, "empty file"},
		{"blank", "\n \n", 1, "empty file"},
		{"no frontmatter", "# Hello\n", 1, "no frontmatter"},
		{"unclosed yaml", "---\ntitle: x\n\nbody\n", 1, "never closed"},
		{"unclosed toml", "\n+++\ntitle = 'x'\n", 2, "never closed"},
		{"bad yaml", "---\ntitle: x\ndate: : x\n---\n", 3, "not valid YAML"},
		{"bad toml", "+++\ntitle = \n+++\n", 2, "not valid TOML"},
		{"not a mapping", "---\n- a\n- b\n---\n", 2, "must be a mapping"},
		{"duplicate key", "---\ntitle: a\ntitle: b\n---\n", 3, "given twice"},
		{"invalid utf8", "---\ntitle: \xff\n---\n", 2, "invalid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Split([]byte(tc.src))
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("want *Error, got %v", err)
			}
			if fe.Line != tc.line || !strings.Contains(fe.Message, tc.want) {
				t.Errorf("got %d: %s; want line %d containing %q", fe.Line, fe.Message, tc.line, tc.want)
			}
		})
	}
}

func TestSplitStripsByteOrderMark(t *testing.T) {
	f, err := Split([]byte("\xef\xbb\xbf---\ntitle: x\n---\n"))
	if err != nil || !f.HadBOM || f.Front.Get("title").Text != "x" {
		t.Fatalf("f=%+v err=%v", f, err)
	}
}

func TestYAMLAliasBombIsAnError(t *testing.T) {
	src := "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n"
	// Either rejected by the YAML decoder or expanded; it must come back.
	_, _ = Split([]byte(src))
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\ndate: 2025\nkind: military\n---\nbody\n",
		"+++\ntitle = 'x'\ndate = 2025-03-11\n+++\n",
		"---\nevents:\n  - id: a\n    date: 2025-03\n---\n",
		"---\n",
		"\xef\xbb\xbf---\na: b\n---",
		"+++\n[[events]]\nid = 1\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Split(src)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.Line < 0 {
				t.Fatalf("error %v is not a positioned *Error", err)
			}
			return
		}
		if file.Front == nil || file.Front.Kind != Map {
			t.Fatalf("front = %+v", file.Front)
		}
		if file.BodyLine < 1 {
			t.Fatalf("body line %d", file.BodyLine)
		}
	})
}

// A key written alone in {…}, without a colon, is Bare: it is what an
// unquoted comma cut from the value before it.
func TestBareKeysInFlowMappings(t *testing.T) {
	f, err := Split([]byte("---\nlocation: {name: Washington, D.C., country: , Київ}\nblock:\n  a:\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range f.Front.Get("location").Keys {
		if k.Bare {
			got = append(got, k.Name)
		}
	}
	if strings.Join(got, "|") != "D.C.|Київ" {
		t.Errorf("bare keys %q, want D.C. and Київ (country: has a colon)", got)
	}
	if f.Front.Get("block").Keys[0].Bare {
		t.Error("a block mapping's empty value is not bare")
	}
}
