package export

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/timelinegen/timelinegen/internal/permalink"
)

// CorrectionsAtom is /corrections.xml: the corrections log as an Atom
// feed, its newest feed_entries items first, each linked to the entry it
// corrects. An
// item's id is its entry's id with "#correction-N" (its place in the
// entry's list) or "#withdrawn", so that it stays the same from build to
// build.
func CorrectionsAtom(s *Input) []byte {
	notices := s.Timeline.Notices()
	if n := s.Config.FeedEntries; n > 0 && len(notices) > n {
		notices = notices[:n] // the newest, as the other feeds
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"`)
	if s.Config.Language != "" {
		fmt.Fprintf(&b, ` xml:lang="%s"`, esc(s.Config.Language))
	}
	b.WriteString(">\n")
	fmt.Fprintf(&b, "  <title>%s: corrections and withdrawals</title>\n", esc(s.Config.Title))
	id := uuidURN("corrections:" + s.Config.Title)
	if isAbs(s.base()) {
		id = s.abs(permalink.CorrectionsFeed)
	}
	fmt.Fprintf(&b, "  <id>%s</id>\n", esc(id))
	fmt.Fprintf(&b, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", esc(s.abs(permalink.CorrectionsFeed)))
	fmt.Fprintf(&b, "  <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(s.abs(permalink.CorrectionsPath())))
	// Newest first: the first notice is the latest; an empty log says the
	// Unix epoch rather than read a clock.
	last := time.Unix(0, 0).UTC().Format(time.RFC3339Nano)
	if len(notices) > 0 {
		last = instant(notices[0].Date)
	}
	fmt.Fprintf(&b, "  <updated>%s</updated>\n", last)
	fmt.Fprintf(&b, "  <author>\n    <name>%s</name>\n  </author>\n", esc(s.Config.Title))
	fmt.Fprintf(&b, "  <generator>%s</generator>\n", Generator)
	for _, n := range notices {
		what, frag := "Correction", "#correction-"+strconv.Itoa(n.N)
		if n.Withdrawn {
			what, frag = "Withdrawn", "#withdrawn"
		}
		b.WriteString("  <entry>\n")
		fmt.Fprintf(&b, "    <title>%s: %s</title>\n", what, esc(n.Entry.Title))
		fmt.Fprintf(&b, "    <id>%s</id>\n", esc(s.entryID(n.Entry)+frag))
		fmt.Fprintf(&b, "    <link rel=\"alternate\" type=\"text/html\" href=\"%s\"/>\n", esc(s.entryURL(n.Entry)))
		fmt.Fprintf(&b, "    <updated>%s</updated>\n", instant(n.Date))
		fmt.Fprintf(&b, "    <summary>%s</summary>\n", esc(n.Text))
		b.WriteString("  </entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.Bytes()
}
