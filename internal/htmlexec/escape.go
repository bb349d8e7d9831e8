package htmlexec

import (
	"encoding/json"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"unicode/utf8"
)

// The escapers html/template adds to a template's actions, by the names it
// gives them in the escaped tree. Each is written here for the inputs a
// theme gives (strings and html/template's content types) and gives up,
// so that html/template executes the page, on any other
// (FuzzEscapersAsHTMLTemplate compares them with html/template's own).
var escapers = map[string]escaper{
	"_html_template_htmlescaper":    htmlEscaper,
	"_html_template_attrescaper":    attrEscaper,
	"_html_template_rcdataescaper":  rcdataEscaper,
	"_html_template_urlfilter":      urlFilter,
	"_html_template_urlnormalizer":  urlNormalizer,
	"_html_template_urlescaper":     urlEscaper,
	"_html_template_srcsetescaper":  srcsetEscaper,
	"_html_template_cssvaluefilter": cssValueFilter,
	"_html_template_jsvalescaper":   jsValEscaper,
}

// An escaper escapes one value, the last command's, for its context. The
// first escaper of an action is given what the pipeline made; the ones
// after it the string the one before returned.
type escaper func(a any) (string, bool)

type content int

const (
	plain content = iota
	typeHTML
	typeHTMLAttr
	typeCSS
	typeJS
	typeJSStr
	typeURL
	typeSrcset
)

// stringify is html/template's: a value of one of its content types is
// its string and its type; anything else is printed with fmt, pointers
// followed to what they point to or to a Stringer or error.
func stringify(a any) (string, content) {
	if a == nil {
		return "", plain
	}
	switch s := indirect(a).(type) {
	case string:
		return s, plain
	case template.CSS:
		return string(s), typeCSS
	case template.HTML:
		return string(s), typeHTML
	case template.HTMLAttr:
		return string(s), typeHTMLAttr
	case template.JS:
		return string(s), typeJS
	case template.JSStr:
		return string(s), typeJSStr
	case template.URL:
		return string(s), typeURL
	case template.Srcset:
		return string(s), typeSrcset
	}
	return fmt.Sprint(indirectToStringerOrError(a)), plain
}

func indirect(a any) any {
	v := reflect.ValueOf(a)
	if v.Kind() != reflect.Pointer {
		return a
	}
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

var (
	errorType    = reflect.TypeFor[error]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
)

func indirectToStringerOrError(a any) any {
	v := reflect.ValueOf(a)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

func htmlEscaper(a any) (string, bool) {
	s, t := stringify(a)
	if t == typeHTML {
		return s, true
	}
	return replaceHTML(s, true), true
}

// attrEscaper would strip the tags of HTML: not written here.
func attrEscaper(a any) (string, bool) {
	s, t := stringify(a)
	if t == typeHTML {
		return "", false
	}
	return replaceHTML(s, true), true
}

func rcdataEscaper(a any) (string, bool) {
	s, t := stringify(a)
	return replaceHTML(s, t != typeHTML), true
}

// replaceHTML escapes NUL, quotes, '+', '<', '>' and, when amp is set,
// '&' for HTML text and quoted attributes, as html/template does.
func replaceHTML(s string, amp bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			if !amp {
				continue
			}
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const failsafe = "ZgotmplZ"

func urlFilter(a any) (string, bool) {
	s, t := stringify(a)
	if t != typeURL && !safeURL(s) {
		return "#" + failsafe, true
	}
	return s, true
}

// safeURL: a relative URL, or one of http, https or mailto.
func safeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

func urlNormalizer(a any) (string, bool) {
	s, _ := stringify(a)
	return processURL(s, true), true
}

// urlEscaper escapes a query's part, or normalizes a URL.
func urlEscaper(a any) (string, bool) {
	s, t := stringify(a)
	return processURL(s, t == typeURL), true
}

func processURL(s string, norm bool) string {
	var b strings.Builder
	if encodeURL(s, norm, &b) {
		return b.String()
	}
	return s
}

// encodeURL percent-encodes the bytes of s that a URL (norm) or a part of
// its query may not hold as they are onto b, and reports whether any was.
// Normalizing leaves valid escapes and reserved characters.
func encodeURL(s string, norm bool, b *strings.Builder) bool {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("-._~", c) >= 0:
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return false
	}
	b.WriteString(s[written:])
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func srcsetEscaper(a any) (string, bool) {
	s, t := stringify(a)
	switch t {
	case typeSrcset:
		return s, true
	case typeURL:
		return "", false
	}
	var b strings.Builder
	left := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			srcsetElement(s[left:i], &b)
			if i < len(s) {
				b.WriteByte(',')
			}
			left = i + 1
		}
	}
	return b.String(), true
}

// srcsetElement writes one "url descriptor" of a srcset: the URL
// normalized when it is safe and its descriptor only spaces and ASCII
// letters and digits, else the failsafe.
func srcsetElement(s string, b *strings.Builder) {
	start := 0
	for start < len(s) && htmlSpace(s[start]) {
		start++
	}
	end := len(s)
	for i := start; i < len(s); i++ {
		if htmlSpace(s[i]) {
			end = i
			break
		}
	}
	if url := s[start:end]; safeURL(url) {
		ok := true
		for i := end; i < len(s); i++ {
			c := s[i]
			if !htmlSpace(c) && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				ok = false
				break
			}
		}
		if ok {
			b.WriteString(s[:start])
			if !encodeURL(url, true, b) {
				b.WriteString(url)
			}
			b.WriteString(s[end:])
			return
		}
	}
	b.WriteString("#" + failsafe)
}

func htmlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// cssValueFilter lets a CSS quantity, colour, keyword or identifier
// through and nothing that could end a token. A value with a backslash
// (a CSS escape, decoded first) is left to html/template.
func cssValueFilter(a any) (string, bool) {
	s, t := stringify(a)
	if t == typeCSS {
		return s, true
	}
	if strings.IndexByte(s, '\\') >= 0 {
		return "", false
	}
	var id []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("\x00\"'()/;@[\\]`{}<>", c) >= 0:
			return failsafe, true
		case c == '-':
			if i != 0 && s[i-1] == '-' {
				return failsafe, true
			}
		case 'A' <= c && c <= 'Z':
			id = append(id, c+'a'-'A')
		case c == '_' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			id = append(id, c)
		}
	}
	if strings.Contains(string(id), "expression") || strings.Contains(string(id), "mozbinding") {
		return failsafe, true
	}
	return s, true
}

// jsValEscaper writes JavaScript as it is and any other value as JSON
// (a Stringer's string) that cannot run into a word beside it; a value
// JSON cannot hold is left to html/template, which writes its error.
func jsValEscaper(a any) (string, bool) {
	if a != nil {
		v := reflect.ValueOf(a)
		for !v.Type().Implements(marshalerType) && v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		a = v.Interface()
	}
	switch v := a.(type) {
	case template.JS:
		return string(v), true
	case template.JSStr:
		return "", false
	case json.Marshaler:
	case fmt.Stringer:
		a = v.String()
	}
	b, err := json.Marshal(a)
	if err != nil {
		return "", false
	}
	if len(b) == 0 {
		return " null ", true
	}
	first, _ := utf8.DecodeRune(b)
	last, _ := utf8.DecodeLastRune(b)
	out := string(b)
	if strings.ContainsAny(out, "\u2028\u2029") {
		out = separators.Replace(out)
	}
	// A word or number must not run into one beside it.
	if jsIdentPart(first) || jsIdentPart(last) {
		out = " " + out + " "
	}
	return out, true
}

var (
	marshalerType = reflect.TypeFor[json.Marshaler]()
	separators    = strings.NewReplacer("\u2028", `\u2028`, "\u2029", `\u2029`)
)

func jsIdentPart(r rune) bool {
	return r == '$' || r == '_' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z'
}
