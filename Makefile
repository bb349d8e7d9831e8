# timelinegen: `make serve` builds and previews the sample timeline,
# `make test` runs every test.
GO        ?= go
BIN       := bin/timelinegen
PORT      ?= 1313
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
N         ?= 10000

# What `timelinegen version` prints: the tag (or commit) described by git,
# the commit and its date (not the time of the build, so that two builds of
# one commit are the same).
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT    ?= $(shell git rev-parse HEAD 2>/dev/null)
DATE      ?= $(shell git log -1 --format=%cI 2>/dev/null)
LDFLAGS   := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

.PHONY: all build release serve screenshot test lint fuzz bench bench-hugo golden clean decap decap-check decap-verify

all: build

# Static (CGO_ENABLED=0): the binary runs on any Linux, with no libc.
# TAGS=deploy_gcs,deploy_azure adds deploy's Google Cloud Storage and
# Azure drivers (docs/deploy.md says what they weigh).
TAGS      ?=
build:
	CGO_ENABLED=0 $(GO) build -trimpath -tags "$(TAGS)" -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/timelinegen

# Binaries for every platform in dist/, with their SHA-256 sums.
release:
	rm -rf dist && mkdir -p dist
	@for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
	  out=dist/timelinegen-$(VERSION)-$$os-$$arch$$ext; echo "  $$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -tags "$(TAGS)" -ldflags "-s -w $(LDFLAGS)" -o $$out ./cmd/timelinegen || exit 1; \
	done
	cd dist && sha256sum timelinegen-* > SHA256SUMS
	@cat dist/SHA256SUMS

serve: build
	$(BIN) serve --source . --port $(PORT)

# docs/screenshot.png: the sample's home page at 1366×900 in headless
# Chromium, once its script has drawn the visual timeline
# (internal/sitecheck's TestScreenshot).
screenshot:
	UPDATE_SCREENSHOT=1 REQUIRE_BROWSER=1 $(GO) test -count=1 -run '^TestScreenshot$$' ./internal/sitecheck/

# The Decap CMS of the editors' desk, embedded in the binary: decap
# builds the desk's own build of it (internal/desk/decap/build: esbuild,
# the npm packages pinned by its package-lock.json) into
# internal/desk/decap/dist/; decap-check verifies the committed files
# against their SHA256SUMS (no Node.js needed); decap-verify builds again
# and checks that the build makes the committed files.
decap:
	sh internal/desk/decap/refresh.sh

decap-check:
	sh internal/desk/decap/refresh.sh check

decap-verify:
	sh internal/desk/decap/refresh.sh verify

VALIDATORS := tools/validators/node_modules/.package-lock.json

$(VALIDATORS): tools/validators/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tools/validators --ignore-scripts --no-audit --no-fund; \
	  else echo "*** npm not found: the validator tests in internal/sitecheck will skip ***"; fi

