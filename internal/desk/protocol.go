package desk

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/front"
)

// maxRequest bounds a request: a photo, base64-encoded, with its entry.
const maxRequest = 64 << 20

// request is what the CMS posts: an action and its parameters.
type request struct {
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
}

// dataFile is an entry's file as the CMS sends it.
type dataFile struct {
	Path    string `json:"path"`
	Slug    string `json:"slug"`
	Raw     string `json:"raw"`
	NewPath string `json:"newPath"`
}

type asset struct {
	Path     string `json:"path"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
}

// entryFile is one file of entriesByFolder, entriesByFiles and getEntry.
type entryFile struct {
	Data *string  `json:"data"`
	File fileInfo `json:"file"`
}

type fileInfo struct {
	Path  string  `json:"path"`
	Label string  `json:"label,omitempty"`
	ID    *string `json:"id"`
}

type mediaFile struct {
	ID       string `json:"id"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
	Path     string `json:"path"`
	Name     string `json:"name"`
}

// api answers one request of the local backend protocol. Every answer is
// JSON; an error is {"error": message} with a status, which the CMS shows.
func (d *Desk) api(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		answer(w, nil, refuse(http.StatusMethodNotAllowed, "the desk's API takes POST"))
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	s, err := d.allowed(r)
	if err != nil {
		answer(w, nil, err)
		return
	}
	var req request
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRequest))
	if err := dec.Decode(&req); err != nil {
		answer(w, nil, refuse(http.StatusBadRequest, "the request is not JSON: %v", err))
		return
	}
	root, err := openContent(d.opts.Source)
	if err != nil {
		answer(w, nil, err)
		return
	}
	defer root.Close()
	x := &exchange{d: d, s: s, root: root, site: d.site()}
	res, err := x.do(req)
	answer(w, res, err)
}

// openContent opens the site's content/ folder, which may be a link
// within the site but not out of it: everything the desk reads and
// writes goes through it, and it follows no link out.
func openContent(source string) (*os.Root, error) {
	dir := filepath.Join(source, content.Dir)
	real, err1 := filepath.EvalSymlinks(dir)
	site, err2 := filepath.EvalSymlinks(source)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("the site has no %s/ folder", content.Dir)
	}
	if rel, err := filepath.Rel(site, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, refuse(http.StatusForbidden, "%s/ leads outside the site (a symbolic link): the desk does not follow it", content.Dir)
	}
	return os.OpenRoot(real)
}

func answer(w http.ResponseWriter, res any, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err != nil {
		status := http.StatusInternalServerError
		var ref *refusal
		var save *saveError
		switch {
		case errors.As(err, &ref):
			status = ref.status
		case errors.As(err, &save):
			status = http.StatusUnprocessableEntity
			w.WriteHeader(status)
			_ = json.NewEncoder(w).Encode(map[string]any{"error": save.Error(), "diagnostics": save.diagnostics})
			return
		}
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(res)
}

// saveError is a save that was written but does not build: the editor's
// text is kept on disk and the diagnostics say what to fix.
type saveError struct {
	diagnostics []string
}

func (e *saveError) Error() string {
	return "Saved, but the site does not build, so it still shows the last good version. Fix this and save again:\n" + strings.Join(e.diagnostics, "\n")
}

// exchange is one request being answered.
type exchange struct {
	d    *Desk
	s    *session
	root *os.Root // content/: nothing outside it can be reached
	site siteInfo
}

func params[T any](raw json.RawMessage) (T, error) {
	var p T
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, refuse(http.StatusBadRequest, "bad parameters: %v", err)
	}
	return p, nil
}

