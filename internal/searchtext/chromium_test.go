package searchtext

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/timelinegen/timelinegen/internal/browsertest"
)

// TestTokensMatchChromium is TestTokensMatchBrowser in headless Chromium
// itself, on the hard cases and the repository's texts: Node.js stands in
// for the browser in the other tests (and the fuzzer), and this says it
// may. Both carry their own ICU, whose Unicode version decides.
func TestTokensMatchChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("Chromium: not in -short")
	}
	ctx := browsertest.Start(t)
	var script string
	for _, name := range []string{"stem.js", "search.js"} {
		b, err := os.ReadFile(filepath.Join(root, "static", "js", name))
		if err != nil {
			t.Fatal(err)
		}
		script += string(b) + "\n"
	}
	all := texts(t)
	for _, s := range hardCases {
		all = append(all, asJSON(s))
	}
	in, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	// With module defined, search.js exports its functions instead of
	// looking for a search form.
	js := `(function () { var module = {exports: {}};` + script + `
  var search = module.exports, langs = ['en', 'ru', 'uk'];
  return ` + string(in) + `.map(function (s) {
    return langs.map(function (l) { return search.tokenize(s, search.stemmer(l)); });
  });
})()`
	sctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	got, err := chromedp.Run(sctx, chromedp.Evaluate[[][][]string](js))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(all) {
		t.Fatalf("%d answers for %d texts", len(got), len(all))
	}
	for i, s := range all {
		for j, lang := range langs {
			if mine := Tokens(s, Stemmer(lang)); !slices.Equal(mine, got[i][j]) {
				t.Errorf("%s: Tokens(%+q)\n  Go       %+q\n  Chromium %+q", lang, s, mine, got[i][j])
			}
		}
	}
	t.Logf("%d texts compared", len(all))
}
