package benchsite

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func TestDeterministic(t *testing.T) {
	opts := Options{Articles: 300, Words: 200, Seed: 7}
	a, b := Files(opts), Files(opts)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("Files gave different sites for the same options")
	}
	if len(a) != opts.Articles+1 {
		t.Fatalf("got %d files, want %d", len(a), opts.Articles+1)
	}
	c := Files(Options{Articles: 300, Words: 200, Seed: 8})
	if maps.EqualFunc(a, c, bytes.Equal) {
		t.Fatal("a different seed gave the same site")
	}
}

func TestDefaults(t *testing.T) {
	o := Options{}.withDefaults()
	if o.Articles != 10000 || o.Words != 600 || o.Seed != 1 {
		t.Fatalf("defaults: %+v", o)
	}
}

func TestWriteMatchesFiles(t *testing.T) {
	opts := Options{Articles: 120, Words: 150, Seed: 3}
	want := Files(opts)
	dir := t.TempDir()
	if err := Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatalf("Write wrote %d files that differ from Files' %d", len(got), len(want))
	}
}

// splitFrontmatter returns the YAML between the --- lines and the body.
func splitFrontmatter(t *testing.T, name string, data []byte) (fm, body []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("---\n")) {
		t.Fatalf("%s: does not start with ---", name)
	}
	rest := data[4:]
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		t.Fatalf("%s: no closing --- line", name)
	}
	return rest[:i+1], rest[i+5:]
}

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	wikiLinkRE = regexp.MustCompile(`\[\[([^\]|]+)(?:\|[^\]]+)?\]\]`)
	dateRE     = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?)?)?$`)
)

// dateString turns a YAML-decoded date back into its text form.
func dateString(t *testing.T, name string, v any) string {
	t.Helper()
	switch d := v.(type) {
	case string:
		return d
	case int:
		return time.Date(d, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")
	case time.Time:
		if d.Hour() == 0 && d.Minute() == 0 && d.Location() == time.UTC {
			return d.Format("2006-01-02")
		}
		return d.Format(time.RFC3339)
	}
	t.Fatalf("%s: date %v has type %T", name, v, v)
	return ""
}

type parsed struct {
	name, slug string
	fm         map[string]any
	body       []byte
	events     map[string]bool
}

func parseSite(t *testing.T, files map[string][]byte) map[string]*parsed {
	t.Helper()
	arts := map[string]*parsed{}
	for name, data := range files {
		if name == ConfigPath {
			continue
		}
		dir, file := path.Split(name)
		if !strings.HasPrefix(dir, "content/") || !strings.HasSuffix(file, ".md") {
			t.Fatalf("unexpected file %s", name)
		}
		fmText, body := splitFrontmatter(t, name, data)
		var fm map[string]any
		if err := yaml.Unmarshal(fmText, &fm); err != nil {
			t.Fatalf("%s: frontmatter is not YAML: %v\n%s", name, err, fmText)
		}
		slug := strings.TrimSuffix(file, ".md")
		if !slugRE.MatchString(slug) {
			t.Errorf("%s: bad slug %q", name, slug)
		}
		if arts[slug] != nil {
			t.Errorf("duplicate slug %s", slug)
		}
		p := &parsed{name: name, slug: slug, fm: fm, body: body, events: map[string]bool{}}
		if evs, ok := fm["events"].([]any); ok {
			for _, e := range evs {
				id, _ := e.(map[string]any)["id"].(string)
				p.events[id] = true
			}
		}
		arts[slug] = p
	}
	return arts
}

var allowedKeys = map[string]bool{
	"title": true, "date": true, "end": true, "kind": true, "summary": true, "actors": true,
	"location": true, "casualties": true, "status": true, "tags": true, "related": true,
	"sources": true, "events": true,
	"attributed_to": true, "updated": true, "corrections": true, "withdrawn": true,
}

var eventKeys = map[string]bool{
	"id": true, "title": true, "date": true, "end": true, "kind": true, "summary": true,
	"actors": true, "location": true, "casualties": true, "status": true,
}

func checkLocation(t *testing.T, name string, v any) {
	t.Helper()
	loc, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: location %v", name, v)
	}
	if s, _ := loc["name"].(string); s == "" {
		t.Errorf("%s: location without name", name)
	}
	lat, ok1 := loc["lat"].(float64)
	lon, ok2 := loc["lon"].(float64)
	if !ok1 || !ok2 || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		t.Errorf("%s: bad coordinates %v", name, loc)
	}
}

func checkCasualties(t *testing.T, name string, v any) {
	t.Helper()
	c, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: casualties %v", name, v)
	}
	for _, k := range []string{"killed", "injured"} {
		if n, ok := c[k].(int); !ok || n < 0 {
			t.Errorf("%s: casualties.%s = %v", name, k, c[k])
		}
	}
}

func TestSmallSite(t *testing.T) {
	files := Files(Options{Articles: 50, Words: 300, Seed: 1})
	if len(files) != 51 {
		t.Fatalf("got %d files", len(files))
	}
	arts := parseSite(t, files)

	ids := map[string]bool{}
	for _, p := range arts {
		for id := range p.events {
			if !slugRE.MatchString(id) || ids[id] || arts[id] != nil {
				t.Errorf("%s: event id %q is bad or not unique", p.name, id)
			}
			ids[id] = true
		}
	}

	kindNames := map[string]bool{}
	for _, k := range kinds {
		kindNames[k.name] = true
	}
	for _, p := range arts {
		fm := p.fm
		for k := range fm {
			if !allowedKeys[k] {
				t.Errorf("%s: unknown key %s", p.name, k)
			}
		}
		for _, k := range []string{"title", "date", "kind", "actors", "status", "sources"} {
			if _, ok := fm[k]; !ok {
				t.Errorf("%s: missing %s", p.name, k)
			}
		}
		if s, _ := fm["title"].(string); s == "" {
			t.Errorf("%s: title %v", p.name, fm["title"])
		}
		date := dateString(t, p.name, fm["date"])
		if !dateRE.MatchString(date) {
			t.Errorf("%s: bad date %q", p.name, date)
		}
		if !strings.HasPrefix(p.name, "content/"+date[:4]+"/") {
			t.Errorf("%s: not in its year's folder (date %s)", p.name, date)
		}
		if !kindNames[fm["kind"].(string)] {
			t.Errorf("%s: kind %v", p.name, fm["kind"])
		}
		switch fm["status"] {
		case "confirmed", "reported", "disputed":
		default:
			t.Errorf("%s: status %v", p.name, fm["status"])
		}
		if a, ok := fm["actors"].([]any); !ok || len(a) < 1 || len(a) > 3 {
			t.Errorf("%s: actors %v", p.name, fm["actors"])
		}
		if tg, ok := fm["tags"].([]any); ok && (len(tg) < 1 || len(tg) > 4) {
			t.Errorf("%s: tags %v", p.name, tg)
		}
		if v, ok := fm["location"]; ok {
			checkLocation(t, p.name, v)
		}
		if v, ok := fm["casualties"]; ok {
			checkCasualties(t, p.name, v)
		}
		srcs, _ := fm["sources"].([]any)
		if len(srcs) < 1 || len(srcs) > 4 { // 1–3, and now and then an archived one
			t.Errorf("%s: %d sources", p.name, len(srcs))
		}
		for _, s := range srcs {
			m := s.(map[string]any)
			for _, k := range []string{"title", "publisher", "url", "date"} {
				if m[k] == nil {
					t.Errorf("%s: source without %s", p.name, k)
				}
			}
			if u, _ := m["url"].(string); !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: source url %v", p.name, m["url"])
			}
		}
		if evs, ok := fm["events"].([]any); ok {
			if len(evs) < 1 || len(evs) > 3 {
				t.Errorf("%s: %d events", p.name, len(evs))
			}
			for _, e := range evs {
				m := e.(map[string]any)
				for k := range m {
					if !eventKeys[k] {
						t.Errorf("%s: unknown event key %s", p.name, k)
					}
				}
				for _, k := range []string{"id", "title", "date", "kind", "actors"} {
					if m[k] == nil {
						t.Errorf("%s: event without %s", p.name, k)
					}
				}
				if d := dateString(t, p.name, m["date"]); !dateRE.MatchString(d) {
					t.Errorf("%s: bad event date %q", p.name, d)
				}
				if v, ok := m["location"]; ok {
					checkLocation(t, p.name, v)
				}
				if v, ok := m["casualties"]; ok {
					checkCasualties(t, p.name, v)
				}
			}
		}

		// Every related entry and wiki-link resolves.
		rel, _ := fm["related"].([]any)
		if len(rel) > 3 {
			t.Errorf("%s: %d related", p.name, len(rel))
		}
		for _, x := range rel {
			ref := x.(string)
			slug, id, hasID := strings.Cut(ref, "#")
			target := arts[slug]
			switch {
			case target == nil:
				t.Errorf("%s: related %q does not exist", p.name, ref)
			case slug == p.slug:
				t.Errorf("%s: related to itself", p.name)
			case hasID && !target.events[id]:
				t.Errorf("%s: related %q: no such event", p.name, ref)
			}
		}
		for _, m := range wikiLinkRE.FindAllSubmatch(p.body, -1) {
			ref := string(m[1])
			slug, id, hasID := strings.Cut(ref, "#")
			target := arts[slug]
			if slug == "" {
				target = p
			}
			if target == nil || (hasID && !target.events[id]) {
				t.Errorf("%s: wiki-link %s does not resolve", p.name, m[0])
			}
		}
		if bytes.Contains(p.body, []byte("[^1]")) != bytes.Contains(p.body, []byte("\n[^1]: ")) {
			t.Errorf("%s: footnote reference without definition or vice versa", p.name)
		}
		if !bytes.HasSuffix(p.body, []byte(".\n")) || bytes.HasSuffix(p.body, []byte("\n\n")) {
			t.Errorf("%s: body does not end with one newline", p.name)
		}
	}
}

func TestConfig(t *testing.T) {
	var cfg struct {
		Title   string `yaml:"title"`
		BaseURL string `yaml:"base_url"`
		Kinds   []struct {
			Name, Label, Color string
		} `yaml:"kinds"`
	}
	if err := yaml.Unmarshal(Files(Options{Articles: 1})[ConfigPath], &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Title == "" || cfg.BaseURL != "https://example.org/" {
		t.Errorf("config: %+v", cfg)
	}
	want := map[string]string{
		"diplomatic": "#1d4ed8", "military": "#b91c1c", "political": "#7e22ce",
		"humanitarian": "#047857", "economic": "#b45309",
	}
	if len(cfg.Kinds) != len(want) {
		t.Fatalf("kinds: %+v", cfg.Kinds)
	}
	for _, k := range cfg.Kinds {
		if want[k.Name] != k.Color || k.Label == "" {
			t.Errorf("kind %+v", k)
		}
	}
}

// TestSingleArticle: a one-article site has nothing to link to and must not
// panic or link to itself.
func TestSingleArticle(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		files := Files(Options{Articles: 1, Words: 50, Seed: seed})
		for _, p := range parseSite(t, files) {
			if p.fm["related"] != nil {
				t.Errorf("seed %d: related on a one-article site", seed)
			}
		}
	}
}

// TestProportions checks the mix on a medium site, loosely.
func TestProportions(t *testing.T) {
	const n = 3000
	files := Files(Options{Articles: n, Words: 400, Seed: 11})
	var day, month, year, rfc, loc, evs, cas, words, eventRel, related int
	for name, data := range files {
		if name == ConfigPath {
			continue
		}
		fm, body := splitFrontmatter(t, name, data)
		for _, line := range strings.Split(string(fm), "\n") {
			switch {
			case strings.HasPrefix(line, "date: "):
				switch d := line[6:]; {
				case len(d) == 4:
					year++
				case len(d) == 7:
					month++
				case len(d) == 10:
					day++
				default:
					rfc++
				}
			case strings.HasPrefix(line, "location: "):
				loc++
			case line == "events:":
				evs++
			case strings.HasPrefix(line, "casualties: "):
				cas++
			case strings.HasPrefix(line, "related: "):
				related += strings.Count(line, ",") + 1
				eventRel += strings.Count(line, "#")
			}
		}
		words += len(strings.Fields(string(body)))
	}
	pct := func(x int) float64 { return 100 * float64(x) / n }
	check := func(what string, got, lo, hi float64) {
		if got < lo || got > hi {
			t.Errorf("%s: %.1f, want %v..%v", what, got, lo, hi)
		}
	}
	check("day dates %", pct(day), 76, 84)
	check("month dates %", pct(month), 7, 13)
	check("year dates %", pct(year), 3, 7)
	check("RFC 3339 dates %", pct(rfc), 3, 7)
	check("located %", pct(loc), 81, 89)
	check("with events %", pct(evs), 12, 18)
	check("with casualties %", pct(cas), 16, 24)
	check("words per body", float64(words)/n, 360, 480)
	check("event-related %", 100*float64(eventRel)/float64(related), 6, 14)
}

func BenchmarkFiles(b *testing.B) {
	var size int
	for b.Loop() {
		size = 0
		for _, data := range Files(Options{}) {
			size += len(data)
		}
	}
	b.ReportMetric(float64(size), "site-bytes")
}

// TestPools: every place and actor pool the templates draw from is filled,
// and every place key gives a slug.
func TestPools(t *testing.T) {
	for name, pool := range map[string][]int{
		"frontline": frontline, "venues": venues, "ports": ports, "landmarks": landmarks,
		"places": allPlaces, "belligerents": belligerents, "states": states,
	} {
		if len(pool) < 5 {
			t.Errorf("pool %s has %d entries", name, len(pool))
		}
	}
	if len(ports) != len(portNames) || len(landmarks) != len(landmarkNames) ||
		len(states) != len(stateNames) || len(belligerents) != len(belligerentNames) {
		t.Error("a name in a role list matches no place or actor")
	}
	for i := range places {
		if s := slugify(placeKey(i), 60); !slugRE.MatchString(s) {
			t.Errorf("place %q: slug %q", places[i].name, s)
		}
	}
	for i := range actors {
		if s := slugify(actorKey(i), 60); !slugRE.MatchString(s) {
			t.Errorf("actor %q: slug %q", actors[i].name, s)
		}
	}
}

// TestParallelismIndependent: the parallel renderer gives the same bytes on
// one thread as on many.
func TestParallelismIndependent(t *testing.T) {
	opts := Options{Articles: 500, Words: 100, Seed: 5}
	many := Files(opts)
	prev := runtime.GOMAXPROCS(1)
	one := Files(opts)
	runtime.GOMAXPROCS(prev)
	if !maps.EqualFunc(many, one, bytes.Equal) {
		t.Fatal("output depends on GOMAXPROCS")
	}
}

// TestBodiesStartWithParagraph: the first block of every body is a plain
// paragraph (the default summary), never a heading, list, table or quote.
func TestBodiesStartWithParagraph(t *testing.T) {
	files := Files(Options{Articles: 400, Words: 80, Seed: 9})
	for name, data := range files {
		if name == ConfigPath {
			continue
		}
		_, body := splitFrontmatter(t, name, data)
		if len(body) == 0 || strings.ContainsRune("#-|>[\n", rune(body[0])) {
			t.Errorf("%s: body starts with %.20q", name, body)
		}
	}
}
