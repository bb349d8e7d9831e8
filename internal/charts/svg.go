// Package charts draws the site's charts and maps as inline SVG.
//
// Every function is pure and deterministic: it returns SVG markup as a
// string (the caller marks it template.HTML) that depends only on its
// options, with numbers written to at most one decimal. The markup is
// meant for inline use in HTML5: no XML declaration, a root
//
//	<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 W H" width="100%"
//	     role="img" aria-labelledby="ID-title ID-desc" class="tg-chart ...">
//
// with <title id="ID-title"> and <desc id="ID-desc"> first (role="group"
// instead of "img" when the chart holds links: an image's children are
// presentational, and links inside one fail axe's nested-interactive); ID is the
// options' IDPrefix (sanitised), which must be unique on a page. All text
// is escaped; colours must be "#rgb" or "#rrggbb" (others fall back to a
// default); links with a script-like scheme (javascript:, data:, vbscript:)
// are dropped. Presentation attributes give a readable default look without
// any CSS, and CSS classes (tg-*) are styling hooks: CSS rules override
// presentation attributes. Text uses fill="currentColor", so it follows the
// page's text colour.
package charts

import (
	"math"
	"strconv"
	"strings"
)

// svgWriter builds markup; numbers are appended without allocations.
type svgWriter struct {
	strings.Builder
	num []byte
}

// n writes x rounded to one decimal, shortest form ("12", "12.5", "-0.5").
func (w *svgWriter) n(x float64) {
	w.num = appendNum(w.num[:0], x)
	w.Write(w.num)
}

func appendNum(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, '0')
	}
	r := math.Round(x * 10)
	if r == 0 {
		return append(b, '0')
	}
	if r == math.Trunc(r/10)*10 {
		return strconv.AppendInt(b, int64(r/10), 10)
	}
	return strconv.AppendFloat(b, r/10, 'f', 1, 64)
}

// i writes an integer.
func (w *svgWriter) i(n int) {
	w.num = strconv.AppendInt(w.num[:0], int64(n), 10)
	w.Write(w.num)
}

// text writes s escaped for text or a double-quoted attribute.
func (w *svgWriter) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		default:
			// Control characters other than tab/newline are not allowed
			// in XML at all.
			if s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' {
				esc = " "
			} else {
				continue
			}
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// open writes the root element, title and desc. A chart with links is a
// group, not an image: the children of role="img" are presentational, so
// links in it would be nested interactive content (axe: nested-interactive).
func (w *svgWriter) open(id string, width, height int, class, title, desc string, links bool) {
	w.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	w.i(width)
	w.WriteByte(' ')
	w.i(height)
	if links {
		w.WriteString(`" width="100%" role="group" aria-labelledby="`)
	} else {
		w.WriteString(`" width="100%" role="img" aria-labelledby="`)
	}
	w.WriteString(id)
	w.WriteString(`-title `)
	w.WriteString(id)
	w.WriteString(`-desc" class="tg-chart `)
	w.WriteString(class)
	w.WriteString(`" font-size="11">`)
	w.WriteString(`<title id="`)
	w.WriteString(id)
	w.WriteString(`-title">`)
	w.text(title)
	w.WriteString(`</title><desc id="`)
	w.WriteString(id)
	w.WriteString(`-desc">`)
	w.text(desc)
	w.WriteString(`</desc>`)
}

// openLink starts a link (or a plain group when the URL is empty or
// unsafe) with a class and a data-count, and the hover/accessible title.
// It returns the closing tag.
func (w *svgWriter) openLink(url, class string, count int, title string) string {
	tag := "g"
	if url = safeURL(url); url != "" {
		tag = "a"
		w.WriteString(`<a href="`)
		w.text(url)
		w.WriteString(`" class="`)
	} else {
		w.WriteString(`<g class="`)
	}
	w.WriteString(class)
	w.WriteString(`" data-count="`)
	w.i(count)
	w.WriteString(`"><title>`)
	w.text(title)
	w.WriteString(`</title>`)
	return "</" + tag + ">"
}

