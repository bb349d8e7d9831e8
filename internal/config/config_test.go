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

func TestDeploySection(t *testing.T) {
	var ds diag.List
	c := Parse("timeline.yaml", []byte(`title: x
deploy:
  targets:
    - name: production
      url: "s3://timeline-bucket?region=eu-central-1"
      cdn: {cloudfront: E2ABCDEF123}
    - name: google
      url: "gs://timeline-bucket"
      cdn: {google_url_map: my-project/timeline-map}
    - {name: folder, url: "file:///srv/www"}
    - {name: azure, url: "azblob://$web"}
  cache_control:
    - {path: "data/**", value: "no-cache"}
  compress: true
  invalidate_max: 50
`), &ds)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	d := c.Deploy
	if len(d.Targets) != 4 || d.Targets[0].CloudFront != "E2ABCDEF123" || d.Targets[1].GoogleURLMap != "my-project/timeline-map" ||
		d.Targets[2].URL != "file:///srv/www" || d.Targets[0].Line != 4 || !d.Compress || d.InvalidateMax != 50 ||
		len(d.CacheControl) != 1 || d.CacheControl[0] != (CacheRule{"data/**", "no-cache"}) {
		t.Errorf("deploy = %+v", d)
	}
	if tg, ok := d.Target(""); !ok || tg.Name != "production" {
		t.Errorf("the default target is %+v, want the first", tg)
	}
	if Default().Deploy.InvalidateMax != DefaultInvalidateMax {
		t.Error("no default invalidate_max")
	}
}

func TestDeployMistakesAtTheirLines(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"deploy: yes\n", "timeline.yaml:1:9: deploy: want a mapping"},
		{"deploy:\n  targets: [{name: p, url: \"s3://b\"}]\n  compres: true\n", `timeline.yaml:3:3: deploy: unknown key "compres" (did you mean "compress"?)`},
		{"deploy:\n  targets:\n    - {name: p, url: \"ftp://x\"}\n", `timeline.yaml:3:22: deploy: targets: url: want s3://, gs://, azblob:// or file://, got "ftp://x"`},
		{"deploy:\n  targets:\n    - {name: p, url: \"file://srv/www\"}\n", `timeline.yaml:3:22: deploy: targets: url: a folder is file:///absolute/path (three slashes)`},
		{"deploy:\n  targets:\n    - {url: \"s3://b\"}\n", "timeline.yaml:3:7: deploy: targets: a target needs a name"},
		{"deploy:\n  targets:\n    - {name: p}\n", "timeline.yaml:3:7: deploy: targets: p needs a url"},
		{"deploy:\n  targets:\n    - {name: p, url: \"s3://b\"}\n    - {name: p, url: \"s3://c\"}\n", `timeline.yaml:4:7: deploy: targets: "p" is listed twice`},
		{"deploy:\n  targets:\n    - {name: p, url: \"s3://b\", cdn: {cloudfrnt: E1}}\n", `timeline.yaml:3:38: deploy: targets: cdn: want {cloudfront: DISTRIBUTION_ID} or {google_url_map: PROJECT/URL_MAP} (did you mean "cloudfront"?)`},
		{"deploy:\n  targets:\n    - {name: p, url: \"gs://b\", cdn: {google_url_map: map}}\n", `timeline.yaml:3:54: deploy: targets: cdn: google_url_map: want PROJECT/URL_MAP, got "map"`},
		{"deploy:\n  targets: [{name: p, url: \"s3://b\"}]\n  invalidate_max: 0\n", "timeline.yaml:3:19: deploy: invalidate_max: want a whole number from 1 to 3000"},
		{"deploy:\n  targets: [{name: p, url: \"s3://b\"}]\n  cache_control: [{path: \"*.html\"}]\n", "timeline.yaml:3:19: deploy: cache_control: want a list such as"},
		{"deploy:\n  compress: true\n", "timeline.yaml:2:3: deploy: missing targets"},
	} {
		var ds diag.List
		Parse("timeline.yaml", []byte(tc.yaml), &ds)
		if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), tc.want) {
			t.Errorf("%q:\ngot  %v\nwant %s", tc.yaml, ds, tc.want)
		}
	}
}

func TestMatchPath(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"*.html", "index.html", true},
		{"*.html", "events/x/index.html", false},
		{"**.html", "events/x/index.html", true},
		{"**/index.html", "events/x/index.html", true},
		{"media/**", "media/3f2a-960.jpg", true},
		{"media/*", "media/a/b.jpg", false},
		{"data/?.json", "data/0.json", true},
		{"data/?.json", "data/10.json", false},
		{"feed.xml", "uk/feed.xml", false},
		{"**feed.xml", "uk/feed.xml", true},
	} {
		if got := MatchPath(tc.pattern, tc.path); got != tc.want {
			t.Errorf("MatchPath(%q, %q) = %v", tc.pattern, tc.path, got)
		}
	}
}
