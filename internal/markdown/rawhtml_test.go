package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// rawHTMLPayloads are raw HTML whose addresses would run script: each
// element that takes one, and the ways of writing javascript: that a
// browser reads as it (case, entities with and without ';', tabs and
// line breaks inside, leading control characters), and places where only
// the HTML5 parsing algorithm sees a tag (markup inside SVG's <style>).
var rawHTMLPayloads = []string{
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="JaVaScRiPt:alert(1)">x</a>`,
	`<a href="java&#x09;script:alert(1)">x</a>`,
	`<a href="java&#x0A;script:alert(1)">x</a>`,
	`<a href="jav&#x0D;ascript:alert(1)">x</a>`,
	`<a href="&#106;avascript:alert(1)">x</a>`,
	`<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>`,
	`<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>`,
	`<a href="javascript&colon;alert(1)">x</a>`,
	`<a href=" &#x01; javascript:alert(1)">x</a>`,
	"<a href=\"\x01javascript:alert(1)\">x</a>",
	`<a href=javascript:alert(1)>x</a>`,
	`<A HREF='javascript:alert(1)'>x</A>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`<a href="data:image/png;base64,AAAA">x</a>`,
	`<a href="file:///etc/passwd">x</a>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`,
	`<form action="javascript:alert(1)"><button>go</button></form>`,
	`<form><button formaction="javascript:alert(1)">go</button></form>`,
	`<input type="submit" formaction="JAVASCRIPT:alert(1)">`,
	`<input type="image" src="javascript:alert(1)">`,
	`<object data="javascript:alert(1)"></object>`,
	`<object data="data:text/html;base64,PHNjcmlwdD4="></object>`,
	`<embed src="javascript:alert(1)">`,
	`<embed src="data:image/svg+xml;base64,PHN2Zz4=">`,
	`<img src="javascript:alert(1)">`,
	`<img srcset="a.png 1x, javascript:alert(1) 2x">`,
	`<video poster="javascript:alert(1)"></video>`,
	`<table background="javascript:alert(1)"><tr><td>x</td></tr></table>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<meta http-equiv="refresh" content="0; URL = 'javascript:alert(1)'">`,
	`<base href="javascript:alert(1)//">`,
	`<link rel="stylesheet" href="javascript:alert(1)">`,
	`<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>`,
	`<svg><a href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>`,
	`<svg><a><animate attributeName="href" values="https://example.org/;javascript:alert(1)"/><text>x</text></a></svg>`,
	`<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`,
	`<svg><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`,
	`<svg><style><a href="javascript:alert(1)">x</a></style></svg>`,
	`<math><a xlink:href="javascript:alert(1)">x</a></math>`,
	`<math><mtext><table><mglyph><style><img src=x href="javascript:alert(1)">`,
	"Text <a href=\"javascript:alert(1)\">x</a> more.",
	"<div>\n<a\nhref=\"javascript:alert(1)\">x</a>\n</div>",
	"<div>\n\n[x](https://example.org/) <a href=\"javascript:alert(1)\">y</a>\n\n</div>",
}

// addressAttrs are the attributes, in HTML, SVG and MathML, that a
// browser follows or loads as an address (xlink:href is href in a
// namespace), with SVG animations' values, which can set an href, and a
// <meta> refresh's content.
var addressAttrs = map[string]bool{
	"href": true, "xlink:href": true, "src": true, "srcset": true, "imagesrcset": true, "action": true, "formaction": true,
	"data": true, "poster": true, "background": true, "cite": true, "ping": true, "codebase": true, "classid": true,
	"longdesc": true, "lowsrc": true, "dynsrc": true, "usemap": true, "icon": true, "manifest": true, "archive": true,
	"values": true, "to": true, "from": true, "by": true, "content": true,
}

// dangerousIn is every attribute of the HTML that, read as a browser reads
// it, holds a script address: checked on a fresh parse of the page, apart
// from the guard's own reading.
func dangerousIn(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><body><div>" + page))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if !addressAttrs[strings.ToLower(a.Key)] || a.Key == "content" && n.Data != "meta" {
				continue
			}
			var v strings.Builder
			for _, r := range strings.ToLower(a.Val) {
				if r > ' ' && r != '"' && r != '\'' {
					v.WriteRune(r)
				}
			}
			// A list of addresses (srcset, an animation's values) or a
			// refresh's "0;url=…": each part.
			sep := map[string]rune{"srcset": ',', "imagesrcset": ',', "values": ';'}[strings.ToLower(a.Key)]
			for part := range strings.FieldsFuncSeq(v.String(), func(r rune) bool { return r == sep || n.Data == "meta" && (r == ';' || r == ',') }) {
				if n.Data == "meta" {
					part = strings.TrimPrefix(part, "url=")
				}
				for _, scheme := range []string{"javascript:", "vbscript:", "file:", "data:text", "data:image/svg"} {
					if strings.HasPrefix(part, scheme) || a.Key == "href" && strings.HasPrefix(part, "data:") {
						bad = append(bad, n.Data+" "+a.Key+"="+a.Val)
					}
				}
			}
		}
	}
	return bad
}

func TestRawHTMLNeverEmitsScriptAddresses(t *testing.T) {
	r := New(Options{UnsafeHTML: true})
	for _, p := range rawHTMLPayloads {
		out := r.Render([]byte(p), Doc{}).HTML
		if bad := dangerousIn(t, out); len(bad) > 0 {
			t.Errorf("%q\nemitted %q in\n%s", p, bad, out)
		}
	}
}

// Raw HTML with nothing dangerous is emitted byte for byte; safe
// addresses and data:image pictures stay where a dangerous one goes.
func TestRawHTMLKeepsSafeAddresses(t *testing.T) {
	r := New(Options{UnsafeHTML: true})
	safe := "<div class='box'><a href='https://example.org/a?b=1&amp;c=2' title=x>ok</a>\n<img src=\"data:image/png;base64,AAAA\" alt=\"\">\n<iframe src=\"https://example.org/embed\"></iframe></div>\n"
	if got := r.Render([]byte(safe), Doc{}).HTML; got != safe {
		t.Errorf("changed:\n%s\nwant\n%s", got, safe)
	}
	got := r.Render([]byte(`<p><a href="https://example.org/">ok</a> <a href="javascript:alert(1)" class="c">bad</a> <img src="data:image/png;base64,AAAA" alt=""></p>`), Doc{}).HTML
	for _, w := range []string{`<a href="https://example.org/">ok</a>`, `<a class="c">bad</a>`, `<img src="data:image/png;base64,AAAA" alt=""/>`} {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %s:\n%s", w, got)
		}
	}
}

// FuzzRawHTML renders any body with raw HTML on: no attribute of what it
// emits, as a browser reads it, holds a script address.
func FuzzRawHTML(f *testing.F) {
	for _, p := range rawHTMLPayloads {
		f.Add(p)
	}
	r := New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src string) {
		out := r.Render([]byte(src), Doc{}).HTML
		if bad := dangerousIn(t, out); len(bad) > 0 {
			t.Errorf("%q\nemitted %q in\n%s", src, bad, out)
		}
	})
}
