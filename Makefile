# ospfd: the two commands are `make demo` and `make check` (as root on Debian 12).
# Each target first installs, with apt-get, only the packages that are missing.

JOBS ?= $(shell nproc)
PYTHON := /usr/bin/python3
FUZZ_SECONDS ?= 60
CAPTURES ?= $(abspath ../shared/captures)

BUILD := build
BUILD_ASAN := build-asan
BUILD_CLANG := build-clang

.PHONY: all build deps check unit fuzz-smoke topotest demo demo-clean format clean commands-doc

all: build

build:
	@scripts/deps.sh build
	cmake -S . -B $(BUILD) -DOSPFD_TESTS=OFF
	cmake --build $(BUILD) -j$(JOBS)

# The unit tests build and run with gcc under ASan+UBSan; clang builds everything again with
# -Werror, runs the unit tests once more, and runs the libFuzzer targets for a smoke time.
check:
	@scripts/deps.sh check
	$(MAKE) build unit fuzz-smoke topotest

unit:
	cmake -S . -B $(BUILD_ASAN) -DOSPFD_SANITIZE=ON -DOSPFD_CAPTURES_DIR=$(CAPTURES)
	cmake --build $(BUILD_ASAN) -j$(JOBS)
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j$(JOBS)

fuzz-smoke:
	CC=clang cmake -S . -B $(BUILD_CLANG) -DOSPFD_SANITIZE=ON -DOSPFD_FUZZ=ON \
		-DOSPFD_CAPTURES_DIR=$(CAPTURES)
	cmake --build $(BUILD_CLANG) -j$(JOBS)
	cd $(BUILD_CLANG) && ctest --output-on-failure -j$(JOBS)
	rm -rf $(BUILD_CLANG)/corpus && mkdir -p $(BUILD_CLANG)/corpus/packet $(BUILD_CLANG)/corpus/lsa
	$(BUILD_CLANG)/tests/fuzz/fuzz_seed $(BUILD_CLANG)/corpus/packet $(CAPTURES)/*.pcap*
	$(BUILD_CLANG)/tests/fuzz/fuzz_seed --lsa $(BUILD_CLANG)/corpus/lsa $(CAPTURES)/*.pcap*
	$(BUILD_CLANG)/tests/fuzz/fuzz_packet -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(BUILD_CLANG)/ $(BUILD_CLANG)/corpus/packet tests/fuzz/regressions
	$(BUILD_CLANG)/tests/fuzz/fuzz_lsa -max_total_time=$$(($(FUZZ_SECONDS) / 2)) \
		-print_final_stats=1 -artifact_prefix=$(BUILD_CLANG)/ $(BUILD_CLANG)/corpus/lsa
	mkdir -p $(BUILD_CLANG)/corpus/netlink $(BUILD_CLANG)/corpus/cmd $(BUILD_CLANG)/corpus/spf
	$(BUILD_CLANG)/tests/fuzz/fuzz_netlink -max_total_time=$$(($(FUZZ_SECONDS) / 3)) \
		-print_final_stats=1 -artifact_prefix=$(BUILD_CLANG)/ $(BUILD_CLANG)/corpus/netlink
	$(BUILD_CLANG)/tests/fuzz/fuzz_cmd -max_total_time=$$(($(FUZZ_SECONDS) / 3)) -timeout=2 \
		-print_final_stats=1 -artifact_prefix=$(BUILD_CLANG)/ $(BUILD_CLANG)/corpus/cmd
	$(BUILD_CLANG)/tests/fuzz/fuzz_spf -max_total_time=$$(($(FUZZ_SECONDS) / 3)) \
		-print_final_stats=1 -artifact_prefix=$(BUILD_CLANG)/ $(BUILD_CLANG)/corpus/spf \
		$(BUILD_CLANG)/corpus/lsa
	mkdir -p $(BUILD_CLANG)/corpus/config && cp tests/fuzz/config-seeds/* $(BUILD_CLANG)/corpus/config
	$(BUILD_CLANG)/tests/fuzz/fuzz_config -max_total_time=$$(($(FUZZ_SECONDS) / 3)) -timeout=5 \
		-max_len=2048 -print_final_stats=1 -artifact_prefix=$(BUILD_CLANG)/ \
		$(BUILD_CLANG)/corpus/config

topotest: build
	$(PYTHON) -m pytest topotests -v

demo:
	@scripts/deps.sh demo
	$(MAKE) build
	$(PYTHON) topotests/demo.py

demo-clean:
	$(PYTHON) topotests/demo.py --clean

# doc/commands.md from the command definitions (a unit test says when it is stale)
commands-doc: build
	$(BUILD)/ospfd/ospfd --list-commands --markdown > doc/commands.md

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_CLANG)
