package build_test

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/benchsite"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/media/mediatest"
	"github.com/timelinegen/timelinegen/internal/output"
)

// TestIncrementalEqualsFullBuild applies random edits, additions,
// deletions and renames to a site and checks after each one that the
// incremental Builder gives exactly the files (or the errors) a fresh
// full build gives.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	// make bench runs many more seeds (INCREMENTAL_SEEDS), and longer,
	// than make test.
	seeds, steps := uint64(3), 12
	if n, err := strconv.Atoi(os.Getenv("INCREMENTAL_SEEDS")); err == nil && n > 0 {
		seeds, steps = uint64(n), 25
	} else if raceDetector {
		// One seed under -race: the Builder's goroutines are the same
		// whatever the edit; make test runs every seed's steps without it.
		seeds = 1
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			testIncremental(t, seed, raceSteps(steps), (*editor).randomChange)
		})
	}
}

// TestIncrementalEvidenceEdits makes every edit of sources, attribution,
// corrections and withdrawals, of articles and of events, in turn.
func TestIncrementalEvidenceEdits(t *testing.T) {
	t.Parallel()
	// Each edit once in make test, where every step now builds; three
	// times in make bench (INCREMENTAL_SEEDS).
	cycles := 1
	if os.Getenv("INCREMENTAL_SEEDS") != "" {
		cycles = 3
	}
	testIncremental(t, 7, raceSteps(cycles*evidenceOps), func(e *editor) (string, []string) {
		op := e.n % evidenceOps
		paths := e.articles()
		p := paths[e.rng.IntN(len(paths))]
		for _, q := range paths { // the event edits want an article with events
			if op >= 5 && strings.Contains(e.read(q), "\n  - id: ") && e.rng.IntN(3) == 0 {
				p = q
				break
			}
		}
		return e.evidenceChange(p, e.read(p), op)
	})
}

// raceSteps is the number of random steps a property test takes: a
// twelfth under -race (one step of each test in make test), which still
// sees the Builder's goroutines race, while make test also runs every step
// without it (the steps under -race were the longest part of make test:
// a timeline.yaml edit re-renders half the site, at a twentieth of the
// speed).
func raceSteps(steps int) int {
	if raceDetector {
		return max(steps/12, 1)
	}
	return steps
}

func testIncremental(t *testing.T, seed uint64, steps int, change func(*editor) (string, []string)) {
	articles := 40
	if raceDetector {
		// Under -race a step or two (raceSteps), for the Builder's
		// goroutines, which are the same at any size; the 40 articles
		// are for the many random edits make test runs without -race,
		// where they find more to edit. 12 still have translations and
		// events, and took 4 CPU-s rather than 10.
		articles = 12
	}
	testIncrementalCards(t, seed, steps, change, true, articles)
}

