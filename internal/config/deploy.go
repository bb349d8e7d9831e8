package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
)

// Deploy is timeline.yaml's deploy: where `timelinegen deploy` publishes
// the built site, and how. It changes nothing in the built site.
type Deploy struct {
	Targets []Target
	// CacheControl rules are tried in order before the defaults; the
	// first whose Path matches a file gives its Cache-Control.
	CacheControl []CacheRule
	// Compress stores text files gzipped, with Content-Encoding: gzip,
	// when that makes them smaller.
	Compress bool
	// InvalidateMax is how many changed paths a CDN is told of one by
	// one; more than that and it is told one wildcard, /*.
	InvalidateMax int
}

// Target is one place a site is published.
type Target struct {
	Name string
	// URL is a gocloud.dev bucket URL: s3://, gs://, azblob:// or file://.
	URL string
	// CloudFront is a CloudFront distribution's ID.
	CloudFront string
	// GoogleURLMap is a Google Cloud CDN URL map, "project/url-map".
	GoogleURLMap string
	// Line and Col are where the target is in timeline.yaml.
	Line, Col int
}

// CacheRule gives the Cache-Control of the files whose path matches Path.
type CacheRule struct {
	Path  string // a pattern: * within a folder, ** across folders, ? one character
	Value string
}

// DeployKeys are the keys of deploy:, TargetKeys of each target.
var (
	DeployKeys = []string{"targets", "cache_control", "compress", "invalidate_max"}
	TargetKeys = []string{"name", "url", "cdn"}
)

// DefaultInvalidateMax is a CDN's wildcard threshold when deploy: says none.
const DefaultInvalidateMax = 100

// deploySchemes are the bucket URL schemes the deploy command opens.
var deploySchemes = []string{"s3", "gs", "azblob", "file"}

// Target returns the target named name, or the first when name is "".
func (d *Deploy) Target(name string) (Target, bool) {
	for _, t := range d.Targets {
		if name == "" || t.Name == name {
			return t, true
		}
	}
	return Target{}, false
}

// TargetNames lists the targets' names, for suggestions.
func (d *Deploy) TargetNames() []string {
	var names []string
	for _, t := range d.Targets {
		names = append(names, t.Name)
	}
	return names
}

func parseDeploy(n *front.Node, d *Deploy, errf func(*front.Node, string, ...any)) {
	if n.Kind != front.Map {
		errf(n, "deploy: want a mapping such as deploy: {targets: [{name: production, url: \"s3://bucket?region=eu-central-1\"}]}")
		return
	}
	for _, k := range n.Keys {
		switch k.Name {
		case "targets":
			d.Targets = parseTargets(k.Value, errf)
		case "cache_control":
			d.CacheControl = parseCacheRules(k.Value, errf)
		case "compress":
			if v, ok := boolean(k.Value, "deploy: compress", errf); ok {
				d.Compress = v
			}
		case "invalidate_max":
			if v, ok := wholeNumber(k.Value, "deploy: invalidate_max", 1, 3000, errf); ok {
				d.InvalidateMax = v
			}
		default:
			errf(&front.Node{Line: k.Line, Col: k.Col}, "deploy: unknown key %q%s", k.Name, diag.Suggest(k.Name, DeployKeys))
		}
	}
	if len(d.Targets) == 0 && n.Get("targets") == nil {
		errf(n, "deploy: missing targets: write targets: [{name: production, url: \"s3://bucket?region=eu-central-1\"}]")
	}
}

func parseTargets(n *front.Node, errf func(*front.Node, string, ...any)) []Target {
	if n.Kind != front.List || len(n.Items) == 0 {
		errf(n, "deploy: targets: want a list such as - {name: production, url: \"s3://bucket?region=eu-central-1\"}")
		return nil
	}
	var ts []Target
	for _, item := range n.Items {
		if item.Kind != front.Map {
			errf(item, "deploy: targets: each target is {name, url, cdn}")
			continue
		}
		t := Target{Line: item.Line, Col: item.Col}
		ok := true
		for _, k := range item.Keys {
			switch k.Name {
			case "name", "url":
				if k.Value.Kind != front.Scalar || k.Value.Text == "" {
					errf(k.Value, "deploy: targets: %s: want text", k.Name)
					ok = false
				} else if k.Name == "name" {
					t.Name = k.Value.Text
				} else {
					t.URL = k.Value.Text
				}
			case "cdn":
				ok = parseCDN(k.Value, &t, errf) && ok
			default:
				errf(&front.Node{Line: k.Line, Col: k.Col}, "deploy: targets: unknown key %q%s", k.Name, diag.Suggest(k.Name, TargetKeys))
				ok = false
			}
		}
		switch {
		case t.Name == "":
			errf(item, "deploy: targets: a target needs a name, such as name: production")
			ok = false
		case slices.ContainsFunc(ts, func(o Target) bool { return o.Name == t.Name }):
			errf(item, "deploy: targets: %q is listed twice", t.Name)
			ok = false
		}
		if t.URL == "" {
			if item.Get("url") == nil {
				errf(item, "deploy: targets: %s needs a url, such as url: \"s3://bucket?region=eu-central-1\"", t.Name)
			}
			ok = false
		} else if err := checkBucketURL(t.URL); err != nil {
			errf(item.Get("url"), "deploy: targets: url: %v", err)
			ok = false
		}
		if ok {
			ts = append(ts, t)
		}
	}
	return ts
}

