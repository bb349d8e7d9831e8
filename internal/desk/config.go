package desk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
)

// obj is a mapping of the CMS configuration that keeps its keys in the
// order written, so that the printed configuration reads like the docs.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (o obj) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range o {
		var v yaml.Node
		if err := v.Encode(e.v); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.k}, &v)
	}
	return n, nil
}

// DatePattern is the form of a date the desk's form accepts: the forms
// of docs/format.md; what it lets through that is still no date (such as
// 2025-02-30) is refused by the build with check's message.
const DatePattern = `^\s*[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?[~?%]?\s*$`

// Backend is where the CMS saves: the desk of serve, or a git host.
type Backend struct {
	// Name is "proxy" for serve's desk, or "github", "gitlab", "gitea".
	Name string
	// ProxyURL is the desk's API with this run's token (proxy only).
	ProxyURL string
	// Repo ("owner/name"), Branch and BaseURL (a self-hosted host's API)
	// of a git host.
	Repo, Branch, BaseURL string
}

// Config is the CMS configuration of the site at source.
func Config(source string, b Backend) obj {
	return loadSite(source).config(b)
}

// YAML is the configuration as config.yml.
func YAML(c obj) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func (s siteInfo) config(b Backend) obj {
	local := b.Name == "proxy"
	backend := obj{{"name", b.Name}}
	if local {
		backend = append(backend, kv{"proxy_url", b.ProxyURL})
	} else {
		backend = append(backend, kv{"repo", b.Repo}, kv{"branch", orDefault(b.Branch, "main")})
		if b.BaseURL != "" {
			backend = append(backend, kv{"base_url", b.BaseURL})
		}
	}
	c := obj{{"backend", backend}}
	if !local && b.Name != "gitea" {
		// Draft → in review → ready, each a pull request. Decap has it
		// for GitHub and GitLab only: on Gitea it refuses to start.
		c = append(c, kv{"publish_mode", "editorial_workflow"})
	}
	site := orDefault(strings.TrimSuffix(s.cfg.BaseURL, "/"), "/")
	if local {
		site = "/" // the site serve shows
	}
	c = append(c,
		kv{"site_url", site},
		kv{"display_url", site},
		// Photos live beside their article (docs/media.md): the global
		// library is content/ itself, each collection its entry's folder.
		kv{"media_folder", content.Dir},
		kv{"public_folder", ""},
		kv{"locale", "en"},
		kv{"search", true},
	)
	if s.multilingual() {
		i := obj{{"structure", "multiple_files"}, {"locales", s.languages}, {"default_locale", s.languages[0]}}
		if !local {
			// An original is talks.md, not talks.en.md: Sveltia CMS
			// reads it so; serve's desk names it so for Decap itself.
			i = append(i, kv{"omit_default_locale_from_filename", true})
		}
		c = append(c, kv{"i18n", i})
	}
	var cols []any
	if local {
		// The desk opens on its first collection: the articles changed
		// last, a screen that stays small however large the site.
		recent := s.collection(local, recentCollection, "Recently changed", content.Dir, false, false)
		cols = append(cols, slices.Insert(recent, len(recent)-1, kv{"path", recentPath}))
	}
	for _, y := range s.years {
		cols = append(cols, s.collection(local, "y"+y, y, content.Dir+"/"+y, true, false))
	}
	label := "Articles"
	if len(s.years) > 0 {
		label = "Other articles"
	}
	cols = append(cols, s.collection(local, otherCollection, label, content.Dir, true, false))
	if local {
		cols = append(cols, s.collection(local, allCollection, "All articles", allFolder, false, true))
	}
	return append(c, kv{"collections", cols})
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (s siteInfo) collection(local bool, name, label, folder string, create, hide bool) obj {
	format := "json-frontmatter"
	if !local {
		// On a git host the CMS writes the files itself, as YAML.
		format = "yaml-frontmatter"
	}
	var filters []any
	for _, k := range s.cfg.Kinds {
		filters = append(filters, obj{{"label", k.Label}, {"field", "kind"}, {"pattern", "^" + k.Name + "$"}})
	}
	c := obj{
		{"name", name},
		{"label", label},
		{"label_singular", "Article"},
		{"folder", folder},
		{"create", create},
		{"extension", "md"},
		{"format", format},
		{"slug", "{{slug}}"},
		{"summary", "{{date}} · {{title}}"},
		{"sortable_fields", []string{"date", "title", "kind"}},
		{"view_filters", filters},
		{"view_groups", []any{obj{{"label", "Month"}, {"field", "date"}, {"pattern", `^[0-9]{4}-[0-9]{2}`}}}},
		{"media_folder", ""},
		{"public_folder", ""},
	}
	if hide {
		c = append(c, kv{"hide", true})
	}
	if s.multilingual() {
		c = append(c, kv{"i18n", true})
	}
	return append(c, kv{"fields", s.articleFields(local)})
}

// field is one field of the form; i18n says what a translation does with
// it: "translate", "duplicate" (the id of an event), or false (a fact,
// which comes from the original only: SPEC §8).
func field(name, label, widget string, required bool, hint string, more ...kv) obj {
	f := obj{{"name", name}, {"label", label}, {"widget", widget}, {"required", required}}
	if hint != "" {
		f = append(f, kv{"hint", hint})
	}
	return append(f, more...)
}

func i18n(v any) kv { return kv{"i18n", v} }

func dateField(name, label string, required bool, hint string) obj {
	return field(name, label, "string", required, hint,
		kv{"pattern", []string{DatePattern, "Not a date: " + date.Forms}}, i18n(false))
}

func selectField(name, label string, required bool, hint string, options []any, more ...kv) obj {
	return field(name, label, "select", required, hint, append([]kv{{"options", options}}, more...)...)
}

func words(ws ...string) []any {
	out := make([]any, len(ws))
	for i, w := range ws {
		out[i] = w
	}
	return out
}

// names is a list of names that offers the site's names as the editor
// types (the desk's "names" widget), or a plain list on a git host.
func names(local bool, name, label, set, hint string) obj {
	if local {
		return field(name, label, "names", false, hint, kv{"names", set}, i18n(false))
	}
	return field(name, label, "list", false, hint, i18n(false))
}

func (s siteInfo) kindOptions() []any {
	var out []any
	for _, k := range s.cfg.Kinds {
		out = append(out, obj{{"label", k.Label}, {"value", k.Name}})
	}
	return out
}

const figureHint = `as reported: a number (3), "at least 9", a range "10–20", or a best estimate in a range "14 (10–20)"; 0 means none reported, empty means not known`

func (s siteInfo) location(local bool) obj {
	place := field("name", "Place", "string", false, "")
	country := field("country", "Country", "string", false, "")
	if local {
		place = field("name", "Place", "names", false, "", kv{"names", "places"}, kv{"single", true})
		country = field("country", "Country", "names", false, "", kv{"names", "countries"}, kv{"single", true})
	}
	point := []any{
		field("lat", "Latitude", "number", false, "−90 to 90, such as 50.4501", kv{"value_type", "float"}, kv{"min", -90}, kv{"max", 90}),
		field("lon", "Longitude", "number", false, "−180 to 180, such as 30.5234", kv{"value_type", "float"}, kv{"min", -180}, kv{"max", 180}),
	}
	if local {
		// serve's desk shows the point on the world map of the site's
		// basemap; the desk writes it as lat and lon.
		point = []any{field(pointKey, "Point", "point", false, "click the map, or type the latitude (−90 to 90) and longitude (−180 to 180)")}
	}
	fields := append([]any{place, country}, point...)
	fields = append(fields, selectField("precision", "Precision", false, "how closely the point is known; empty is exact", words(content.PlacePrecisions...)))
	return field("location", "Location", "object", false, "each named place gets a page; with a point, the entry is on the map", kv{"collapsed", false}, kv{"fields", fields}, i18n(false))
}

func (s siteInfo) casualties(local bool) obj {
	figure := func(name, label string) obj {
		if local {
			return field(name, label, "string", false, figureHint,
				kv{"pattern", []string{`^\s*([0-9][0-9,]*|(at least|more than|over)\s*[0-9][0-9,]*|[0-9][0-9,]*\+|[0-9][0-9,]*\s*(-|–|to)\s*[0-9][0-9,]*|[0-9][0-9,]*\s*\(\s*([0-9][0-9,]*\s*(-|–|to)\s*[0-9][0-9,]*|at least\s*[0-9][0-9,]*)\s*\))\s*$`, "write a number (3), at least 9, a range 10–20 or a best estimate 14 (10–20)"}})
		}
		return field(name, label, "number", false, "a whole number as reported; write ranges in the file", kv{"value_type", "int"}, kv{"min", 0})
	}
	return field("casualties", "Casualties", "object", false, "", kv{"fields", []any{figure("killed", "Killed"), figure("injured", "Injured")}}, i18n(false))
}

func (s siteInfo) sources() obj {
	return field("sources", "Sources", "list", false, "where it was reported; at least a title, publisher or address each", kv{"summary", "{{fields.publisher}}: {{fields.title}}"}, i18n(false), kv{"fields", []any{
		field("title", "Title", "string", false, ""),
		field("publisher", "Publisher", "string", false, ""),
		field("url", "Link", "string", false, "http or https", kv{"pattern", []string{`^https?://\S+$`, "an address starting with http:// or https://"}}),
		dateField("date", "Published", false, ""),
		field("archive_url", "Archived copy", "string", false, "its link, http or https", kv{"pattern", []string{`^https?://\S+$`, "an address starting with http:// or https://"}}),
		dateField("archived", "Archived on", false, ""),
		selectField("url_status", "Address status", false, "", words(content.URLStatuses...)),
		field("quote", "Quote", "text", false, "the words the entry rests on"),
		selectField("type", "Type", false, "", words(content.SourceTypes...)),
	}})
}

func (s siteInfo) evidence(local bool) []any {
	return []any{
		names(local, "attributed_to", "Attributed to", "actors", "whose claim it is"),
		dateField("updated", "Updated", false, "when the entry last changed in substance"),
		field("corrections", "Corrections", "list", false, "", i18n(false), kv{"fields", []any{
			dateField("date", "Date", true, ""),
			field("text", "Correction", "text", true, ""),
		}}),
		field("withdrawn", "Withdrawn", "object", false, "if the entry no longer stands", kv{"collapsed", true}, i18n(false), kv{"fields", []any{
			dateField("date", "Date", false, ""),
			field("reason", "Reason", "text", false, ""),
		}}),
	}
}

func (s siteInfo) media() obj {
	return field("media", "Photos and videos", "list", false, "a photo beside the article, or a video on YouTube, Vimeo, Telegram or X", i18n(false), kv{"summary", "{{fields.file}}{{fields.url}}"}, kv{"fields", []any{
		field("file", "Photo", "image", false, "", kv{"choose_url", false}),
		field("url", "Video address", "string", false, "", kv{"pattern", []string{`^https?://\S+$`, "an address starting with http:// or https://"}}),
		field("poster", "Video poster", "image", false, "", kv{"choose_url", false}),
		field("alt", "Description (alt text)", "text", false, "what the photo shows, for readers who cannot see it"),
		field("decorative", "Decorative", "boolean", false, ""),
		field("caption", "Caption", "text", false, ""),
		field("credit", "Credit", "string", false, ""),
		field("license", "Licence", "string", false, ""),
		field("sensitive", "Sensitive", "boolean", false, "blurred until the reader chooses to see it"),
	}})
}

func (s siteInfo) facts(local bool, event bool) []any {
	required := !event
	fs := []any{
		dateField("date", "Date", required, "at the precision known: 2025, 2025-03 or 2025-03-11; add ~ (about), ? (uncertain) or % (both)"),
		dateField("end", "End", false, "for a span: when it ended, in the same forms"),
		selectField("kind", "Kind", required, "", s.kindOptions(), i18n(false)),
		field("summary", "Summary", "text", false, "one sentence; default: the first paragraph", i18n(true)),
		names(local, "actors", "Actors", "actors", "the parties involved; each gets a page"),
		s.location(local),
		s.casualties(local),
		selectField("status", "Status", false, "empty is reported", words(content.Statuses...), i18n(false)),
	}
	if !event {
		fs = append(fs, names(local, "tags", "Tags", "tags", ""))
		if local {
			fs = append(fs, field("related", "Related entries", "relation", false, "shown on both entries", kv{"collection", allCollection},
				kv{"value_field", slugKey}, kv{"search_fields", []string{"title", slugKey}}, kv{"display_fields", []string{"title", "date"}}, kv{"multiple", true}, i18n(false)))
		} else {
			fs = append(fs, field("related", "Related entries", "list", false, "slugs of other entries", i18n(false)))
		}
	}
	fs = append(fs, s.sources(), s.media())
	return append(fs, s.evidence(local)...)
}

func (s siteInfo) articleFields(local bool) []any {
	fs := []any{
		field("title", "Title", "string", true, "the headline", i18n(true)),
		field("slug", "Page address", "string", false, "the page's address, /events/<this>/; default: the file name", kv{"pattern", []string{`^[a-z0-9-]+$`, "a-z, 0-9 and - only"}}, i18n(false)),
	}
	if local {
		fs = append(fs, field(slugKey, "Slug", "hidden", false, "", i18n(false)))
	}
	fs = append(fs, s.facts(local, false)...)
	event := []any{
		field("id", "Id", "string", true, "the event's slug, unique across the site", kv{"pattern", []string{`^[a-z0-9-]+$`, "a-z, 0-9 and - only"}}, i18n("duplicate")),
		field("title", "Title", "string", true, "", i18n(true)),
	}
	event = append(event, s.facts(local, true)...)
	fs = append(fs,
		field("draft", "Draft", "boolean", false, "left out of the site until it is ready", kv{"default", false}, i18n(false)),
		field("events", "Further events", "list", false, "events the article also reports: each is its own entry on the timeline", i18n(true), kv{"summary", "{{fields.date}} · {{fields.title}}"}, kv{"fields", event}),
	)
	if s.multilingual() {
		fs = append(fs, field("translator", "Translator", "string", false, "who translated this (translations only)", i18n(true)))
	}
	return append(fs, field("body", "Article", "markdown", false, "Markdown; link other entries with [[their-slug]]", kv{"modes", []string{"raw"}}, i18n(true)))
}

// ConfigJSON is the configuration as JSON, for the desk's page.
func ConfigJSON(c obj) ([]byte, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("desk configuration: %w", err)
	}
	return b, nil
}
