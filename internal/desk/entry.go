package desk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

// The desk shows an article to the CMS as JSON frontmatter (Decap's
// "json-frontmatter" format) and writes it back as YAML in the shape of
// `timelinegen new article`: the CMS never parses or writes YAML, so a
// date stays text, a name such as "No" stays a name, and the file on
// disk looks as if a person had written it. Casualty figures are text in
// the desk ("at least 9", "10–20"), the frontmatter's {min: 9} on disk.

// Key orders of what the desk writes: those of `timelinegen new article`,
// with the evidence fields after the fields they qualify.
var (
	articleOrder = []string{"title", "slug", "date", "end", "kind", "summary", "actors", "attributed_to", "location", "casualties", "status", "tags", "related", "sources", "media", "updated", "corrections", "withdrawn", "draft", "events"}
	eventOrder   = []string{"id", "title", "date", "end", "kind", "summary", "actors", "attributed_to", "location", "casualties", "status", "sources", "media", "updated", "corrections", "withdrawn"}
	mapOrders    = map[string][]string{
		"location":    {"name", "country", "lat", "lon", "precision"},
		"casualties":  {"killed", "injured"},
		"sources":     {"title", "publisher", "url", "date", "archive_url", "archived", "url_status", "quote", "type"},
		"media":       content.MediaKeys,
		"corrections": {"date", "text"},
		"withdrawn":   {"date", "reason"},
	}
	// dateKeys hold dates, written bare so that their precision shows.
	dateKeys = []string{"date", "end", "updated", "archived"}
)

// listKeys are the fields a collection's list shows, sorts, filters and
// groups by, and the related-entries field searches: all a list needs.
var listKeys = []string{"title", "date", "kind", "status", "draft", slugKey}

// pointKey is the location's point in serve's desk, {lat, lon}, which
// its map field edits; lat and lon in the file.
const pointKey = "point"

// slugKey is the field the desk adds to an article it shows: its slug,
// for the relation widget of related entries; never written.
const slugKey = "entry_slug"

