/// The reference side of `StepBreakdown`: the body of train.py's batch loop taken apart,
/// with YOLOv5's own `Model`, `ComputeLoss`, `smart_optimizer` and `ModelEMA`, on the
/// batch our side saved.
///
/// Usage: `python script.py MODEL SIZE BATCH THREADS WARMUP TIMED HYP PIXELS LABELS`;
/// prints one JSON line `{"wall_ms": [...], "cpu_ms": [...]}`, medians per step in the
/// order input, forward, loss, backward, optimizer, ema. Loss gains and weight decay are
/// scaled as train.py scales them.
enum ReferenceStepScript {
    static let source = """
        import json, os, statistics, sys, time
        import numpy as np
        import torch, yaml

        name, size, batch, threads, warmup, timed = sys.argv[1], *map(int, sys.argv[2:7])
        hyp_path, pixels_path, labels_path = sys.argv[7:10]
        torch.set_num_threads(threads)
        import yolov5.models
        from yolov5.models.yolo import Model
        from yolov5.utils.loss import ComputeLoss
        from yolov5.utils.torch_utils import ModelEMA, smart_optimizer

        torch.manual_seed(0)
        hyp = yaml.safe_load(open(hyp_path))
        folder = os.path.dirname(yolov5.models.__file__)
        model = Model(os.path.join(folder, name + ".yaml"), ch=3, nc=2)
        levels = model.model[-1].nl
        hyp["box"] *= 3 / levels
        hyp["cls"] *= 2 / 80 * 3 / levels
        hyp["obj"] *= (size / 640) ** 2 * 3 / levels
        model.nc, model.hyp = 2, hyp
        accumulate = max(round(64 / batch), 1)
        decay = hyp["weight_decay"] * batch * accumulate / 64
        optimizer = smart_optimizer(model, "SGD", hyp["lr0"], hyp["momentum"], decay)
        ema = ModelEMA(model)
        compute_loss = ComputeLoss(model)
        model.train()
        pixels = torch.from_numpy(
            np.fromfile(pixels_path, dtype=np.uint8).reshape(batch, 3, size, size))
        targets = torch.from_numpy(np.fromfile(labels_path, dtype=np.float32).reshape(-1, 6))

        laps = [[] for _ in range(6)]
        for iteration in range(warmup + timed):
            stamps = [(time.perf_counter(), time.process_time())]
            def lap():
                stamps.append((time.perf_counter(), time.process_time()))
            images = pixels.float() / 255
            lap()
            prediction = model(images)
            lap()
            loss, _ = compute_loss(prediction, targets)
            lap()
            loss.backward()
            lap()
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=10.0)
            optimizer.step()
            optimizer.zero_grad()
            lap()
            ema.update(model)
            lap()
            if iteration >= warmup:
                for index, (start, end) in enumerate(zip(stamps, stamps[1:])):
                    laps[index].append(((end[0] - start[0]) * 1000, (end[1] - start[1]) * 1000))

        print(json.dumps({
            "wall_ms": [statistics.median(wall for wall, _ in step) for step in laps],
            "cpu_ms": [statistics.median(cpu for _, cpu in step) for step in laps],
        }), flush=True)
        """
}
