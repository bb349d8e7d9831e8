package build

import (
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/build/rebuild"
	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/markdown"
	"github.com/timelinegen/timelinegen/internal/pages"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/sitefs"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// fileState is a file of content/ as read: an article or a translation.
type fileState struct {
	article     *content.Article
	translation *content.Translation
	ds          diag.List
}

// bodyState is an article's body as rendered.
type bodyState struct {
	key      uint64           // sums up the article's text (bodyKey)
	article  *content.Article // the parse it was rendered from
	targets  []string         // its wiki-links' targets
	deps     uint64           // where they led and what they read (linkDeps)
	body     pages.Body
	problems []markdown.Problem
	aside    aside // where its HTML was put aside (bodyFile)
}

// seal notes the sums of what b was rendered from: its article's text
// (key) and where its wiki-links led (deps), which also stand for its
// HTML in the views' versions.
func (b *bodyState) seal(sums *rebuild.Hasher, key, deps uint64) {
	b.key, b.deps = key, deps
	b.body.Sum = sums.Sums(key, deps)
}

// bodyKey sums up what an article's rendering reads of the article: its
// text, its slug (the prefix of its ids) and its events (reserved ids,
// the titles of links to them).
func bodyKey(sums *rebuild.Hasher, a *content.Article) uint64 {
	return sums.Sums(a.Body, a.Slug, a.Events)
}

// linksTo reports whether a wiki-link target names one of slugs.
func linksTo(targets []string, slugs map[string]bool) bool {
	for _, t := range targets {
		s, ev, _ := strings.Cut(t, "#")
		if slugs[s] || slugs[ev] {
			return true
		}
	}
	return false
}

// linkDeps sums up where an article's wiki-links lead and what they read.
func linkDeps(sums *rebuild.Hasher, a *content.Article, targets []string, tl *timeline.Timeline, urls *permalink.URLs) uint64 {
	if len(targets) == 0 {
		return 0
	}
	type resolved struct{ target, href, title, err string }
	links := make([]resolved, len(targets))
	for i, t := range targets {
		href, title, err := wikiLink(a, t, tl, urls)
		links[i] = resolved{t, href, title, fmt.Sprint(err)}
	}
	return sums.Sum(links)
}

// wikiLink resolves a wiki-link target of article a: "slug",
// "slug#event-id", or "#event-id", which is an anchor on this very page:
// one of this article's events. It gives the href and the target's title.
func wikiLink(a *content.Article, target string, tl *timeline.Timeline, urls *permalink.URLs) (href, title string, err error) {
	if id, ok := strings.CutPrefix(target, "#"); ok {
		var ids []string
		for _, ev := range a.Events {
			if ev.ID == id {
				return target, ev.Title, nil
			}
			ids = append(ids, ev.ID)
		}
		return "", "", fmt.Errorf("this article has no event %q%s", id, diag.Suggest(id, ids))
	}
	e, err := tl.Resolve(target)
	if err != nil {
		return "", "", err
	}
	if e.Article == a && e.IsEvent() {
		return "#" + e.Slug, e.Title, nil
	}
	return urls.Entry(e), e.Title, nil
}

// reservedIDs are ids the entry template uses, which headings must avoid.
var reservedIDs = []string{"main", "title", "events-heading", "sources-heading", "related-heading"}

// renderBodies renders the Markdown of every article whose inputs changed
// since ls kept it, in parallel, resolving wiki-links against the
// timeline. A body is rendered again when its text changed, or when one of
// its wiki-links now leads elsewhere or reads otherwise (the text of
// [[slug]] is the target's title): each body kept remembers its targets.
// Without ls, when no rebuild follows, it renders every body, or takes
// those the last build kept (kept, of a build that links what is
// unchanged), and lets go of the Markdown. With ls it lets go of it too,
// and reads it again from the article's file (under source) for a body
// it renders again.
func renderBodies(sums *rebuild.Hasher, ls *langState, kept *compiled, source, lang string, cfg *config.Config, articles []*content.Article, tl *timeline.Timeline, urls *permalink.URLs, originals bool) (map[string]pages.Body, diag.List) {
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	states := make([]*bodyState, len(articles))
	if ls == nil {
		parallel(len(articles), func(i int) {
			a := articles[i]
			switch {
			case untranslated(a, originals):
				states[i] = &bodyState{}
			case kept != nil:
				states[i] = kept.render(sums, lang, md, a, tl, urls)
			default:
				states[i] = renderBody(md, a, tl, urls, nil, nil)
			}
			a.Body = nil
		})
		return collectBodies(articles, states, originals)
	}
	keys := make([]uint64, len(articles))
	stale := make([]bool, len(articles))
	known := 0
	for i, a := range articles {
		if states[i] = ls.bodies[a.Path]; states[i] != nil {
			known++
		}
	}
	// The same files as last time (every path known, as many): the memo
	// is changed where a state is, not made afresh, which was a map of
	// 100,000 paths on every save at 100,000 articles.
	var olds []*bodyState
	if known == len(articles) && len(ls.bodies) == known {
		olds = slices.Clone(states)
	}
	// Which slugs now lead elsewhere or read otherwise: only bodies
	// linking to one of them need their links checked again, unless a
	// slug came or went (a broken link's suggestion may change).
	moved, everything := ls.linkChanges(sums, tl, urls, originals)
	unread := make([]error, len(articles))
	parallel(len(articles), func(i int) {
		a, old := articles[i], states[i]
		if untranslated(a, originals) {
			if old == nil || old.article != a {
				states[i] = &bodyState{article: a}
			}
			return
		}
		if old != nil && old.article == a {
			keys[i] = old.key // not re-read since
		} else if unread[i] = a.ReadBody(source); unread[i] == nil {
			keys[i] = bodyKey(sums, a)
		}
		stale[i] = old == nil || old.key != keys[i] ||
			(everything || linksTo(old.targets, moved)) && old.deps != linkDeps(sums, a, old.targets, tl, urls)
	})
	var todo []int
	for i, a := range articles {
		if stale[i] {
			todo = append(todo, i)
		} else {
			states[i].article = a
		}
	}
	parallel(len(todo), func(j int) {
		i := todo[j]
		if unread[i] == nil {
			unread[i] = articles[i].ReadBody(source)
		}
		if unread[i] != nil {
			// The file went since it was parsed: the rebuild its change
			// brings finds it gone. Until then, this build fails.
			states[i] = &bodyState{}
			return
		}
		st := renderBody(md, articles[i], tl, urls, ls.aside, readServed)
		st.seal(sums, keys[i], linkDeps(sums, articles[i], st.targets, tl, urls))
		states[i] = st
	})
	var ds diag.List
	next := ls.bodies
	if olds == nil {
		next = make(map[string]*bodyState, len(articles))
	}
	for i, a := range articles {
		switch {
		case unread[i] != nil:
			sitefs.ReportRead(&ds, a.Path, unread[i])
			delete(next, a.Path)
			continue
		case olds == nil || states[i] != olds[i]:
			next[a.Path] = states[i]
		}
		// Every language's copies were made before any body was rendered.
		a.SetBodyAside()
	}
	ls.bodies = next
	bodies, bds := collectBodies(articles, states, originals)
	return bodies, append(ds, bds...)
}

// linkChanges gives the slugs a wiki-link to which now leads elsewhere
// or reads otherwise, or says that a slug came or went (everything), and
// keeps what a link to each reads for the next build. An entry of the
// original language that is the last build's, at the same place, reads
// the same: after a save only the few others are summed again (summing
// them all was 8 CPU-ms of a save at 10,000 articles). A translated
// model's entries are copies every build.
func (ls *langState) linkChanges(sums *rebuild.Hasher, tl *timeline.Timeline, urls *permalink.URLs, originals bool) (moved map[string]bool, everything bool) {
	moved = map[string]bool{}
	if ls.linkIDs != nil && len(ls.linked) == len(tl.All) {
		var changed []*timeline.Entry
		for i, e := range tl.All {
			if e != ls.linked[i] {
				if changed = append(changed, e); len(changed) > len(tl.All)/8 {
					break
				}
			}
		}
		// The slugs are the last build's if every changed entry's is
		// one of them: the entries are as many, and each slug is one
		// entry's.
		ok := len(changed) <= len(tl.All)/8
		for _, e := range changed {
			_, known := ls.linkIDs[e.Slug]
			if ok = ok && known; !ok {
				break
			}
		}
		if ok {
			for _, e := range changed {
				if id := linkID(sums, e, urls); id != ls.linkIDs[e.Slug] {
					moved[e.Slug] = true
					ls.linkIDs[e.Slug] = id
				}
			}
			ls.linked = tl.All
			return moved, false
		}
	}
	ids := linkIDs(sums, tl, urls)
	everything = ls.linkIDs == nil || len(ls.linkIDs) != len(ids)
	for s, id := range ids {
		old, ok := ls.linkIDs[s]
		if !ok {
			everything = true
		} else if old != id {
			moved[s] = true
		}
	}
	ls.linkIDs, ls.linked = ids, nil
	if originals {
		ls.linked = tl.All
	}
	return moved, everything
}

// linkID sums up what a wiki-link to e reads: where it leads and e's
// title.
func linkID(sums *rebuild.Hasher, e *timeline.Entry, urls *permalink.URLs) uint64 {
	return sums.Sums(urls.Entry(e), e.Title)
}

// linkIDs sums up, by slug, what a wiki-link to each entry reads: where
// it leads and the entry's title. Summed on every core, in runs: one
// after another they took a tenth of a save's rebuild at 10,000 articles.
func linkIDs(sums *rebuild.Hasher, tl *timeline.Timeline, urls *permalink.URLs) map[string]uint64 {
	const run = 256
	of := make([]uint64, len(tl.All))
	inRuns(len(tl.All), run, func(_, from, to int) {
		for i := from; i < to; i++ {
			e := tl.All[i]
			of[i] = linkID(sums, e, urls)
		}
	})
	ids := make(map[string]uint64, len(tl.All))
	for i, e := range tl.All {
		ids[e.Slug] = of[i]
	}
	return ids
}

// renderBody renders the Markdown of article a, resolving its wiki-links
// against the timeline.
//
// With to, its HTML is put aside there as it is rendered, and read back
// with read; when to cannot take it, or without to, it is held.
func renderBody(md *markdown.Renderer, a *content.Article, tl *timeline.Timeline, urls *permalink.URLs, to *bodyFile, read func(aside) template.HTML) *bodyState {
	reserved := slices.Clone(reservedIDs)
	for _, ev := range a.Events {
		reserved = append(reserved, ev.ID, ev.ID+"-title")
	}
	var targets []string
	var at aside
	var put bool
	r := md.Render(a.Body, markdown.Doc{
		IDPrefix:    a.Slug + "-",
		ReservedIDs: reserved,
		Resolve: func(target string) (string, error) {
			targets = append(targets, target)
			href, _, err := wikiLink(a, target, tl, urls)
			if errors.Is(err, timeline.ErrUnreadable) {
				return "#", nil // the unreadable file's own error is reported
			}
			return href, err
		},
		Title: func(target string) string {
			_, title, _ := wikiLink(a, target, tl, urls)
			return title
		},
		Aside: func(html []byte) bool {
			at, put = to.put(html)
			return put
		},
	})
	b := &bodyState{article: a, targets: targets, problems: r.Problems, body: pages.Body{HTML: safeHTML(r.HTML), Summary: r.Summary}}
	if put {
		b.setAside(at, read)
	}
	return b
}

// untranslated says whether a is an article with no translated body, in a
// language other than the originals': the page shows no body for it, so
// none is rendered.
func untranslated(a *content.Article, originals bool) bool {
	return !originals && !content.IsTranslation(a.Path)
}

// collectBodies gives the articles' bodies by slug, and their problems.
// A translated site reports an original's problems once, in its own
// language: originals says whether this is that language.
func collectBodies(articles []*content.Article, states []*bodyState, originals bool) (map[string]pages.Body, diag.List) {
	var ds diag.List
	bodies := make(map[string]pages.Body, len(articles))
	for i, a := range articles {
		st := states[i]
		if untranslated(a, originals) {
			continue
		}
		for _, p := range st.problems {
			ds.Errorf(a.Path, a.BodyLine+p.Line-1, p.Col, "%s", p.Message)
		}
		bodies[a.Slug] = st.body
	}
	return bodies, ds
}
