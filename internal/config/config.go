// Package config reads timeline.yaml, the site configuration. Every key has
// a default, so a site without the file builds.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/slug"
)

// FileName is the configuration file at the site's root.
const FileName = "timeline.yaml"

// Kind is a class of event, such as diplomatic or military.
type Kind struct {
	Name  string // the value editors write in `kind:`
	Label string // shown to readers
	Color string // #rrggbb
}

// Config is a site's configuration.
type Config struct {
	Title       string
	Description string
	// BaseURL always ends in "/"; its path is the site's sub-path.
	BaseURL string
	// Language is the default language's code: Languages[0].Code.
	Language string
	// Languages are the languages the site is published in, the default
	// first; a site with `language:` alone has that one.
	Languages   []Language
	Descending  bool // order: descending shows newest first
	Kinds       []Kind
	FeedEntries int
	UnsafeHTML  bool
	// Paginate is how many entries a listing page shows at most; longer
	// listings continue on /page/2/ and so on.
	Paginate int
	// RoundCoordinates is set by publish_coordinates: every published
	// coordinate is rounded to CoordinateDecimals (0 to 6), so that no
	// page or data file says where a source was more closely than that.
	RoundCoordinates   bool
	CoordinateDecimals int
	Media              Media
	Cards              Cards
	Desk               Desk

	// Deploy is where `timelinegen deploy` publishes the site.
	Deploy Deploy
}

// Default is the configuration of a site with no timeline.yaml.
func Default() Config {
	return Config{
		Title:     "Timeline",
		BaseURL:   "/",
		Language:  "en",
		Languages: []Language{{Code: "en", Label: "English"}},
		Kinds: []Kind{
			{"diplomatic", "Diplomatic", "#1d4ed8"},
			{"military", "Military", "#b91c1c"},
			{"political", "Political", "#7e22ce"},
			{"humanitarian", "Humanitarian", "#047857"},
			{"economic", "Economic", "#b45309"},
		},
		FeedEntries: 50,
		Paginate:    100,
		Media:       DefaultMedia(),
		Deploy:      Deploy{InvalidateMax: DefaultInvalidateMax},
	}
}

// Keys are the keys timeline.yaml may hold.
var Keys = []string{"title", "description", "base_url", "language", "languages", "order", "kinds", "feed_entries", "unsafe_html", "paginate", "publish_coordinates", "media", "cards", "desk", "deploy"}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Kind returns the kind named name.
func (c *Config) Kind(name string) (Kind, bool) {
	for _, k := range c.Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// KindNames lists the kinds' names, for suggestions.
func (c *Config) KindNames() []string {
	names := make([]string, len(c.Kinds))
	for i, k := range c.Kinds {
		names[i] = k.Name
	}
	return names
}

// BasePath is the path part of BaseURL, "/" or "/timeline/".
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// IsAbsolute reports whether BaseURL is a whole address (scheme and host),
// which feeds, the sitemap and canonical links need.
func (c *Config) IsAbsolute() bool {
	u, err := url.Parse(c.BaseURL)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// IsRelative reports whether the site has no address at all (base_url
// "/", the default): its pages then link to each other and to their assets
// by relative URLs, so that the built folder works wherever it is put,
// under any sub-path and from file://.
func (c *Config) IsRelative() bool { return c.BaseURL == "/" }

// ParseBaseURL checks a base URL, from timeline.yaml or --base-url, and
// gives it with a trailing slash. A path alone ("/timeline/") is allowed.
// The address is given as browsers write a page's origin (scheme and host
// in lower case, no default port), since the embed snippet compares it
// with the origin of the messages it gets.
func ParseBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", err
	case strings.HasPrefix(s, "//"):
		// A browser takes //host/ as another host: the pages' scripts
		// would come from there.
		return "", fmt.Errorf("%q names a host without a scheme: write https://%s, or a path alone with one /", s, strings.TrimLeft(s, "/"))
	case strings.HasPrefix(s, "/"):
	case u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "":
		return "", fmt.Errorf("want an http(s) address such as https://example.org/timeline/, got %q", s)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "", errors.New("must not have a query or fragment")
	}
	// u.Path is decoded: %2e%2e is caught as "..".
	for seg := range strings.SplitSeq(u.Path, "/") {
		if seg == "." || seg == ".." {
			return "", fmt.Errorf("%q has a dot segment (%q, or %%2e written for a dot): the site's pages and scripts would be addressed outside its path; write the path as it is, such as https://example.org/timeline/", s, seg)
		}
	}
	if u.Host != "" {
		host, port := strings.ToLower(u.Hostname()), u.Port()
		if strings.Contains(host, ":") {
			host = "[" + host + "]" // IPv6
		}
		if port != "" && !(u.Scheme == "https" && port == "443" || u.Scheme == "http" && port == "80") {
			host += ":" + port
		}
		u.Host = host
		s = u.String()
	}
	return strings.TrimSuffix(s, "/") + "/", nil
}

