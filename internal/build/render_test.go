package build_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// Share cards are drawn side by side on the page workers, not one after
// another beside the data files: on a cold build they are most of the
// work, and one after another they would take as long on any number of
// cores.
func TestShareCardsAreDrawnSideBySide(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	files := map[string]string{"timeline.yaml": "base_url: https://example.org/\n"}
	for i := range 8 {
		files[fmt.Sprintf("content/a%d.md", i)] = testArticle(fmt.Sprintf("Article %d", i), fmt.Sprintf("2025-03-%02d", i+1), "military", "", "Body.")
	}
	site, ds := build.Compile(options(sitetest.New(t, files)))
	if site == nil {
		t.Fatal(ds)
	}
	w := &cardsMeet{done: make(chan struct{})}
	if _, err := site.Write(w); err != nil {
		t.Fatal(err)
	}
	if w.cards.Load() != 8 {
		t.Fatalf("%d share cards written, want 8", w.cards.Load())
	}
	if !w.met.Load() {
		t.Error("no two share cards were written at once")
	}
}

// A build publishes the share cards the cache holds by linking them, not
// by reading and writing them again; the same cards as drawn afresh.
func TestCachedShareCardsAreLinkedIntoTheBuild(t *testing.T) {
	t.Parallel()
	dir := sitetest.New(t, map[string]string{
		"timeline.yaml": "base_url: https://example.org/\n",
		"content/a.md":  testArticle("A", "2025-03-11", "military", "", "Body."),
		"content/b.md":  testArticle("B", "2025-03-12", "political", "", "Body."),
	})
	fresh := buildMemory(t, options(dir))
	dest := filepath.Join(t.TempDir(), "public")
	for run := range 2 { // drawn into the cache, then taken from it
		if _, ds, err := build.Build(options(dir), dest); err != nil {
			t.Fatalf("build %d: %v %v", run, err, ds)
		}
	}
	cards, _ := filepath.Glob(filepath.Join(dest, "media", "*-share.png"))
	if len(cards) != 2 {
		t.Fatalf("%d share cards published, want 2", len(cards))
	}
	for _, card := range cards {
		base := filepath.Base(card)
		cached := filepath.Join(dir, ".timelinegen", "cache", "media", "cards", strings.TrimSuffix(base, "-share.png")+".png")
		a, err := os.Stat(card)
		b, berr := os.Stat(cached)
		if err != nil || berr != nil || !os.SameFile(a, b) {
			t.Errorf("%s is not the cached card %s (%v, %v)", base, cached, err, berr)
		}
		if got, _ := os.ReadFile(card); !bytes.Equal(got, fresh["media/"+base]) {
			t.Errorf("%s is not the card drawn afresh", base)
		}
	}
}

// cardsMeet holds each share card written until a second is being
// written beside it, or 5 s have passed.
type cardsMeet struct {
	mu    sync.Mutex
	in    int
	done  chan struct{}
	cards atomic.Int32
	met   atomic.Bool
	alone atomic.Bool // waited in vain once: the rest are not held
}

func (w *cardsMeet) Write(name string, _ []byte) error {
	if !strings.HasSuffix(name, "-share.png") {
		return nil
	}
	w.cards.Add(1)
	if w.alone.Load() {
		return nil
	}
	w.mu.Lock()
	if w.in++; w.in == 2 && !w.met.Load() {
		w.met.Store(true)
		close(w.done)
	}
	w.mu.Unlock()
	select {
	case <-w.done:
	case <-time.After(5 * time.Second):
		w.alone.Store(true)
	}
	w.mu.Lock()
	w.in--
	w.mu.Unlock()
	return nil
}
