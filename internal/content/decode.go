package content

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/timelinegen/timelinegen/internal/bidi"
	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/geo"
	"github.com/timelinegen/timelinegen/internal/slug"
)

// decoder turns one file's frontmatter into an Article, collecting
// diagnostics under the file's path.
type decoder struct {
	path  string
	kinds []string
	ds    diag.List
}

func (d *decoder) errf(n *front.Node, format string, args ...any) {
	d.ds.Errorf(d.path, n.Line, n.Col, format, args...)
}

// cutAtComma reports each value of a flow mapping cut short by an
// unquoted comma ({name: Washington, D.C., lat: …} reads name:
// Washington and a key "D.C."), and takes the rest out of the mapping so
// that it is not also an unknown key. field is where n is ("location: ").
func (d *decoder) cutAtComma(n *front.Node, field string) {
	switch n.Kind {
	case front.List:
		for _, it := range n.Items {
			d.cutAtComma(it, field)
		}
		return
	case front.Map:
	default:
		return
	}
	keys := n.Keys[:0]
	for i := 0; i < len(n.Keys); i++ {
		k := n.Keys[i]
		v := k.Value
		if v.Kind != front.Scalar || v.Quoted {
			d.cutAtComma(v, field+k.Name+": ")
			keys = append(keys, k)
			continue
		}
		var rest []string
		for i+1 < len(n.Keys) && n.Keys[i+1].Bare {
			i++
			rest = append(rest, n.Keys[i].Name)
		}
		keys = append(keys, k)
		if rest == nil {
			continue
		}
		whole := strings.Join(append([]string{v.Text}, rest...), ", ")
		if v.Type == "int" || v.Type == "float" {
			d.errf(v, "%s%s: the number has a comma, which ends a value in {…}: write it with a dot, such as %s: %s", field, k.Name, k.Name, strings.Join(append([]string{v.Text}, rest...), "."))
			continue
		}
		d.errf(v, "%s%s: the %s has a comma: put it in quotes, %s: %q", field, k.Name, k.Name, k.Name, whole)
	}
	n.Keys = keys
}

func (d *decoder) article(f *front.File) *Article {
	a := &Article{Path: d.path, Body: f.Body, BodyLine: f.BodyLine, BodySum: bodySum(f.Body)}
	d.checkBody(f)
	root := f.Front
	d.cutAtComma(root, "")
	for _, k := range root.Keys {
		if !slices.Contains(ArticleKeys, k.Name) {
			d.ds.Warnf(d.path, k.Line, k.Col, "unknown key %q%s", k.Name, diag.Suggest(k.Name, ArticleKeys))
		}
	}
	d.fields(root, &a.Fields, nil)

	// Slugs are lowercased: Talks.md is /events/talks/.
	stem := strings.TrimSuffix(path.Base(d.path), path.Ext(d.path))
	if dir := path.Dir(d.path); strings.EqualFold(path.Base(d.path), "index.md") && dir != Dir {
		stem = path.Base(dir) // a page bundle: the folder is the article
	}
	if n := root.Get("slug"); n != nil && n.Kind != front.Null {
		written := strings.TrimSpace(d.str(n, "slug"))
		a.Slug, a.SlugPos = strings.ToLower(written), Pos{n.Line, n.Col}
		switch {
		case n.Kind != front.Scalar:
			// reported by str
		case a.Slug == "":
			d.errf(n, "slug is empty: remove it to use the file name, or write one such as slug: %s", slug.Make(stem))
		case !slug.Valid(a.Slug):
			d.errf(n, "slug: %q is not a valid slug: use lowercase a-z, 0-9 and -, such as %q", written, slug.Make(written))
		}
	} else {
		a.Slug, a.SlugPos = strings.ToLower(stem), Pos{1, 1}
		if !slug.Valid(a.Slug) && stem != strings.TrimSuffix(path.Base(d.path), path.Ext(d.path)) {
			d.ds.Errorf(d.path, 1, 1, "folder name %q is not a valid slug: rename the folder to %q or add slug: %s", stem, slug.Make(stem), slug.Make(stem))
		} else if !slug.Valid(a.Slug) {
			d.ds.Errorf(d.path, 1, 1, "file name %q is not a valid slug: rename the file to %q or add slug: %s", path.Base(d.path), slug.Make(stem)+".md", slug.Make(stem))
		}
	}

	if slug.Reserved(a.Slug) {
		d.ds.Errorf(d.path, a.SlugPos.Line, a.SlugPos.Col, "slug %q is a name Windows keeps for a device: the folder events/%s/ could not be checked out there; use another slug, such as %q", a.Slug, a.Slug, a.Slug+"-1")
	}
	a.Tags = d.strings(root.Get("tags"), "tags")
	if n := root.Get("draft"); n != nil {
		a.Draft = d.bool(n, "draft")
	}
	if n := root.Get("related"); n != nil {
		items := []*front.Node{n} // `related: jeddah-talks` is a list of one, as for actors
		if n.Kind != front.Scalar {
			items = d.list(n, "related", "related: [jeddah-talks, jeddah-talks#moscow-strike]")
		}
		for _, item := range items {
			s := d.str(item, "related")
			if s == "" {
				continue
			}
			target, event, _ := strings.Cut(s, "#")
			if target == "" || !slug.Valid(target) || (strings.Contains(s, "#") && !slug.Valid(event)) {
				d.errf(item, "related: %q is not a slug or slug#event-id", s)
				continue
			}
			a.Related = append(a.Related, Ref{Slug: target, EventID: event, Pos: Pos{item.Line, item.Col}})
		}
	}
	if n := root.Get("events"); n != nil {
		for _, item := range d.list(n, "events", "events: [{id: ..., title: ...}]") {
			if e := d.event(item, a); e != nil {
				a.Events = append(a.Events, e)
			}
		}
	}
	return a
}

