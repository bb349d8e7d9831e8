// Package benchsite generates a deterministic synthetic timeline site for
// benchmarks and tests: a timeline.yaml and one Markdown article per entry
// under content/<year>/, in the article format of docs/format.md.
//
// The same Options always give byte-identical files. The content looks like
// a real conflict timeline (mixed date precisions, Cyrillic names, events,
// casualties, sources, related entries, wiki-links, footnotes) and every
// cross-reference points at something that exists, so the site builds
// cleanly and exercises every part of the pipeline.
package benchsite

import (
	"bytes"
	"fmt"
	"github.com/timelinegen/timelinegen/internal/content"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Options controls the size and shape of the generated site.
type Options struct {
	Articles int   // number of articles (default 10000)
	Words    int   // approx words per body (default 600)
	Seed     int64 // default 1 (0 means the default)
	// Languages, when more than one, are the site's languages, the
	// default first; every TranslateEvery-th article (default 1: all) has
	// a translation into each of the others.
	Languages      []string
	TranslateEvery int
	// ShareCards keeps the default of drawing a share card for each
	// article (cmd/benchgen's default: what a user's build does). Off,
	// the tests and benchmarks of the text pipeline draw none.
	ShareCards bool
}

func (o Options) withDefaults() Options {
	if o.Articles <= 0 {
		o.Articles = 10000
	}
	if o.Words <= 0 {
		o.Words = 600
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.TranslateEvery <= 0 {
		o.TranslateEvery = 1
	}
	return o
}

// ConfigPath is the relative path of the site configuration.
const ConfigPath = "timeline.yaml"

// Write writes a complete site into dir: dir/timeline.yaml and
// dir/content/**.md. Deterministic: same Options → byte-identical files.
// Existing files of the same names are overwritten; others are left alone.
func Write(dir string, opts Options) error {
	made := map[string]bool{}
	return generate(opts, func(rel string, data []byte) error {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		parent := filepath.Dir(full)
		if !made[parent] {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
			made[parent] = true
		}
		return os.WriteFile(full, data, 0o644)
	})
}

// Files returns the same site as Write, as a map of slash-separated relative
// path → content, for in-memory use (tests, fstest.MapFS).
func Files(opts Options) map[string][]byte {
	opts = opts.withDefaults()
	m := make(map[string][]byte, opts.Articles+1)
	_ = generate(opts, func(rel string, data []byte) error {
		m[rel] = data
		return nil
	})
	return m
}

// article is the part of an article decided before any file is rendered:
// everything another article may refer to, plus its own random stream.
type article struct {
	r        *rand.Rand
	slug     string
	dir      string // content/<year>
	title    string
	date     string
	day      time.Time // the day the date falls on (for sources and events)
	kind     int
	place    int // index into places, -1 when the article has no location
	actors   []int
	eventIDs []string
}

type generator struct {
	opts       Options
	arts       []article
	withEvents []int // indices of articles that have events
}

// generate renders the site and hands each file to emit, timeline.yaml
// first, then the articles in index order.
func generate(opts Options, emit func(rel string, data []byte) error) error {
	opts = opts.withDefaults()
	g := &generator{opts: opts}
	g.plan()
	if err := emit(ConfigPath, configFile(opts.Languages, opts.ShareCards)); err != nil {
		return err
	}

	// Render in parallel: each article has its own random stream and only
	// reads the shared plan, so the output does not depend on scheduling.
	n := len(g.arts)
	out := make([][]byte, n)
	workers := min(runtime.GOMAXPROCS(0), 8)
	const chunk = 64
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				start := next
				next += chunk
				mu.Unlock()
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					out[i] = g.render(i)
				}
			}
		}()
	}
	wg.Wait()
	for i := range g.arts {
		a := &g.arts[i]
		rel := a.dir + "/" + a.slug + ".md"
		if err := emit(rel, out[i]); err != nil {
			return err
		}
		if len(opts.Languages) > 1 && i%opts.TranslateEvery == 0 {
			for _, lang := range opts.Languages[1:] {
				if err := emit(a.dir+"/"+a.slug+"."+lang+".md", translation(rel, out[i], lang)); err != nil {
					return err
				}
			}
		}
		out[i] = nil
	}
	return nil
}

