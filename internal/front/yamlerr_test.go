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
		{"title: A\nsummary: a: b\n", 3, "mapping values are not allowed"},
		{"summary: a: b\n", 2, "mapping values are not allowed"},
		{"title: A\ndate: 2025\nkind: x\ntags: [a, b\nsummary: x\n", 5, "did not find expected ',' or ']'"},
		{"title: A\nlocation: {name: a\nsummary: x\n", 3, "did not find expected ',' or '}'"},
		{"title: A\n- x\n", 3, "did not find expected key"},
		{"title: A\nlist:\n  - a\n  b: c\n", 4, "did not find expected '-' indicator"},
		{"title: A\nx: @foo\n", 3, "found character that cannot start any token"},
		{"title: A\nx: !e!x b\n", 3, "found undefined tag handle"},
		{"title: A\nlocation:\n\tname: Kyiv\n", 4, "found character that cannot start any token"},
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
	if !errors.As(err, &fe) || fe.Line != 3 {
		t.Errorf("got %v, want line 3", err)
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
