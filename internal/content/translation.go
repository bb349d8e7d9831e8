package content

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// Translation is an article's text in another language, from a file
// beside the original with the language's code before ".md":
// jeddah-talks.uk.md translates jeddah-talks.md. It carries words only;
// every fact comes from the original.
type Translation struct {
	Path     string // "content/2025/03/jeddah-talks.uk.md"
	Lang     string // "uk"
	Original string // the original's path, "content/2025/03/jeddah-talks.md"

	Title, Summary string
	TitlePos       Pos
	Events         []*EventText
	Translator     string
	// Of is translation_of as written: the Fingerprint of the original's
	// text the translation was made from ("" when not given).
	Of    string
	OfPos Pos

	Body     []byte
	BodyLine int
}

// EventText is the translated text of one of the original's events.
type EventText struct {
	ID             string
	IDPos          Pos
	Title, Summary string
}

// Event is the translation of the event with id, or nil.
func (t *Translation) Event(id string) *EventText {
	for _, e := range t.Events {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// TranslationKeys and EventTranslationKeys are what a translation may
// carry: text only.
var (
	TranslationKeys      = []string{"title", "summary", "events", "translator", "translation_of"}
	EventTranslationKeys = []string{"id", "title", "summary"}
)

// mayCarry says what a translation may carry, for its diagnostics.
const mayCarry = "a translation carries only text: title, summary, events [{id, title, summary}], translator, translation_of and the body"

var translationRE = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\.md$`)

// TranslationOf tells whether a file is a translation, by its name
// "<stem>.<code>.md", and which file it translates in which language.
func TranslationOf(p string) (original, lang string, ok bool) {
	m := translationRE.FindStringSubmatch(path.Base(p))
	if m == nil {
		return "", "", false
	}
	return path.Join(path.Dir(p), m[1]+".md"), m[2], true
}

// IsTranslation reports whether the file at p is a translation.
func IsTranslation(p string) bool {
	_, _, ok := TranslationOf(p)
	return ok
}

// LoadTranslations reads the translations at paths (slash, relative to
// site), like LoadFiles.
func (l Loader) LoadTranslations(site string, paths []string) ([]*Translation, []diag.List) {
	out := make([]*Translation, len(paths))
	lists := make([]diag.List, len(paths))
	for i, p := range paths {
		src, err := sitefs.ReadFile(filepath.Join(site, filepath.FromSlash(p)), sitefs.MaxArticle)
		if err != nil {
			sitefs.ReportRead(&lists[i], p, err)
			continue
		}
		out[i], lists[i] = l.ParseTranslation(p, src)
	}
	return out, lists
}

// ParseTranslation reads one translation from its text. Languages are
// the site's; the first is the original's.
func (l Loader) ParseTranslation(rel string, src []byte) (*Translation, diag.List) {
	d := &decoder{path: rel, kinds: l.Kinds}
	original, lang, _ := TranslationOf(rel)
	f, err := front.Split(src)
	if err != nil {
		var fe *front.Error
		if e, ok := err.(*front.Error); ok {
			fe = e
			d.ds.Errorf(rel, fe.Line, fe.Col, "%s", fe.Message)
		} else {
			d.ds.Errorf(rel, 1, 1, "%v", err)
		}
		return nil, d.ds
	}
	t := &Translation{Path: rel, Lang: lang, Original: original, Body: f.Body, BodyLine: f.BodyLine}
	d.checkBody(f)
	switch {
	case len(l.Languages) == 0:
	case lang == l.Languages[0]:
		d.ds.Errorf(rel, 1, 1, "%q is the site's default language, the original's: a translation names another of timeline.yaml's languages (%s)", lang, strings.Join(l.Languages[1:], ", "))
	case !slices.Contains(l.Languages, lang):
		d.ds.Errorf(rel, 1, 1, "unknown language %q: timeline.yaml's languages are %s%s; add it there or rename the file", lang, strings.Join(l.Languages, ", "), diag.Suggest(lang, l.Languages))
	}
	root := f.Front
	d.cutAtComma(root, "")
	for _, k := range root.Keys {
		switch {
		case slices.Contains(TranslationKeys, k.Name):
		case slices.Contains(ArticleKeys, k.Name):
			d.ds.Errorf(rel, k.Line, k.Col, "%s: %s comes from the original %s; %s", k.Name, k.Name, original, mayCarry)
		default:
			d.ds.Errorf(rel, k.Line, k.Col, "unknown key %q%s: %s", k.Name, diag.Suggest(k.Name, TranslationKeys), mayCarry)
		}
	}
	if n := root.Get("title"); n != nil {
		t.Title, t.TitlePos = strings.TrimSpace(d.str(n, "title")), Pos{n.Line, n.Col}
	}
	t.Summary = strings.TrimSpace(d.str(root.Get("summary"), "summary"))
	t.Translator = strings.TrimSpace(d.str(root.Get("translator"), "translator"))
	if n := root.Get("translation_of"); n != nil {
		t.Of, t.OfPos = strings.TrimSpace(d.str(n, "translation_of")), Pos{n.Line, n.Col}
		if t.Of != "" && !fingerprintRE.MatchString(t.Of) {
			d.errf(n, "translation_of: %q is not a fingerprint such as 3f2a91c0-77aa01b2-00000000-9c1e44d0: `timelinegen new translation` writes it", t.Of)
			t.Of = ""
		}
	}
	if n := root.Get("events"); n != nil {
		for _, item := range d.list(n, "events", "events: [{id: ..., title: ...}]") {
			if item.Kind != front.Map {
				d.errf(item, "events: each event is {id, title, summary}")
				continue
			}
			e := &EventText{}
			for _, k := range item.Keys {
				switch {
				case slices.Contains(EventTranslationKeys, k.Name):
				case slices.Contains(EventKeys, k.Name):
					d.ds.Errorf(rel, k.Line, k.Col, "events: %s: %s comes from the original %s; a translated event carries only id, title and summary", k.Name, k.Name, original)
				default:
					d.ds.Errorf(rel, k.Line, k.Col, "events: unknown key %q%s: a translated event carries only id, title and summary", k.Name, diag.Suggest(k.Name, EventTranslationKeys))
				}
			}
			idn := item.Get("id")
			if idn == nil {
				d.errf(item, "events: missing id: name the original's event this translates, such as id: moscow-drone-strike")
				continue
			}
			e.ID, e.IDPos = strings.TrimSpace(d.str(idn, "id")), Pos{idn.Line, idn.Col}
			e.Title = strings.TrimSpace(d.str(item.Get("title"), "title"))
			e.Summary = strings.TrimSpace(d.str(item.Get("summary"), "summary"))
			t.Events = append(t.Events, e)
		}
	}
	return t, d.ds
}

// Match finds each translation's original among articles (drafts
// included) and checks its event ids; it returns, for each translation,
// its original or nil.
func Match(trs []*Translation, articles []*Article) ([]*Article, diag.List) {
	var ds diag.List
	byPath := make(map[string]*Article, len(articles))
	for _, a := range articles {
		byPath[a.Path] = a
	}
	out := make([]*Article, len(trs))
	for i, t := range trs {
		a := byPath[t.Original]
		if a == nil {
			ds.Errorf(t.Path, 1, 1, "no original: a translation lives beside the article it translates, and there is no %s; %s", t.Original, mayCarry)
			continue
		}
		out[i] = a
		var ids []string
		for _, ev := range a.Events {
			ids = append(ids, ev.ID)
		}
		seen := map[string]bool{}
		for _, e := range t.Events {
			switch {
			case !slices.Contains(ids, e.ID):
				ds.Errorf(t.Path, e.IDPos.Line, e.IDPos.Col, "events: unknown event id %q: %s has %s%s", e.ID, a.Path, eventList(ids), diag.Suggest(e.ID, ids))
			case seen[e.ID]:
				ds.Errorf(t.Path, e.IDPos.Line, e.IDPos.Col, "events: %q is translated twice", e.ID)
			}
			seen[e.ID] = true
		}
		if t.Of == "" {
			ds.Warnf(t.Path, 1, 1, "no translation_of: nothing tells when the original changes; add translation_of: %s, the original's text as it is now", Fingerprint(a))
		}
		if changed := Changed(t.Of, a); len(changed) > 0 {
			ds.Warnf(t.Path, t.OfPos.Line, t.OfPos.Col, "the original changed since this translation (%s): update the translation, then its translation_of to %s", strings.Join(changed, ", "), Fingerprint(a))
		}
	}
	return out, ds
}

func eventList(ids []string) string {
	if len(ids) == 0 {
		return "no events"
	}
	return "events " + strings.Join(ids, ", ")
}

// Fingerprint sums up the text of an article that a translation
// translates: four sums of eight hex digits, of its title, summary,
// events' ids, titles and summaries, and body, so that a changed
// original says which of them changed.
func Fingerprint(a *Article) string {
	parts := textParts(a)
	return fmt.Sprintf("%08x-%08x-%08x-%08x", parts[0], parts[1], parts[2], parts[3])
}

// TextParts names the parts of a Fingerprint, in order.
var TextParts = []string{"title", "summary", "events", "body"}

var fingerprintRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`)

func textParts(a *Article) [4]uint32 {
	sum := func(write func(w io.Writer)) uint32 {
		h := fnv.New32a()
		write(h)
		return h.Sum32()
	}
	return [4]uint32{
		sum(func(w io.Writer) { io.WriteString(w, a.Title) }),
		sum(func(w io.Writer) { io.WriteString(w, a.Summary) }),
		sum(func(w io.Writer) {
			for _, e := range a.Events {
				io.WriteString(w, e.ID+"\x00"+e.Title+"\x00"+e.Summary+"\x00")
			}
		}),
		a.BodySum,
	}
}

// Changed lists the parts of a's text that differ from fingerprint fp;
// nothing when fp is empty (not known).
func Changed(fp string, a *Article) []string {
	if fp == "" {
		return nil
	}
	var changed []string
	now := strings.Split(Fingerprint(a), "-")
	for i, part := range strings.Split(fp, "-") {
		if i < len(now) && part != now[i] {
			changed = append(changed, TextParts[i])
		}
	}
	return changed
}

func bodySum(body []byte) uint32 {
	h := fnv.New32a()
	// Line endings and blank space around it do not change the text:
	// the sum is of the text trimmed, each CRLF an LF, with no copy made.
	t := bytes.TrimSpace(body)
	for {
		i := bytes.Index(t, []byte("\r\n"))
		if i < 0 {
			h.Write(t)
			return h.Sum32()
		}
		h.Write(t[:i])
		t = t[i+1:]
	}
}
