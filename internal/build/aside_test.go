package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	timelinegen "github.com/timelinegen/timelinegen"
	"github.com/timelinegen/timelinegen/internal/build"
	"github.com/timelinegen/timelinegen/internal/sitetest"
)

// A build puts each article's body aside in .timelinegen/compiled as it
// is rendered, or takes it from there as the last build put it, and
// reads it back for its page. A body that cannot be read back fails the
// build, which then leaves the published folder as it was: its page
// would go without it.
func TestABodyNotReadBackFailsTheBuild(t *testing.T) {
	site := sitetest.Txtar(t, `
-- timeline.yaml --
title: Aside
-- content/talks.md --
---
title: Talks in Geneva
date: 2025-03-11
kind: diplomatic
---
Delegations met in Geneva.
-- content/strike.md --
---
title: Strike on a port
date: 2025-04-02
kind: military
---
A strike on the port.
`)
	dest := filepath.Join(t.TempDir(), "public")
	opts := build.Options{Source: site.Dir, Theme: timelinegen.Theme, Generator: "test"}
	if _, ds, err := build.Build(opts, dest); err != nil {
		t.Fatal(err, ds)
	}
	page := filepath.Join(dest, "events", "talks", "index.html")
	before, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(before), "Delegations met in Geneva.") {
		t.Fatalf("the page has no body:\n%s", before)
	}
	compiled := filepath.Join(site.Dir, filepath.FromSlash(build.CompiledFile))
	kept, err := os.ReadFile(compiled)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(kept), "Delegations met in Geneva.") {
		t.Fatalf("%s does not hold the body", build.CompiledFile)
	}

	// A new title: the page is rendered again, its body taken from the
	// last build's file, which is cut short once the site is compiled.
	talks := filepath.Join(site.Dir, "content", "talks.md")
	text, err := os.ReadFile(talks)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(talks, []byte(strings.Replace(string(text), "Talks in Geneva", "Talks in Bern", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Compiled = func() {
		if err := os.Truncate(compiled, int64(len("timelinegen compiled 2\n"))); err != nil {
			t.Error(err)
		}
	}
	_, _, err = build.Build(opts, dest)
	if err == nil || !strings.Contains(err.Error(), build.CompiledFile) {
		t.Fatalf("build after the bodies were cut short: %v, want an error naming %s", err, build.CompiledFile)
	}
	if after, _ := os.ReadFile(page); string(after) != string(before) {
		t.Errorf("the failed build changed %s:\n%s", page, after)
	}

	// The next build makes every body afresh.
	opts.Compiled = nil
	if _, ds, err := build.Build(opts, dest); err != nil {
		t.Fatal(err, ds)
	}
	if after, _ := os.ReadFile(page); !strings.Contains(string(after), "Delegations met in Geneva.") || !strings.Contains(string(after), "Talks in Bern") {
		t.Errorf("the page after the build that mended it:\n%s", after)
	}
}