// ID sanitises an id prefix: letters, digits, '-' and '_' are kept, any
// other byte becomes '-'; it starts with a letter ("c" is prepended if
// not) and is "chart" when empty.
func ID(prefix string) string {
	if prefix == "" {
		return "chart"
	}
	b := []byte(prefix)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	if !(b[0] >= 'a' && b[0] <= 'z' || b[0] >= 'A' && b[0] <= 'Z') {
		return "c" + string(b)
	}
	return string(b)
}

// kindClass is "tg-kind-" and the kind as a class token (lower case
// letters, digits and '-').
func kindClass(kind string) string {
	var b strings.Builder
	b.WriteString("tg-kind-")
	dash := false
	for _, r := range strings.ToLower(kind) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > len("tg-kind-") {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// color is c when it is "#rgb" or "#rrggbb", else def.
func color(c, def string) string {
	if (len(c) == 4 || len(c) == 7) && c[0] == '#' {
		for i := 1; i < len(c); i++ {
			x := c[i]
			if !(x >= '0' && x <= '9' || x >= 'a' && x <= 'f' || x >= 'A' && x <= 'F') {
				return def
			}
		}
		return c
	}
	return def
}

// safeURL drops URLs with a scheme that runs code.
func safeURL(u string) string {
	t := strings.ToLower(strings.TrimLeft(u, " \t\n\r\f\v\x00"))
	t = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, t)
	for _, s := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(t, s) {
			return ""
		}
	}
	return u
}

// thousands writes n with comma separators: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := ""
	if n < 0 {
		neg, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return neg + s
	}
	var b strings.Builder
	b.WriteString(neg)
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > len(neg) {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Words are what charts say in words, for a language other than
// English: nil functions keep the English.
type Words struct {
	Events     func(n int) string           // "12 events"
	Casualties func(m CasualtyMonth) string // "12 killed, 30 injured"
	Nearby     func(n int) string           // " and 2 nearby places", after a place's name
	// Number writes a count: "10,000", "10 000", "١٠٬٠٠٠".
	Number func(n int) string
	// AreaNote follows the name of a place known only to an area: " (somewhere in this area)".
	AreaNote string
	// The map legend: an exact place, a place known only to an area, and
	// the sizes of circles ("size: 1 event", "size: 1 to 12 events").
	Exact, Area string
	Size        func(max int) string
}

// events is "1 event" or "N events".
func (w *Words) events(n int) string {
	if w != nil && w.Events != nil {
		return w.Events(n)
	}
	if n == 1 {
		return "1 event"
	}
	return thousands(n) + " events"
}

// num is a count as the chart's language writes it.
func (w *Words) num(n int) string {
	if w != nil && w.Number != nil {
		return w.Number(n)
	}
	return thousands(n)
}

// areaNote follows the name of a place known only to an area.
func (w *Words) areaNote() string {
	if w != nil && w.AreaNote != "" {
		return w.AreaNote
	}
	return " (somewhere in this area)"
}

// legend are the map legend's words for an exact place, an area and
// circles of 1 to max events.
func (w *Words) legend(max int) (exact, area, size string) {
	exact, area = "exact place", "place known only to an area (town to country)"
	size = "size: " + w.events(1)
	if max > 1 {
		size = "size: 1 to " + w.events(max)
	}
	if w == nil {
		return exact, area, size
	}
	if w.Exact != "" {
		exact = w.Exact
	}
	if w.Area != "" {
		area = w.Area
	}
	if w.Size != nil {
		size = w.Size(max)
	}
	return exact, area, size
}

// short writes a count for labels inside small marks: as the language
// writes it below 1,000, compactly above (1.2k, 12k, 1.2M).
func (w *Words) short(n int) string {
	if n < 1000 {
		return w.num(n)
	}
	return short(n)
}

// short writes a count compactly for labels inside small marks: 950, 1.2k,
// 12k, 1.2M.
func short(n int) string {
	switch {
	case n < 1000:
		return strconv.Itoa(n)
	case n < 10_000:
		return strconv.FormatFloat(math.Floor(float64(n)/100)/10, 'f', -1, 64) + "k"
	case n < 1_000_000:
		return strconv.Itoa(n/1000) + "k"
	default:
		return strconv.FormatFloat(math.Floor(float64(n)/100_000)/10, 'f', -1, 64) + "M"
	}
}
