package content

import (
	"strings"
	"unicode/utf8"

	"github.com/timelinegen/timelinegen/internal/front"
	"github.com/timelinegen/timelinegen/internal/slug"
)

// The bounds on what one article may hold. They keep the promises made
// of the output whatever the input: no page over 1 MiB, no search shard
// over 256 KiB (export.searchShardBytes), and a build whose size follows
// the number of entries, not the length of one mistyped field.
const (
	// MaxBody is the most Markdown an article's body may hold: its page,
	// with the site around it, stays under 1 MiB.
	MaxBody = 384 << 10
	// MaxNames is the most names a list of actors or tags may hold.
	MaxNames = 100
	// MaxSources and MaxCorrections are the most sources and corrections
	// an article or an event may list.
	MaxSources     = 20
	MaxCorrections = 20
)

// maxChars is the most characters a text field may hold.
func maxChars(field string) int {
	switch strings.TrimPrefix(field, "events: ") {
	case "title", "sources: title":
		return 300
	case "summary":
		return 1000
	case "actors", "tags", "location: name", "location: country", "sources: publisher", "kind", "status", "attributed_to":
		return 100
	case "sources: quote", "withdrawn: reason", "corrections: text":
		return 1000
	case "slug", "id":
		return slug.MaxLen
	case "related":
		return 401 // slug#id
	}
	return 2000 // addresses and fields added later
}

// checkLength reports a text longer than its field's bound.
func (d *decoder) checkLength(n *front.Node, field string) {
	limit := maxChars(field)
	if len(n.Text) <= limit { // bytes ≥ characters
		return
	}
	if c := utf8.RuneCountInString(n.Text); c > limit {
		hint := ""
		if field == "title" || field == "summary" {
			hint = ": a longer text belongs in the body"
		}
		d.errf(n, "%s is %d characters long, more than the %d allowed%s", field, c, limit, hint)
	}
}

// checkBody reports a body too long for its page.
func (d *decoder) checkBody(f *front.File) {
	if len(f.Body) > MaxBody {
		d.ds.Errorf(d.path, f.BodyLine, 1, "the body is %d KiB, more than the %d KiB a page may hold: split the article in two", len(f.Body)>>10, MaxBody>>10)
	}
}
