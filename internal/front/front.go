// Package front splits an article file into its frontmatter and body and
// decodes the frontmatter, YAML or TOML, into a tree of Nodes that remember
// their line and column in the file, so that every later complaint about a
// field can point at it.
package front

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Format is the frontmatter's language.
type Format int

const (
	YAML Format = iota + 1
	TOML
)

func (f Format) String() string {
	if f == TOML {
		return "TOML"
	}
	return "YAML"
}

// File is an article file split in two.
type File struct {
	Format Format
	// Front is the decoded frontmatter, a Map node. Its positions are in
	// file lines and columns.
	Front *Node
	// Body is the Markdown after the closing delimiter; BodyLine is the
	// file line on which it starts.
	Body     []byte
	BodyLine int
	// HadBOM reports a leading byte-order mark, which was removed.
	HadBOM bool
}

// Error is a problem with the file as a whole, with its position.
type Error struct {
	Line, Col int
	Message   string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message) }

// MaxFrontmatter bounds a frontmatter block, so that one bad file cannot
// make a build or the dev server run out of memory.
const MaxFrontmatter = 256 << 10

var bom = []byte("\xef\xbb\xbf")

// Split parses src. An error is always an *Error.
func Split(src []byte) (*File, error) {
	f, raw, openLine, err := cut(src)
	if err != nil {
		return nil, err
	}
	// raw starts on the line after the opening delimiter.
	first := openLine + 1
	switch f.Format {
	case YAML:
		f.Front, err = decodeYAML(raw, first)
	case TOML:
		f.Front, err = decodeTOML(raw, first)
	}
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, &Error{openLine, 1, err.Error()}
	}
	return f, nil
}

// Body gives the body of src as Split gives it, without decoding the
// frontmatter: for a body let go of once rendered, read again.
func Body(src []byte) ([]byte, error) {
	f, _, _, err := cut(src)
	if err != nil {
		return nil, err
	}
	return f.Body, nil
}

// cut finds src's frontmatter block: the File without its Front, the
// block's text, and the line it opens on.
func cut(src []byte) (f *File, raw []byte, openLine int, err error) {
	f = &File{}
	if bytes.HasPrefix(src, bom) {
		f.HadBOM = true
		src = src[len(bom):]
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, nil, 0, &Error{1, 1, "empty file: an article starts with frontmatter between --- lines, with at least title, date and kind"}
	}
	if !utf8.Valid(src) {
		line, col := invalidUTF8At(src)
		return nil, nil, 0, &Error{line, col, "invalid UTF-8: save the file as UTF-8"}
	}

	// The delimiter is the first non-blank line.
	openLine, opener := firstLine(src)
	var format Format
	switch opener {
	case "---":
		format = YAML
	case "+++":
		format = TOML
	default:
		return nil, nil, 0, &Error{openLine, 1, "no frontmatter: start the file with a --- line, then title, date and kind, then another --- line"}
	}

	raw, body, found := cutBlock(src, opener)
	if !found {
		return nil, nil, 0, &Error{openLine, 1, fmt.Sprintf("frontmatter opened with %s is never closed: add a %s line after the last field", opener, opener)}
	}
	if len(raw) > MaxFrontmatter {
		return nil, nil, 0, &Error{openLine, 1, fmt.Sprintf("the frontmatter is %d KiB, more than the %d KiB allowed: long text belongs in the body, after the closing %s", len(raw)>>10, MaxFrontmatter>>10, opener)}
	}
	f.Format = format
	f.Body = body
	f.BodyLine = bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1
	if len(body) == 0 && !bytes.HasSuffix(src, []byte("\n")) {
		f.BodyLine-- // the closing delimiter is the last line, without newline
	}
	return f, raw, openLine, nil
}

// cutBlock splits src, whose first non-blank line is the delimiter, at
// the next line that is the delimiter again (both compared without
// surrounding white space): raw is what lies between, with its last
// newline, and body what follows. It slices src, copying nothing, since
// it runs on every article of every build.
func cutBlock(src []byte, delim string) (raw, body []byte, found bool) {
	off := 0
	for {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return nil, nil, false // the opener is the last line
		}
		blank := len(bytes.TrimSpace(src[off:off+i])) == 0
		off += i + 1
		if !blank {
			break
		}
	}
	start := off
	for {
		i := bytes.IndexByte(src[off:], '\n')
		end, next := off+i, off+i+1
		if i < 0 {
			end, next = len(src), len(src)
		}
		if string(bytes.TrimSpace(src[off:end])) == delim {
			return src[start:off], src[next:], true
		}
		if i < 0 {
			return nil, nil, false
		}
		off = next
	}
}

// firstLine returns the 1-based number and trimmed text of the first
// non-blank line.
func firstLine(src []byte) (int, string) {
	n := 1
	for len(src) > 0 {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return n, string(t)
		}
		src = rest
		n++
	}
	return n, ""
}

func invalidUTF8At(src []byte) (line, col int) {
	line, col = 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return line, col
}
