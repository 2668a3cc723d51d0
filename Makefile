# plancast: the two commands of the README, on a fresh Debian or Ubuntu machine with Swift 6.
#   make run   installs the system libraries if missing, builds in release mode, runs the main job
#   make test  installs the system libraries if missing, runs the whole test suite

SHELL := /bin/bash
APT_PACKAGES := libopenblas-dev liblapacke-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SCENARIO ?= Scenarios/langson-2025.yaml

.PHONY: run test setup build clean

setup:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing with apt-get"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v swift >/dev/null || { echo "swift not found: install a Swift 6 toolchain (swift.org/install) and put it on PATH"; exit 1; }

build: setup
	swift build -c release --product plancast

run: build
	.build/release/plancast run $(SCENARIO)

test: setup
	swift test

clean:
	rm -rf .build
