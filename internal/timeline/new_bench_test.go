package timeline

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/content"
	"github.com/timelinegen/timelinegen/internal/date"
)

// benchArticles are n articles in the benchmark site's shape: a few
// actors and tags each, one of 3,000 places, related links, and events
// in every seventh.
func benchArticles(n int) []*content.Article {
	as := make([]*content.Article, n)
	for i := range as {
		d := date.Date{Year: 2022 + i%4, Month: time.Month(1 + i%12), Day: 1 + i%28, Precision: date.Day}
		slug := fmt.Sprintf("article-%d", i)
		a := &content.Article{Path: "content/" + slug + ".md", Slug: slug, Fields: content.Fields{
			Title: fmt.Sprintf("Article %d", i), Date: d, Kind: []string{"military", "diplomatic", "humanitarian"}[i%3], Status: "reported",
			Actors:   []string{fmt.Sprintf("Actor %d", i%40), fmt.Sprintf("Actor %d", (i+7)%40)},
			Location: &content.Place{Name: fmt.Sprintf("Place %d", i%3000), HasCoords: true, Lat: float64(i%90) / 2, Lon: float64(i%180) / 3},
		}, Tags: []string{fmt.Sprintf("tag-%d", i%30)}}
		if i > 0 {
			a.Related = []content.Ref{{Slug: fmt.Sprintf("article-%d", i-1)}}
		}
		if i%7 == 0 {
			a.Events = []*content.Event{{ID: slug + "-event", Fields: content.Fields{Title: "Event", Date: d, Kind: "military"}}}
		}
		as[i] = a
	}
	return as
}

// BenchmarkNewAfterAnEdit makes the model of BENCH_ARTICLES (100,000)
// articles after one is edited, afresh and with the model before.
func BenchmarkNewAfterAnEdit(b *testing.B) {
	n := 100_000
	if s := os.Getenv("BENCH_ARTICLES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	as := benchArticles(n)
	kinds := []string{"military", "diplomatic", "humanitarian"}
	for _, withLast := range []bool{false, true} {
		b.Run(fmt.Sprintf("last=%v", withLast), func(b *testing.B) {
			last, _ := New(as, kinds)
			for i := 0; b.Loop(); i++ {
				edited := *as[500]
				edited.Title = fmt.Sprintf("Edited %d", i)
				as[500] = &edited
				var opts []Option
				if withLast {
					opts = append(opts, WithLast(last))
				}
				last, _ = New(as, kinds, opts...)
			}
		})
	}
}
