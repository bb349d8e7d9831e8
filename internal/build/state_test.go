package build

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	timelinegen "github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// stateSite is a site of two languages with a static file of its own.
func stateSite(t *testing.T) Options {
	dir := sitetest.New(t, map[string]string{
		"timeline.yaml":    "title: T\nbase_url: https://example.org/\nlanguages:\n  - {code: en, label: English}\n  - {code: uk, label: Українська}\n",
		"content/a.md":     "---\ntitle: A\ndate: 2025-03-11\nkind: military\n---\nBody of A.\n",
		"content/b.md":     "---\ntitle: B\ndate: 2025-04-02\nkind: military\n---\nBody of B, after [[a]].\n",
		"content/a.uk.md":  "---\ntitle: А\n---\nТекст.\n",
		"static/extra.css": "p{}\n",
	})
	return Options{Source: dir, Theme: timelinegen.Theme, Generator: "test"}
}

// What an edit makes stale is decided in one place, state.edited: each
// edit keeps the memos of the stages it cannot change, and drops the rest.
func TestWhatAnEditMakesStale(t *testing.T) {
	t.Parallel()
	opts := stateSite(t)
	b := NewBuilder(opts)
	if res, ds := b.Rebuild(nil); res == nil {
		t.Fatal(ds)
	}
	for _, tc := range []struct {
		changed []string
		kept    string // the memos that stand
		reread  string // files to read again, "walk" when content/ is walked
	}{
		{nil, "static", ""},
		{[]string{"timeline.yaml"}, "theme static", ""},
		{[]string{"i18n/uk.yaml"}, "config theme files pages static", ""},
		{[]string{"templates/partials/entry-card.html"}, "config locales files views static", ""},
		{[]string{"static/extra.css"}, "config locales files views pages static", ""},
		{[]string{"content/a.md"}, "config locales theme files views pages static", "content/a.md"},
		{[]string{"content/a.uk.md", "content/b.md"}, "config locales theme files views pages static", "content/a.uk.md content/b.md"},
		{[]string{"content/c.md"}, "config locales theme files views pages static", "content/c.md walk"},
	} {
		// Each edit from the state the one build left.
		st := b.st
		st.langs = maps.Clone(b.st.langs) // a state's pages are never changed in place
		files := *b.st.files
		st.files = &files
		cfg, loc, th, views := st.config, st.locales, st.theme, st.langs["uk"].views
		st.edited(opts.Source, tc.changed)
		var kept []string
		for _, m := range []struct {
			name  string
			stood bool
		}{
			{"config", st.config == cfg},
			{"locales", st.locales == loc},
			{"theme", st.theme == th},
			{"files", st.files == &files},
			{"views", st.langs["uk"] != nil && st.langs["uk"].views == views},
			{"pages", stateOf(st.pages, "index.html") != nil},
			{"static", stateOf(st.pages, "extra.css") != nil},
		} {
			if m.stood {
				kept = append(kept, m.name)
			}
		}
		if got := strings.Join(kept, " "); got != tc.kept {
			t.Errorf("edit of %v: kept %q, want %q", tc.changed, got, tc.kept)
		}
		var reread []string
		if st.files != nil {
			reread = slices.Clone(st.files.changed)
			if st.files.walk {
				reread = append(reread, "walk")
			}
		}
		if got := strings.Join(reread, " "); got != tc.reread {
			t.Errorf("edit of %v: reads again %q, want %q", tc.changed, got, tc.reread)
		}
	}
}

// A one-shot build passes the zero state, and keeps nothing: no language's
// bodies or views, no sums, no table of files; the Markdown is let go of
// once rendered.
func TestOneShotKeepsNothing(t *testing.T) {
	t.Parallel()
	var st state
	site, ds := compile(stateSite(t), &st)
	if site == nil {
		t.Fatal(ds)
	}
	if st.langs != nil || st.pages != nil || st.sums != nil || st.pending != nil || site.sums != nil {
		t.Errorf("the zero state kept: languages %v, pages %v, sums %v, pending %v, the site's sums %v",
			st.langs != nil, st.pages != nil, st.sums != nil, st.pending != nil, site.sums != nil)
	}
	for _, a := range site.Articles {
		if a.Body != nil {
			t.Errorf("%s: its Markdown is kept", a.Path)
		}
	}
}