// fields decodes what articles and events share. parent, for an event,
// supplies the date and kind it inherits when it gives none.
func (d *decoder) fields(n *front.Node, f *Fields, parent *Fields) {
	where := ""
	if parent != nil {
		where = "events: "
	}
	tn := n.Get("title")
	f.Title = strings.TrimSpace(d.str(tn, "title"))
	switch {
	case tn == nil:
		d.errf(n, "%smissing title: every entry needs a headline", where)
	case f.Title == "" && (tn.Kind == front.Scalar || tn.Kind == front.Null):
		d.errf(tn, "%stitle is empty", where)
	}

	if dn := n.Get("date"); dn != nil {
		f.Date, _ = d.date(dn, "date")
	} else if parent != nil {
		f.Date = parent.Date
	} else {
		d.errf(n, "missing date: write when it happened, such as date: 2025-03-11, date: 2025-03 or date: 2025")
	}
	if en := n.Get("end"); en != nil && en.Kind != front.Null {
		if end, ok := d.date(en, "end"); ok {
			f.End = &end
			if !f.Date.IsZero() && end.EndsBefore(f.Date) {
				d.errf(en, "end: %s is before date %s", end, f.Date)
			}
		}
	}

	if kn := n.Get("kind"); kn != nil {
		f.Kind = strings.TrimSpace(d.str(kn, "kind"))
		switch {
		case f.Kind == "" && (kn.Kind == front.Scalar || kn.Kind == front.Null):
			d.errf(kn, "kind is empty: one of %s", strings.Join(d.kinds, ", "))
		case f.Kind != "" && !slices.Contains(d.kinds, f.Kind):
			d.errf(kn, "kind: unknown kind %q%s; the kinds are %s", f.Kind, diag.Suggest(f.Kind, d.kinds), strings.Join(d.kinds, ", "))
		}
	} else if parent != nil {
		f.Kind = parent.Kind
	} else {
		d.errf(n, "missing kind: one of %s", strings.Join(d.kinds, ", "))
	}

	f.Summary = strings.TrimSpace(d.str(n.Get("summary"), "summary"))
	f.Actors = d.strings(n.Get("actors"), "actors")

	// A key with nothing after it, as a template leaves it, is not given.
	if ln := n.Get("location"); ln != nil && ln.Kind != front.Null {
		f.Location = d.place(ln)
	}
	if cn := n.Get("casualties"); cn != nil && cn.Kind != front.Null {
		f.Casualties = d.casualties(cn)
	}

	if mn := n.Get("media"); mn != nil {
		f.Media = d.media(mn)
	}

	f.Status = Statuses[0]
	if sn := n.Get("status"); sn != nil {
		s := d.str(sn, "status")
		if slices.Contains(Statuses, s) {
			f.Status = s
		} else if s != "" {
			d.errf(sn, "status: want confirmed, reported or disputed, got %q%s", s, diag.Suggest(s, Statuses))
		}
	}
	d.evidence(n, &f.Evidence, where)
}

