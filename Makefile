# Gongjian — the two commands a newcomer needs:
#   make site    build the demo campaign into public/
#   make test    run every test (unit, golden, fuzz seeds, browser, PDF)
GO ?= go

.PHONY: site test vet npm check-bundle bundle layouts fuzz bench dist clean

# The generator embeds its default layouts (layouts/ → layouts.zip) and a
# pinned ECharts bundle with its licence: both are committed, so building
# needs Go alone. The tests also check that both are current.
site:
	$(GO) run ./generator build

test: vet check-bundle
	$(GO) test ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l generator)" || (echo "gofmt needed:"; gofmt -l generator; exit 1)

# npm installs the pinned ECharts and esbuild (bundling) and axe-core
# (accessibility tests), from generator/package-lock.json.
npm: generator/node_modules/.package-lock.json
generator/node_modules/.package-lock.json: generator/package.json generator/package-lock.json
	cd generator && npm ci --no-audit --no-fund --loglevel=error

# bundle builds ECharts from the pinned npm packages into the file the
# generator embeds, with ECharts' licence and notice beside it.
ASSETS := generator/internal/chart/assets
bundle: npm
	cd generator && npm run --silent bundle
	cp generator/node_modules/echarts/LICENSE $(ASSETS)/echarts-LICENSE.txt
	cp generator/node_modules/echarts/NOTICE $(ASSETS)/echarts-NOTICE.txt

# check-bundle proves that the committed bundle is the pinned npm build.
check-bundle: npm
	@tmp=$$(mktemp -d) && cd generator && \
	  npx --no-install esbuild web/echarts-entry.js --bundle --minify --format=iife --target=es2017 --legal-comments=none --log-level=warning --outfile=$$tmp/echarts.min.js && \
	  cmp -s $$tmp/echarts.min.js internal/chart/assets/echarts.min.js && \
	  cmp -s node_modules/echarts/LICENSE internal/chart/assets/echarts-LICENSE.txt && \
	  cmp -s node_modules/echarts/NOTICE internal/chart/assets/echarts-NOTICE.txt && \
	  rm -rf $$tmp || (echo "the committed ECharts bundle or its licence differs from the pinned npm build: run make bundle"; exit 1)

# layouts writes generator/internal/site/layouts.zip (the embedded default
# layouts) from layouts/; a test fails while it is stale.
layouts:
	$(GO) test ./generator/internal/site -run TestEmbeddedLayoutsCurrent -update

# fuzz runs every fuzz target of the repository (found by their names,
# so none is left out), differential fuzzers included, FUZZTIME each
# (default 1m; the release check uses 10m).
FUZZTIME ?= 1m
fuzz:
	@grep -r --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]*' generator | sort | \
	while IFS=: read -r file fn; do name=$${fn#func }; pkg=./$$(dirname $$file); \
	  echo "== $$name ($$pkg, $(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; done

# Go benchmarks of the build and its phases, then full builds of 1k, 10k
# and 50k synthetic projects beside Hugo building the same number of plain
# pages (generator/bench/bench.sh).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/internal/site/
	generator/bench/bench.sh

# dist cross-compiles the generator for the machines offices use: a
# clerk's Windows PC, Linux servers (amd64, arm64) and Loongson (loong64).
dist:
	@mkdir -p dist
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -trimpath -o dist/gongjian-windows-amd64.exe ./generator
	GOOS=linux GOARCH=amd64 CGO_ENABLED=0 $(GO) build -trimpath -o dist/gongjian-linux-amd64 ./generator
	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build -trimpath -o dist/gongjian-linux-arm64 ./generator
	GOOS=linux GOARCH=loong64 CGO_ENABLED=0 $(GO) build -trimpath -o dist/gongjian-linux-loong64 ./generator

clean:
	rm -rf public dist