// serve holds a state for every file of the site, 318,000 at 100,000
// articles: a field added where it pads, or one few states use held
// inline, costs megabytes while the editor reads.
func TestAFileStateIsSmall(t *testing.T) {
	if size := unsafe.Sizeof(pageState{}); size > 128 {
		t.Errorf("a pageState is %d bytes, more than 128", size)
	}
}

// A build whose files are the last one's but at a few places (a save
// that moves an entry past another) shares the last one's index of
// names, and still finds every file by name, the last build's by place
// or by name, and the files gone.
func TestAStateTableFindsItsFilesWhenAFewMove(t *testing.T) {
	var base []string
	for i := range 64 {
		base = append(base, fmt.Sprintf("events/e%02d/index.html", i))
	}
	last := newStateTable(base, nil)
	for i := range last.states {
		last.states[i] = &pageState{key: uint64(i)}
	}
	for _, tc := range []struct {
		name      string
		change    func(names []string)
		shared    bool     // shares the last index's map of places
		gone      []string // last's files the build has not
		newcomers []string // files the last build had not
	}{
		{"the same names", func([]string) {}, true, nil, nil},
		{"two entries swapped", func(n []string) { n[3], n[4] = n[4], n[3] }, true, nil, nil},
		{"one renamed", func(n []string) { n[7] = "events/renamed/index.html" }, true, []string{"events/e07/index.html"}, []string{"events/renamed/index.html"}},
		{"many moved", func(n []string) { slices.Reverse(n) }, false, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			names := slices.Clone(base)
			tc.change(names)
			next := newStateTable(names, last)
			if shared := reflect.ValueOf(next.names.place).UnsafePointer() == reflect.ValueOf(last.names.place).UnsafePointer(); shared != tc.shared {
				t.Errorf("shares the last index: %v, want %v", shared, tc.shared)
			}
			for i, name := range names {
				next.states[i] = &pageState{}
				if got, ok := next.get(name); !ok || got != next.states[i] {
					t.Errorf("%s not found at its place %d", name, i)
				}
				if old := last.of(next, i); (old == nil) != slices.Contains(tc.newcomers, name) || old != nil && base[old.key] != name {
					t.Errorf("the last build's %s: %v", name, old)
				}
			}
			var gone []string
			next.removed(last, func(name string) { gone = append(gone, name) })
			if !slices.Equal(gone, tc.gone) {
				t.Errorf("gone %v, want %v", gone, tc.gone)
			}
			for _, name := range tc.gone {
				if _, ok := next.get(name); ok {
					t.Errorf("%s, gone, is found", name)
				}
			}
		})
	}
}

// A save lists its outputs in the lists of the build before, once that
// build's pages are all rendered: the lists then hold nothing, so that
// they keep no build's specs or makers alive while the editor reads.
func TestASaveListsItsOutputsInTheLastLists(t *testing.T) {
	t.Parallel()
	opts := stateSite(t)
	b := NewBuilder(opts)
	defer b.Close()
	first, ds := b.Rebuild(nil)
	if first == nil {
		t.Fatal(ds)
	}
	array := unsafe.SliceData(first.Site.products)
	listed := 1 + len(first.Site.listed) // and each language's oEmbed files
	first.Finish()
	spare := b.st.spare.lists
	if len(spare) != listed || !slices.ContainsFunc(spare, func(l []product) bool { return unsafe.SliceData(l) == array }) {
		t.Fatalf("after Finish %d lists are kept, want the build's %d, its list of outputs among them", len(spare), listed)
	}
	for _, list := range spare {
		for i, o := range list[:cap(list)] {
			if !reflect.ValueOf(o).IsZero() {
				t.Fatalf("a spare list still holds %q at %d", o.name, i)
			}
		}
	}
	next, ds := b.Rebuild([]string{"content/a.md"})
	if next == nil {
		t.Fatal(ds)
	}
	if unsafe.SliceData(next.Site.products) != array || len(b.st.spare.lists) != 0 {
		t.Fatalf("the save listed its outputs in new lists (%d of the last build's left)", len(b.st.spare.lists))
	}
	for i, o := range next.Site.products {
		if o.name == "" {
			t.Fatalf("output %d of the list made in the last one has no name", i)
		}
	}
}
