# The two commands a newcomer needs:  make run  (start the tutor)  and  make test  (run the tests).
# Both install the Debian packages tutor links against when they are missing.

DEBIAN_PACKAGES := libedit-dev libopenblas-dev zlib1g-dev libdeflate-dev
# The tests also drive tutor in a pseudo-terminal through tmux.
TEST_PACKAGES := tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ARGS ?=

.PHONY: run test test-asan deps release bench fuzz keras-check

## make run: install what is missing, build in release mode, start the tutor (pass ARGS="run FILE" etc.).
run: release
	.build/release/tutor $(ARGS)

## make test: install what is missing, then run every test.
test: deps
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(TEST_PACKAGES)"
	swift test

## make test-asan: every test but the end-to-end ones under the address sanitizer (CI runs it
## after make test; see README, "Fuzzing"). Leak reports are off: the Swift runtime's and XCTest's
## once-made globals read as leaks. The end-to-end tests start tutor as a child process through
## tmux with time limits set for an unsanitized build; the code they drive runs here too.
test-asan: deps
	ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan --skip EndToEndTests

## make bench: the reference training, timed (see README).
bench: release
	.build/release/tutor bench $(ARGS)

## make keras-check: the Keras exports run in real Keras, which is too large for every CI run
## (see README, "Keeping work"): a venv in .build/keras-venv with tensorflow-cpu (Keras 3); tutor trains
## the lessons' model (fit 3), evaluates it and exports it twice — to be trained in Keras, and with
## tutor's weights — then both programs run, printing Keras' test accuracy and loss beside tutor's.
KERAS_VENV := .build/keras-venv
KERAS_OUT := .build/keras-check
keras-check: release
	test -x $(KERAS_VENV)/bin/python || python3 -m venv $(KERAS_VENV)
	$(KERAS_VENV)/bin/pip install --quiet --upgrade tensorflow-cpu
	rm -rf $(KERAS_OUT) && mkdir -p $(KERAS_OUT)
	printf '%s\n' 'data mnist' 'layer flatten' 'layer dense 256 sigmoid' 'layer dense 10 softmax' 'fit 3' 'evaluate' \
		'export keras $(KERAS_OUT)/trained.py' 'export keras $(KERAS_OUT)/weights.py weights' > $(KERAS_OUT)/export.tut
	.build/release/tutor run $(KERAS_OUT)/export.tut
	@echo "== trained in Keras: close to tutor's numbers, not the same digits =="
	$(KERAS_VENV)/bin/python $(KERAS_OUT)/trained.py
	@echo "== tutor's weights in Keras: tutor's numbers to the fourth decimal =="
	$(KERAS_VENV)/bin/python $(KERAS_OUT)/weights.py

release: deps
	swift build -c release --product tutor

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## make fuzz FUZZ_TARGET=command|lesson|idx|model [FUZZ_SECONDS=300]: libFuzzer with the address
## sanitizer on one reader of strangers' files (see README, "Fuzzing"). Crashing inputs are written
## to .build-fuzz/; keep each one in Tests/Fuzz/TARGET/ once fixed.
FUZZ_TARGET ?= command
FUZZ_SECONDS ?= 300
FUZZ_RUNTIME := $(shell dirname $$(dirname $$(readlink -f $$(command -v swiftc))))/lib/clang
FUZZ_FLAGS := -Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING \
	-Xlinker $$(ls $(FUZZ_RUNTIME)/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1) -Xlinker -lstdc++
fuzz: deps
	swift build -c release --product tutor-fuzz --scratch-path .build-fuzz $(FUZZ_FLAGS)
	mkdir -p .build-fuzz/corpus/$(FUZZ_TARGET)
	ASAN_OPTIONS=detect_leaks=0 TUTOR_FUZZ_TARGET=$(FUZZ_TARGET) .build-fuzz/release/tutor-fuzz \
		-max_total_time=$(FUZZ_SECONDS) -max_len=70000 -timeout=10 -rss_limit_mb=4096 \
		-artifact_prefix=.build-fuzz/$(FUZZ_TARGET)- .build-fuzz/corpus/$(FUZZ_TARGET) Tests/Fuzz/$(FUZZ_TARGET)
