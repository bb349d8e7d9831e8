# timelinegen: `make serve` builds and previews the sample timeline,
# `make test` runs every test.
GO        ?= go
BIN       := bin/timelinegen
ADDR      ?= 127.0.0.1:1313
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
N         ?= 10000

.PHONY: all build serve test lint fuzz bench golden clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/timelinegen

serve: build
	$(BIN) serve --source . --addr $(ADDR)

test: lint
	$(GO) test -race -count=1 ./...

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

bench: build
	./bench/run.sh $(N)

clean:
	rm -rf bin public bench/out
