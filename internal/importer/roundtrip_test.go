package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/casualty"
	"github.com/timelinegen/timelinegen/internal/output"
)

// TestACLEDExportRoundTrip builds a site with every uncertain form,
// imports its /data/events.csv back as ACLED, and checks that each entry
// comes back with its date and qualifier, its place and precision, and
// its casualty figures.
func TestACLEDExportRoundTrip(t *testing.T) {
	site := newSite(t)
	if err := os.RemoveAll(filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"approximate.md": "---\ntitle: A\ndate: 2025-03-11~\nkind: military\nactors: [Russia, Ukraine]\nlocation: {name: Kryvyi Rih, country: Ukraine, lat: 47.9105, lon: 33.3918}\ncasualties: {killed: 1, injured: {min: 9}}\n---\n",
		"uncertain.md":   "---\ntitle: U\ndate: 2025-04?\nkind: diplomatic\nlocation: {name: Dnipropetrovsk Oblast, country: Ukraine, lat: 48.45, lon: 34.98, precision: region}\ncasualties: {killed: {low: 10, best: 14, high: 20}, injured: {min: 10, max: 20}}\n---\n",
		"both.md":        "---\ntitle: B\ndate: 2022%\nkind: military\nlocation: {name: Kyiv, country: Ukraine, lat: 50.45, lon: 30.52, precision: district}\ncasualties: {injured: 0}\n---\n",
		"exact.md":       "---\ntitle: E\ndate: 2025-03-05\nkind: economic\nlocation: {name: Ukraine, country: Ukraine, lat: 49, lon: 32, precision: country}\ncasualties: {killed: 3, injured: 18}\nevents:\n  - {id: town-event, title: T, date: \"2025-03-06?\", location: {name: Lviv, country: Ukraine, lat: 49.84, lon: 24.03, precision: town}, casualties: {killed: {min: 2}}}\n---\n",
		"timed.md":       "---\ntitle: T\ndate: 2025-03-11T14:30:00+02:00\nkind: military\n---\n",
	} {
		if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	orig := compileStrict(t, site)
	mem := output.NewMemory()
	if _, err := orig.Write(mem); err != nil {
		t.Fatal(err)
	}
	csvData := mem.Files()["data/events.csv"]

	res, err := Convert(bytes.NewReader(csvData), Options{Format: ACLED})
	if err != nil {
		t.Fatal(err)
	}
	back := newSite(t)
	if err := os.RemoveAll(filepath.Join(back, "content")); err != nil {
		t.Fatal(err)
	}
	if err := Write(back, res, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if r.Article == nil {
			t.Errorf("line %d: %v %s", r.Line, r.Status, r.Reason)
		}
	}
	imported := compileStrict(t, back)
	if len(imported.Timeline.Entries) != len(orig.Timeline.Entries) {
		t.Fatalf("%d entries back, want %d", len(imported.Timeline.Entries), len(orig.Timeline.Entries))
	}
	for _, e := range orig.Timeline.Entries {
		b, ok := imported.Timeline.Lookup(e.Slug)
		if !ok {
			t.Errorf("%s did not come back", e.Slug)
			continue
		}
		if b.Date.EDTF() != e.Date.EDTF() || b.Date.Display() != e.Date.Display() || b.Kind != e.Kind {
			t.Errorf("%s: date %s (%s), kind %s; want %s (%s), %s", e.Slug, b.Date.EDTF(), b.Date.Display(), b.Kind, e.Date.EDTF(), e.Date.Display(), e.Kind)
		}
		if (e.Location == nil) != (b.Location == nil) || e.Location != nil && *e.Location != *b.Location {
			t.Errorf("%s: location %+v, want %+v", e.Slug, b.Location, e.Location)
		}
		ec, bc := e.Casualties, b.Casualties
		if (ec == nil) != (bc == nil) {
			t.Errorf("%s: casualties %+v, want %+v", e.Slug, bc, ec)
			continue
		}
		if ec == nil {
			continue
		}
		for _, pair := range [][2]string{{text(ec.Killed), text(bc.Killed)}, {text(ec.Injured), text(bc.Injured)}} {
			if pair[0] != pair[1] {
				t.Errorf("%s: casualties back as %q, want %q", e.Slug, pair[1], pair[0])
			}
		}
	}
}

func text(f *casualty.Figure) string {
	if f == nil {
		return "nil"
	}
	return f.Written()
}

// ACLED's own precision codes and UCDP-style estimates become the forms
// an editor would write.
func TestACLEDPrecisionsAndEstimates(t *testing.T) {
	sheet := "event_id_cnty,event_date,time_precision,event_type,sub_event_type,country,location,latitude,longitude,geo_precision,fatalities,low,best,high\r\n" +
		"UKR1,2025-03-11,1,Battles,Armed clash,Ukraine,Kharkiv,49.99,36.23,1,3,,,\r\n" +
		"UKR2,2025-03-11,2,Battles,Armed clash,Ukraine,Kharkiv,49.99,36.23,2,14,10,14,20\r\n" +
		"UKR3,2025-03-11,3,Battles,Armed clash,Ukraine,Kharkiv Oblast,49.99,36.23,3,10,10,,\r\n" +
		"UKR4,2025-03-11,1,Battles,Armed clash,Ukraine,Kharkiv,49.99,36.23,4,0,,,\r\n" +
		"UKR5,2025-03-11,1,Battles,Armed clash,Ukraine,Kharkiv,49.99,36.23,1,0,20,14,10\r\n"
	res, err := Convert(bytes.NewReader([]byte(sheet)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ date, display, precision, killed, reason string }{
		{"2025-03-11", "11 March 2025", "exact", "3", ""},
		{"2025-03-11~", "c. 11 March 2025", "town", "{low: 10, best: 14, high: 20}", ""},
		{"2025-03", "March 2025", "region", "{min: 10}", ""},
		{reason: `geo_precision "4": want 1, 2 or 3`},
		{reason: "best 14 is below the minimum 20"},
	}
	if len(res.Rows) != len(want) {
		t.Fatalf("%d rows", len(res.Rows))
	}
	for i, r := range res.Rows {
		w := want[i]
		if w.reason != "" {
			if r.Article != nil || !strings.Contains(r.Reason, w.reason) {
				t.Errorf("row %d: %v %q, want failure %q", i+2, r.Status, r.Reason, w.reason)
			}
			continue
		}
		a := r.Article
		if a == nil {
			t.Errorf("row %d: %s", i+2, r.Reason)
			continue
		}
		var killed string
		if a.Casualties != nil {
			killed = text(a.Casualties.Killed)
		}
		if a.Date.EDTF() != w.date || a.Date.Display() != w.display || a.Location.Precision != w.precision || killed != w.killed {
			t.Errorf("row %d: %s (%s), %s, killed %s; want %s (%s), %s, %s", i+2, a.Date.EDTF(), a.Date.Display(), a.Location.Precision, killed, w.date, w.display, w.precision, w.killed)
		}
	}
}
