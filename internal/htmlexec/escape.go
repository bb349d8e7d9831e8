package htmlexec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"unicode/utf8"
)

// The escapers html/template adds to a template's actions, by the names it
// gives them in the escaped tree, but for jsValName's. Each is written
// here for the inputs a theme gives (strings and html/template's content
// types) and gives up, so that html/template executes the page, on any
// other (FuzzEscapersAsHTMLTemplate compares them with html/template's
// own).
var escapers = map[string]escaper{
	"_html_template_htmlescaper":    htmlEscaper,
	"_html_template_attrescaper":    attrEscaper,
	"_html_template_rcdataescaper":  rcdataEscaper,
	"_html_template_urlfilter":      urlFilter,
	"_html_template_urlnormalizer":  urlNormalizer,
	"_html_template_urlescaper":     urlEscaper,
	"_html_template_srcsetescaper":  srcsetEscaper,
	"_html_template_cssvaluefilter": cssValueFilter,
}

// jsValName is the escaper of a value in a script: JSON of the value
// itself, not of its string (jsValEscaper).
const jsValName = "_html_template_jsvalescaper"

// An escaper escapes a value, given as its string and content type (what
// stringify makes of it), for its context. The escapers after the first
// of an action are given the string the one before returned, plain.
type escaper func(s string, t content) (string, bool)

// writers write the escapers that most actions end with straight into
// the page, with no string made of what they escaped.
var writers = map[string]func(w *bytes.Buffer, s string, t content) bool{
	"_html_template_htmlescaper": func(w *bytes.Buffer, s string, t content) bool {
		if t == typeHTML {
			w.WriteString(s)
		} else {
			writeHTML(w, s, true)
		}
		return true
	},
	"_html_template_attrescaper": func(w *bytes.Buffer, s string, t content) bool {
		if t == typeHTML {
			return false
		}
		writeHTML(w, s, true)
		return true
	},
	"_html_template_rcdataescaper": func(w *bytes.Buffer, s string, t content) bool {
		writeHTML(w, s, t != typeHTML)
		return true
	},
}

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

// stringOf is stringify of a pipeline's value; a string or content type
// is not made an interface for it.
func stringOf(v reflect.Value) (string, content, error) {
	if v.Kind() == reflect.String {
		switch v.Type() {
		case stringType:
			return v.String(), plain, nil
		case htmlType:
			return v.String(), typeHTML, nil
		case urlType:
			return v.String(), typeURL, nil
		}
	}
	a, err := interfaceOf(v)
	s, t := stringify(a)
	return s, t, err
}

// interfaceOf is v as text/template gives it to a function of any: nil
// for no value.
func interfaceOf(v reflect.Value) (any, error) {
	if !v.IsValid() {
		return nil, nil
	}
	if !v.CanInterface() {
		return nil, giveUp("unexported value")
	}
	return v.Interface(), nil
}

var (
	htmlType = reflect.TypeFor[template.HTML]()
	urlType  = reflect.TypeFor[template.URL]()
)

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

func htmlEscaper(s string, t content) (string, bool) {
	if t == typeHTML {
		return s, true
	}
	return replaceHTML(s, true), true
}

// attrEscaper would strip the tags of HTML: not written here.
func attrEscaper(s string, t content) (string, bool) {
	if t == typeHTML {
		return "", false
	}
	return replaceHTML(s, true), true
}

func rcdataEscaper(s string, t content) (string, bool) {
	return replaceHTML(s, t != typeHTML), true
}

// replaceHTML escapes NUL, quotes, '+', '<', '>' and, when amp is set,
// '&' for HTML text and quoted attributes, as html/template does.
func replaceHTML(s string, amp bool) string {
	if !needsHTML(s, amp) {
		return s
	}
	var b bytes.Buffer
	b.Grow(len(s) + 16)
	writeHTML(&b, s, amp)
	return b.String()
}

func needsHTML(s string, amp bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; htmlRepl[c] != "" && (amp || c != '&') {
			return true
		}
	}
	return false
}

// writeHTML writes s onto w escaped as replaceHTML escapes it.
func writeHTML(w *bytes.Buffer, s string, amp bool) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		repl := htmlRepl[c]
		if repl == "" || !amp && c == '&' {
			continue
		}
		w.WriteString(s[written:i])
		w.WriteString(repl)
		written = i + 1
	}
	w.WriteString(s[written:])
}

var htmlRepl = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

const failsafe = "ZgotmplZ"

func urlFilter(s string, t content) (string, bool) {
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

func urlNormalizer(s string, _ content) (string, bool) {
	return processURL(s, true), true
}

// urlEscaper escapes a query's part, or normalizes a URL.
func urlEscaper(s string, t content) (string, bool) {
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
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&0xf])
		written = i + 1
	}
	if written == 0 {
		return false
	}
	b.WriteString(s[written:])
	return true
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func srcsetEscaper(s string, t content) (string, bool) {
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
func cssValueFilter(s string, t content) (string, bool) {
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
	b, ok := jsVal(a)
	return string(b), ok
}

// jsVal is jsValEscaper's bytes, which the page may take as they are.
func jsVal(a any) ([]byte, bool) {
	if a != nil {
		v := reflect.ValueOf(a)
		for !v.Type().Implements(marshalerType) && v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		a = v.Interface()
	}
	switch v := a.(type) {
	case template.JS:
		return []byte(v), true
	case template.JSStr:
		return nil, false
	case json.Marshaler:
	case fmt.Stringer:
		a = v.String()
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, false
	}
	if len(b) == 0 {
		return []byte(" null "), true
	}
	first, _ := utf8.DecodeRune(b)
	last, _ := utf8.DecodeLastRune(b)
	if bytes.ContainsAny(b, "\u2028\u2029") {
		b = []byte(separators.Replace(string(b)))
	}
	// A word or number must not run into one beside it.
	if jsIdentPart(first) || jsIdentPart(last) {
		b = append(append([]byte{' '}, b...), ' ')
	}
	return b, true
}

var (
	marshalerType = reflect.TypeFor[json.Marshaler]()
	separators    = strings.NewReplacer("\u2028", `\u2028`, "\u2029", `\u2029`)
)

func jsIdentPart(r rune) bool {
	return r == '$' || r == '_' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z'
}
