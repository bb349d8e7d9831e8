package config

import (
	"net/url"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/diag"
)

func TestParseFullConfig(t *testing.T) {
	var ds diag.List
	c := Parse("timeline.yaml", []byte(`title: "Russia–Ukraine War"
description: A timeline.
base_url: "https://example.org/timeline"
language: uk
order: descending
kinds:
  - {name: diplomatic, label: Diplomatic, color: "#1d4ed8"}
  - {name: cyber}
feed_entries: 20
unsafe_html: true
paginate: 50
`), &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if c.Title != "Russia–Ukraine War" || c.BaseURL != "https://example.org/timeline/" || c.BasePath() != "/timeline/" ||
		c.Language != "uk" || !c.Descending || c.FeedEntries != 20 || !c.UnsafeHTML || c.Paginate != 50 {
		t.Errorf("config = %+v", c)
	}
	if len(c.Kinds) != 2 || c.Kinds[1] != (Kind{"cyber", "Cyber", "#4b5563"}) {
		t.Errorf("kinds = %+v", c.Kinds)
	}
}

func TestDefaultsWithoutKeys(t *testing.T) {
	var ds diag.List
	c := Parse("timeline.yaml", []byte("title: x\n"), &ds)
	if len(ds) > 0 || len(c.Kinds) != 5 || c.BasePath() != "/" || c.Paginate != 100 || c.FeedEntries != 50 {
		t.Errorf("c=%+v ds=%v", c, ds)
	}
}

func TestBadValuesAreErrorsWithLines(t *testing.T) {
	var ds diag.List
	Parse("timeline.yaml", []byte(`title: x
ordr: ascending
order: sideways
base_url: ftp://example.org/
feed_entries: -3
unsafe_html: maybe
kinds:
  - {name: Military Ops, color: red}
`), &ds)
	got := ds.Sorted().Error()
	for _, want := range []string{
		`timeline.yaml:2:1: unknown key "ordr" (did you mean "order"?)`,
		`timeline.yaml:3:8: order: want ascending or descending, got "sideways"`,
		`timeline.yaml:4:11: base_url: want an http(s) address`,
		`timeline.yaml:5:15: feed_entries: want a whole number from 1 to 100000, got "-3"`,
		`timeline.yaml:6:14: unsafe_html: want true or false, got "maybe"`,
		`timeline.yaml:8:33: kinds: color: want #rrggbb, got "red"`,
		`timeline.yaml:8:5: kinds: name "Military Ops": use lowercase a-z, 0-9 and -, such as "military-ops"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// base_url is written as browsers write an origin, so that the embed
// snippet's origin check matches, and may not climb out of its path.
func TestBaseURLIsNormalised(t *testing.T) {
	for in, want := range map[string]string{
		"https://Example.ORG:443/tl/":   "https://example.org/tl/",
		"HTTP://EXAMPLE.org:80/Tl":      "http://example.org/Tl/",
		"https://example.org:8443/":     "https://example.org:8443/",
		"https://[2001:DB8::1]:443/tl/": "https://[2001:db8::1]/tl/",
		"/timeline":                     "/timeline/",
	} {
		var ds diag.List
		c := Parse("timeline.yaml", []byte("base_url: "+in+"\n"), &ds)
		if len(ds) > 0 || c.BaseURL != want {
			t.Errorf("base_url %s = %q, want %q (%v)", in, c.BaseURL, want, ds)
		}
	}
}

func TestBaseURLWithDotSegmentsIsRefused(t *testing.T) {
	for _, in := range []string{
		"https://example.org/%2e%2e/",
		"https://example.org/tl/%2E/",
		"https://example.org/tl/../",
		"https://example.org/./tl/",
		"https://example.org/tl/.%2e",
		"/tl/../x/",
	} {
		var ds diag.List
		Parse("timeline.yaml", []byte("title: x\nbase_url: "+in+"\n"), &ds)
		if len(ds) != 1 || !strings.Contains(ds[0].String(), "timeline.yaml:2:11: base_url: ") || !strings.Contains(ds[0].String(), "dot segment") {
			t.Errorf("base_url %s: ds = %v", in, ds)
		}
	}
}

// FuzzParseBaseURL checks what a base URL that is taken is: written once
// and for all (taking it again changes nothing), with scheme and host in
// lower case, no default port and no dot segment.
func FuzzParseBaseURL(f *testing.F) {
	for _, s := range []string{"https://example.org/timeline/", "/", "/tl", "https://Example.ORG:443/tl/", "https://example.org/%2e%2e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		base, err := ParseBaseURL(s)
		if err != nil {
			return
		}
		if again, err := ParseBaseURL(base); err != nil || again != base {
			t.Fatalf("ParseBaseURL(%q) = %q, but again %q, %v", s, base, again, err)
		}
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		if u.Host != strings.ToLower(u.Host) || strings.HasSuffix(u.Host, ":443") && u.Scheme == "https" || strings.HasSuffix(u.Host, ":80") && u.Scheme == "http" {
			t.Fatalf("ParseBaseURL(%q) = %q: host not as browsers write it", s, base)
		}
		for seg := range strings.SplitSeq(u.Path, "/") {
			if seg == "." || seg == ".." {
				t.Fatalf("ParseBaseURL(%q) = %q: a dot segment", s, base)
			}
		}
	})
}

// //host/ is another host to a browser: the site's scripts would come
// from there.
func TestBaseURLWithoutSchemeIsRefused(t *testing.T) {
	for _, in := range []string{"//evil.example/tl/", "//::", "http://:80/"} {
		if base, err := ParseBaseURL(in); err == nil {
			t.Errorf("ParseBaseURL(%q) = %q, want an error", in, base)
		}
	}
}