// checkBucketURL catches what can be caught before a deploy opens the
// bucket: the scheme, and a file:// folder given relative.
func checkBucketURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if !slices.Contains(deploySchemes, u.Scheme) {
		return fmt.Errorf("want s3://, gs://, azblob:// or file://, got %q", s)
	}
	if u.Scheme == "file" {
		if u.Path == "" || u.Host != "" {
			return fmt.Errorf("a folder is file:///absolute/path (three slashes), got %q", s)
		}
		return nil
	}
	if u.Host == "" {
		return fmt.Errorf("no bucket name in %q: write %s://BUCKET", s, u.Scheme)
	}
	return nil
}

func parseCDN(n *front.Node, t *Target, errf func(*front.Node, string, ...any)) bool {
	const want = "deploy: targets: cdn: want {cloudfront: DISTRIBUTION_ID} or {google_url_map: PROJECT/URL_MAP}"
	if n.Kind != front.Map || len(n.Keys) != 1 || n.Keys[0].Value.Kind != front.Scalar || n.Keys[0].Value.Text == "" {
		errf(n, "%s", want)
		return false
	}
	k := n.Keys[0]
	switch k.Name {
	case "cloudfront":
		t.CloudFront = k.Value.Text
	case "google_url_map":
		if p, m, ok := strings.Cut(k.Value.Text, "/"); !ok || p == "" || m == "" || strings.Contains(m, "/") {
			errf(k.Value, "deploy: targets: cdn: google_url_map: want PROJECT/URL_MAP, got %q", k.Value.Text)
			return false
		}
		t.GoogleURLMap = k.Value.Text
	default:
		errf(&front.Node{Line: k.Line, Col: k.Col}, "%s%s", want, diag.Suggest(k.Name, []string{"cloudfront", "google_url_map"}))
		return false
	}
	return true
}

func parseCacheRules(n *front.Node, errf func(*front.Node, string, ...any)) []CacheRule {
	const want = "deploy: cache_control: want a list such as - {path: \"media/**\", value: \"public, max-age=31536000, immutable\"}"
	if n.Kind != front.List {
		errf(n, "%s", want)
		return nil
	}
	var rules []CacheRule
	for _, item := range n.Items {
		var r CacheRule
		if item.Kind != front.Map {
			errf(item, "%s", want)
			continue
		}
		for _, k := range item.Keys {
			if k.Name != "path" && k.Name != "value" {
				errf(&front.Node{Line: k.Line, Col: k.Col}, "deploy: cache_control: unknown key %q%s", k.Name, diag.Suggest(k.Name, []string{"path", "value"}))
				continue
			}
			if k.Value.Kind != front.Scalar || k.Value.Text == "" {
				errf(k.Value, "deploy: cache_control: %s: want text", k.Name)
				continue
			}
			if k.Name == "path" {
				r.Path = strings.TrimPrefix(k.Value.Text, "/")
			} else {
				r.Value = k.Value.Text
			}
		}
		if r.Path == "" || r.Value == "" {
			errf(item, "%s", want)
			continue
		}
		rules = append(rules, r)
	}
	return rules
}

// MatchPath reports whether a published file's path (such as
// "media/3f2a-960.jpg") matches pattern: * is any run of characters but
// /, ** any run at all, ? one character but /; the rest is itself.
func MatchPath(pattern, path string) bool {
	for len(pattern) > 0 {
		switch {
		case strings.HasPrefix(pattern, "**"):
			rest := strings.TrimLeft(pattern, "*")
			for i := 0; i <= len(path); i++ {
				if MatchPath(rest, path[i:]) {
					return true
				}
			}
			return false
		case pattern[0] == '*':
			for i := 0; i <= len(path); i++ {
				if MatchPath(pattern[1:], path[i:]) {
					return true
				}
				if i < len(path) && path[i] == '/' {
					return false
				}
			}
			return false
		case pattern[0] == '?':
			if path == "" || path[0] == '/' {
				return false
			}
		default:
			if path == "" || path[0] != pattern[0] {
				return false
			}
		}
		pattern, path = pattern[1:], path[1:]
	}
	return path == ""
}