# Every package under -race, but internal/sitecheck, whose Go code only
# drives the validators and Chromium over sites built by code the other
# packages test under -race: it runs without it, at the same time, since
# it mostly waits for the browser (four of its tests at a time, in tabs
# of one Chromium, its headless shell when installed). WHOLE runs without -race too, beside the -race run:
# the tests that under it take fewer steps or less data (testenv.Race; the
# race detector sees an unguarded access however seldom it happens), or
# skip because they measure memory or cost on one goroutine.
#
# internal/build runs every test without -race, and under it BUILD_RACE:
# the tests that drive each of its goroutines (loading, bodies, media,
# cards, the parsed articles kept, pages beside the data files, serve's
# Builder, the warm build) through every kind of output, with errors
# among them. Its other tests run the same goroutines over other inputs;
# under -race the package took 150 CPU-s, a fifth of make test.
#
# Everything starts at once, lint too, so that both cores stay busy while
# Chromium waits: internal/build's two runs each in a process of their
# own (one after the other, they were the longest chain of make test),
# WHOLE after the shorter, BUILD_RACE, and sitecheck alone. What only
# computes, lint and internal/build without -race, runs at a lower
# priority: it fills the time the browser tests, MinIO and the -race runs
# leave, rather than slowing them. internal/build's tests build hundreds
# of sites in one process, where the collector took a seventh of the
# processor time: without -race, BUILD_GC lets the heap grow to five
# times what is live rather than twice, up to 1.5 GiB (unless GOGC or
# GOMEMLIMIT is set; none of those tests measures memory): 79 CPU-s
# rather than 111, one after the other on one binary, at a peak of
# 1.4 GiB rather than 1.1 (3 GiB without the limit). Under -race it saved
# nothing.
#
# internal/searchtext runs without -race only: it has no goroutines of its
# own (a Stemmer keeps nothing), and under -race its million code points
# took 28 s. internal/sitecheck's Go side, which builds and serves its
# sites, runs under BUILD_GC as well.
#
# A binary built with -race sleeps a second before it exits, for
# goroutines still running to report; a test binary has waited for its
# tests, and at 40 packages that second was 20 s: GORACE turns it off.
#
# The tests build hundreds of sites into temporary folders: unless TMPDIR
# is set, they go to a folder of their own in /dev/shm when it has 4 GiB
# free (a container's is often 64 MiB). On this machine's disk, creating
# the files was a third of the build tests' processor time.
BUILD_RACE := ^(TestGolden|TestSpecs|TestContentErrors|TestEveryPageInUkrainianToo|TestMediaSharedByEveryLanguage|TestShareCardsAreDrawnSideBySide|TestAFailingCardIsOneDiagnostic|TestAFullDiskIsOneError|TestFailedBuildLeavesDestAsItWas|TestStaticClashesInEveryLanguageWarnInBuildAndServe|TestIncrementalEqualsFullBuild|TestWhatAnEditRendersAgain|TestWhatAnEditMakesStale|TestWarmBuildEqualsColdBuild|TestPagesAreLinkedOnlyFromTheDest|TestChangedPagesAreRenderedWhenFirstAskedFor)$$
BUILD_GC  := GOGC=$${GOGC:-400} GOMEMLIMIT=$${GOMEMLIMIT:-1536MiB}
WHOLE     := TestServedSiteEqualsAFreshBuild|TestSearchIndexSize|TestSearchJS|TestPNGCost|TestLargePNGsTakeLittleMemory
WHOLE_PKG := ./internal/serve/ ./internal/export/ ./internal/media/
RACE_REST  = $$($(GO) list ./... | grep -v -e /internal/sitecheck$$ -e /internal/build$$ -e /internal/searchtext$$)
test: $(VALIDATORS)
	@export GORACE="atexit_sleep_ms=0 $$GORACE"; \
	  if [ -z "$$TMPDIR" ] && [ "$$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $$4}')" -gt 4194304 ] 2>/dev/null && \
	    TMPDIR=$$(mktemp -d /dev/shm/timelinegen-test.XXXXXX); then \
	    export TMPDIR; trap 'rm -rf "$$TMPDIR"' EXIT; fi; \
	  nice -n 10 $(MAKE) -s lint & lint=$$!; \
	  $(BUILD_GC) $(GO) test -count=1 -timeout 15m ./internal/build/ & build=$$!; \
	  { $(GO) test -race -count=1 -timeout 15m -run '$(BUILD_RACE)' ./internal/build/; race=$$?; \
	    $(GO) test -count=1 -run '$(WHOLE)' $(WHOLE_PKG); whole=$$?; \
	    $(GO) test -count=1 ./internal/searchtext/; text=$$?; \
	    [ $$race = 0 ] && [ $$whole = 0 ] && [ $$text = 0 ]; } & buildrace=$$!; \
	  $(BUILD_GC) $(GO) test -count=1 -parallel 4 -timeout 15m ./internal/sitecheck/ & browser=$$!; \
	  $(GO) test -race -count=1 -timeout 15m $(RACE_REST); race=$$?; \
	  ok=$$race; for p in $$lint $$build $$buildrace $$browser; do wait $$p || ok=1; done; \
	  [ $$ok = 0 ]

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags deploy_gcs,deploy_azure ./internal/deploy/
	$(GO) run $(STATICCHECK) ./...
	@sh internal/desk/decap/refresh.sh check

# Regenerate the golden files after an intended change of output.
golden:
	$(GO) test ./internal/build/ -run Golden -update

fuzz:
	$(GO) test ./internal/date/ -run '^$$' -fuzz FuzzParse -fuzztime 30s
	$(GO) test ./internal/front/ -run '^$$' -fuzz FuzzSplit -fuzztime 30s
	$(GO) test ./internal/front/ -run '^$$' -fuzz FuzzFastYAML -fuzztime 30s
	$(GO) test ./internal/media/ -run '^$$' -fuzz FuzzProcess -fuzztime 30s
	$(GO) test ./internal/media/ -run '^$$' -fuzz FuzzOrientation -fuzztime 30s
	$(GO) test ./internal/htmlexec/ -run '^$$' -fuzz FuzzEscapersAsHTMLTemplate -fuzztime 30s

# The speed targets in one table (docs/performance.md); LARGE=0 leaves
# out the 100,000-article runs. Then the validators on the generated site,
# and the incremental-vs-full property test on SEEDS seeds (30).
bench: build $(VALIDATORS)
	HUGO_NEW=$(HUGO_NEW) ./bench/run.sh $(N)
	SITECHECK_ARTICLES=$(N) $(GO) test -count=1 -timeout 30m ./internal/sitecheck/
	INCREMENTAL_SEEDS=$${SEEDS:-30} $(GO) test -count=1 -timeout 30m -run 'TestIncremental' ./internal/build/
	$(GO) test -count=1 -run '^$$' -bench BenchmarkVisualTimeline -benchtime 3x ./internal/sitecheck/
	VISUAL_ENTRIES=100000 $(GO) test -count=1 -run '^$$' -bench BenchmarkVisualTimeline -benchtime 1x ./internal/sitecheck/

# Hugo 0.111 (Debian: apt-get install hugo) and 0.160 against timelinegen
# on the same generated content; Hugo 0.160 is built when missing, into
# HUGO_NEW's folder (HUGO_NEW=/path/to/hugo, in the environment or on the
# command line, uses one built elsewhere).
HUGO_VERSION := v0.160.0
HUGO_NEW     ?= bin/hugo-$(HUGO_VERSION:v%=%)/hugo

$(HUGO_NEW):
	GOBIN=$(abspath $(dir $(HUGO_NEW))) $(GO) install github.com/gohugoio/hugo@$(HUGO_VERSION)

bench-hugo: build $(HUGO_NEW)
	HUGO_NEW=$(HUGO_NEW) ./bench/compare.sh $(N) $${RUNS:-3}

clean:
	rm -rf bin dist public bench/out