func (d *decoder) event(n *front.Node, a *Article) *Event {
	if n.Kind != front.Map {
		d.errf(n, "events: each event is a mapping with at least id and title")
		return nil
	}
	for _, k := range n.Keys {
		if !slices.Contains(EventKeys, k.Name) {
			d.ds.Warnf(d.path, k.Line, k.Col, "events: unknown key %q%s", k.Name, diag.Suggest(k.Name, EventKeys))
		}
	}
	e := &Event{}
	idn := n.Get("id")
	if idn == nil {
		example := "strike-on-kyiv"
		if tn := n.Get("title"); tn != nil && tn.Kind == front.Scalar && slug.Make(tn.Text) != "" {
			example = slug.Make(tn.Text)
		}
		d.errf(n, "events: missing id: each event needs an id, such as id: %s", example)
		return nil
	}
	e.ID, e.IDPos = strings.TrimSpace(d.str(idn, "id")), Pos{idn.Line, idn.Col}
	switch {
	case idn.Kind != front.Scalar && idn.Kind != front.Null:
		return nil // reported by str
	case e.ID == "":
		d.errf(idn, "events: id is empty: each event needs an id, such as id: strike-on-kyiv")
		return nil
	case !slug.Valid(e.ID):
		d.errf(idn, "events: id %q is not a valid slug: use lowercase a-z, 0-9 and -, such as %q", e.ID, slug.Make(e.ID))
		return nil
	}
	d.fields(n, &e.Fields, &a.Fields)
	return e
}

func (d *decoder) place(n *front.Node) *Place {
	if n.Kind == front.Scalar {
		// A bare name is a friendly shorthand for {name: ...}.
		p := &Place{Name: strings.TrimSpace(n.Text), Precision: PlacePrecisions[0]}
		if p.Name == "" {
			d.errf(n, "location: missing name")
			return nil
		}
		return p
	}
	if n.Kind != front.Map {
		d.errf(n, "location: want {name, country, lat, lon}")
		return nil
	}
	p := &Place{Precision: PlacePrecisions[0]}
	for _, k := range n.Keys {
		switch k.Name {
		case "name":
			p.Name = strings.TrimSpace(d.str(k.Value, "location: name"))
		case "country":
			p.Country = strings.TrimSpace(d.str(k.Value, "location: country"))
			if _, ok := geo.LookupNation(p.Country); !ok && p.Country != "" {
				// The locator map shades the country written, so one it
				// cannot name is said, not guessed.
				d.ds.Warnf(d.path, k.Value.Line, k.Value.Col, "location: country: %q is not a country or territory of ISO 3166-1 by any name timelinegen knows%s: its locator map shades none; write its name in English, Ukrainian or Russian, or its code, such as CH", p.Country, diag.Suggest(p.Country, geo.NationNames()))
			}
		case "lat", "lon":
		case "precision":
			v := strings.TrimSpace(d.str(k.Value, "location: precision"))
			switch {
			case slices.Contains(PlacePrecisions, v):
				p.Precision = v
			case k.Value.Kind == front.Scalar || k.Value.Kind == front.Null:
				d.errf(k.Value, "location: precision: unknown precision %q%s; want one of %s", v, diag.Suggest(v, PlacePrecisions), strings.Join(PlacePrecisions, ", "))
			}
		default:
			d.ds.Warnf(d.path, k.Line, k.Col, "location: unknown key %q%s", k.Name, diag.Suggest(k.Name, []string{"name", "country", "lat", "lon", "precision"}))
		}
	}
	lat, lon := n.Get("lat"), n.Get("lon")
	switch {
	case lat != nil && lon != nil:
		la, okA := d.coord(lat, "lat", 90)
		lo, okO := d.coord(lon, "lon", 180)
		p.Lat, p.Lon, p.HasCoords = la, lo, okA && okO
	case lat != nil:
		d.errf(lat, "location: lat without lon")
	case lon != nil:
		d.errf(lon, "location: lon without lat")
	}
	if p.Name == "" {
		d.errf(n, "location: missing name")
	}
	return p
}

