#!/usr/bin/env bash
# Runs every MaskFace test on this machine, installing what is missing first.
# Usage: scripts/test.sh [extra arguments for `swift test`, e.g. --filter TorchTests]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

scripts/setup.sh
echo "test: building and running the test suite"
swift build --build-tests
swift test --skip-build "$@"