// translation is a stand-in translation of the article at rel into lang:
// its text marked with the language, as long as the original's, with the
// original's fingerprint.
func translation(rel string, src []byte, lang string) []byte {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.name
	}
	a, _ := content.Loader{Kinds: names}.Parse(rel, src)
	var b bytes.Buffer
	b.WriteString("---\ntitle: ")
	quote(&b, "["+lang+"] "+a.Title)
	if a.Summary != "" {
		b.WriteString("\nsummary: ")
		quote(&b, "["+lang+"] "+a.Summary)
	}
	if len(a.Events) > 0 {
		b.WriteString("\nevents:")
		for _, e := range a.Events {
			b.WriteString("\n  - {id: " + e.ID + ", title: ")
			quote(&b, "["+lang+"] "+e.Title)
			b.WriteString("}")
		}
	}
	b.WriteString("\ntranslation_of: " + content.Fingerprint(a) + "\n---\n")
	b.WriteString("(" + lang + ") ")
	b.Write(a.Body)
	return b.Bytes()
}

var (
	firstDay = time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	spanDays = int(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC).Sub(firstDay).Hours()/24) + 1
)

// plan decides slugs, titles, dates, places, actors and event ids.
func (g *generator) plan() {
	seed := uint64(g.opts.Seed)
	master := rand.New(rand.NewPCG(seed, seed))
	n := g.opts.Articles
	g.arts = make([]article, n)
	for i := range g.arts {
		a := &g.arts[i]
		a.r = rand.New(rand.NewPCG(master.Uint64(), master.Uint64()))
		r := a.r

		a.kind = weightedKind(r)
		a.day = firstDay.AddDate(0, 0, r.IntN(spanDays))
		a.date = formatDate(r, a.day)
		a.dir = "content/" + strconv.Itoa(a.day.Year())

		var slugText string
		a.title, slugText, a.actors, a.place = chooseTitle(r, a.kind, r.IntN(100) < 85, 1+r.IntN(3), -1)
		a.slug = fmt.Sprintf("e%06d", i+1)
		if s := slugify(slugText, 60); s != "" {
			a.slug += "-" + s
		}

		if r.IntN(100) < 15 {
			k := 1 + r.IntN(3)
			a.eventIDs = make([]string, k)
			for j := range a.eventIDs {
				a.eventIDs[j] = a.slug + "-e" + strconv.Itoa(j+1)
			}
			g.withEvents = append(g.withEvents, i)
		}
	}
}

func weightedKind(r *rand.Rand) int {
	x := r.IntN(100)
	for i, k := range kinds {
		if x < k.weight {
			return i
		}
		x -= k.weight
	}
	return 0
}

// formatDate writes day at a random precision: ~80% day, 10% month, 5% year,
// 5% RFC 3339 time with an offset.
func formatDate(r *rand.Rand, day time.Time) string {
	switch x := r.IntN(100); {
	case x < 80:
		return day.Format("2006-01-02")
	case x < 90:
		return day.Format("2006-01")
	case x < 95:
		return day.Format("2006")
	default:
		return rfc3339(r, day)
	}
}

func rfc3339(r *rand.Rand, day time.Time) string {
	off := offsets[r.IntN(len(offsets))]
	loc := time.FixedZone(off.name, off.secs)
	t := time.Date(day.Year(), day.Month(), day.Day(), r.IntN(24), 5*r.IntN(12), 0, 0, loc)
	return t.Format(time.RFC3339)
}

// Place and actor pools by role, as indices into places and actors.
var (
	frontline, venues, ports, landmarks, allPlaces []int
	belligerents, states, allActors                []int
)

func init() {
	for i, p := range places {
		if slices.Contains(landmarkNames, p.name) {
			landmarks = append(landmarks, i)
			continue
		}
		allPlaces = append(allPlaces, i)
		switch p.country {
		case "Ukraine", "Україна":
			frontline = append(frontline, i)
		case "Russia", "Росія":
			if p.lat < 57 && p.lon > 30 && p.lon < 48 {
				frontline = append(frontline, i)
			}
		default:
			venues = append(venues, i)
		}
		switch p.name {
		case "Kyiv", "Moscow", "Sochi", "Київ":
			venues = append(venues, i)
		}
		if slices.Contains(portNames, p.name) {
			ports = append(ports, i)
		}
	}
	for i, a := range actors {
		allActors = append(allActors, i)
		if slices.Contains(belligerentNames, a.name) {
			belligerents = append(belligerents, i)
		}
		if slices.Contains(stateNames, a.name) {
			states = append(states, i)
		}
	}
}

