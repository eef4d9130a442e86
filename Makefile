# Gongjian — the two commands a newcomer needs:
#   make site    build the demo campaign into public/
#   make test    run every test (unit, golden, browser)
GO ?= go

.PHONY: site test check vet fuzz bench clean

site:
	$(GO) run ./generator build

check:
	$(GO) run ./generator check

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l generator)" || (echo "gofmt needed:"; gofmt -l generator; exit 1)

test: vet
	$(GO) test ./...

# A few minutes of fuzzing of everything that parses user input.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime 2m ./generator/internal/dataset/
	$(GO) test -run '^$$' -fuzz FuzzKeyLines -fuzztime 1m ./generator/internal/dataset/

bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x ./generator/internal/site/

clean:
	rm -rf public
