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
// loads a few kilobytes at first, not its titles or every entry's date:
//
//	data/visual/all.json                 every entry (the home page and /embed/)
//	data/visual/<section>/<slug>.json    a year's, kind's, actor's, place's, tag's or status's
//	data/visual/all/<n>.json             the n-th piece of a large scope's entries (beside
//	data/visual/<section>/<slug>/<n>.json   the scope's file, in a folder of its name)
//	data/visual/t/<n>.json               titles and refs of entries n*512 to n*512+511
//	data/visual/s/<n>.json               slug → entry number, for #slug deep links
//
// A scope file (the first two) is one object:
//
//	format   "timelinegen-visual/2"
//	entries  how many entries the scope has
//	site     how many entries the site has (entry numbers run 0..site-1, in timeline order)
//	chunk    entries a title file holds (512)
//	shards   how many slug files there are (a power of two)
//	kinds    [name, label, colour] for each kind
//
// and, for a scope of up to 2,000 entries, its entries, in timeline order:
//
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
//
// A larger scope's file is a summary, all that its first zoom draws; its
// entries are in pieces of 2,048 (the last fewer), which the widget
// fetches for the time in view once it draws marks, not bins:
//
//	min, max the scope's first minute, and the minute after its last
//	piece    entries a piece holds (2048)
//	pieces   [count, first minute, minute after the last, number of the
//	         first entry] for each piece: where its marks can lie, and which
//	         entries it holds (entry numbers rise in timeline order)
//	levels   the scope's entries counted: [{unit: "year"|"month", bins:
//	         [[start, width, count of kind 0, of kind 1, ...], ...]}]; a month
//	         level counts an entry known only to the year in a bin as wide as
//	         its year, never in a guessed month
//
// A piece is {"format", "first": the position of its first entry in the
// scope, "start", "width", "flags", "index"}, the arrays as in a small
// scope's file (start's first value a minute, not a difference; index's
// first an entry number).
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
const VisualFormat = "timelinegen-visual/2"

const (
	visualChunk    = 512  // entries a title file holds
	visualBinsFrom = 2000 // scopes larger than this get levels, and pieces
	visualPiece    = 2048 // entries a piece holds
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
	head.scope(files, permalink.VisualFile(""), entries, false)
	if tl := s.Timeline; tl != nil {
		for _, y := range tl.Years {
			head.scope(files, permalink.VisualFile(permalink.VisualScope(permalink.YearPath(y.Year))), y.Entries, true)
		}
		for section, terms := range map[string][]*timeline.Term{"kinds": tl.Kinds, "actors": tl.Actors, "places": tl.Places, "tags": tl.Tags, "status": tl.Statuses} {
			for _, t := range terms {
				head.scope(files, permalink.VisualFile(permalink.VisualScope(permalink.TermPath(section, t.Slug))), t.Entries, true)
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

// scope adds a scope's files to files, by output path: name for the
// scope, and beside it, for a scope of more than visualBinsFrom entries,
// its pieces. entries are in timeline order; indexed says whether entry
// numbers are written (not for all.json, where the n-th entry is entry n).
func (h *visualHead) scope(files map[string][]byte, name string, entries []*timeline.Entry, indexed bool) {
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
	if len(entries) <= visualBinsFrom {
		files[name] = append(h.positions(b, entries, indexed), "}\n"...)
		return
	}
	// The first zoom of a large scope draws only the levels: the entries'
	// positions are in pieces, which the widget fetches for the time in
	// view once it draws marks.
	var lo, hi int64
	pieces := make([]byte, 0, 32*(len(entries)/visualPiece+1))
	for n := 0; n*visualPiece < len(entries); n++ {
		piece := entries[n*visualPiece : min((n+1)*visualPiece, len(entries))]
		first, last := visualSpan(piece)
		if n == 0 || first < lo {
			lo = first
		}
		if n == 0 || last > hi {
			hi = last
		}
		if n > 0 {
			pieces = append(pieces, ',')
		}
		pieces = append(pieces, '[')
		for i, v := range []int64{int64(len(piece)), first, last, int64(piece[0].Index)} {
			if i > 0 {
				pieces = append(pieces, ',')
			}
			pieces = strconv.AppendInt(pieces, v, 10)
		}
		pieces = append(pieces, ']')
		p := append([]byte(`{"format":"`+VisualFormat+`","first":`), strconv.Itoa(n*visualPiece)...)
		files[VisualPiece(name, n)] = append(h.positions(p, piece, indexed), "}\n"...)
	}
	b = append(b, `,"min":`...)
	b = strconv.AppendInt(b, lo, 10)
	b = append(b, `,"max":`...)
	b = strconv.AppendInt(b, hi, 10)
	b = append(b, `,"piece":`...)
	b = strconv.AppendInt(b, visualPiece, 10)
	b = append(b, "\n,\"pieces\":["...)
	b = append(b, pieces...)
	b = append(b, "]\n,\"levels\":["...)
	b = h.level(b, "year", entries)
	b = append(b, ',')
	b = h.level(b, "month", entries)
	files[name] = append(b, "]}\n"...)
}

// VisualPiece is the n-th piece of the scope file name: "all.json" has
// "all/0.json", "all/1.json", ... beside it.
func VisualPiece(name string, n int) string {
	return strings.TrimSuffix(name, ".json") + "/" + strconv.Itoa(n) + ".json"
}

// visualSpan is the first minute of entries and the minute after their
// last: where a piece's marks can lie.
func visualSpan(entries []*timeline.Entry) (first, last int64) {
	for i, e := range entries {
		s, w, _ := extent(e)
		if i == 0 || s < first {
			first = s
		}
		if i == 0 || s+w > last {
			last = s + w
		}
	}
	return first, last
}

// positions appends entries' start, width, flags and, if indexed, entry
// numbers, as the arrays of a scope file (without its closing brace).
func (h *visualHead) positions(b []byte, entries []*timeline.Entry, indexed bool) []byte {
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
	return b
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