func (d *decoder) coord(n *front.Node, name string, limit float64) (float64, bool) {
	s := d.str(n, "location: "+name)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		d.errf(n, "location: %s: want a number, got %q", name, s)
		return 0, false
	}
	if v < -limit || v > limit || v != v {
		d.errf(n, "location: %s %s is out of range (−%g to %g)", name, s, limit, limit)
		return 0, false
	}
	return v, true
}

func (d *decoder) casualties(n *front.Node) *Casualties {
	if n.Kind != front.Map {
		d.errf(n, "casualties: want {killed, injured}")
		return nil
	}
	c := &Casualties{}
	for _, k := range n.Keys {
		switch k.Name {
		case "killed", "injured":
			f := d.figure(k.Value, "casualties: "+k.Name)
			if k.Name == "killed" {
				c.Killed = f
			} else {
				c.Injured = f
			}
		default:
			d.ds.Warnf(d.path, k.Line, k.Col, "casualties: unknown key %q%s", k.Name, diag.Suggest(k.Name, []string{"killed", "injured"}))
		}
	}
	if c.Killed == nil && c.Injured == nil {
		return nil
	}
	return c
}

// figureKeys are the keys of a casualty figure written as a mapping; low
// and high are UCDP's words for min and max.
var figureKeys = []string{"min", "best", "max", "low", "high"}

// figure reads a casualty figure: a whole number as reported, {min},
// {min, max} or {low, best, high}.
func (d *decoder) figure(n *front.Node, field string) *casualty.Figure {
	count := func(n *front.Node, field string) (int, bool) {
		s := d.str(n, field)
		if n.Kind != front.Scalar && n.Kind != front.Null {
			return 0, false // reported by str
		}
		v, err := strconv.Atoi(strings.TrimSpace(s))
		switch {
		case err != nil:
			d.errf(n, "%s: want a whole number, got %q", field, s)
			return 0, false
		case v < 0:
			d.errf(n, "%s is negative (%d)", field, v)
			return 0, false
		}
		return v, true
	}
	switch n.Kind {
	case front.Scalar:
		if v, ok := count(n, field); ok {
			f := casualty.Exact(v)
			return &f
		}
		return nil
	case front.Map:
	default:
		d.errf(n, "%s: want a whole number, {min: 9}, {min: 10, max: 20} or {low: 10, best: 14, high: 20}", field)
		return nil
	}
	f := casualty.Figure{NoBest: true, NoMax: true}
	var minN, maxN *front.Node
	minName := ""
	ok := true
	for _, k := range n.Keys {
		if !slices.Contains(figureKeys, k.Name) {
			d.ds.Warnf(d.path, k.Line, k.Col, "%s: unknown key %q%s", field, k.Name, diag.Suggest(k.Name, figureKeys))
			continue
		}
		v, good := count(k.Value, field+": "+k.Name)
		ok = ok && good
		switch k.Name {
		case "min", "low":
			if minN != nil {
				d.errf(k.Value, "%s: %s and %s say the same: write one of them", field, minName, k.Name)
				ok = false
			}
			f.Min, minN, minName = v, k.Value, k.Name
		case "max", "high":
			if maxN != nil {
				d.errf(k.Value, "%s: max and high say the same: write one of them", field)
				ok = false
			}
			f.Max, f.NoMax, maxN = v, false, k.Value
		case "best":
			f.Best, f.NoBest = v, false
		}
	}
	if !ok {
		return nil
	}
	if minN == nil {
		d.errf(n, "%s: a range needs its minimum: write {min: 9} for \"at least 9\", {min: 10, max: 20} or {low: 10, best: 14, high: 20}", field)
		return nil
	}
	if err := f.Check(); err != nil {
		d.errf(n, "%s: %v", field, err)
		return nil
	}
	return &f
}