// Parse reads timeline.yaml's text; bad values are reported in ds under
// path and the defaults kept.
func Parse(path string, src []byte, ds *diag.List) Config {
	c := Default()
	root, err := front.DecodeYAML(src)
	if err != nil {
		var fe *front.Error
		if errors.As(err, &fe) {
			ds.Errorf(path, fe.Line, fe.Col, "%s", fe.Message)
		} else {
			ds.Errorf(path, 1, 1, "%v", err)
		}
		return c
	}
	errf := func(n *front.Node, format string, args ...any) {
		ds.Errorf(path, n.Line, n.Col, format, args...)
	}
	str := func(k front.Key) (string, bool) {
		if k.Value.Kind != front.Scalar {
			errf(k.Value, "%s: want text, got %s", k.Name, k.Value.Kind)
			return "", false
		}
		return k.Value.Text, true
	}
	var langKey, langsKey *front.Key
	for i, k := range root.Keys {
		switch k.Name {
		case "languages":
			langsKey = &root.Keys[i]
			if langs, ok := parseLanguages(k.Value, errf); ok {
				c.Languages = langs
			}
		case "title", "description", "language":
			if k.Name == "language" {
				langKey = &root.Keys[i]
			}
			if s, ok := str(k); ok {
				switch k.Name {
				case "title":
					c.Title = s
				case "description":
					c.Description = s
				case "language":
					if err := CheckLanguageCode(s); err != nil {
						errf(k.Value, "language: %v", err)
					} else {
						c.Language = s
					}
				}
			}
		case "base_url":
			s, ok := str(k)
			if !ok {
				continue
			}
			if base, err := ParseBaseURL(s); err != nil {
				errf(k.Value, "base_url: %v", err)
			} else {
				c.BaseURL = base
			}
		case "order":
			if s, ok := str(k); ok {
				switch s {
				case "ascending":
					c.Descending = false
				case "descending":
					c.Descending = true
				default:
					errf(k.Value, "order: want ascending or descending, got %q%s", s, diag.Suggest(s, []string{"ascending", "descending"}))
				}
			}
		case "feed_entries", "paginate":
			s, ok := str(k)
			if !ok {
				continue
			}
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 100000 {
				errf(k.Value, "%s: want a whole number from 1 to 100000, got %q", k.Name, s)
				continue
			}
			if k.Name == "feed_entries" {
				c.FeedEntries = n
			} else {
				c.Paginate = n
			}
		case "unsafe_html":
			s, ok := str(k)
			if !ok {
				continue
			}
			b, err := strconv.ParseBool(s)
			if err != nil {
				errf(k.Value, "unsafe_html: want true or false, got %q", s)
				continue
			}
			c.UnsafeHTML = b
		case "publish_coordinates":
			parsePublishCoordinates(&c, k.Value, errf, ds, path)
		case "media":
			parseMedia(k.Value, &c.Media, errf)
		case "cards":
			parseCards(k.Value, &c.Cards, errf)
		case "desk":
			parseDesk(k.Value, &c.Desk, errf)
		case "deploy":
			parseDeploy(k.Value, &c.Deploy, errf)
		case "kinds":
			if kinds, ok := parseKinds(k.Value, errf); ok {
				c.Kinds = kinds
			}
		default:
			ds.Errorf(path, k.Line, k.Col, "unknown key %q%s", k.Name, diag.Suggest(k.Name, Keys))
		}
	}
	if langKey != nil && langsKey != nil {
		ds.Errorf(path, langKey.Line, langKey.Col, "language and languages are both set: keep languages (its first is the default language) and remove language")
	}
	if langsKey != nil {
		c.Language = c.Languages[0].Code
	} else {
		c.Languages = []Language{{Code: c.Language, Label: LanguageLabel(c.Language)}}
	}
	return c
}

