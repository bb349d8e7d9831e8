package build

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/export"
	"github.com/timelinegen/timelinegen/internal/media"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// CacheDir is where processed images are kept between builds, in the
// site's folder.
const CacheDir = ".timelinegen/cache"

// mediaSet is a build's processed images.
type mediaSet struct {
	cache  *media.Cache
	images map[string]*media.Image // by source file, slash relative to the site
	// blurred lists the images shown somewhere as sensitive: their
	// blurred stand-in is published.
	blurred map[string]bool // by hash
	cards   []*cardFiles    // share cards used, by language
	sources []string        // the files read, on disk
}

// prune forgets what the cache holds that this build did not use.
func (m *mediaSet) prune() {
	m.cache.Prune(m.sources, func(hash string) bool {
		return slices.ContainsFunc(m.cards, func(c *cardFiles) bool { return c.count[hash] > 0 })
	})
}

func mediaSettings(c config.Media) media.Settings {
	return media.Settings{Widths: c.Widths, Quality: c.Quality, MaxPixels: c.MaxPixels}
}

// openMedia opens the site's image cache: read-only for a check with
// NoCache, none for a build with NoCache (the images kept in memory).
func openMedia(opts Options, cfg *config.Config) *media.Cache {
	dir := filepath.Join(opts.Source, filepath.FromSlash(CacheDir), "media")
	switch {
	case opts.NoCache && opts.check:
		return media.OpenReadOnly(dir, mediaSettings(cfg.Media))
	case opts.NoCache:
		return media.Open("", mediaSettings(cfg.Media))
	}
	return media.Open(dir, mediaSettings(cfg.Media))
}

// mediaUse is one place a file is named.
type mediaUse struct {
	article   *content.Article
	pos       content.Pos
	field     string // "file" or "poster"
	sensitive bool
}

// processMedia processes every image the articles name, from the cache
// where it can, in parallel, and reports every file that is missing or not
// an image it can publish, where it is named.
func processMedia(source string, cache *media.Cache, articles []*content.Article) (*mediaSet, diag.List) {
	uses := map[string][]mediaUse{}
	add := func(a *content.Article, list []content.Media) {
		for _, m := range list {
			if m.File != "" {
				uses[m.File] = append(uses[m.File], mediaUse{a, m.Pos, "file", m.Sensitive})
			}
			if m.Poster != "" {
				uses[m.Poster] = append(uses[m.Poster], mediaUse{a, m.PosterPos, "poster", m.Sensitive})
			}
		}
	}
	for _, a := range articles {
		add(a, a.Media)
		for _, ev := range a.Events {
			add(a, ev.Media)
		}
	}
	files := make([]string, 0, len(uses))
	for f := range uses {
		files = append(files, f)
	}
	slices.Sort(files)
	images := make([]*media.Image, len(files))
	errs := make([]error, len(files))
	parallel(len(files), func(i int) {
		images[i], errs[i] = cache.Image(filepath.Join(source, filepath.FromSlash(files[i])))
	})
	set := &mediaSet{cache: cache, images: map[string]*media.Image{}, blurred: map[string]bool{}}
	var ds diag.List
	disk := make([]string, 0, len(files))
	for i, f := range files {
		disk = append(disk, filepath.Join(source, filepath.FromSlash(f)))
		if errs[i] != nil {
			msg := mediaProblem(source, f, errs[i])
			for _, u := range uses[f] {
				written := relativeTo(u.article.Path, f)
				ds.Errorf(u.article.Path, u.pos.Line, u.pos.Col, "media: %s %q: %s", u.field, written, msg)
			}
			continue
		}
		set.images[f] = images[i]
		for _, u := range uses[f] {
			if u.sensitive {
				set.blurred[images[i].Hash] = true
			}
		}
	}
	set.sources = disk
	return set, ds
}

