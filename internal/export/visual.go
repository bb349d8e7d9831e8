package export

import (
	"encoding/json"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/i18n"
	"github.com/timelinegen/timelinegen/internal/permalink"
	"github.com/timelinegen/timelinegen/internal/timeline"
)

// The visual timeline's data
//
// The timeline widget (static/js/timeline.js) draws a listing's entries
// from files made here, at build time, so that a page with 100,000 entries
// loads a few hundred kilobytes, not its titles:
//
//	data/visual/all.json                 every entry (the home page and /embed/)
//	data/visual/<section>/<slug>.json    a year's, kind's, actor's, place's, tag's or status's
//	data/visual/t/<n>.json               titles and refs of entries n*512 to n*512+511
//	data/visual/s/<n>.json               slug → entry number, for #slug deep links
//
// A scope file (the first two) is one object:
//
//	format   "timelinegen-visual/1"
//	entries  how many entries the scope has
//	site     how many entries the site has (entry numbers run 0..site-1, in timeline order)
//	chunk    entries a title file holds (512)
//	shards   how many slug files there are (a power of two)
//	kinds    [name, label, colour] for each kind
//	start    each entry's first minute (minutes since 1970-01-01 UTC: the start of
//	         its year, month or day, or its instant), in timeline order, each but
//	         the first as the difference from the one before
//	width    minutes from start to the end of the date at its precision (a day is
//	         1440, a time 0) or, for a span, to the end of its end date
//	flags    precision (0 year, 1 month, 2 day, 3 time) + 4 if a span + 8 if the
//	         date is approximate or uncertain + 16 × the end's precision (as
//	         the start's; 0 without an end) + 64 × the kind's index
//	index    each entry's number, as differences (left out for all.json, where
//	         the n-th entry is entry n)
//	levels   on scopes of more than 2,000 entries, the same entries counted:
//	         [{unit: "year"|"month", bins: [[start, width, count of kind 0,
//	         of kind 1, ...], ...]}]; a month level counts an entry known only to
//	         the year in a bin as wide as its year, never in a guessed month
//
// words.json is the widget's words in the site's language (visualWords).
//
// A title file is {"titles": [...], "refs": [...]}, a ref as the search
// index writes it: "slug" (base+"events/slug/") or "article#id". A slug file
// maps the slugs whose 32-bit FNV-1a hash modulo shards is its number to
// their entry number.
//
// The output is a pure function of the Site.

// VisualFormat names the format of the scope files.
const VisualFormat = "timelinegen-visual/1"

const (
	visualChunk    = 512  // entries a title file holds
	visualBinsFrom = 2000 // scopes larger than this get levels
	minutesPerDay  = 24 * 60
)

// visualWords are the words js/timeline.js writes, in loc's language
// (English without one): each string by its key without "vt_"; "entries",
// the forms of "%d entries" by CLDR plural category, which the script
// picks with Intl.PluralRules. Dates and axis labels it writes with
// Intl.DateTimeFormat in the page's language.
func visualWords(loc *i18n.Locale) []byte {
	if loc == nil {
		loc, _ = i18n.New("en", "English")
	}
	words := map[string]any{}
	for _, k := range []string{"vt_region", "vt_help", "vt_view", "vt_zoom_out", "vt_zoom_in", "vt_all", "vt_all_title", "vt_cluster_focus", "vt_zoom_hint", "vt_same_date", "vt_legend"} {
		words[strings.TrimPrefix(k, "vt_")] = loc.T(k)
	}
	forms := strings.Split(loc.T("entries"), "|")
	plural := map[string]string{}
	for i, c := range i18n.Categories(loc.Code) {
		plural[c] = forms[min(i, len(forms)-1)]
	}
	words["entries"] = plural
	b, _ := json.Marshal(words)
	return append(b, '\n')
}

// VisualShards is how many slug files a site of n entries has: a power of
// two, about one for each 512 entries.
func VisualShards(n int) int {
	s := 1
	for s*visualChunk < n {
		s *= 2
	}
	return s
}

// VisualShard is the slug file a slug is listed in.
func VisualShard(slug string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(slug))
	return int(h.Sum32() % uint32(shards))
}

// Visual makes the visual timeline's files, by output path.
func Visual(s *Input) map[string][]byte {
	entries := s.entries()
	files := map[string][]byte{}
	kinds, kindIndex := s.visualKinds(entries)
	shards := VisualShards(len(entries))
	head := visualHead{site: len(entries), shards: shards, kinds: kinds, kindIndex: kindIndex}
	files[permalink.VisualFile("")] = head.scope(entries, false)
	if tl := s.Timeline; tl != nil {
		for _, y := range tl.Years {
			files[permalink.VisualFile(permalink.VisualScope(permalink.YearPath(y.Year)))] = head.scope(y.Entries, true)
		}
		for section, terms := range map[string][]*timeline.Term{"kinds": tl.Kinds, "actors": tl.Actors, "places": tl.Places, "tags": tl.Tags, "status": tl.Statuses} {
			for _, t := range terms {
				files[permalink.VisualFile(permalink.VisualScope(permalink.TermPath(section, t.Slug)))] = head.scope(t.Entries, true)
			}
		}
	}
	files[permalink.VisualWords] = visualWords(s.Locale)
	for n := 0; n*visualChunk < len(entries); n++ {
		chunk := entries[n*visualChunk : min((n+1)*visualChunk, len(entries))]
		titles, refs := make([]string, len(chunk)), make([]string, len(chunk))
		for i, e := range chunk {
			titles[i], refs[i] = e.Title, permalink.Ref(e)
		}
		b, _ := json.Marshal(struct {
			Titles []string `json:"titles"`
			Refs   []string `json:"refs"`
		}{titles, refs})
		files[permalink.VisualTitles(n)] = append(b, '\n')
	}
	slugs := make([]map[string]int, shards)
	for i := range slugs {
		slugs[i] = map[string]int{}
	}
	for _, e := range entries {
		slugs[VisualShard(e.Slug, shards)][e.Slug] = e.Index
	}
	for i, m := range slugs {
		b, _ := json.Marshal(m) // keys sorted: the same bytes every build
		files[permalink.VisualSlugs(i)] = append(b, '\n')
	}
	return files
}

