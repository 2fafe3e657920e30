#!/usr/bin/env bash
# tutor's Gradescope setup (see docs/grading.md). Gradescope runs it once, as root, on its Ubuntu
# image when it builds the autograder, from the zip's contents in /autograder/source: this
# script, run_autograder, and a copy of tutor's source folder named `tutor` (with the course in
# tutor/lessons). It installs Swift and the libraries tutor links against, then builds tutor in
# release mode: /autograder/source/tutor/.build/release/tutor, the program run_autograder runs.
set -euo pipefail

# The Swift release tutor is built with (https://www.swift.org/install/linux/).
SWIFT_VERSION="${SWIFT_VERSION:-6.3.1}"

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Swift's own needs on Ubuntu, then tutor's (libedit, OpenBLAS, zlib).
apt-get install -y -qq curl ca-certificates build-essential binutils git gnupg2 libc6-dev \
    libcurl4-openssl-dev libedit2 libpython3-dev libsqlite3-0 libxml2-dev libz3-dev pkg-config \
    tzdata unzip zlib1g-dev libedit-dev libopenblas-dev

. /etc/os-release
platform="ubuntu${VERSION_ID}"
release="swift-${SWIFT_VERSION}-RELEASE"
curl -fsSL "https://download.swift.org/swift-${SWIFT_VERSION}-release/ubuntu${VERSION_ID//./}/${release}/${release}-${platform}.tar.gz" \
    | tar -xz -C /opt
export PATH="/opt/${release}-${platform}/usr/bin:$PATH"

cd /autograder/source/tutor
swift build -c release --product tutor