// deskView is the text of the file at rel as the CMS reads it; without
// body, the frontmatter only (a collection's list shows no body, and the
// CMS reads each entry whole when it opens it). A file whose frontmatter
// cannot be read is an error, so that the desk never offers to overwrite
// what it could not show.
func deskView(rel string, src []byte, body bool) ([]byte, error) {
	f, err := front.Split(src)
	if err != nil {
		return nil, fmt.Errorf("%s:%v", rel, err)
	}
	data := map[string]any{}
	for _, k := range f.Front.Keys {
		data[k.Name] = nodeValue(k.Value)
	}
	showCasualties(data)
	if evs, ok := data["events"].([]any); ok {
		for _, e := range evs {
			if m, ok := e.(map[string]any); ok {
				showCasualties(m)
				showLocation(m)
			}
		}
	}
	showLocation(data)
	if !content.IsTranslation(rel) {
		data[slugKey] = articleSlug(rel, data)
	}
	if !body {
		for k := range data {
			if !slices.Contains(listKeys, k) {
				delete(data, k)
			}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// The CMS finds the end of JSON frontmatter at a line "}" alone.
	enc.SetIndent("", " ")
	if err := enc.Encode(data); err != nil {
		return nil, err
	}
	if body {
		b.Write(f.Body)
	}
	return b.Bytes(), nil
}

// articleSlug is the slug of the article at rel: its slug: key, or its
// file's stem (the folder's name for a page bundle's index.md).
func articleSlug(rel string, data map[string]any) string {
	if s, ok := data["slug"].(string); ok && s != "" {
		return strings.ToLower(s)
	}
	stem := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	if stem == "index" {
		stem = path.Base(path.Dir(rel))
	}
	return strings.ToLower(stem)
}

// nodeValue is n as JSON: numbers and booleans as the language reads
// them, every other scalar as the text written (a date stays "2025-03").
func nodeValue(n *front.Node) any {
	switch n.Kind {
	case front.Scalar:
		switch {
		case n.Quoted:
			return n.Text
		case n.Type == "int" || n.Type == "float":
			return json.Number(n.Text)
		case n.Type == "bool":
			return n.Text == "true" || n.Text == "True" || n.Text == "TRUE"
		}
		return n.Text
	case front.Map:
		m := make(map[string]any, len(n.Keys))
		for _, k := range n.Keys {
			m[k.Name] = nodeValue(k.Value)
		}
		return m
	case front.List:
		l := make([]any, len(n.Items))
		for i, it := range n.Items {
			l[i] = nodeValue(it)
		}
		return l
	}
	return nil
}

func showLocation(m map[string]any) {
	if s, ok := m["location"].(string); ok {
		m["location"] = map[string]any{"name": s}
	}
	loc, ok := m["location"].(map[string]any)
	if !ok {
		return
	}
	lat, hasLat := loc["lat"]
	lon, hasLon := loc["lon"]
	if hasLat || hasLon {
		loc[pointKey] = map[string]any{"lat": lat, "lon": lon}
		delete(loc, "lat")
		delete(loc, "lon")
	}
}

// writeLocation turns the point of a location back into lat and lon.
func writeLocation(m map[string]any) {
	loc, ok := m["location"].(map[string]any)
	if !ok {
		return
	}
	if p, ok := loc[pointKey].(map[string]any); ok {
		for _, k := range []string{"lat", "lon"} {
			if v, ok := p[k]; ok {
				loc[k] = v
			}
		}
	}
	delete(loc, pointKey)
}

func showCasualties(m map[string]any) {
	c, ok := m["casualties"].(map[string]any)
	if !ok {
		return
	}
	for _, k := range []string{"killed", "injured"} {
		if v, ok := c[k]; ok {
			c[k] = figureText(v)
		}
	}
}

// figureText is a figure of the frontmatter (3, {min: 9}, {min, max},
// {low, best, high}) as the desk shows it: "3", "at least 9", "10–20",
// "14 (10–20)", "12 (at least 9)". Anything else is shown as written.
func figureText(v any) any {
	num := func(x any) (int, bool) {
		n, ok := x.(json.Number)
		if !ok {
			return 0, false
		}
		i, err := strconv.Atoi(string(n))
		return i, err == nil
	}
	if n, ok := num(v); ok {
		return strconv.Itoa(n)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	f := casualty.Figure{NoBest: true, NoMax: true}
	for k, x := range m {
		n, ok := num(x)
		if !ok {
			return v
		}
		switch k {
		case "min", "low":
			f.Min = n
		case "max", "high":
			f.Max, f.NoMax = n, false
		case "best":
			f.Best, f.NoBest = n, false
		default:
			return v
		}
	}
	return strings.ReplaceAll(f.Text(), ",", "")
}

var (
	datePatternRE = regexp.MustCompile(DatePattern)
	fingerprintRE = regexp.MustCompile(`^[0-9a-f]{8}(-[0-9a-f]{8}){3}$`)
	exactRE       = regexp.MustCompile(`^(\d+)$`)
	atLeastRE     = regexp.MustCompile(`^(?:at least|more than|over|≥|>=)\s*(\d+)\+?$|^(\d+)\+$`)
	rangeRE       = regexp.MustCompile(`^(\d+)\s*(?:-|–|—|to)\s*(\d+)$`)
	estimateRE    = regexp.MustCompile(`^(\d+)\s*\(\s*(\d+)\s*(?:-|–|—|to)\s*(\d+)\s*\)$`)
	minBestRE     = regexp.MustCompile(`^(\d+)\s*\(\s*at least\s*(\d+)\s*\)$`)
)

// figureYAML is the frontmatter of a figure the editor typed; ok is false
// when the text is none of the forms, which is then written as text for
// check to explain.
func figureYAML(s string) (string, bool) {
	t := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, ",", "")), " "))
	n := func(x string) int { v, _ := strconv.Atoi(x); return v }
	var f casualty.Figure
	if m := exactRE.FindStringSubmatch(t); m != nil {
		f = casualty.Exact(n(m[1]))
	} else if m := atLeastRE.FindStringSubmatch(t); m != nil {
		f = casualty.AtLeast(n(m[1] + m[2]))
	} else if m := rangeRE.FindStringSubmatch(t); m != nil {
		f = casualty.Range(n(m[1]), n(m[2]))
	} else if m := estimateRE.FindStringSubmatch(t); m != nil {
		f = casualty.Estimate(n(m[2]), n(m[1]), n(m[3]))
	} else if m := minBestRE.FindStringSubmatch(t); m != nil {
		f = casualty.Figure{Min: n(m[2]), Best: n(m[1]), NoMax: true}
	} else {
		return "", false
	}
	return f.Written(), true
}

