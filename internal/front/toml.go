package front

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// decodeTOML decodes raw, whose first line is file line first.
func decodeTOML(raw []byte, first int) (*Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return nil, &Error{first + pe.Position.Line - 1, max(pe.Position.Col, 1), "frontmatter is not valid TOML: " + pe.Message}
		}
		return nil, &Error{first - 1, 1, "frontmatter is not valid TOML: " + err.Error()}
	}
	pos := locateTOMLKeys(string(raw))
	return convertTOML(m, "", first-1, first, pos), nil
}

type position struct{ line, col int }

var (
	tomlHeaderRE = regexp.MustCompile(`^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?`)
	tomlKeyRE    = regexp.MustCompile(`^(\s*)"?([A-Za-z0-9_-]+)"?\s*=`)
)

// locateTOMLKeys finds the line of each key path ("title", "events.0.id")
// by scanning the text: the TOML decoder keeps key positions to itself.
// Keys inside inline tables take the line of the key that holds them.
func locateTOMLKeys(raw string) map[string]position {
	pos := map[string]position{}
	table := ""
	counts := map[string]int{}
	for i, line := range strings.Split(raw, "\n") {
		if m := tomlHeaderRE.FindStringSubmatch(line); m != nil {
			table = m[2]
			if m[1] == "[[" {
				table = fmt.Sprintf("%s.%d", m[2], counts[m[2]])
				counts[m[2]]++
			}
			pos[table] = position{i + 1, strings.Index(line, "[") + 1}
			continue
		}
		if m := tomlKeyRE.FindStringSubmatch(line); m != nil {
			path := m[2]
			if table != "" {
				path = table + "." + m[2]
			}
			if _, seen := pos[path]; !seen {
				pos[path] = position{i + 1, len(m[1]) + 1}
			}
		}
	}
	return pos
}

func convertTOML(v any, path string, offset, fallback int, pos map[string]position) *Node {
	p, ok := pos[path]
	if !ok {
		p = position{fallback - offset, 1}
	}
	n := &Node{Line: p.line + offset, Col: p.col}
	switch v := v.(type) {
	case map[string]any:
		n.Kind = Map
		names := make([]string, 0, len(v))
		for k := range v {
			names = append(names, k)
		}
		// File order, as YAML gives it; keys not located sort last.
		slices.SortFunc(names, func(a, b string) int {
			pa, oka := pos[join(path, a)]
			pb, okb := pos[join(path, b)]
			switch {
			case oka && okb && pa.line != pb.line:
				return pa.line - pb.line
			case oka != okb:
				if oka {
					return -1
				}
				return 1
			}
			return strings.Compare(a, b)
		})
		for _, k := range names {
			child := convertTOML(v[k], join(path, k), offset, n.Line, pos)
			kp, ok := pos[join(path, k)]
			if !ok {
				kp = position{n.Line - offset, n.Col}
			}
			n.Keys = append(n.Keys, Key{Name: k, Line: kp.line + offset, Col: kp.col, Value: child})
		}
	case []map[string]any:
		n.Kind = List
		for i, item := range v {
			n.Items = append(n.Items, convertTOML(item, join(path, strconv.Itoa(i)), offset, n.Line, pos))
		}
	case []any:
		n.Kind = List
		for i, item := range v {
			n.Items = append(n.Items, convertTOML(item, join(path, strconv.Itoa(i)), offset, n.Line, pos))
		}
	case string:
		n.Kind, n.Text, n.Quoted, n.Type = Scalar, v, true, "str"
	case int64:
		n.Kind, n.Text, n.Type = Scalar, strconv.FormatInt(v, 10), "int"
	case float64:
		n.Kind, n.Text, n.Type = Scalar, strconv.FormatFloat(v, 'f', -1, 64), "float"
	case bool:
		n.Kind, n.Text, n.Type = Scalar, strconv.FormatBool(v), "bool"
	case time.Time:
		n.Kind, n.Type = Scalar, "timestamp"
		switch v.Location().String() {
		case "date-local":
			n.Text = v.Format(time.DateOnly)
		case "datetime-local", "time-local":
			// A time without offset cannot be placed on the timeline; keep
			// it as written so that date parsing rejects it with a reason.
			n.Text = v.Format("2006-01-02T15:04:05")
		default:
			n.Text = v.Format(time.RFC3339Nano)
		}
	default:
		n.Kind, n.Text, n.Type = Scalar, fmt.Sprint(v), "str"
	}
	return n
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