// visualKinds lists the site's kinds in its order, then any other kind an
// entry has.
func (s *Input) visualKinds(entries []*timeline.Entry) ([][3]string, map[string]int) {
	var kinds [][3]string
	index := map[string]int{}
	for _, k := range s.Config.Kinds {
		index[k.Name] = len(kinds)
		label := k.Label
		if s.Locale != nil {
			label = s.Locale.Kind(k.Name, label)
		}
		kinds = append(kinds, [3]string{k.Name, label, k.Color})
	}
	for _, e := range entries {
		if _, ok := index[e.Kind]; !ok {
			index[e.Kind] = len(kinds)
			kinds = append(kinds, [3]string{e.Kind, e.Kind, "#4b5563"})
		}
	}
	return kinds, index
}

type visualHead struct {
	site, shards int
	kinds        [][3]string
	kindIndex    map[string]int
}

// minutes is t in minutes since 1970-01-01 UTC, rounded down.
func minutes(t time.Time) int64 {
	m := t.Unix() / 60
	if t.Unix()%60 < 0 {
		m--
	}
	return m
}

// extent is where an entry lies: its first minute, how many minutes it
// covers, and its flags without the kind.
func extent(e *timeline.Entry) (start, width int64, flags int) {
	start = minutes(e.Date.Earliest())
	end := e.Date.Latest()
	if e.End != nil {
		end = e.End.Latest()
		flags |= 4 | (int(e.End.Precision)-1)<<4
	}
	if e.Date.Precision != date.Time || e.End != nil {
		width = minutes(end.Add(time.Nanosecond)) - start
	}
	flags |= int(e.Date.Precision) - 1
	if uncertain(e) {
		flags |= 8
	}
	return start, width, flags
}

// uncertain reports whether an entry's date, or its end, is approximate
// or uncertain (EDTF "~", "?", "%").
func uncertain(e *timeline.Entry) bool {
	return e.Date.Qualifier != date.Sure || e.End != nil && e.End.Qualifier != date.Sure
}

// scope writes a scope file of entries, in timeline order; indexed says
// whether entry numbers are written (not for all.json).
func (h *visualHead) scope(entries []*timeline.Entry, indexed bool) []byte {
	b := make([]byte, 0, 256+len(entries)*16)
	b = append(b, `{"format":"`+VisualFormat+`","entries":`...)
	b = strconv.AppendInt(b, int64(len(entries)), 10)
	b = append(b, `,"site":`...)
	b = strconv.AppendInt(b, int64(h.site), 10)
	b = append(b, `,"chunk":`...)
	b = strconv.AppendInt(b, visualChunk, 10)
	b = append(b, `,"shards":`...)
	b = strconv.AppendInt(b, int64(h.shards), 10)
	kinds, _ := json.Marshal(h.kinds)
	b = append(b, `,"kinds":`...)
	b = append(b, kinds...)
	starts, widths, flags := make([]int64, len(entries)), make([]int64, len(entries)), make([]int, len(entries))
	for i, e := range entries {
		var f int
		starts[i], widths[i], f = extent(e)
		flags[i] = f | h.kindIndex[e.Kind]<<6
	}
	b = append(b, "\n,\"start\":["...)
	var prev int64
	for i, v := range starts {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, v-prev, 10)
		prev = v
	}
	b = append(b, "]\n,\"width\":["...)
	for i, v := range widths {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, v, 10)
	}
	b = append(b, "]\n,\"flags\":["...)
	for i, v := range flags {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(v), 10)
	}
	b = append(b, ']')
	if indexed {
		b = append(b, "\n,\"index\":["...)
		prev := 0
		for i, e := range entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(e.Index-prev), 10)
			prev = e.Index
		}
		b = append(b, ']')
	}
	if len(entries) > visualBinsFrom {
		b = append(b, "\n,\"levels\":["...)
		b = h.level(b, "year", entries)
		b = append(b, ',')
		b = h.level(b, "month", entries)
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

// level writes the entries counted by year or by month, kind by kind.
// Entries come in timeline order, so a bin's entries are consecutive.
func (h *visualHead) level(b []byte, unit string, entries []*timeline.Entry) []byte {
	b = append(b, `{"unit":"`+unit+`","bins":[`...)
	counts := make([]int, len(h.kinds))
	var start, width int64
	open := false
	flush := func() {
		if !open {
			return
		}
		if b[len(b)-1] == ']' {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, start, 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, width, 10)
		for _, c := range counts {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(c), 10)
		}
		b = append(b, ']')
		clear(counts)
	}
	for _, e := range entries {
		y, m := e.Date.Year, time.Month(0)
		if unit == "month" {
			_, m = e.Date.MonthKey()
		}
		var s, w int64
		if m == 0 {
			t := time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
			s, w = minutes(t), minutes(t.AddDate(1, 0, 0))-minutes(t)
		} else {
			t := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
			s, w = minutes(t), minutes(t.AddDate(0, 1, 0))-minutes(t)
		}
		if !open || s != start || w != width {
			flush()
			start, width, open = s, w, true
		}
		counts[h.kindIndex[e.Kind]]++
	}
	flush()
	return append(b, "]}"...)
}
