package desk

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/scaffold"
)

// siteInfo is what the desk needs to know of the site, read afresh for
// each request: timeline.yaml and content/ may change while serve runs.
type siteInfo struct {
	cfg       config.Config
	languages []string // the default first
	kinds     []string
	// years are the folders content/<yyyy>/, newest first: a collection
	// each, so that a site of 100,000 entries opens one year at a time.
	years []string
	// folders are the folders of the collections, by collection name.
	folders map[string]string
}

// Collection names and the folder of the hidden collection of every
// article, which the related-entries field searches.
const (
	recentCollection = "recent"
	otherCollection  = "articles"
	allCollection    = "all"
	allFolder        = content.Dir + "/@all"
)

// recentCount is how many articles the desk opens with: the articles
// changed last, whatever their year. It keeps the first screen small
// however large the site: the CMS shows every entry of a collection at
// once, and a year of a large site holds thousands.
const recentCount = 100

// recentPath is the path of the recent collection below content/: its
// entries are in the years' folders. It also tells that collection's
// requests from those of the other articles, which share its folder:
// the CMS asks for its entries at depth 2, for theirs at depth 1.
const recentPath = "{{year}}/{{slug}}"

var yearRE = regexp.MustCompile(`^[0-9]{4}$`)

func loadSite(source string) siteInfo {
	cfg, _ := scaffold.LoadConfig(source) // the defaults where it is broken: check says why
	var years []string
	ents, _ := os.ReadDir(filepath.Join(source, content.Dir))
	for _, e := range ents {
		if e.IsDir() && yearRE.MatchString(e.Name()) {
			years = append(years, e.Name())
		}
	}
	return newSite(cfg, years)
}

// Years are the years' folders that hold the articles at paths (slash
// paths from the site's folder): with the configuration and the CMS's
// Version, what the desk of the published site is made from.
func Years(paths []string) []string {
	var years []string
	for _, p := range paths {
		parts := strings.SplitN(p, "/", 3)
		if len(parts) == 3 && parts[0] == content.Dir && yearRE.MatchString(parts[1]) && !slices.Contains(years, parts[1]) {
			years = append(years, parts[1])
		}
	}
	return years
}

func newSite(cfg config.Config, years []string) siteInfo {
	s := siteInfo{cfg: cfg, languages: cfg.LanguageCodes(), kinds: cfg.KindNames(), folders: map[string]string{}, years: slices.Clone(years)}
	slices.Sort(s.years)
	slices.Reverse(s.years)
	for _, y := range s.years {
		s.folders["y"+y] = content.Dir + "/" + y
	}
	s.folders[recentCollection] = content.Dir
	s.folders[otherCollection] = content.Dir
	s.folders[allCollection] = allFolder
	return s
}

func (d *Desk) site() siteInfo { return loadSite(d.opts.Source) }

// multilingual sites show each article with its translations (Decap's
// i18n, multiple_files): the desk names an original by its language,
// talks.en.md, which is talks.md on disk.
func (s siteInfo) multilingual() bool { return len(s.languages) > 1 }

func (s siteInfo) diskPath(deskPath string) string {
	suffix := "." + s.languages[0] + ArticleExt
	if s.multilingual() && strings.HasSuffix(deskPath, suffix) {
		return strings.TrimSuffix(deskPath, suffix) + ArticleExt
	}
	return deskPath
}

func (s siteInfo) deskPath(diskPath string) string {
	if s.multilingual() && !content.IsTranslation(diskPath) {
		return strings.TrimSuffix(diskPath, ArticleExt) + "." + s.languages[0] + ArticleExt
	}
	return diskPath
}