// deskData is a file the CMS sent: its frontmatter and its body.
type deskData struct {
	front map[string]any
	body  string
}

// parseDesk reads the CMS's text of a file: a JSON object, then the body.
func parseDesk(p, raw string) (deskData, error) {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var d deskData
	if err := dec.Decode(&d.front); err != nil {
		return d, refuse(400, "%s: the desk sent frontmatter that is not JSON: %v", p, err)
	}
	body := raw[dec.InputOffset():]
	body = strings.TrimPrefix(strings.TrimPrefix(body, "\r"), "\n")
	d.body = body
	return d, nil
}

// clean drops what the CMS writes for a field left empty: "", [], {},
// null and false, so that the file holds only what the editor wrote.
func clean(v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case string:
		x = strings.TrimSpace(x)
		return x, x != ""
	case bool:
		return x, x
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if c, ok := clean(e); ok {
				out[k] = c
			}
		}
		return out, len(out) > 0
	case []any:
		var out []any
		for _, e := range x {
			if c, ok := clean(e); ok {
				out = append(out, c)
			}
		}
		return out, len(out) > 0
	}
	return v, true
}

// yamlWriter writes frontmatter in the shape of `timelinegen new article`.
type yamlWriter struct{ b strings.Builder }

// articleYAML is the file of an article from what the CMS sent; oldBody
// is the body on disk, kept byte for byte when the editor left it alone.
func articleYAML(d deskData, oldBody string) []byte {
	fm := map[string]any{}
	for k, v := range d.front {
		if k == slugKey || k == "translator" || k == "translation_of" {
			continue // the desk's own, or a translation's
		}
		if c, ok := clean(v); ok {
			fm[k] = c
		}
	}
	writeLocation(fm)
	if evs, ok := fm["events"].([]any); ok {
		for _, e := range evs {
			if m, ok := e.(map[string]any); ok {
				writeLocation(m)
			}
		}
	}
	var w yamlWriter
	w.b.WriteString("---\n")
	w.fields("", "", fm, articleOrder)
	w.b.WriteString("---\n")
	w.body(d.body, oldBody)
	return []byte(w.b.String())
}

// translationYAML is the file of a translation from what the CMS sent:
// only what SPEC §8 lets a translation carry, and translation_of, the
// fingerprint of the original's text, which fp gives ("" keeps the one
// the editor's file had).
func translationYAML(d deskData, fp, oldBody string) []byte {
	fm := map[string]any{}
	for _, k := range []string{"title", "summary", "translator", "translation_of"} {
		if c, ok := clean(d.front[k]); ok {
			fm[k] = c
		}
	}
	if evs, ok := d.front["events"].([]any); ok {
		var out []any
		for _, e := range evs {
			m, ok := e.(map[string]any)
			if !ok {
				continue
			}
			ev := map[string]any{}
			for _, k := range content.EventTranslationKeys {
				if c, ok := clean(m[k]); ok {
					ev[k] = c
				}
			}
			if ev["id"] != nil && (ev["title"] != nil || ev["summary"] != nil) {
				out = append(out, ev)
			}
		}
		if len(out) > 0 {
			fm["events"] = out
		}
	}
	if fp != "" {
		fm["translation_of"] = fp
	}
	var w yamlWriter
	w.b.WriteString("---\n")
	w.fields("", "", fm, content.TranslationKeys)
	w.b.WriteString("---\n")
	w.body(d.body, oldBody)
	return []byte(w.b.String())
}

