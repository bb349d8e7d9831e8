package benchsite

import (
	"bytes"
	"math/rand/v2"
	"strconv"
)

// evidence writes, for some articles, what docs/sources.md adds: an
// archived source, attribution, corrections and now and then a
// withdrawal. It draws from its own random source, so that the rest of
// the site is what it was before these fields existed.
func (g *generator) evidence(b *bytes.Buffer, i int, a *article) {
	r := rand.New(rand.NewPCG(uint64(i), 15))
	day := a.day.Format("2006-01-02")
	later := func(days int) string { return a.day.AddDate(0, 0, days).Format("2006-01-02") }
	if r.IntN(100) < 20 {
		p := publishers[r.IntN(len(publishers))]
		url := "https://" + p.host + "/" + a.day.Format("2006/01/02") + "/" + a.slug + "-archived"
		status := "live"
		if r.IntN(3) == 0 {
			status = "dead"
		}
		b.WriteString("  - {title: ")
		quote(b, a.title)
		b.WriteString(", publisher: ")
		quote(b, p.name)
		b.WriteString(", url: ")
		quote(b, url)
		b.WriteString(", date: " + day + ", archive_url: ")
		quote(b, "https://archive.example.org/"+a.day.AddDate(0, 0, 1).Format("20060102")+"000000/"+url)
		b.WriteString(", archived: " + later(1) + ", url_status: " + status + ", type: secondary, quote: ")
		quote(b, a.title)
		b.WriteString("}\n")
	}
	if r.IntN(100) < 10 {
		b.WriteString("attributed_to: ")
		writeQuotedList(b, actorNames(a.actors[:1]))
		b.WriteByte('\n')
	}
	if r.IntN(100) < 8 {
		b.WriteString("updated: " + later(3) + "\ncorrections: [{date: " + later(2) + ", text: ")
		quote(b, "An earlier version of this entry gave the wrong day ("+strconv.Itoa(i)+").")
		b.WriteString("}]\n")
	}
	if r.IntN(100) < 2 {
		b.WriteString("withdrawn: {date: " + later(30) + ", reason: \"The footage was shown to be from another year.\"}\n")
	}
}
