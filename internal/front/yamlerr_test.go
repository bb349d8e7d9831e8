package front

import (
	"errors"
	"strings"
	"testing"
)

// TestSplitYAMLErrorLines checks that YAML errors point at the file line
// of the problem, whether yaml.v3's scanner (1-based lines) or its parser
// (0-based lines) found it.
func TestSplitYAMLErrorLines(t *testing.T) {
	for _, tc := range []struct {
		front string // starts on file line 2
		line  int
		msg   string
	}{
		{"title: A\nsummary: a: b\n", 3, "put the whole value in quotes"},
		{"summary: a: b\n", 2, "put the whole value in quotes"},
		{"title: A\ndate: 2025\nkind: x\ntags: [a, b\nsummary: x\n", 5, "the [ opened here is never closed"},
		{"title: A\nlocation: {name: a\nsummary: x\n", 3, "the { opened here is never closed"},
		{"title: A\n- x\n", 3, "did not find expected key"},
		{"title: A\nlist:\n  - a\n  b: c\n", 4, "did not find expected '-' indicator"},
		{"title: A\nx: @foo\n", 3, "found character that cannot start any token"},
		{"title: A\nx: !e!x b\n", 3, "found undefined tag handle"},
		{"title: A\nlocation:\n\tname: Kyiv\n", 4, "indented with a tab"},
	} {
		_, err := Split([]byte("---\n" + tc.front + "---\nBody\n"))
		var fe *Error
		if !errors.As(err, &fe) || fe.Line != tc.line || !strings.Contains(fe.Message, tc.msg) {
			t.Errorf("%q: got %v, want line %d: %s", tc.front, err, tc.line, tc.msg)
		}
	}
}

func TestDecodeYAMLErrorLines(t *testing.T) {
	_, err := DecodeYAML([]byte("title: T\nkinds: [\n"))
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 2 || fe.Col != 8 {
		t.Errorf("got %v, want 2:8, the unclosed [", err)
	}
}

// TestYAMLMistakesPointAtTheLineToFix: for each common mistake, the error
// is on the line the editor must change, in words, whatever line the
// parser gave up on. Frontmatter starts on file line 2.
func TestYAMLMistakesPointAtTheLineToFix(t *testing.T) {
	const rest = "date: 2025-03-11\nkind: diplomatic\nactors: [Russia, Ukraine]\nlocation: {name: Moscow, country: Russia}\nstatus: reported\ntags: [ceasefire]\n"
	for _, tc := range []struct {
		name, front string
		line, col   int
		msg         string
	}{
		{"unclosed double quote", "title: \"Russia says it is ready\n" + rest, 2, 8, `the quote (") that starts this value is never closed: add " at the end`},
		{"unclosed single quote", "title: 'Russia says\n" + rest, 2, 8, `the quote (') that starts this value is never closed`},
		{"unclosed quote in a list", "title: A\n" + rest + "sources:\n  - {title: \"Report, url: https://e.org/}\nrelated: [b]\n", 10, 13, `the quote (") that starts this value is never closed`},
		{"unclosed bracket", "title: A\nactors: [Russia, Ukraine\n" + rest[len("date: 2025-03-11\n"):], 3, 9, "the [ opened here is never closed: add ]"},
		{"unclosed brace", "title: A\nlocation: {name: Moscow, country: Russia\nstatus: reported\n", 3, 11, "the { opened here is never closed: add }"},
		{"tab", "title: A\n" + rest + "casualties:\n\tkilled: 3\n", 10, 1, "indented with a tab"},
		{"no space after colon", "title:Russia says\n" + rest, 2, 6, `put a space after the colon: write "title: Russia says"`},
		{"no space after colon, later", "title: A\n" + rest + "summary:Talks\n", 9, 8, "put a space after the colon"},
		{"colon in a plain value", "title: Russia: ready for talks\n" + rest, 2, 14, "put the whole value in quotes"},
		{"indented under a value", "title: A\n  date: 2025-03-11\nkind: diplomatic\n", 3, 3, "indented further than line 2, which already has a value"},
		{"indented between levels", "title: A\nlocation:\n    name: Moscow\n  country: Russia\nkind: x\n", 5, 3, "indented by 2 spaces, but the key on line 4 by 4"},
		{"nested key indented too far", "title: A\nlocation:\n  name: Moscow\n   country: Russia\nkind: x\n", 5, 4, "indented further than line 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Split([]byte("---\n" + tc.front + "---\nBody\n"))
			var fe *Error
			if !errors.As(err, &fe) || fe.Line != tc.line || fe.Col != tc.col || !strings.Contains(fe.Message, tc.msg) {
				t.Errorf("got %v\nwant %d:%d: ...%s", err, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// A guess that fixes nothing is not reported: a legal multi-line quoted
// value before the real mistake leaves the parser's line.
func TestYAMLHintsOnlyWhatFixesIt(t *testing.T) {
	_, err := Split([]byte("---\ntitle: \"a long title\n  on two lines\"\nsummary: x\n- y\n---\n"))
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 5 {
		t.Errorf("got %v, want line 5 (the stray list item)", err)
	}
}

// An uncertain date in a flow mapping is a YAML error; the message says
// to quote it.
func TestUncertainDateInFlowMappingSaysQuoteIt(t *testing.T) {
	_, err := DecodeYAML([]byte("events:\n  - {id: a, date: 2025-04?}\n"))
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 2 || !strings.Contains(fe.Message, `must be quoted, such as date: "2025-04?"`) {
		t.Errorf("got %v", err)
	}
	if _, err := DecodeYAML([]byte("events:\n  - {id: a, date: \"2025-04?\"}\n")); err != nil {
		t.Errorf("quoted: %v", err)
	}
}
