# Gongjian — the two commands a newcomer needs:
#   make site    build the demo campaign into public/
#   make test    run every test (unit, golden, browser)
GO ?= go

.PHONY: site test check vet fuzz bench clean

# ECharts comes pinned from npm (generator/package-lock.json) and is bundled
# to what the site uses; the generator embeds the bundle.
ECHARTS := generator/internal/chart/assets/echarts.min.js

$(ECHARTS): generator/package.json generator/package-lock.json generator/web/echarts-entry.js
	cd generator && npm ci --no-audit --no-fund --loglevel=error && npm run --silent bundle

site: $(ECHARTS)
	$(GO) run ./generator build

check: $(ECHARTS)
	$(GO) run ./generator check

vet: $(ECHARTS)
	$(GO) vet ./...
	@test -z "$$(gofmt -l generator)" || (echo "gofmt needed:"; gofmt -l generator; exit 1)

test: vet
	$(GO) test ./...

# A few minutes of fuzzing of everything that parses user input.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 2m ./generator/internal/dataset/
	$(GO) test -run '^$$' -fuzz FuzzKeyLines -fuzztime 1m ./generator/internal/dataset/
	$(GO) test -run '^$$' -fuzz FuzzConvert -fuzztime 1m ./generator/internal/markdown/
	$(GO) test -run '^$$' -fuzz FuzzBlock -fuzztime 1m ./generator/internal/site/

bench: $(ECHARTS)
	$(GO) test -run '^$$' -bench . -benchtime 10x ./generator/internal/site/

clean:
	rm -rf public