func (x *exchange) do(req request) (any, error) {
	switch req.Action {
	case "info":
		return map[string]any{"repo": filepath.Base(absPath(x.d.opts.Source)), "publish_modes": []string{"simple"}, "type": "local_fs"}, nil
	case "entriesByFolder":
		p, err := params[struct {
			Folder    string `json:"folder"`
			Extension string `json:"extension"`
			Depth     int    `json:"depth"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		return x.entriesByFolder(p.Folder, p.Depth)
	case "entriesByFiles":
		p, err := params[struct {
			Files []fileInfo `json:"files"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		out := make([]entryFile, 0, len(p.Files))
		for _, f := range p.Files {
			e, err := x.entry(f.Path, true)
			if err != nil {
				return nil, err
			}
			e.File.Label = f.Label
			out = append(out, e)
		}
		return out, nil
	case "getEntry":
		p, err := params[struct {
			Path string `json:"path"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		return x.entry(p.Path, true)
	case "persistEntry":
		p, err := params[struct {
			Entry     *dataFile  `json:"entry"`
			DataFiles []dataFile `json:"dataFiles"`
			Assets    []asset    `json:"assets"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		files := p.DataFiles
		if p.Entry != nil {
			files = append(files, *p.Entry)
		}
		return x.persistEntry(files, p.Assets)
	case "getMedia":
		p, err := params[struct {
			MediaFolder string `json:"mediaFolder"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		return x.media(p.MediaFolder)
	case "getMediaFile":
		p, err := params[struct {
			Path string `json:"path"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		return x.mediaFile(p.Path)
	case "persistMedia":
		p, err := params[struct {
			Asset asset `json:"asset"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		if err := x.writeAsset(p.Asset); err != nil {
			return nil, err
		}
		return x.mediaFile(p.Asset.Path)
	case "deleteFile":
		p, err := params[struct {
			Path string `json:"path"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		return x.delete([]string{p.Path})
	case "deleteFiles":
		p, err := params[struct {
			Paths []string `json:"paths"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		return x.delete(p.Paths)
	case "getDeployPreview":
		p, err := params[struct {
			Collection string `json:"collection"`
			Slug       string `json:"slug"`
		}](req.Params)
		if err != nil {
			return nil, err
		}
		return x.preview(p.Collection, p.Slug), nil
	}
	return nil, refuse(http.StatusUnprocessableEntity, "unknown action %q: the desk speaks %s", req.Action, strings.Join(Actions, ", "))
}

// Actions are the actions of the local backend protocol the desk answers.
var Actions = []string{"info", "entriesByFolder", "entriesByFiles", "getEntry", "persistEntry", "getMedia", "getMediaFile", "persistMedia", "deleteFile", "deleteFiles", "getDeployPreview"}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// entry reads the file of an entry the CMS names (deskPath: in the
// desk's naming, where the original carries its language), with its body
// or not, and remembers what it showed.
func (x *exchange) entry(deskPath string, body bool) (entryFile, error) {
	p := x.site.diskPath(deskPath)
	rest, err := sitePath(p, []string{ArticleExt})
	if err != nil {
		return entryFile{}, err
	}
	e := entryFile{File: fileInfo{Path: deskPath}}
	src, err := readFile(x.root, p, rest)
	if err != nil || src == nil {
		return e, err
	}
	id := sum(src)
	view, err := x.d.view(p, id, src, body)
	if err != nil {
		return e, refuse(http.StatusConflict, "%v: fix it in a text editor, then reload the desk", err)
	}
	x.s.served[p] = id
	v := string(view)
	e.Data, e.File.ID = &v, &id
	return e, nil
}

// view is the entry at p as the desk shows it (deskView), kept by the
// sum of its bytes: a year's list parses each article once a run, not on
// every opening of the desk. Called with mu held.
func (d *Desk) view(p, id string, src []byte, body bool) ([]byte, error) {
	key := p
	if body {
		key += "\x00body"
	}
	if v, ok := d.views[key]; ok && v.sum == id {
		return v.data, nil
	}
	data, err := deskView(p, src, body)
	if err == nil {
		d.views[key] = shown{id, data}
	}
	return data, err
}

// entriesByFolder lists the entries of a collection of the desk's
// configuration: see siteInfo.collectionFiles.
func (x *exchange) entriesByFolder(folder string, depth int) ([]entryFile, error) {
	list := x.site.collectionFiles
	if folder == content.Dir && depth > 1 {
		list = x.site.recentFiles
	}
	files, err := list(x.d.opts.Source, folder)
	if err != nil {
		return nil, err
	}
	out := make([]entryFile, 0, len(files))
	for _, f := range files {
		e, err := x.entry(x.site.deskPath(f), false)
		if err != nil {
			var ref *refusal
			if errors.As(err, &ref) {
				continue // an unreadable file is left out of the list, not the whole list
			}
			return nil, err
		}
		if e.Data != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// write is one file of a save.
type write struct {
	path, rest string
	data       []byte
}

// persistEntry saves an entry: its original and its translations. The
// original is written in the shape of `timelinegen new article`, the
// translations carry only their text and the fingerprint of the
// original's, and nothing is written when a file changed on disk since
// the desk showed it to this editor. Then the site is rebuilt.
func (x *exchange) persistEntry(files []dataFile, assets []asset) (any, error) {
	if len(files) == 0 {
		return nil, refuse(http.StatusBadRequest, "persistEntry: no entry")
	}
	var writes []write
	var renames [][2]string
	var original *write
	// The original first: the translations' fingerprint is of its text.
	slices.SortStableFunc(files, func(a, b dataFile) int {
		return boolInt(content.IsTranslation(x.site.diskPath(a.Path))) - boolInt(content.IsTranslation(x.site.diskPath(b.Path)))
	})
	for _, f := range files {
		p := x.site.diskPath(f.Path)
		rest, err := sitePath(p, []string{ArticleExt})
		if err != nil {
			return nil, err
		}
		old, err := x.current(p, rest)
		if err != nil {
			return nil, err
		}
		d, err := parseDesk(p, f.Raw)
		if err != nil {
			return nil, err
		}
		oldBody := ""
		if old != nil {
			if of, err := front.Split(old); err == nil {
				oldBody = string(of.Body)
			}
		}
		var data []byte
		if orig, lang, ok := content.TranslationOf(p); ok {
			if !slices.Contains(x.site.languages, lang) {
				return nil, refuse(http.StatusForbidden, "%s: no language %q in timeline.yaml", p, lang)
			}
			if old == nil && emptyTranslation(d) {
				continue
			}
			data = translationYAML(d, x.fingerprint(orig, original), oldBody)
		} else {
			data = articleYAML(d, oldBody)
		}
		w := write{p, rest, data}
		writes = append(writes, w)
		if !content.IsTranslation(p) {
			original = &w
		}
		if f.NewPath != "" && f.NewPath != f.Path {
			np := x.site.diskPath(f.NewPath)
			nrest, err := sitePath(np, []string{ArticleExt})
			if err != nil {
				return nil, err
			}
			if b, err := readFile(x.root, np, nrest); err != nil || b != nil {
				return nil, cmpErr(err, refuse(http.StatusConflict, "%s exists already: choose another slug", np))
			}
			renames = append(renames, [2]string{p, np})
		}
	}
	for _, a := range assets {
		if _, err := sitePath(a.Path, MediaExts); err != nil {
			return nil, err
		}
	}
	// Every check passed: write.
	var changed []string
	for _, w := range writes {
		if err := writeFile(x.root, w.path, w.rest, w.data); err != nil {
			return nil, err
		}
		x.s.served[w.path] = sum(w.data)
		changed = append(changed, w.path)
	}
	for _, rn := range renames {
		from, _ := sitePath(rn[0], []string{ArticleExt})
		to, _ := sitePath(rn[1], []string{ArticleExt})
		if err := x.root.Rename(from, to); err != nil {
			return nil, escaped(rn[1], err)
		}
		x.s.served[rn[1]] = x.s.served[rn[0]]
		delete(x.s.served, rn[0])
		changed = append(changed, rn[0], rn[1])
	}
	for _, a := range assets {
		if err := x.writeAsset(a); err != nil {
			return nil, err
		}
		changed = append(changed, a.Path)
	}
	return x.rebuilt(changed, "entry persisted")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// rebuilt rebuilds the site after a change and answers with its errors.
func (x *exchange) rebuilt(changed []string, ok string) (any, error) {
	if x.d.opts.Rebuild != nil {
		if errs := x.d.opts.Rebuild(changed); len(errs) > 0 {
			return nil, &saveError{diagnostics: errs}
		}
	}
	return map[string]string{"message": ok}, nil
}

// current is the file at p on disk, checked against what this editor was
// shown: a file changed or deleted since is a conflict, and so is a new
// entry over an existing file.
func (x *exchange) current(p, rest string) ([]byte, error) {
	old, err := readFile(x.root, p, rest)
	if err != nil {
		return nil, err
	}
	if err := conflict(p, x.standing(p, old)); err != nil {
		return nil, err
	}
	return old, nil
}

// standing is how a file, old on disk (nil when there is none), stands
// against what this editor was shown of it.
type standing int

const (
	asShown      standing = iota // unchanged, or new and still absent
	deletedSince                 // shown, and gone from disk since
	unseen                       // on disk, never shown to this editor
	changedSince                 // shown, and changed on disk since
)

func (x *exchange) standing(p string, old []byte) standing {
	shown, seen := x.s.served[p]
	switch {
	case old == nil && seen:
		return deletedSince
	case old != nil && !seen:
		return unseen
	case old != nil && sum(old) != shown:
		return changedSince
	}
	return asShown
}

// conflict is the refusal of a save over a file that stands so.
func conflict(p string, st standing) error {
	switch st {
	case deletedSince:
		return refuse(http.StatusConflict, "%s was deleted since you opened it: copy your text, reload the desk and create it again", p)
	case unseen:
		return refuse(http.StatusConflict, "%s exists already and the desk has not shown it to you: reload the desk and open it, or choose another title", p)
	case changedSince:
		return refuse(http.StatusConflict, "%s changed on disk since you opened it (another editor or a text editor saved it): copy your changes, reload the entry and make them again, so that nobody's work is lost", p)
	}
	return nil
}

// fingerprint is the fingerprint of the original at orig, from the file
// being saved with it or from disk; "" when it cannot be read, which
// keeps the translation's own.
func (x *exchange) fingerprint(orig string, saving *write) string {
	var src []byte
	if saving != nil && saving.path == orig {
		src = saving.data
	} else if rest, err := sitePath(orig, []string{ArticleExt}); err == nil {
		src, _ = readFile(x.root, orig, rest)
	}
	if src == nil {
		return ""
	}
	a, ds := content.Loader{Kinds: x.site.kinds, Languages: x.site.languages}.Parse(orig, src)
	if a == nil || ds.HasErrors() {
		return ""
	}
	return content.Fingerprint(a)
}

func (x *exchange) writeAsset(a asset) error {
	rest, err := sitePath(a.Path, MediaExts)
	if err != nil {
		return err
	}
	if a.Encoding != "base64" {
		return refuse(http.StatusBadRequest, "%s: the desk takes files in base64", a.Path)
	}
	data, err := base64.StdEncoding.DecodeString(a.Content)
	if err != nil {
		return refuse(http.StatusBadRequest, "%s: not base64: %v", a.Path, err)
	}
	return writeFile(x.root, a.Path, rest, data)
}

// media lists the photos of a folder under content/.
func (x *exchange) media(folder string) ([]mediaFile, error) {
	folder = strings.TrimSuffix(folder, "/")
	if folder != content.Dir {
		if _, err := sitePath(folder+"/x.md", []string{ArticleExt}); err != nil {
			return nil, err
		}
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(folder, content.Dir), "/")
	if rest == "" {
		rest = "."
	}
	ents, err := fs.ReadDir(x.root.FS(), rest)
	if errors.Is(err, fs.ErrNotExist) {
		return []mediaFile{}, nil
	}
	if err != nil {
		return nil, escaped(folder, err)
	}
	out := []mediaFile{}
	for _, e := range ents {
		if e.IsDir() || !slices.Contains(MediaExts, strings.ToLower(path.Ext(e.Name()))) {
			continue
		}
		m, err := x.mediaFile(folder + "/" + e.Name())
		if err != nil {
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

func (x *exchange) mediaFile(p string) (mediaFile, error) {
	rest, err := sitePath(p, MediaExts)
	if err != nil {
		return mediaFile{}, err
	}
	b, err := readFile(x.root, p, rest)
	if err != nil {
		return mediaFile{}, err
	}
	if b == nil {
		return mediaFile{}, refuse(http.StatusNotFound, "%s: no such file", p)
	}
	return mediaFile{ID: sum(b), Content: base64.StdEncoding.EncodeToString(b), Encoding: "base64", Path: p, Name: path.Base(p)}, nil
}

// delete removes entries' files and photos; an entry changed on disk
// since this editor saw it is not deleted.
func (x *exchange) delete(paths []string) (any, error) {
	type del struct{ p, rest string }
	var dels []del
	for _, dp := range paths {
		p := x.site.diskPath(dp)
		rest, err := sitePath(p, anyExt())
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(p, ArticleExt) {
			old, err := readFile(x.root, p, rest)
			if err != nil {
				return nil, err
			}
			switch st := x.standing(p, old); st {
			case deletedSince, unseen:
				continue // already gone, or a translation never shown: nothing to lose
			case changedSince:
				return nil, conflict(p, st)
			}
		}
		dels = append(dels, del{p, rest})
	}
	var changed []string
	for _, dl := range dels {
		if info, err := x.root.Lstat(dl.rest); err == nil && info.IsDir() {
			return nil, refuse(http.StatusForbidden, "%s is a folder", dl.p)
		}
		if err := x.root.Remove(dl.rest); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, escaped(dl.p, err)
		}
		delete(x.s.served, dl.p)
		changed = append(changed, dl.p)
	}
	return x.rebuilt(changed, "deleted "+strings.Join(paths, ", "))
}

// preview is the address of an entry's page in the served site, which
// the CMS links as its deploy preview.
func (x *exchange) preview(collection, slug string) any {
	folder, ok := x.site.folders[collection]
	if !ok {
		return nil
	}
	p := x.site.diskPath(path.Join(folder, slug) + ArticleExt)
	rest, err := sitePath(p, []string{ArticleExt})
	if err != nil {
		return nil
	}
	src, _ := readFile(x.root, p, rest)
	if src == nil {
		return nil
	}
	view, err := deskView(p, src, false)
	if err != nil {
		return nil
	}
	d, err := parseDesk(p, string(view))
	if err != nil {
		return nil
	}
	s, _ := d.front[slugKey].(string)
	return map[string]string{"url": EntryURL(s), "status": "SUCCESS"}
}

// EntryURL is the path of an article's page in the served site.
func EntryURL(slug string) string { return "/events/" + slug + "/" }
