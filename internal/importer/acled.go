package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/timelinegen/timelinegen/internal/date"
	"github.com/timelinegen/timelinegen/internal/scaffold"
	"github.com/timelinegen/timelinegen/internal/slug"
	"github.com/timelinegen/timelinegen/internal/words"
)

// acledEventKinds are the built-in kinds of ACLED event types.
var acledEventKinds = map[string]string{
	"battles":                    "military",
	"explosions/remote violence": "military",
	"violence against civilians": "humanitarian",
	"protests":                   "political",
	"riots":                      "political",
}

// acledStrategicKinds are the kinds of the sub-event types of "Strategic
// developments", which range from peace agreements to looting.
var acledStrategicKinds = map[string]string{
	"agreement":                         "diplomatic",
	"arrests":                           "political",
	"change to group/activity":          "political",
	"disrupted weapons use":             "military",
	"headquarters or base established":  "political",
	"looting/property destruction":      "humanitarian",
	"non-violent transfer of territory": "military",
	"other":                             "political",
}

// KindOfACLED is the built-in kind of an ACLED event and sub-event type,
// or "" when there is none.
func KindOfACLED(eventType, subEventType string) string {
	e, s := strings.ToLower(eventType), strings.ToLower(subEventType)
	if e == "strategic developments" {
		return acledStrategicKinds[s]
	}
	return acledEventKinds[e]
}

type acled struct{ opts Options }

// acledDateLayouts are the forms event_date takes in ACLED exports and in
// the spreadsheets people make of them.
var acledDateLayouts = []string{"2006-01-02", "2 January 2006", "2 Jan 2006", "2-January-2006", "2-Jan-2006", "January 2, 2006", "Jan 2, 2006", "2006/01/02"}

func parseACLEDDate(s string) (time.Time, error) {
	for _, l := range acledDateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	if s == "" {
		return time.Time{}, fmt.Errorf("event_date is empty")
	}
	// The ISO form with a bad day gets date.Parse's message, which says
	// what is wrong ("2025-02-30 is not a real day").
	if _, err := date.Parse(s); err != nil && len(s) == 10 && s[4] == '-' {
		return time.Time{}, fmt.Errorf("event_date: %v", err)
	}
	return time.Time{}, fmt.Errorf("event_date %q is not a date: want 2025-03-11 or 11 March 2025", s)
}

func (c *acled) kind(eventType, sub string) (string, error) {
	for _, k := range []string{sub, eventType} {
		if kind, ok := c.opts.KindMap[strings.ToLower(k)]; ok && k != "" {
			return kind, nil
		}
	}
	kind := KindOfACLED(eventType, sub)
	if kind == "" {
		if c.opts.DefaultKind != "" {
			return c.opts.DefaultKind, nil
		}
		return "", fmt.Errorf("event_type %q / sub_event_type %q has no kind: map it with --kind-map or give --default-kind", eventType, sub)
	}
	if !slices.Contains(c.opts.Kinds, kind) {
		if c.opts.DefaultKind != "" {
			return c.opts.DefaultKind, nil
		}
		return "", fmt.Errorf("%s events are kind %s, which is not one of the site's kinds (%s): map %q with --kind-map or give --default-kind",
			eventType, kind, strings.Join(c.opts.Kinds, ", "), sub)
	}
	return kind, nil
}

