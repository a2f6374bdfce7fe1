#!/usr/bin/env bash
# The main MaskFace job, end to end on data shipped in this repository, installing what is
# missing first:
#   1. import the Kaggle face-mask set (datasets/face-mask-kaggle-voc), split it 60/10/30
#      and augment the training split Roboflow-style;
#   2. train yolov5n at a small budget (fine-tuning the shipped weights, see
#      pretrained/README.md);
#   3. evaluate on val and test;
#   4. export ONNX models at 320 and 160;
#   5. enroll five people from datasets/people-sample (masked photos into the mask
#      gallery, unmasked into the no-mask gallery);
#   6. recognize their held-out photos with the 160 model;
#   7. leave everything in one run folder, named on the last line.
#
# Usage: scripts/demo.sh            (about 10 minutes on 2 cores)
# Budget: DEMO_EPOCHS (default 3), DEMO_IMG (320), DEMO_FROM_SCRATCH=1 to train from
# random weights instead of fine-tuning (then the detector needs the full budget:
# see README, "Full training").
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

# Two OpenMP threads that spin while waiting stall each other on a busy machine; passive
# waiting costs little on an idle one.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

epochs=${DEMO_EPOCHS:-3}
image_size=${DEMO_IMG:-320}
seed=${DEMO_SEED:-0}

scripts/setup.sh
echo "demo: building maskface (release)"
swift build -c release --product maskface 2>&1 | tail -n 1
maskface=$(swift build -c release --show-bin-path)/maskface

# A new folder per run, so that a second run never touches the first one's files.
run="runs/demo/$(date +%Y%m%d-%H%M%S)"
suffix=2
while [ -e "$run" ]; do run="runs/demo/$(date +%Y%m%d-%H%M%S)-$suffix"; suffix=$((suffix + 1)); done
mkdir -p "$run"
step() { echo; echo "== step $1/7: $2"; }

step 1 "import, split 60/10/30 and augment the Kaggle face-mask set"
"$maskface" dataset import datasets/face-mask-kaggle-voc --format voc --out "$run/dataset"
"$maskface" dataset split "$run/dataset" --ratios 60,10,30 --seed "$seed"
"$maskface" dataset augment "$run/dataset" --outputs 2 --hue 15 --rotation 10 --shear 5,5 \
    --seed "$seed"

step 2 "train yolov5n, $epochs epochs at $image_size px"
weights_flag=(--weights pretrained/yolov5n-facemask-320.safetensors)
[ "${DEMO_FROM_SCRATCH:-0}" = 1 ] && weights_flag=()
"$maskface" train --data "$run/dataset/data.yaml" --cfg yolov5n --img "$image_size" \
    --batch 16 --epochs "$epochs" --seed "$seed" "${weights_flag[@]}" \
    --project "$run" --name train
best="$run/train/weights/best.safetensors"

step 3 "evaluate the best weights on val and test"
for split in val test; do
    "$maskface" val --weights "$best" --data "$run/dataset/data.yaml" --split "$split" \
        --img "$image_size" | tee "$run/val-$split.txt"
done

step 4 "export ONNX models at 320 and 160"
for size in 320 160; do
    "$maskface" export --weights "$best" --img "$size" --output "$run/yolov5n-$size.onnx"
done

step 5 "enroll five people (masked photos into the mask gallery, unmasked into no-mask)"
"$maskface" enroll --dir datasets/people-sample/enroll --aligned \
    --weights "$run/yolov5n-160.onnx" --gallery "$run/gallery.sqlite"
"$maskface" gallery list --gallery "$run/gallery.sqlite"

step 6 "recognize their held-out photos with the 160 model"
"$maskface" recognize datasets/people-sample/query --aligned --weights "$run/yolov5n-160.onnx" \
    --gallery "$run/gallery.sqlite" --out "$run/recognized" | tee "$run/recognized.jsonl"

step 7 "summary"
correct=0
total=0
while IFS= read -r line; do
    file=$(sed -E 's/.*"file": "([^"]*)".*/\1/' <<<"$line")
    person=$(basename "$file")
    person=${person%%_*}
    name=$(sed -E 's/.*"name": "?([^",}]*)"?.*/\1/' <<<"$line")
    class=$(sed -E 's/.*"class": "([^"]*)".*/\1/' <<<"$line")
    total=$((total + 1))
    verdict="wrong"
    if [ "$name" = "$person" ]; then correct=$((correct + 1)); verdict="right"; fi
    printf '  %-28s %-7s -> %-16s %s\n' "$(basename "$file")" "$class" "$name" "$verdict"
done < "$run/recognized.jsonl"
echo "demo: $correct of $total faces named correctly" \
     "($(ls datasets/people-sample/query | wc -l) held-out photos)"
echo "demo: validation and test metrics are in $run/val-val.txt and $run/val-test.txt"
echo "run folder: $run"