// emptyTranslation reports a translation the editor never filled in,
// which the CMS sends for every language: it is not written.
func emptyTranslation(d deskData) bool {
	t, _ := d.front["title"].(string)
	return strings.TrimSpace(t) == "" && strings.TrimSpace(d.body) == ""
}

func (w *yamlWriter) body(body, old string) {
	if strings.TrimRight(body, "\r\n") == strings.TrimRight(old, "\r\n") {
		w.b.WriteString(old)
		return
	}
	if body = strings.TrimRight(body, "\r\n"); body != "" {
		w.b.WriteString(body)
		w.b.WriteByte('\n')
	}
}

// fields writes the keys of m in order, then any others sorted: the
// first line starts with lead ("  - " for an item of a list), the others
// with indent.
func (w *yamlWriter) fields(lead, indent string, m map[string]any, order []string) {
	keys := slices.Sorted(maps.Keys(m))
	slices.SortStableFunc(keys, func(a, b string) int {
		return rank(order, a) - rank(order, b)
	})
	for _, k := range keys {
		w.field(lead, indent, k, m[k])
		lead = indent
	}
}

func rank(order []string, k string) int {
	if i := slices.Index(order, k); i >= 0 {
		return i
	}
	return len(order)
}

// field writes one key. Lists of mappings are block lists of flow
// mappings (sources, media, corrections), events a block list of blocks,
// every other list and mapping a flow collection on one line.
func (w *yamlWriter) field(lead, indent, k string, v any) {
	if l, ok := v.([]any); ok && len(l) > 0 {
		if _, isMap := l[0].(map[string]any); isMap {
			fmt.Fprintf(&w.b, "%s%s:\n", lead, k)
			for _, it := range l {
				m, ok := it.(map[string]any)
				switch {
				case !ok:
					fmt.Fprintf(&w.b, "%s  - %s\n", indent, w.flow(k, it))
				case k == "events":
					w.fields(indent+"  - ", indent+"    ", m, eventOrder)
				default:
					fmt.Fprintf(&w.b, "%s  - %s\n", indent, w.flow(k, m))
				}
			}
			return
		}
	}
	fmt.Fprintf(&w.b, "%s%s: %s\n", lead, k, w.flow(k, v))
}

// flow is v on one line; k is its key, which says how to write it.
func (w *yamlWriter) flow(k string, v any) string {
	switch x := v.(type) {
	case string:
		if k == "killed" || k == "injured" {
			if y, ok := figureYAML(x); ok {
				return y
			}
		}
		// A date, even one that is no day (2025-02-30), is written as
		// typed, for check to explain; so is a fingerprint.
		if slices.Contains(dateKeys, k) && datePatternRE.MatchString(x) || k == "translation_of" && fingerprintRE.MatchString(x) {
			return x
		}
		return scaffold.Quote(x)
	case json.Number:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = w.flow(k, e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		order := mapOrders[k]
		slices.SortStableFunc(keys, func(a, b string) int { return rank(order, a) - rank(order, b) })
		parts := make([]string, 0, len(keys))
		for _, kk := range keys {
			if k == "location" && kk == "precision" && x[kk] == "exact" {
				continue // the default
			}
			parts = append(parts, kk+": "+w.flow(kk, x[kk]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return scaffold.Quote(fmt.Sprint(v))
}