// mediaProblem says what is wrong with the file f of the site at source.
func mediaProblem(source, f string, err error) string {
	var me *media.Error
	switch {
	case errors.As(err, &me):
		return me.Message
	case errors.Is(err, fs.ErrNotExist):
		dir, name := path.Split(f)
		entries, _ := os.ReadDir(filepath.Join(source, filepath.FromSlash(dir)))
		var names []string
		for _, e := range entries {
			if !e.IsDir() && !strings.EqualFold(path.Ext(e.Name()), ".md") {
				names = append(names, e.Name())
			}
		}
		for _, n := range names {
			if strings.EqualFold(n, name) {
				return fmt.Sprintf("no such file (did you mean %q? file names are case-sensitive)", n)
			}
		}
		if s := diag.Suggest(name, names); s != "" {
			return "no such file" + s
		}
		return "no such file beside the article"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Sprintf("cannot read: %v", err)
}

// relativeTo is file as an article at article would name it.
func relativeTo(article, file string) string {
	dir := path.Dir(article) + "/"
	if strings.HasPrefix(file, dir) {
		return strings.TrimPrefix(file, dir)
	}
	return file
}

// image is the processed image of a source file, for the Planner.
func (m *mediaSet) image(file string) *media.Image { return m.images[file] }

// outputs are the published files of the images: every width, and the
// blurred stand-in of those shown as sensitive (the share cards are
// cardFiles).
func (m *mediaSet) outputs() []product {
	out := make([]product, 0, 2*len(m.images))
	seen := map[string]bool{}
	for _, im := range m.images {
		if seen[im.Hash] {
			continue
		}
		seen[im.Hash] = true
		vs := slices.Clone(im.Variants)
		if m.blurred[im.Hash] {
			vs = append(vs, im.Blur)
		}
		for _, v := range vs {
			out = append(out, m.file(v))
		}
	}
	slices.SortFunc(out, func(a, b product) int { return strings.Compare(a.name, b.name) })
	return out
}

func fnvKey(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64() | 1 // never volatile
}

func (m *mediaSet) file(v media.Variant) product {
	cache := m.cache
	return product{name: v.Name, kind: mediaFile, key: fnvKey(fmt.Sprintf("%s\x00%d", v.Name, v.Size)), make: func() []byte {
		data, err := cache.File(v.Name)
		if err != nil {
			// Gone from the cache since (another build pruned it): the
			// image is made again on the next build.
			return nil
		}
		return data
	}, disk: func() (string, error) { return cache.FilePath(v.Name), nil }}
}

// exportMedia gives the data files an entry's media with absolute URLs.
func exportMedia(p *pages.Planner) func(e *timeline.Entry) []export.Media {
	abs := func(u string) string {
		if u == "" || strings.Contains(u, "://") {
			return u
		}
		return p.Absolute(u)
	}
	return func(e *timeline.Entry) []export.Media {
		views := p.EntryMedia(e)
		out := make([]export.Media, 0, len(views))
		for _, v := range views {
			x := export.Media{Type: "image", Caption: v.Caption, Credit: v.Credit, License: v.License, Sensitive: v.Sensitive}
			if pic := v.Image; pic != nil {
				x.URL, x.Alt = abs(p.MediaURL(pic.Largest.Name)), pic.Alt
				x.Thumbnail = abs(p.MediaURL(pic.Smallest.Name))
				if v.Sensitive {
					x.Thumbnail = abs(pic.Blur)
				}
				w, h := pic.Largest.Width, pic.Largest.Height
				x.Width, x.Height = &w, &h
			}
			if vid := v.Video; vid != nil {
				x.Type, x.URL, x.Provider, x.Width, x.Height = "video", vid.URL, vid.Provider, nil, nil
			}
			out = append(out, x)
		}
		return out
	}
}

// exportImage gives the feeds the photo standing for an entry.
func exportImage(p *pages.Planner) func(e *timeline.Entry) *export.Image {
	return func(e *timeline.Entry) *export.Image {
		si := p.EntryImage(e)
		if si == nil {
			return nil
		}
		return &export.Image{URL: si.URL, Type: si.Type, Size: si.Size, Width: si.Width, Height: si.Height}
	}
}
