# timelinegen: `make serve` builds and previews the sample timeline,
# `make test` runs every test.
GO        ?= go
BIN       := bin/timelinegen
PORT      ?= 1313
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
N         ?= 10000

.PHONY: all build serve test lint fuzz bench bench-hugo golden clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/timelinegen

serve: build
	$(BIN) serve --source . --port $(PORT)

VALIDATORS := tools/validators/node_modules/.package-lock.json

$(VALIDATORS): tools/validators/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tools/validators --ignore-scripts --no-audit --no-fund; \
	  else echo "*** npm not found: the validator tests in internal/sitecheck will skip ***"; fi

test: lint $(VALIDATORS)
	$(GO) test -race -count=1 -timeout 15m ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Regenerate the golden files after an intended change of output.
golden:
	$(GO) test ./internal/build/ -run Golden -update

fuzz:
	$(GO) test ./internal/date/ -run '^$$' -fuzz FuzzParse -fuzztime 30s
	$(GO) test ./internal/front/ -run '^$$' -fuzz FuzzSplit -fuzztime 30s

bench: build $(VALIDATORS)
	./bench/run.sh $(N)
	SITECHECK_ARTICLES=$(N) $(GO) test -count=1 -timeout 30m ./internal/sitecheck/
	VISUAL_ENTRIES=100000 VISUAL_BUDGET=1 $(GO) test -count=1 -v -run TestVisualTimelineSpeed ./internal/sitecheck/

# Hugo against timelinegen on the same generated content (Debian: apt-get install hugo).
bench-hugo: build
	./bench/compare.sh $(N) $${RUNS:-3}

clean:
	rm -rf bin public bench/out
