#!/usr/bin/env bash
# The main MaskFace job, end to end on data shipped in this repository, installing what is
# missing first. Prints each step; the last line names the run folder.
# Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

scripts/setup.sh
echo "demo: building maskface (release)"
swift build -c release --product maskface
maskface=$(swift build -c release --show-bin-path)/maskface

echo "demo: step 1/1: native libraries and models"
"$maskface" version
"$maskface" doctor
# The training, evaluation, export, enrolment and recognition steps join this script as
# their commands land; until then it checks the installation and stops here.
