package front

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// billionLaughs is 9 levels of 9 aliases: about 600 bytes that name 9^9
// (387 million) values when expanded.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("---\ntitle: T\ndate: 2025\nkind: military\n")
	b.WriteString("a0: &a0 [lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("tags: *a9\n---\nBody\n")
	return b.String()
}

func TestAliasBombIsBoundedAndReportedAtTheAlias(t *testing.T) {
	src := billionLaughs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Split([]byte(src))
	runtime.ReadMemStats(&after)
	fe, ok := err.(*Error)
	if !ok {
		t.Fatalf("want an *Error, got %v", err)
	}
	// The first alias whose expansion runs over the budget: a7's *a6s
	// fit, a8's do not (9^7 > MaxAliasValues > 9^4), so the report names
	// a line with aliases on it.
	line := strings.Split(src, "\n")[fe.Line-1]
	if !strings.Contains(line, "*a") || !strings.Contains(fe.Message, "expand to more than") {
		t.Errorf("reported at line %d (%q): %s", fe.Line, line, fe.Message)
	}
	if used := after.TotalAlloc - before.TotalAlloc; used > 16<<20 {
		t.Errorf("decoding the bomb allocated %d MB", used>>20)
	}
}

func TestAliasesWithinTheBudgetExpand(t *testing.T) {
	f, err := Split([]byte("---\ntitle: T\nx: &who [Ukraine, Russia]\nactors: *who\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v := f.Front.Get("actors"); v == nil || len(v.Items) != 2 {
		t.Errorf("actors: %+v", v)
	}
}

func TestFrontmatterSizeIsBounded(t *testing.T) {
	src := "\n---\ntitle: T\nsummary: " + strings.Repeat("x", MaxFrontmatter) + "\n---\nBody\n"
	_, err := Split([]byte(src))
	fe, ok := err.(*Error)
	if !ok || fe.Line != 2 || !strings.Contains(fe.Message, "more than the 256 KiB allowed") {
		t.Errorf("got %v", err)
	}
}

func BenchmarkAliasBomb(b *testing.B) {
	src := []byte(billionLaughs())
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Split(src)
	}
}