func (d *decoder) date(n *front.Node, field string) (date.Date, bool) {
	if n.Kind != front.Scalar {
		d.errf(n, "%s: want a date such as 2025-03-11, got %s", field, n.Kind)
		return date.Date{}, false
	}
	v, err := date.Parse(n.Text)
	if err != nil {
		d.errf(n, "%s: %v", field, err)
		return date.Date{}, false
	}
	return v, true
}

// str returns a scalar's text; nil gives "".
func (d *decoder) str(n *front.Node, field string) string {
	if n == nil || n.Kind == front.Null {
		return ""
	}
	if n.Kind != front.Scalar {
		d.errf(n, "%s: want text, got %s", field, n.Kind)
		return ""
	}
	d.checkLength(n, field)
	d.checkBidi(n, field)
	return n.Text
}

// checkBidi warns of a bidirectional control a text leaves open, or that
// closes nothing: shown as is, an open RIGHT-TO-LEFT OVERRIDE would
// reverse the text after the field (in <title>, the site's name). Pages
// isolate every field and close what it leaves open (internal/bidi), but
// the editor should see it.
func (d *decoder) checkBidi(n *front.Node, field string) {
	if r := bidi.Unbalanced(n.Text); r != 0 {
		d.ds.Warnf(d.path, n.Line, n.Col, "%s: unbalanced bidirectional control %s: it could reorder the text around the field; pages close it at the field's end, but remove it or close it (U+202C closes an embedding or override, U+2069 an isolate)", field, bidi.Name(r))
	}
}

func (d *decoder) bool(n *front.Node, field string) bool {
	if n.Kind == front.Null {
		return false // draft: with nothing after it
	}
	if n.Kind != front.Scalar {
		d.errf(n, "%s: want true or false, got %s", field, n.Kind)
		return false
	}
	b, err := strconv.ParseBool(strings.TrimSpace(n.Text))
	if err != nil {
		d.errf(n, "%s: want true or false, got %q", field, n.Text)
	}
	return b
}

// list returns the items of a List node; example shows the editor what to
// write instead of anything else.
func (d *decoder) list(n *front.Node, field, example string) []*front.Node {
	switch n.Kind {
	case front.Null:
		return nil
	case front.List:
		return n.Items
	}
	d.errf(n, "%s: want a list, such as %s", field, example)
	return nil
}

// strings decodes a list of names; a single name is accepted as a list of
// one, since `actors: Russia` is what an editor means.
func (d *decoder) strings(n *front.Node, field string) []string {
	if n == nil || n.Kind == front.Null {
		return nil
	}
	items := []*front.Node{n}
	if n.Kind == front.List {
		items = n.Items
	}
	if len(items) > MaxNames {
		d.errf(n, "%s: %d names, more than the %d allowed", field, len(items), MaxNames)
		items = items[:MaxNames]
	}
	var out []string
	for _, item := range items {
		s := strings.TrimSpace(d.str(item, field))
		if s == "" {
			continue
		}
		if slices.Contains(out, s) {
			d.ds.Warnf(d.path, item.Line, item.Col, "%s: %q is listed twice", field, s)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (p *Place) String() string {
	if p.Country != "" && p.Country != p.Name {
		return fmt.Sprintf("%s, %s", p.Name, p.Country)
	}
	return p.Name
}