func (c *acled) convert(get func(string) string) (*scaffold.Article, string, error) {
	id := get("event_id_cnty")
	if id == "" {
		return nil, "", fmt.Errorf("event_id_cnty is empty")
	}
	s := strings.ToLower(id)
	if !slug.Usable(s) {
		s = slug.Cut(slug.Make(id), slug.MaxLen)
	}
	d, err := acledDate(get)
	if err != nil {
		return nil, "", err
	}
	eventType, sub := get("event_type"), get("sub_event_type")
	// timelinegen's own export names the kind: it wins when it is one
	// of the site's, so that an export imports back as it was.
	kind := get("kind")
	if !slices.Contains(c.opts.Kinds, kind) {
		if kind, err = c.kind(eventType, sub); err != nil {
			return nil, "", err
		}
	}
	a := &scaffold.Article{Date: d, Kind: kind}

	place := get("location")
	for _, alt := range []string{"admin3", "admin2", "admin1", "country"} {
		if place == "" {
			place = get(alt)
		}
	}
	what := sub
	if what == "" {
		what = eventType
	}
	a.Title = what
	if place != "" {
		a.Title = what + " in " + place
	}
	if place != "" {
		a.Location = &scaffold.Place{Name: place, Country: get("country")}
		la, lo := get("latitude"), get("longitude")
		if la != "" || lo != "" {
			lat, err1 := strconv.ParseFloat(la, 64)
			lon, err2 := strconv.ParseFloat(lo, 64)
			switch {
			case err1 != nil || lat < -90 || lat > 90 || lat != lat:
				return nil, "", fmt.Errorf("latitude %q: want a number from -90 to 90", la)
			case err2 != nil || lon < -180 || lon > 180 || lon != lon:
				return nil, "", fmt.Errorf("longitude %q: want a number from -180 to 180", lo)
			}
			a.Location.HasCoords, a.Location.Lat, a.Location.Lon = true, lat, lon
		}
		if a.Location.Precision, err = acledPlacePrecision(get); err != nil {
			return nil, "", err
		}
	}

	// The main actors first, then the associated ones: all are parties
	// to the event.
	a.Actors = appendNames(a.Actors, get("actor1"))
	a.Actors = appendNames(a.Actors, get("actor2"))
	a.Actors = appendNames(a.Actors, split(get("assoc_actor_1"))...)
	a.Actors = appendNames(a.Actors, split(get("assoc_actor_2"))...)

	killed, err := acledFigure(get, "fatalities", true)
	if err != nil {
		return nil, "", err
	}
	injured, err := acledFigure(get, "injured", false)
	if err != nil {
		return nil, "", err
	}
	if killed != nil || injured != nil {
		a.Casualties = &scaffold.CasualtiesYAML{Killed: killed, Injured: injured}
	}
	for _, pub := range appendNames(nil, split(get("source"))...) {
		a.Sources = append(a.Sources, scaffold.Source{Publisher: pub})
	}
	a.Tags = appendNames(nil, eventType, sub)

	notes := get("notes")
	a.Summary = firstSentence(notes)
	var body []string
	if md := textToMarkdown(notes); md != "" {
		body = append(body, md)
	}
	facts := []string{"ACLED event " + id}
	if dt := get("disorder_type"); dt != "" {
		facts = append(facts, "disorder type: "+dt)
	}
	if sc := get("source_scale"); sc != "" {
		facts = append(facts, "source scale: "+sc)
	}
	if tg := get("tags"); tg != "" {
		facts = append(facts, "tags: "+tg)
	}
	body = append(body, textToMarkdown(strings.Join(facts, "; ")+"."))
	a.Body = strings.Join(body, "\n\n")
	return a, s, nil
}

// split splits a ;-separated ACLED list.
func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// appendNames appends the non-empty, trimmed names not yet in list.
func appendNames(list []string, names ...string) []string {
	for _, n := range names {
		n = collapse(n)
		if n != "" && !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}

// abbreviations end in a period without ending a sentence.
var abbreviations = []string{"st", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "no", "vs", "approx", "est", "jr", "sr", "prof", "gov", "sen", "rep", "e.g", "i.e", "etc", "u.s", "u.k", "u.n"}

// firstSentence is the first sentence of plain text: up to a ., ! or ?
// followed by a space and a capital letter, a digit or a quote, or the
// end; a period after an abbreviation or a single letter does not count.
// Very long sentences are cut at a word boundary.
func firstSentence(s string) string {
	s = collapse(s)
	rs := []rune(s)
	end := len(rs)
	for i, r := range rs {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		if i+1 < len(rs) && !(rs[i+1] == ' ' && i+2 < len(rs) && startsSentence(rs[i+2])) {
			continue
		}
		if r == '.' {
			w := i
			for w > 0 && rs[w-1] != ' ' {
				w--
			}
			word := strings.ToLower(string(rs[w:i]))
			if len([]rune(word)) == 1 || slices.Contains(abbreviations, strings.Trim(word, "(\"'")) {
				continue
			}
		}
		end = i + 1
		break
	}
	out := string(rs[:end])
	return words.Cut(out, 300)
}

func startsSentence(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '«' || r == '(' || r == '['
}