func pickFrom(r *rand.Rand, pool []int) int { return pool[r.IntN(len(pool))] }

// chooseTitle picks a title template for the kind, with a place when located,
// and the actors and place it names. The first actor is the one the title
// names; the place is the entry's location (-1 when not located). When
// prefer is a place that fits the template, it is used half of the time.
func chooseTitle(r *rand.Rand, kind int, located bool, nActors, prefer int) (title, slugText string, act []int, pl int) {
	set := titleTemplates[kinds[kind].name]
	list := set.withoutPlace
	if located {
		list = set.withPlace
	}
	tmpl := list[r.IntN(len(list))]

	if strings.Contains(tmpl, "{B}") {
		nActors = max(nActors, 2)
	}
	act = make([]int, 0, nActors)
	for len(act) < nActors {
		pool := allActors
		switch {
		case len(act) == 0 && strings.Contains(tmpl, "{C}"):
			pool = states
		case kinds[kind].name == "military" && r.IntN(100) < 75:
			pool = belligerents
		}
		if x := pickFrom(r, pool); !slices.Contains(act, x) {
			act = append(act, x)
		}
	}

	pl = -1
	if located {
		pool := allPlaces
		switch {
		case strings.Contains(tmpl, "{F}"):
			pool = frontline
		case strings.Contains(tmpl, "{V}"):
			pool = venues
		case strings.Contains(tmpl, "{S}"):
			pool = ports
		case strings.Contains(tmpl, "{L}"):
			pool = landmarks
		}
		pl = pickFrom(r, pool)
		if prefer >= 0 && r.IntN(2) == 0 && slices.Contains(pool, prefer) {
			pl = prefer
		}
	}
	title, slugText = expandTitle(r, tmpl, act, pl)
	return title, slugText, act, pl
}

