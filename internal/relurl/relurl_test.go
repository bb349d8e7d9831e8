package relurl

import "testing"

func TestPrefix(t *testing.T) {
	for path, want := range map[string]string{
		"/":                    "",
		"/404.html":            "",
		"/events/x/":           "../../",
		"/years/2025/page/2/":  "../../../../",
		"/search/":             "../",
		"/map/kinds/military/": "../../../",
	} {
		if got := Prefix(path); got != want {
			t.Errorf("Prefix(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestHTMLMakesSiteRootLinksRelative(t *testing.T) {
	for _, tc := range []struct{ path, in, want string }{
		{"/events/x/", `<a href="/">Home</a>`, `<a href="../../index.html">Home</a>`},
		{"/", `<a href="/">Home</a>`, `<a href="index.html">Home</a>`},
		{"/events/x/", `<a href="/events/y/#ev">y</a>`, `<a href="../../events/y/index.html#ev">y</a>`},
		{"/search/", `<form action="/search/" data-base="/">`, `<form action="../search/index.html" data-base="../">`},
		{"/events/x/", `<link rel="stylesheet" href="/css/style.css">`, `<link rel="stylesheet" href="../../css/style.css">`},
		{"/places/p/", `<img src="/places/p/map.svg" alt="">`, `<img src="../../places/p/map.svg" alt="">`},
		{"/", `<a href="/tags/x/?kind=military">`, `<a href="tags/x/index.html?kind=military">`},
		// Left alone: other addresses, other attributes, text.
		{"/events/x/", `<a href="//cdn.example/x">`, `<a href="//cdn.example/x">`},
		{"/events/x/", `<a href="https://example.org/">`, `<a href="https://example.org/">`},
		{"/events/x/", `<a href="#main">`, `<a href="#main">`},
		{"/events/x/", `<a title="/x/">`, `<a title="/x/">`},
		{"/events/x/", `<a xhref="/x/">`, `<a xhref="/x/">`},
		{"/events/x/", `<p>a="/x/"</p>`, `<p>a="/x/"</p>`},
		{"/events/x/", `<a href="/`, `<a href="/`},
	} {
		if got := string(HTML(nil, []byte(tc.in), tc.path)); got != tc.want {
			t.Errorf("HTML(%q) at %s\n got %s\nwant %s", tc.in, tc.path, got, tc.want)
		}
	}
}