// testIncrementalCards is testIncremental with share cards on or off:
// edits of the site's title or languages redraw every card, which under
// -race takes minutes. The site has the given number of articles.
func testIncrementalCards(t *testing.T, seed uint64, steps int, change func(*editor) (string, []string), shareCards bool, articles int) {
	dir := t.TempDir()
	// Three languages, a third of the articles translated, and names in
	// Ukrainian: translations and i18n/ files are edited too.
	if err := benchsite.Write(dir, benchsite.Options{Articles: articles, Words: 80, Seed: int64(seed) + 1, Languages: []string{"en", "uk", "ar"}, TranslateEvery: 3}); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "i18n", "uk.yaml"), []byte("actors: {Ukraine: Україна}\nkinds: {military: Військові}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Thumbnails put images on listing cards too; share cards stand for
	// the articles without a photo.
	yaml, err := os.ReadFile(filepath.Join(dir, "timeline.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if shareCards {
		yaml = bytes.Replace(yaml, []byte("share_cards: false"), []byte("share_cards: true"), 1)
	}
	if err := os.WriteFile(filepath.Join(dir, "timeline.yaml"), append(yaml, "cards: {thumbnails: true}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := build.Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}
	b := build.NewBuilder(opts)
	if _, ds := b.Rebuild(nil); ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	e := &editor{t: t, dir: dir, rng: rng}
	broken := 0
	// A site that an edit broke for good would leave the test comparing
	// only error messages.
	defer func() {
		if broken > steps/2 {
			t.Errorf("%d of %d steps failed to build: the edits compared errors, not files", broken, steps)
		}
	}()
	for step := range steps {
		what, changed := change(e)
		res, ds := b.Rebuild(changed)
		site, fullDS := build.Compile(opts)
		if ds.Error() != fullDS.Error() {
			t.Fatalf("step %d (%s): incremental diagnostics\n%s\nfull build diagnostics\n%s", step, what, ds.Error(), fullDS.Error())
		}
		if site == nil {
			broken++
			// The first error, not a warning sorted before it; found
			// without changing the list, and with a fallback to the
			// first line should none be an error.
			first := fullDS[0]
			if i := slices.IndexFunc(fullDS, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }); i >= 0 {
				first = fullDS[i]
			}
			t.Logf("step %d (%s): does not build: %s", step, what, first)
			if res != nil {
				t.Fatalf("step %d (%s): incremental build succeeded where the full build failed", step, what)
			}
			continue
		}
		if res == nil {
			t.Fatalf("step %d (%s): incremental build failed where the full build succeeded", step, what)
		}
		mem := output.NewMemory()
		if _, err := site.Write(mem); err != nil {
			t.Fatal(err)
		}
		full := mem.Files()
		// The embed pages, oEmbed files (of a site with an address) and
		// the visual timeline's data, in every language, are checked like
		// every other file.
		for _, name := range []string{"embed/index.html", "oembed.json", "data/visual/all.json", "data/visual/t/0.json", "data/visual/s/0.json", "data/visual/words.json"} {
			for _, lang := range []string{"", "uk/", "ar/"} {
				if _, ok := full[lang+name]; !ok && (name != "oembed.json" || site.Config.IsAbsolute()) {
					t.Fatalf("step %d (%s): the full build has no %s", step, what, lang+name)
				}
			}
		}
		for name, data := range full {
			got, ok := res.File(name)
			if !ok {
				t.Errorf("step %d (%s): %s missing from the incremental build", step, what, name)
			} else if !bytes.Equal(got, data) {
				t.Errorf("step %d (%s): %s differs from the full build:\n%s", step, what, name, firstDiff(data, got))
			}
		}
		for _, name := range res.Names() {
			if _, ok := full[name]; !ok {
				t.Errorf("step %d (%s): %s is stale: the full build has no such file", step, what, name)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
		t.Logf("step %d (%s): re-rendered %d of %d pages", step, what, len(res.Rendered()), len(full))
		if strings.HasPrefix(what, "edit ") && !strings.Contains(what, "timeline.yaml") && !strings.Contains(what, "i18n/") && !strings.HasPrefix(what, "edit date") && len(res.Rendered()) > len(full)/2 {
			t.Errorf("step %d (%s): re-rendered %d of %d pages", step, what, len(res.Rendered()), len(full))
		}
	}
}

// editor changes a site on disk the way editors do.
type editor struct {
	t       *testing.T
	dir     string
	rng     *rand.Rand
	deleted map[string][]byte // path → text, to restore
	waited  int               // e.n when the oldest undo began to wait
	n       int
}

// articles are the site's article files, not their translations: the
// edits of an article's fields would break a translation, which carries
// only text, and leave the site broken for good.
func (e *editor) articles() []string {
	return slices.DeleteFunc(e.files(), content.IsTranslation)
}

// files are the site's Markdown files, articles and translations.
func (e *editor) files() []string {
	var paths []string
	filepath.WalkDir(filepath.Join(e.dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(e.dir, p)
			paths = append(paths, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(paths)
	return paths
}

// undoLater notes text as the file rel's, to be written back by a later
// step: each undo waits its turn, since one lost leaves the site broken
// for good (an entry others relate to, deleted), comparing only errors.
func (e *editor) undoLater(rel, text string) {
	if len(e.deleted) == 0 {
		e.deleted, e.waited = map[string][]byte{}, e.n
	}
	if _, ok := e.deleted[rel]; !ok { // the first text is the one to restore
		e.deleted[rel] = []byte(text)
	}
}

func (e *editor) read(rel string) string {
	b, err := os.ReadFile(filepath.Join(e.dir, rel))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

func (e *editor) write(rel, text string) {
	p := filepath.Join(e.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	// Editors save by writing a temporary file and renaming it over.
	tmp := p + ".tmp~"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		e.t.Fatal(err)
	}
}

var (
	titleRE = regexp.MustCompile(`(?m)^title: .*$`)
	dateRE  = regexp.MustCompile(`(?m)^date: .*$`)
	kindRE  = regexp.MustCompile(`(?m)^kind: .*$`)
	actorRE = regexp.MustCompile(`(?m)^actors: \[`)
	casRE   = regexp.MustCompile(`(?m)^casualties: .*$`)
	locRE   = regexp.MustCompile(`(?m)^location: .*$`)
	eventRE = regexp.MustCompile(`(?m)^    casualties: .*$`)
	roundRE = regexp.MustCompile(`(?m)^publish_coordinates: .*\n`)
)

// setLine replaces the article's top-level key line matched by re, or
// adds it after the title.
func setLine(text string, re *regexp.Regexp, line string) string {
	if re.MatchString(text) {
		return re.ReplaceAllLiteralString(text, line)
	}
	return titleRE.ReplaceAllStringFunc(text, func(t string) string { return t + "\n" + line })
}

// The uncertain forms editors write (docs/uncertainty.md), which the
// property test puts everywhere.
var (
	uncertainDates = []string{"2019-07-04~", "2019-07?", "2019%", "2024-02-29?", "2019-07-04"}
	casualtyForms  = []string{
		"{killed: 3}", "{injured: {min: 9}}", "{killed: {min: 10, max: 20}}",
		"{killed: {low: 10, best: 14, high: 20}, injured: 2}", "{killed: 1, injured: {min: 9}}",
	}
	placeForms = []string{
		"{name: Kryvyi Rih, country: Ukraine, lat: 47.9105, lon: 33.3918}",
		"{name: Kryvyi Rih, country: Ukraine, lat: 47.9105, lon: 33.3918, precision: town}",
		"{name: Dnipropetrovsk Oblast, country: Ukraine, lat: 48.45, lon: 34.98, precision: region}",
		"{name: Kyiv, country: Ukraine, lat: 50.4501, lon: 30.5234, precision: district}",
		"{name: Ukraine, country: Ukraine, lat: 49.0, lon: 32.0, precision: country}",
	}
)

func (e *editor) pick(list []string) string { return list[e.rng.IntN(len(list))] }

// randomChange makes one change and returns what it was and the paths it
// touched, as the watcher would report them.
func (e *editor) randomChange() (string, []string) {
	e.n++
	// An undo is made within a few steps: by chance, or at the fourth.
	if len(e.deleted) > 0 && (e.rng.IntN(2) == 0 || e.n-e.waited >= 4) {
		// In a seed's own order, not the map's.
		p := slices.Sorted(maps.Keys(e.deleted))[e.rng.IntN(len(e.deleted))]
		e.write(p, string(e.deleted[p]))
		delete(e.deleted, p)
		e.waited = e.n
		return "restore " + p, []string{p}
	}
	paths := e.articles()
	p := paths[e.rng.IntN(len(paths))]
	text := e.read(p)
	if e.rng.IntN(8) == 0 {
		return e.staticChange(p, e.rng.IntN(staticOps))
	}
	if e.rng.IntN(3) == 0 {
		return e.evidenceChange(p, text, e.rng.IntN(evidenceOps))
	}
	if e.rng.IntN(3) == 0 {
		return e.moreChange(p, text, e.rng.IntN(moreOps))
	}
	if op := e.rng.IntN(22); op >= 18 {
		return e.mediaChange(op-18, p, text)
	}
	return e.change(p, text, e.rng.IntN(changeOps))
}

// changeOps is how many edits change makes.
const changeOps = 18

// change makes edit op (0..changeOps-1) of the article at p, whose text
// is text: its title, date, kind, actors, body, or the files themselves.
func (e *editor) change(p, text string, op int) (string, []string) {
	switch op {
	case 0:
		e.write(p, titleRE.ReplaceAllString(text, fmt.Sprintf("title: \"Edited title %d\"", e.n)))
		return "edit title " + p, []string{p}
	case 1:
		dates := []string{"2019", "2019-07", "2019-07-04", "2024-02-29", "2016-01-01T08:00:00+02:00"}
		e.write(p, dateRE.ReplaceAllString(text, "date: "+dates[e.rng.IntN(len(dates))]))
		return "edit date " + p, []string{p}
	case 2:
		kinds := []string{"military", "diplomatic", "economic"}
		e.write(p, kindRE.ReplaceAllString(text, "kind: "+kinds[e.rng.IntN(len(kinds))]))
		return "edit kind " + p, []string{p}
	case 3:
		e.write(p, actorRE.ReplaceAllString(text, fmt.Sprintf("actors: [\"Actor %d\", ", e.n%3)))
		return "edit actors " + p, []string{p}
	case 4:
		e.write(p, text+fmt.Sprintf("\nA new paragraph %d.\n", e.n))
		return "edit body " + p, []string{p}
	case 5:
		name := fmt.Sprintf("content/new/added-%d.md", e.n)
		related, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(p), ".md"), ".")
		e.write(name, fmt.Sprintf("---\ntitle: Added %d\ndate: 2020-05\nkind: humanitarian\nactors: [Ukraine]\ntags: [added]\nrelated: [%s]\n---\nSee [[%s]].\n", e.n, related, related))
		return "add " + name, []string{name}
	case 6:
		e.undoLater(p, text)
		if err := os.Remove(filepath.Join(e.dir, p)); err != nil {
			e.t.Fatal(err)
		}
		return "delete " + p, []string{p}
	case 7:
		to := "content/moved/" + filepath.Base(p)
		e.write(to, text)
		os.Remove(filepath.Join(e.dir, p))
		changed := []string{p, to}
		// Its translations go with it, as an editor moves them: left
		// behind, each is an error until the test's end.
		trs, _ := filepath.Glob(filepath.Join(e.dir, strings.TrimSuffix(p, ".md")+".*.md"))
		for _, tr := range trs {
			from := filepath.ToSlash(strings.TrimPrefix(tr, e.dir+string(filepath.Separator)))
			moved := "content/moved/" + filepath.Base(tr)
			e.write(moved, e.read(from))
			os.Remove(tr)
			changed = append(changed, from, moved)
		}
		return "rename " + p + " to " + to, changed
	case 8:
		from := filepath.Dir(p)
		to := from + "-renamed"
		if err := os.Rename(filepath.Join(e.dir, from), filepath.Join(e.dir, to)); err != nil {
			e.t.Fatal(err)
		}
		return "rename folder " + from, []string{filepath.ToSlash(from), filepath.ToSlash(to)}
	case 9:
		e.write(p, strings.Replace(text, "---\n", "---\nbroken: [\n", 1))
		e.undoLater(p, text)
		return "break " + p, []string{p}
	case 10:
		d := e.pick(uncertainDates)
		e.write(p, dateRE.ReplaceAllString(text, "date: "+d))
		return "edit date (qualified " + d + ") " + p, []string{p}
	case 11:
		c := e.pick(casualtyForms)
		e.write(p, setLine(text, casRE, "casualties: "+c))
		return "edit casualties " + c + " " + p, []string{p}
	case 12:
		// An event's figures, which the article's own may sum up.
		c := e.pick(casualtyForms)
		e.write(p, eventRE.ReplaceAllLiteralString(text, "    casualties: "+c))
		return "edit event casualties " + c + " " + p, []string{p}
	case 13:
		l := e.pick(placeForms)
		e.write(p, setLine(text, locRE, "location: "+l))
		return "edit location " + l + " " + p, []string{p}
	case 14:
		y := roundRE.ReplaceAllString(e.read("timeline.yaml"), "")
		if e.rng.IntN(3) > 0 {
			y += fmt.Sprintf("publish_coordinates: {decimals: %d}\n", e.rng.IntN(4))
		}
		e.write("timeline.yaml", y)
		return "edit timeline.yaml publish_coordinates", []string{"timeline.yaml"}
	case 15:
		// A translation, new or edited: its title, an event's, its body
		// with a wiki-link, and a fingerprint that may be stale.
		orig := strings.TrimSuffix(p, ".md")
		orig, _, _ = strings.Cut(orig, ".")
		lang := []string{"uk", "ar"}[e.rng.IntN(2)]
		to := orig + "." + lang + ".md"
		of := ""
		switch e.rng.IntN(3) {
		case 0:
			of = "translation_of: 00000000-00000000-00000000-00000000\n"
		case 1:
			// Up to date, until the original's next edit makes it stale.
			if src, err := os.ReadFile(filepath.Join(e.dir, orig+".md")); err == nil {
				if a, _ := (content.Loader{}).Parse(orig+".md", src); a != nil {
					of = "translation_of: " + content.Fingerprint(a) + "\n"
				}
			}
		}
		slug := filepath.Base(orig)
		e.write(to, fmt.Sprintf("---\ntitle: \"Переклад %d\"\n%s---\nТекст, див. [[%s]].\n", e.n, of, slug))
		return "edit translation " + to, []string{to}
	case 16:
		for _, q := range e.files() {
			if strings.Count(filepath.Base(q), ".") == 2 {
				e.undoLater(q, e.read(q))
				os.Remove(filepath.Join(e.dir, q))
				return "delete translation " + q, []string{q}
			}
		}
		fallthrough
	case 17:
		// Interface strings too: those of sources, maps, locator files
		// and charts (strings:), on every other edit.
		strs := ""
		if e.n%2 == 0 {
			strs = fmt.Sprintf("strings: {status_withdrawn: \"відкликано %d\", precision_region: \"область %d\", map_point_area: \" (десь тут %d)\", locator_title: \"Де %%s (%d)\", source_secondary: \"вторинне %d\"}\n", e.n, e.n, e.n, e.n, e.n)
		}
		e.write("i18n/uk.yaml", fmt.Sprintf("actors: {Ukraine: \"Україна %d\", Russia: Росія}\nplaces: {Kyiv: Київ}\nkinds: {military: \"Військові %d\"}\ntags: {ceasefire: перемир'я}\n", e.n, e.n%2)+strs)
		return "edit i18n/uk.yaml", []string{"i18n/uk.yaml"}
	default:
		e.write("timeline.yaml", strings.Replace(e.read("timeline.yaml"), "title: ", fmt.Sprintf("title: \"Site %d\" # ", e.n), 1))
		return "edit timeline.yaml", []string{"timeline.yaml"}
	}
}

// staticOps is how many kinds of edit staticChange makes.
const staticOps = 4

// staticChange adds, changes or removes a file of static/: at the root,
// under a language's folder, or with the name of a page the site makes
// in a language, which is not published (the article at p gives the
// page).
func (e *editor) staticChange(p string, op int) (string, []string) {
	slug, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(p), ".md"), ".")
	name := []string{
		"static/notes.txt",
		"static/uk/notes.txt",
		"static/ar/events/" + slug + "/index.html",
		"static/uk/data/visual/extra.json",
	}[op]
	if _, err := os.Stat(filepath.Join(e.dir, name)); err == nil && e.rng.IntN(2) == 0 {
		if err := os.Remove(filepath.Join(e.dir, name)); err != nil {
			e.t.Fatal(err)
		}
		return "remove " + name, []string{name}
	}
	e.write(name, fmt.Sprintf("static %d\n", e.n))
	return "edit " + name, []string{name}
}

// evidenceOps is how many kinds of edit evidenceChange makes.
const evidenceOps = 9

// evidenceChange edits what docs/sources.md adds: sources' archive
// fields, attribution, updates and corrections, and withdrawals of
// articles and of events.
func (e *editor) evidenceChange(p, text string, op int) (string, []string) {
	e.n++
	// set writes key: value as the article's line, replacing the key and
	// its indented lines (sources are a block), or removes them when
	// value is "".
	set := func(key, value string) string {
		re := regexp.MustCompile(`(?m)^` + key + `:(?: .*)?\n(?:  .*\n)*`)
		text := re.ReplaceAllString(text, "")
		if value == "" {
			return text
		}
		return strings.Replace(text, "---\n", "---\n"+key+": "+value+"\n", 1)
	}
	n := e.n
	switch op {
	case 0:
		status := []string{"live", "dead", "unfit"}[n%3]
		src := fmt.Sprintf("  - {title: \"Archived %d\", publisher: \"Publisher %d\", url: \"https://example.org/%d\", date: 2020-01-01, archive_url: \"https://archive.example/%d\", archived: 2020-01-0%d, url_status: %s, quote: \"Quote %d\", type: primary}\n", n, n%4, n, n, 1+n%9, status, n)
		if !strings.Contains(text, "\nsources:\n") {
			text = strings.Replace(text, "---\n", "---\nsources:\n"+src, 1)
		} else {
			text = strings.Replace(text, "\nsources:\n", "\nsources:\n"+src, 1)
		}
		e.write(p, text)
		return "edit sources " + p, []string{p}
	case 1:
		e.write(p, set("attributed_to", []string{"", fmt.Sprintf("[\"Ministry %d\"]", n), "[Ukraine, Russia]"}[n%3]))
		return "edit attributed_to " + p, []string{p}
	case 2:
		value := fmt.Sprintf("2030-01-%02d", 1+n%28)
		if n%2 == 0 && !strings.Contains(text, "corrections:") {
			value = "" // kept while a correction needs it, as an editor would
		}
		e.write(p, set("updated", value))
		return "edit updated " + p, []string{p}
	case 3:
		value := []string{"", fmt.Sprintf("[{date: 2029-12-%02d, text: \"Correction %d\"}]", 1+n%28, n), "[{date: 2029-01-01, text: First}, {date: 2029-06-01, text: Second}]"}[n%3]
		if value != "" {
			// A correction is made by an update, which the editor dates.
			text = set("updated", "2030-01-28")
		}
		e.write(p, set("corrections", value))
		return "edit corrections " + p, []string{p}
	case 4:
		value := ""
		if !strings.Contains(text, "\nwithdrawn: ") {
			value = fmt.Sprintf("{date: 2030-02-01, reason: \"Withdrawn %d\"}", n)
		}
		e.write(p, set("withdrawn", value))
		return "toggle withdrawn " + p, []string{p}
	default:
		// An event's own fields, on the article's first event.
		key := []string{"withdrawn", "attributed_to", "sources", "corrections"}[op-5]
		value := map[string]string{
			"withdrawn":     fmt.Sprintf("{date: 2030-03-01, reason: \"Event withdrawn %d\"}", n),
			"attributed_to": fmt.Sprintf("[\"Agency %d\"]", n),
			"sources":       fmt.Sprintf("[{title: \"Event source %d\", publisher: \"Wire %d\", url: \"https://wire.example/%d\", archive_url: \"https://archive.example/e%d\"}]", n, n%3, n, n),
			"corrections":   fmt.Sprintf("[{date: 2030-01-01, text: \"Event correction %d\"}]", n),
		}[key]
		re := regexp.MustCompile(`(?m)^    ` + key + `: .*\n`)
		if re.MatchString(text) {
			e.write(p, re.ReplaceAllString(text, ""))
			return "toggle event " + key + " " + p, []string{p}
		}
		i := strings.Index(text, "\n  - id: ")
		if i < 0 {
			e.write(p, set(key, value)) // no event: the article's own
			return "set " + key + " " + p, []string{p}
		}
		end := i + 1 + strings.Index(text[i+1:], "\n")
		e.write(p, text[:end+1]+"    "+key+": "+value+"\n"+text[end+1:])
		return "toggle event " + key + " " + p, []string{p}
	}
}

var mediaRE = regexp.MustCompile(`(?m)^  - \{file: (img-\d+\.(?:jpg|png)), alt: "([^"]*)", credit: C, sensitive: (true|false)\}$`)

// mediaChange adds, changes or removes an image of article p, or edits
// the fields of one.
func (e *editor) mediaChange(op int, p, text string) (string, []string) {
	if op > 0 { // change an article that has images
		var with []string
		for _, a := range e.articles() {
			if mediaRE.MatchString(e.read(a)) {
				with = append(with, a)
			}
		}
		if len(with) > 0 {
			p = with[e.rng.IntN(len(with))]
			text = e.read(p)
		}
	}
	m := mediaRE.FindStringSubmatchIndex(text)
	dir := filepath.ToSlash(filepath.Dir(p))
	switch {
	case op == 0 || m == nil:
		name := fmt.Sprintf("img-%d.jpg", e.n)
		data := mediatest.JPEG(40+e.n%7, 30, uint8(e.n))
		if e.n%3 == 0 {
			name = fmt.Sprintf("img-%d.png", e.n)
			data = mediatest.PNG(50, 20+e.n%5, e.n%2 == 0)
		}
		e.write(dir+"/"+name, string(data))
		item := fmt.Sprintf("  - {file: %s, alt: \"Image %d\", credit: C, sensitive: %v}\n", name, e.n, e.n%4 == 0)
		if m == nil && strings.Contains(text, "\nmedia:") {
			return "media: none", nil
		}
		if m == nil {
			text = strings.Replace(text, "---\n", "---\nmedia:\n"+item, 1)
		} else {
			text = text[:m[0]] + item + text[m[0]:]
		}
		e.write(p, text)
		return "media: add " + name + " to " + p, []string{dir + "/" + name, p}
	case op == 1:
		name := dir + "/" + text[m[2]:m[3]]
		e.write(name, string(mediatest.JPEG(33+e.n%9, 25, uint8(e.n*7))))
		return "media: change the pixels of " + name, []string{name}
	case op == 2:
		name := dir + "/" + text[m[2]:m[3]]
		if _, err := os.Stat(filepath.Join(e.dir, name)); err != nil {
			return "media: none", nil // moved away from its article, or removed already
		}
		e.undoLater(name, e.read(name))
		if err := os.Remove(filepath.Join(e.dir, name)); err != nil {
			e.t.Fatal(err)
		}
		return "media: remove " + name, []string{name}
	default:
		sensitive := map[string]string{"true": "false", "false": "true"}[text[m[6]:m[7]]]
		text = text[:m[4]] + fmt.Sprintf("Edited %d", e.n) + text[m[5]:m[6]] + sensitive + text[m[7]:]
		e.write(p, text)
		return "media: edit alt and sensitive in " + p, []string{p}
	}
}

// moreOps is how many kinds of edit moreChange makes.
const moreOps = 11

// moreChange edits the rest of what a user can change: the other
// frontmatter fields, templates/ overrides and static/ files.
func (e *editor) moreChange(p, text string, op int) (string, []string) {
	e.n++
	n := e.n
	// set writes key: value as the article's line, replacing the key and
	// its indented lines, or removes them when value is "".
	set := func(key, value string) string {
		re := regexp.MustCompile(`(?m)^` + key + `:.*\n(?:  .*\n)*`)
		text := re.ReplaceAllString(text, "")
		if value == "" {
			return text
		}
		return strings.Replace(text, "---\n", "---\n"+key+": "+value+"\n", 1)
	}
	// file writes a site file, or removes it when text is "".
	file := func(rel, text string) {
		if text == "" {
			os.Remove(filepath.Join(e.dir, filepath.FromSlash(rel)))
			return
		}
		e.write(rel, text)
	}
	slugs := func() []string {
		var s []string
		for _, a := range e.articles() {
			s = append(s, strings.TrimSuffix(filepath.Base(a), ".md"))
		}
		return s
	}
	switch op {
	case 0:
		e.write(p, set("summary", []string{"", fmt.Sprintf("\"Summary %d\"", n)}[n%2]))
		return "edit summary " + p, []string{p}
	case 1:
		e.write(p, set("status", []string{"", "reported", "confirmed", "disputed"}[n%4]))
		return "edit status " + p, []string{p}
	case 2:
		e.write(p, set("end", []string{"", "2031-05", "2031-05-02~"}[n%3]))
		return "edit end " + p, []string{p}
	case 3:
		e.write(p, set("tags", []string{"", fmt.Sprintf("[tag-%d, shared]", n%3), "[shared]"}[n%3]))
		return "edit tags " + p, []string{p}
	case 4:
		value := ""
		if n%2 == 0 {
			value = "[" + e.pick(slugs()) + "]"
		}
		e.write(p, set("related", value))
		return "edit related " + p, []string{p}
	case 5:
		value := "true"
		if strings.Contains(text, "\ndraft: true") {
			value = ""
		}
		e.write(p, set("draft", value))
		// A draft that others relate to is an error, until it is undone.
		e.undoLater(p, text)
		return "toggle draft " + p, []string{p}
	case 6:
		e.write(p, set("slug", []string{"", fmt.Sprintf("custom-slug-%d", n)}[n%2]))
		// A slug that others link to leaves them broken, until it is
		// undone: a site broken for good compares only errors.
		e.undoLater(p, text)
		return "edit slug " + p, []string{p}
	case 7:
		e.write(p, set("location", []string{"", "{name: Unnamed Village}", e.pick(placeForms)}[n%3]))
		return "edit location name " + p, []string{p}
	case 8:
		// A template override: added or changed, then removed.
		rel := "templates/partials/kind.html"
		body := []string{"", fmt.Sprintf(`{{define "kind"}}<b class="kind-%d">{{.Kind.Label}}</b>{{end}}`, n)}[n%2]
		file(rel, body)
		return "override " + rel, []string{rel}
	case 9:
		rel := "templates/partials/entry-card.html"
		body := []string{"", fmt.Sprintf(`{{define "entry-card"}}<div class="card-%d">{{template "default/entry-card" .}}</div>{{end}}`, n)}[n%2]
		file(rel, body)
		return "override " + rel, []string{rel}
	default:
		rel := []string{"static/extra.txt", "static/css/extra.css"}[n%2]
		body := []string{"", fmt.Sprintf("static %d\n", n)}[e.rng.IntN(2)]
		file(rel, body)
		return "static " + rel, []string{rel}
	}
}
