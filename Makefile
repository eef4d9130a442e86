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
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 1m ./generator/internal/tomldoc/
	$(GO) test -run '^$$' -fuzz '^FuzzFast$$' -fuzztime 1m ./generator/internal/tomldoc/
	$(GO) test -run '^$$' -fuzz '^FuzzScan$$' -fuzztime 30s ./generator/internal/tomldoc/
	$(GO) test -run '^$$' -fuzz '^FuzzDiagnose$$' -fuzztime 30s ./generator/internal/tomldoc/
	$(GO) test -run '^$$' -fuzz FuzzConvert -fuzztime 1m ./generator/internal/markdown/
	$(GO) test -run '^$$' -fuzz FuzzBlock -fuzztime 1m ./generator/internal/site/

# Go benchmarks of the whole build (1k, 10k projects) and of its phases,
# then full builds of 1k / 10k / 50k synthetic projects with wall time,
# CPU time and peak memory.
bench: $(ECHARTS)
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/internal/site/
	generator/bench/bench.sh

clean:
	rm -rf public
