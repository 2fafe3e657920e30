# The two commands a newcomer needs:  make run  (start the tutor)  and  make test  (run the tests).
# Both install the Debian packages tutor links against when they are missing.

DEBIAN_PACKAGES := libedit-dev libopenblas-dev zlib1g-dev
# The tests also drive tutor in a pseudo-terminal through tmux.
TEST_PACKAGES := tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ARGS ?=

.PHONY: run test deps release bench

## make run: install what is missing, build in release mode, start the tutor (pass ARGS="run FILE" etc.).
run: release
	.build/release/tutor $(ARGS)

## make test: install what is missing, then run every test.
test: deps
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(TEST_PACKAGES)"
	swift test

## make bench: the reference training, timed (see README).
bench: release
	.build/release/tutor bench $(ARGS)

release: deps
	swift build -c release --product tutor

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
