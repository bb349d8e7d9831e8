package benchsite

import (
	"bytes"
	"testing"

	"github.com/timelinegen/timelinegen/internal/importer"
)

// The synthetic ACLED sheet is the same for the same options, and every
// row of it imports.
func TestACLEDSheetImports(t *testing.T) {
	opts := ACLEDOptions{Events: 3000, Places: 200}
	var a, b bytes.Buffer
	if err := WriteACLED(&a, opts); err != nil {
		t.Fatal(err)
	}
	if err := WriteACLED(&b, opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two sheets of the same options differ")
	}
	res, err := importer.Convert(bytes.NewReader(a.Bytes()), importer.Options{Format: importer.ACLED})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Summary(); got != "imported 0, updated 0, skipped 0, failed 0" || len(res.Rows) != opts.Events {
		t.Fatalf("%d rows, %s", len(res.Rows), got)
	}
	places, days := map[string]bool{}, 0
	for _, r := range res.Rows {
		if r.Article.Location != nil {
			places[r.Article.Location.Name] = true
		}
		if r.Article.Date.Precision.String() == "day" && r.Article.Date.Qualifier == 0 {
			days++
		}
	}
	if len(places) < 150 || days < opts.Events*8/10 {
		t.Errorf("%d places, %d of %d rows at a plain day: want many places, mostly days", len(places), days, opts.Events)
	}
}

// The site has the default settings, share cards drawn, unless they are
// turned off for the benchmarks of the text pipeline.
func TestShareCardsAreTheDefaultsWhenAskedFor(t *testing.T) {
	for _, on := range []bool{true, false} {
		cfg := string(Files(Options{Articles: 3, ShareCards: on})[ConfigPath])
		if off := bytes.Contains([]byte(cfg), []byte("share_cards: false")); off == on {
			t.Errorf("ShareCards %v: timeline.yaml is\n%s", on, cfg)
		}
	}
}