func pickDistinct(r *rand.Rand, n, k int) []int {
	k = min(k, n)
	out := make([]int, 0, k)
	for len(out) < k {
		x := r.IntN(n)
		dup := false
		for _, y := range out {
			if y == x {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// expandTitle fills a title template; it returns the title and an ASCII
// version of it for the slug.
func expandTitle(r *rand.Rand, tmpl string, act []int, pl int) (title, slugText string) {
	var t, s strings.Builder
	for len(tmpl) > 0 {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 || i+2 >= len(tmpl) || tmpl[i+2] != '}' {
			t.WriteString(tmpl)
			s.WriteString(tmpl)
			break
		}
		t.WriteString(tmpl[:i])
		s.WriteString(tmpl[:i])
		switch tmpl[i+1] {
		case 'A', 'B', 'C':
			j := 0
			if tmpl[i+1] == 'B' && len(act) > 1 {
				j = 1
			}
			t.WriteString(actors[act[j]].name)
			s.WriteString(actorKey(act[j]))
		case 'P', 'F', 'V', 'S', 'L':
			t.WriteString(places[pl].name)
			s.WriteString(placeKey(pl))
		case 'N':
			num := strconv.Itoa(2 + r.IntN(60))
			t.WriteString(num)
			s.WriteString(num)
		case 'Q':
			q := quotes[r.IntN(len(quotes))]
			t.WriteString(q)
			s.WriteString(q)
		}
		tmpl = tmpl[i+3:]
	}
	return t.String(), s.String()
}

func actorKey(i int) string {
	if k := actors[i].key; k != "" {
		return k
	}
	return actors[i].name
}

func placeKey(i int) string {
	if k := places[i].key; k != "" {
		return k
	}
	return places[i].name
}

// slugify lowercases s and keeps a-z0-9, joining the rest with single
// hyphens; the result is cut at a hyphen to at most max bytes.
func slugify(s string, max int) string {
	b := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'':
			continue // "Ukraine's" → "ukraines"
		default:
			dash = len(b) > 0
			continue
		}
		if dash {
			b = append(b, '-')
			dash = false
		}
		b = append(b, c)
	}
	if len(b) > max {
		b = b[:max]
		if i := bytes.LastIndexByte(b, '-'); i > 0 {
			b = b[:i]
		}
	}
	return string(b)
}

// configFile is timeline.yaml.
func configFile(languages []string, shareCards bool) []byte {
	var b bytes.Buffer
	b.WriteString("# Synthetic benchmark site generated by internal/benchsite.\n")
	b.WriteString("title: ")
	quote(&b, "Synthetic Conflict Timeline: Benchmark Site")
	b.WriteString("\ndescription: ")
	quote(&b, "Generated articles for benchmarks; not real events.")
	b.WriteString("\nbase_url: ")
	quote(&b, "https://example.org/")
	if len(languages) > 1 {
		b.WriteString("\nlanguages:")
		for _, l := range languages {
			b.WriteString("\n  - {code: " + l + "}")
		}
	} else {
		b.WriteString("\nlanguage: ")
		quote(&b, "en")
	}
	b.WriteString("\nkinds:\n")
	for _, k := range kinds {
		b.WriteString("  - {name: ")
		quote(&b, k.name)
		b.WriteString(", label: ")
		quote(&b, k.label)
		b.WriteString(", color: ")
		quote(&b, k.color)
		b.WriteString("}\n")
	}
	if !shareCards {
		b.WriteString("media: {share_cards: false}\n")
	}
	return b.Bytes()
}

// quote writes s as a YAML double-quoted scalar. Non-ASCII printable text is
// written as is; quotes, backslashes and anything that is not printable in
// YAML are escaped.
func quote(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\uFFFD`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
			r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff ||
			(r >= 0xd800 && r <= 0xdfff):
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

func writeQuotedList(b *bytes.Buffer, items []string) {
	b.WriteByte('[')
	for i, s := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		quote(b, s)
	}
	b.WriteByte(']')
}

func writeLocation(b *bytes.Buffer, p place) {
	b.WriteString("{name: ")
	quote(b, p.name)
	b.WriteString(", country: ")
	quote(b, p.country)
	b.WriteString(", lat: ")
	b.WriteString(strconv.FormatFloat(p.lat, 'f', 4, 64))
	b.WriteString(", lon: ")
	b.WriteString(strconv.FormatFloat(p.lon, 'f', 4, 64))
	b.WriteByte('}')
}

func writeCasualties(b *bytes.Buffer, r *rand.Rand) {
	killed := r.IntN(r.IntN(40) + 1)
	injured := killed + r.IntN(3*killed+10)
	b.WriteString("{killed: ")
	b.WriteString(strconv.Itoa(killed))
	b.WriteString(", injured: ")
	b.WriteString(strconv.Itoa(injured))
	b.WriteByte('}')
}

func actorNames(idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = actors[j].name
	}
	return out
}

// casualtyPercent is the chance, by kind, that an entry reports casualties:
// about 20% of articles overall.
var casualtyPercent = []int{3, 45, 3, 20, 3}

var statuses = []string{"confirmed", "reported", "disputed"}

func pickStatus(r *rand.Rand) string {
	switch x := r.IntN(100); {
	case x < 40:
		return statuses[0]
	case x < 85:
		return statuses[1]
	default:
		return statuses[2]
	}
}

// render writes article i: frontmatter and body.
func (g *generator) render(i int) []byte {
	a := &g.arts[i]
	r := a.r
	var b bytes.Buffer
	b.Grow(g.opts.Words*8 + 2048)

	b.WriteString("---\ntitle: ")
	quote(&b, a.title)
	// Dates are written plain, as editors write them (docs/format.md): 2023,
	// 2023-05, 2023-05-14 or an RFC 3339 time.
	b.WriteString("\ndate: ")
	b.WriteString(a.date)
	if len(a.date) == 10 && r.IntN(100) < 3 {
		b.WriteString("\nend: ")
		b.WriteString(a.day.AddDate(0, 0, 1+r.IntN(10)).Format("2006-01-02"))
	}
	b.WriteString("\nkind: ")
	quote(&b, kinds[a.kind].name)
	if r.IntN(100) < 60 {
		b.WriteString("\nsummary: ")
		var s bytes.Buffer
		g.sentence(&s, r, a, true)
		quote(&b, s.String())
	}
	b.WriteString("\nactors: ")
	writeQuotedList(&b, actorNames(a.actors))
	if a.place >= 0 {
		b.WriteString("\nlocation: ")
		writeLocation(&b, places[a.place])
	}
	if r.IntN(100) < casualtyPercent[a.kind] {
		b.WriteString("\ncasualties: ")
		writeCasualties(&b, r)
	}
	b.WriteString("\nstatus: ")
	quote(&b, pickStatus(r))
	if k := r.IntN(5); k > 0 {
		idx := pickDistinct(r, len(tags), k)
		t := make([]string, k)
		for j, x := range idx {
			t[j] = tags[x]
		}
		b.WriteString("\ntags: ")
		writeQuotedList(&b, t)
	}
	if rel := g.related(i, r); len(rel) > 0 {
		b.WriteString("\nrelated: ")
		writeQuotedList(&b, rel)
	}
	b.WriteString("\nsources:\n")
	g.sources(&b, r, a)
	g.evidence(&b, i, a)
	if len(a.eventIDs) > 0 {
		b.WriteString("events:\n")
		g.events(&b, r, a)
	}
	b.WriteString("---\n")
	g.body(&b, r, i)
	return b.Bytes()
}

// other returns a random article index other than i (n must be > 1).
func (g *generator) other(r *rand.Rand, i int) int {
	j := r.IntN(len(g.arts) - 1)
	if j >= i {
		j++
	}
	return j
}

// otherWithEvents returns a random article with events other than i, or -1.
func (g *generator) otherWithEvents(r *rand.Rand, i int) int {
	for range 4 {
		if len(g.withEvents) == 0 {
			return -1
		}
		j := g.withEvents[r.IntN(len(g.withEvents))]
		if j != i {
			return j
		}
	}
	return -1
}

// related returns 0–3 references to other articles, about 10% of them to an
// event (slug#event-id).
func (g *generator) related(i int, r *rand.Rand) []string {
	k := r.IntN(4)
	if k == 0 || len(g.arts) < 2 {
		return nil
	}
	out := make([]string, 0, k)
	for range k {
		var ref string
		if r.IntN(100) < 10 {
			if j := g.otherWithEvents(r, i); j >= 0 {
				ids := g.arts[j].eventIDs
				ref = g.arts[j].slug + "#" + ids[r.IntN(len(ids))]
			}
		}
		if ref == "" {
			ref = g.arts[g.other(r, i)].slug
		}
		dup := false
		for _, x := range out {
			dup = dup || x == ref
		}
		if !dup {
			out = append(out, ref)
		}
	}
	return out
}

func (g *generator) sources(b *bytes.Buffer, r *rand.Rand, a *article) {
	for j, x := range pickDistinct(r, len(publishers), 1+r.IntN(3)) {
		p := publishers[x]
		var title string
		switch r.IntN(4) {
		case 0:
			title = "Live updates: " + a.title
		case 1:
			title = a.title + " – " + p.name
		default:
			title = a.title
		}
		day := a.day.AddDate(0, 0, r.IntN(3))
		url := "https://" + p.host + "/" + day.Format("2006/01/02") + "/" + a.slug + "-" + strconv.Itoa(j+1)
		if r.IntN(10) == 0 {
			url += "?utm_source=feed&ref=timeline"
		}
		if r.IntN(2) == 0 {
			b.WriteString("  - {title: ")
			quote(b, title)
			b.WriteString(", publisher: ")
			quote(b, p.name)
			b.WriteString(", url: ")
			quote(b, url)
			b.WriteString(", date: ")
			b.WriteString(day.Format("2006-01-02"))
			b.WriteString("}\n")
		} else {
			b.WriteString("  - title: ")
			quote(b, title)
			b.WriteString("\n    publisher: ")
			quote(b, p.name)
			b.WriteString("\n    url: ")
			quote(b, url)
			b.WriteString("\n    date: ")
			b.WriteString(day.Format("2006-01-02"))
			b.WriteByte('\n')
		}
	}
}

func (g *generator) events(b *bytes.Buffer, r *rand.Rand, a *article) {
	for _, id := range a.eventIDs {
		// Events mostly share the article's kind, actors and place.
		k := a.kind
		if r.IntN(100) < 40 {
			k = weightedKind(r)
		}
		title, _, act, pl := chooseTitle(r, k, r.IntN(100) < 60, 1+r.IntN(2), a.place)
		if r.IntN(2) == 0 && !slices.Contains(act, a.actors[0]) {
			act = append(act, a.actors[0])
		}
		day := a.day.AddDate(0, 0, r.IntN(7)-3)

		b.WriteString("  - id: ")
		quote(b, id)
		b.WriteString("\n    title: ")
		quote(b, title)
		b.WriteString("\n    date: ")
		if r.IntN(100) < 80 {
			b.WriteString(day.Format("2006-01-02"))
		} else {
			b.WriteString(rfc3339(r, day))
		}
		b.WriteString("\n    kind: ")
		quote(b, kinds[k].name)
		if r.IntN(100) < 30 {
			var s bytes.Buffer
			g.sentence(&s, r, a, true)
			b.WriteString("\n    summary: ")
			quote(b, s.String())
		}
		b.WriteString("\n    actors: ")
		writeQuotedList(b, actorNames(act))
		if pl >= 0 {
			b.WriteString("\n    location: ")
			writeLocation(b, places[pl])
		}
		if r.IntN(100) < casualtyPercent[k]+20 {
			b.WriteString("\n    casualties: ")
			writeCasualties(b, r)
		}
		if r.IntN(100) < 30 {
			b.WriteString("\n    status: ")
			quote(b, pickStatus(r))
		}
		b.WriteByte('\n')
	}
}

// sentence writes one sentence of plausible filler; plain leaves out
// Markdown emphasis (for summaries).
func (g *generator) sentence(b *bytes.Buffer, r *rand.Rand, a *article, plain bool) {
	switch x := r.IntN(100); {
	case x < 12:
		b.WriteString(standalone[r.IntN(len(standalone))])
		return
	case x < 14:
		b.WriteString(ukrainianSentences[r.IntN(len(ukrainianSentences))])
		return
	case x < 26:
		b.WriteString(connectives[r.IntN(len(connectives))])
		g.clause(b, r, a, true, plain)
	default:
		g.clause(b, r, a, false, plain)
	}
	b.WriteByte('.')
}

func (g *generator) clause(b *bytes.Buffer, r *rand.Rand, a *article, lower, plain bool) {
	var subj string
	switch x := r.IntN(100); {
	case x < 15 && a.place >= 0:
		subj = "Officials in " + places[a.place].name
	case x < 25:
		subj = "A spokesperson for " + actors[a.actors[r.IntN(len(a.actors))]].name
	default:
		subj = subjects[r.IntN(len(subjects))]
	}
	if lower {
		b.WriteByte(subj[0] + 'a' - 'A')
		b.WriteString(subj[1:])
	} else {
		b.WriteString(subj)
	}
	b.WriteByte(' ')
	b.WriteString(verbs[r.IntN(len(verbs))])
	b.WriteByte(' ')
	obj := objects[r.IntN(len(objects))]
	emph := r.IntN(25)
	if plain {
		emph = 2
	}
	switch emph {
	case 0:
		b.WriteString("**")
		b.WriteString(obj)
		b.WriteString("**")
	case 1:
		b.WriteByte('*')
		b.WriteString(obj)
		b.WriteByte('*')
	default:
		b.WriteString(obj)
	}
	if r.IntN(100) < 70 {
		b.WriteByte(' ')
		b.WriteString(tails[r.IntN(len(tails))])
	}
	if r.IntN(8) == 0 {
		b.WriteString(", and ")
		b.WriteString(verbs[r.IntN(len(verbs))])
		b.WriteByte(' ')
		b.WriteString(objects[r.IntN(len(objects))])
	}
}

// insertion is something placed in the body once a word count is reached.
type insertion struct {
	at   int
	kind byte // 'w' wiki-link, 'f' footnote reference, 'h' heading, 'l' list, 't' table, 'q' quote
	text string
}

// body writes the Markdown body, about Words words.
func (g *generator) body(b *bytes.Buffer, r *rand.Rand, i int) {
	a := &g.arts[i]
	words := g.opts.Words
	var ins []insertion
	add := func(kind byte, text string) {
		ins = append(ins, insertion{at: r.IntN(words), kind: kind, text: text})
	}

	// 0–3 wiki-links to other articles, sometimes one to an own event.
	if len(g.arts) > 1 {
		for range r.IntN(4) {
			j := g.other(r, i)
			if r.IntN(2) == 0 {
				add('w', "[["+g.arts[j].slug+"]]")
			} else {
				add('w', "[["+g.arts[j].slug+"|"+wikiTexts[r.IntN(len(wikiTexts))]+"]]")
			}
		}
	}
	if len(a.eventIDs) > 0 && r.IntN(2) == 0 {
		add('w', "[[#"+a.eventIDs[r.IntN(len(a.eventIDs))]+"]]")
	}
	footnote := r.IntN(100) < 30
	if footnote {
		add('f', "")
	}
	// One or two headings, at about a third and two thirds of the way.
	nh := 1 + r.IntN(2)
	if words < 120 {
		nh = r.IntN(2)
	}
	var used [2]string
	for h := range nh {
		var text string
		for {
			if r.IntN(100) < 30 {
				text = headingsUK[r.IntN(len(headingsUK))]
			} else {
				text = headingsEN[r.IntN(len(headingsEN))]
			}
			if h == 0 || text != used[0] {
				break
			}
		}
		used[h] = text
		ins = append(ins, insertion{at: words * (h + 1) / (nh + 1), kind: 'h', text: text})
	}
	if r.IntN(100) < 20 {
		add('l', "")
	}
	if r.IntN(100) < 5 {
		add('t', "")
	}
	if r.IntN(100) < 10 {
		add('q', quotes[r.IntN(len(quotes))])
	}

	count := 0
	for count < words || len(ins) > 0 {
		// Block insertions due before this paragraph (never before the
		// first: it is the default summary).
		for k := 0; k < len(ins); {
			in := ins[k]
			if count == 0 || in.at > count || in.kind == 'w' || in.kind == 'f' {
				k++
				continue
			}
			switch in.kind {
			case 'h':
				b.WriteString("## ")
				b.WriteString(in.text)
				b.WriteString("\n\n")
			case 'l':
				for range 3 + r.IntN(3) {
					b.WriteString("- ")
					b.WriteString(listItems[r.IntN(len(listItems))])
					b.WriteByte('\n')
				}
				b.WriteByte('\n')
				count += 25
			case 't':
				b.WriteString("| Date | Killed | Injured |\n|---|---:|---:|\n")
				for d := range 3 {
					fmt.Fprintf(b, "| %s | %d | %d |\n", a.day.AddDate(0, 0, d).Format("2 January 2006"), r.IntN(10), r.IntN(30))
				}
				b.WriteByte('\n')
				count += 20
			case 'q':
				b.WriteString("> \"")
				b.WriteString(in.text)
				b.WriteString(",\" the statement said.\n\n")
				count += 10
			}
			ins = append(ins[:k], ins[k+1:]...)
		}

		// A paragraph of 40–110 words, carrying any inline insertions that
		// fall within it.
		target := count + 40 + r.IntN(71)
		for count < target {
			start := b.Len()
			g.sentence(b, r, a, false)
			count += bytes.Count(b.Bytes()[start:], []byte{' '}) + 1
			for k := 0; k < len(ins); {
				in := ins[k]
				if in.at > count || (in.kind != 'w' && in.kind != 'f') {
					k++
					continue
				}
				if in.kind == 'f' {
					b.WriteString("[^1]")
				} else {
					b.WriteString(" See also ")
					b.WriteString(in.text)
					b.WriteByte('.')
					count += 3
				}
				ins = append(ins[:k], ins[k+1:]...)
			}
			if count < target {
				b.WriteByte(' ')
			}
		}
		b.WriteString("\n\n")
		if count >= words {
			// Anything left (its position was past the last paragraph's
			// end) goes in now, so nothing is dropped.
			for k := range ins {
				ins[k].at = 0
			}
			if len(ins) == 0 {
				break
			}
		}
	}
	if footnote {
		p := publishers[r.IntN(len(publishers))]
		b.WriteString("[^1]: Figures as reported by ")
		b.WriteString(p.name)
		b.WriteString(" on ")
		b.WriteString(a.day.Format("2 January 2006"))
		b.WriteString("; not independently verified.\n")
	}
	// Trim the final blank line so the file ends with exactly one newline.
	if bytes.HasSuffix(b.Bytes(), []byte("\n\n")) {
		b.Truncate(b.Len() - 1)
	}
}