func parseKinds(n *front.Node, errf func(*front.Node, string, ...any)) ([]Kind, bool) {
	if n.Kind != front.List || len(n.Items) == 0 {
		errf(n, "kinds: want a list such as - {name: military, label: Military, color: \"#b91c1c\"}")
		return nil, false
	}
	var kinds []Kind
	ok := true
	seen := map[string]bool{}
	for _, item := range n.Items {
		if item.Kind != front.Map {
			errf(item, "kinds: each kind is {name, label, color}")
			ok = false
			continue
		}
		var kd Kind
		for _, k := range item.Keys {
			if k.Value.Kind != front.Scalar {
				errf(k.Value, "kinds: %s: want text", k.Name)
				ok = false
				continue
			}
			switch k.Name {
			case "name":
				kd.Name = k.Value.Text
			case "label":
				kd.Label = k.Value.Text
			case "color":
				kd.Color = k.Value.Text
				if !colorRE.MatchString(kd.Color) {
					errf(k.Value, "kinds: color: want #rrggbb, got %q", kd.Color)
					ok = false
				}
			default:
				errf(&front.Node{Line: k.Line, Col: k.Col}, "kinds: unknown key %q%s", k.Name, diag.Suggest(k.Name, []string{"name", "label", "color"}))
				ok = false
			}
		}
		switch {
		case kd.Name == "":
			errf(item, "kinds: a kind needs a name")
			ok = false
			continue
		case !slug.Valid(kd.Name):
			errf(item, "kinds: name %q: use lowercase a-z, 0-9 and -, such as %q", kd.Name, slug.Make(kd.Name))
			ok = false
		case seen[kd.Name]:
			errf(item, "kinds: %q is listed twice", kd.Name)
			ok = false
		}
		seen[kd.Name] = true
		if kd.Label == "" {
			kd.Label = strings.ToUpper(kd.Name[:1]) + kd.Name[1:]
		}
		if kd.Color == "" {
			kd.Color = "#4b5563"
		}
		kinds = append(kinds, kd)
	}
	return kinds, ok
}

func (k Kind) String() string { return fmt.Sprintf("%s (%s)", k.Name, k.Label) }

// parsePublishCoordinates reads publish_coordinates: {decimals: N}.
func parsePublishCoordinates(c *Config, n *front.Node, errf func(*front.Node, string, ...any), ds *diag.List, path string) {
	if n.Kind != front.Map {
		errf(n, "publish_coordinates: want {decimals: N}, N from 0 to 6, such as {decimals: 2} (about 1 km)")
		return
	}
	for _, k := range n.Keys {
		if k.Name != "decimals" {
			ds.Errorf(path, k.Line, k.Col, "publish_coordinates: unknown key %q%s", k.Name, diag.Suggest(k.Name, []string{"decimals"}))
			continue
		}
		v := k.Value
		d, err := strconv.Atoi(strings.TrimSpace(v.Text))
		if v.Kind != front.Scalar || err != nil || d < 0 || d > 6 {
			errf(v, "publish_coordinates: decimals: want a whole number from 0 to 6, got %q", v.Text)
			continue
		}
		c.RoundCoordinates, c.CoordinateDecimals = true, d
	}
	if n.Get("decimals") == nil {
		errf(n, "publish_coordinates: missing decimals: write {decimals: 2} (about 1 km) or another number from 0 to 6")
	}
}