// collectionFiles lists the files (disk paths) of the collection at
// folder: a year's folder holds every article below it, content/ those
// in no year's folder, and the hidden collection every original.
func (s siteInfo) collectionFiles(source, folder string) ([]string, error) {
	start, all := folder, folder == allFolder
	if all {
		start = content.Dir
	} else if folder != content.Dir {
		if _, err := sitePath(folder+"/x"+ArticleExt, []string{ArticleExt}); err != nil {
			return nil, err
		}
	}
	var files []string
	err := filepath.WalkDir(filepath.Join(source, filepath.FromSlash(start)), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(source, p)
		rel = filepath.ToSlash(rel)
		name := e.Name()
		if e.IsDir() {
			if rel != start && strings.HasPrefix(name, ".") ||
				folder == content.Dir && path.Dir(rel) == content.Dir && yearRE.MatchString(name) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ArticleExt) {
			return nil
		}
		if _, lang, ok := content.TranslationOf(rel); ok && (all || !s.multilingual() || !slices.Contains(s.languages[1:], lang)) {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	return files, err
}

// recentFiles lists the recentCount articles changed last (disk paths),
// the last first, each with its translations when the desk shows them.
func (s siteInfo) recentFiles(source, _ string) ([]string, error) {
	originals, err := s.collectionFiles(source, allFolder)
	if err != nil {
		return nil, err
	}
	type changed struct {
		path string
		when time.Time
	}
	all := make([]changed, 0, len(originals))
	for _, p := range originals {
		if info, err := os.Lstat(filepath.Join(source, filepath.FromSlash(p))); err == nil {
			all = append(all, changed{p, info.ModTime()})
		}
	}
	slices.SortStableFunc(all, func(a, b changed) int {
		if c := b.when.Compare(a.when); c != 0 {
			return c
		}
		return strings.Compare(a.path, b.path)
	})
	var files []string
	for _, c := range all[:min(len(all), recentCount)] {
		files = append(files, c.path)
		if !s.multilingual() {
			continue
		}
		for _, lang := range s.languages[1:] {
			t := strings.TrimSuffix(c.path, ArticleExt) + "." + lang + ArticleExt
			if _, err := os.Lstat(filepath.Join(source, filepath.FromSlash(t))); err == nil {
				files = append(files, t)
			}
		}
	}
	return files, nil
}

// Names are the names the site uses already, which the desk offers as
// the editor types.
type Names struct {
	Actors    []string `json:"actors"`
	Places    []string `json:"places"`
	Countries []string `json:"countries"`
	Tags      []string `json:"tags"`
}

// siteNames reads the names of every article's frontmatter.
func (s siteInfo) siteNames(source string) Names {
	sets := map[string]map[string]bool{"actors": {}, "places": {}, "countries": {}, "tags": {}}
	add := func(set string, n *front.Node) {
		if n == nil {
			return
		}
		if n.Kind == front.Scalar && strings.TrimSpace(n.Text) != "" {
			sets[set][strings.TrimSpace(n.Text)] = true
		}
		for _, it := range n.Items {
			if it.Kind == front.Scalar && strings.TrimSpace(it.Text) != "" {
				sets[set][strings.TrimSpace(it.Text)] = true
			}
		}
	}
	entry := func(m *front.Node) {
		add("actors", m.Get("actors"))
		add("actors", m.Get("attributed_to"))
		if loc := m.Get("location"); loc != nil {
			if loc.Kind == front.Scalar {
				add("places", loc)
			} else {
				add("places", loc.Get("name"))
				add("countries", loc.Get("country"))
			}
		}
	}
	files, _ := s.collectionFiles(source, allFolder)
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(f)))
		if err != nil {
			continue
		}
		ff, err := front.Split(src)
		if err != nil {
			continue
		}
		entry(ff.Front)
		add("tags", ff.Front.Get("tags"))
		if evs := ff.Front.Get("events"); evs != nil {
			for _, e := range evs.Items {
				entry(e)
			}
		}
	}
	list := func(set string) []string {
		out := make([]string, 0, len(sets[set]))
		for k := range sets[set] {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	return Names{Actors: list("actors"), Places: list("places"), Countries: list("countries"), Tags: list("tags")}
}
