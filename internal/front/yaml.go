package front

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// parserProblems are the messages of yaml.v3's parser, as opposed to its
// scanner: it reports their line 0-based (gopkg.in/yaml.v3 decode.go,
// parser.fail), one less than the line of the problem or its context.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// flowQuestionRE finds an uncertain date ("2025-04?") in a flow mapping or
// list, where YAML reads the ? before , } or ] as syntax.
var flowQuestionRE = regexp.MustCompile(`\d\?\s*[,}\]]`)

// flowQuestionHint says what to do about an uncertain date that broke a
// flow collection.
func flowQuestionHint(msg string, raw []byte) string {
	if strings.HasPrefix(msg, "did not find expected ',' or") && flowQuestionRE.Match(raw) {
		return `; a date ending in ? inside {…} or […] must be quoted, such as date: "2025-04?"`
	}
	return ""
}

// decodeYAML decodes raw, whose first line is file line first: as most
// frontmatter is written, by fastYAML; else by yaml.v3.
func decodeYAML(raw []byte, first int) (*Node, error) {
	if n, ok := fastYAML(raw, first); ok {
		return n, nil
	}
	return yamlV3(raw, first)
}

// yamlV3 decodes raw with yaml.v3, whose errors it turns into an *Error
// on the file's line.
func yamlV3(raw []byte, first int) (*Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		msg := err.Error()
		// Without a line, the problem is on the first line (yaml.v3 leaves
		// out line 0) or nowhere in particular.
		line := first
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
			if parserProblems[msg] {
				// yaml.v3 reports its parser's errors with 0-based lines
				// and its scanner's with 1-based ones.
				n++
			}
			line = first + n - 1
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		if hl, hc, hint, ok := hintYAML(raw, line-first+1, first-1); ok {
			return nil, &Error{first + hl - 1, hc, "frontmatter is not valid YAML: " + hint}
		}
		return nil, &Error{line, 1, "frontmatter is not valid YAML: " + plainYAML(msg) + flowQuestionHint(msg, raw)}
	}
	if len(doc.Content) == 0 {
		return &Node{Kind: Map, Line: first, Col: 1}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{first + root.Line - 1, root.Column, "frontmatter must be a mapping of keys to values, such as title: ..."}
	}
	return convertYAML(root, first-1, 0)
}

// MaxAliasValues bounds the values that aliases (*name) may produce in
// one document, all expansions together. Without it a few hundred bytes
// of nested aliases ("billion laughs") expand to billions of values.
const MaxAliasValues = 10000

// yamlConverter turns yaml.Nodes into Nodes, shifting lines by offset and
// expanding aliases within MaxAliasValues.
type yamlConverter struct {
	offset  int
	aliased int        // values made by alias expansions so far
	alias   *yaml.Node // the outermost alias being expanded, if any
}

func convertYAML(y *yaml.Node, offset, depth int) (*Node, error) {
	c := &yamlConverter{offset: offset}
	return c.convert(y, depth)
}

// convert turns y into a Node. depth guards against deep nesting.
func (c *yamlConverter) convert(y *yaml.Node, depth int) (*Node, error) {
	offset := c.offset
	if depth > 64 {
		return nil, &Error{y.Line + offset, y.Column, "frontmatter is nested too deeply"}
	}
	if c.alias != nil {
		c.aliased++
		if c.aliased > MaxAliasValues {
			a := c.alias
			return nil, &Error{a.Line + offset, a.Column, fmt.Sprintf("the alias *%s and the others expand to more than %d values: repeat less, or write the values out", a.Value, MaxAliasValues)}
		}
	}
	n := &Node{Line: y.Line + offset, Col: y.Column}
	switch y.Kind {
	case yaml.AliasNode:
		if c.alias == nil {
			c.alias = y
			defer func() { c.alias = nil }()
		}
		return c.convert(y.Alias, depth+1)
	case yaml.ScalarNode:
		n.Kind = Scalar
		n.Text = y.Value
		n.Quoted = y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
		n.Type = strings.TrimPrefix(y.ShortTag(), "!!")
		if n.Type == "null" {
			n.Kind = Null
		}
	case yaml.MappingNode:
		n.Kind = Map
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &Error{k.Line + offset, k.Column, "a key must be a plain word"}
			}
			if k.Value == "<<" {
				return nil, &Error{k.Line + offset, k.Column, "merge keys (<<) are not supported in frontmatter"}
			}
			val, err := c.convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			for _, seen := range n.Keys {
				if seen.Name == k.Value {
					return nil, &Error{k.Line + offset, k.Column, fmt.Sprintf("key %q is given twice (first on line %d)", k.Value, seen.Line)}
				}
			}
			// A key without a colon has its null value right after it.
			bare := y.Style&yaml.FlowStyle != 0 && v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" &&
				v.Line == k.Line && v.Column == k.Column+utf8.RuneCountInString(k.Value)
			n.Keys = append(n.Keys, Key{Name: k.Value, Line: k.Line + offset, Col: k.Column, Value: val, Bare: bare})
		}
	case yaml.SequenceNode:
		n.Kind = List
		for _, item := range y.Content {
			it, err := c.convert(item, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, it)
		}
	default:
		n.Kind = Null
	}
	return n, nil
}

// DecodeYAML decodes a whole YAML document, such as timeline.yaml, whose
// first line is line 1. An error is an *Error.
func DecodeYAML(src []byte) (*Node, error) {
	if !utf8.Valid(src) {
		line, col := invalidUTF8At(src)
		return nil, &Error{line, col, "invalid UTF-8: save the file as UTF-8"}
	}
	return decodeYAML(bytes.TrimPrefix(src, bom), 1)
}
