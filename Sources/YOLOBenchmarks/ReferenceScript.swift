/// The reference side of the benchmark: ultralytics YOLOv5 (PyPI `yolov5` 7.0.x) on the
/// same libtorch, timed the way our side is. It runs as one long-lived process that reads
/// requests `MODEL SIZE THREADS WARMUP TIMED` on stdin and answers each with one JSON line
/// `{"times_ms": [...], "cpu_ms": [...]}` (wall-clock and process CPU time per call, or
/// `{"error": "..."}`), so the two sides can take turns and share whatever load the
/// machine has.
///
/// The model is built as train.py builds it from scratch (`Model(<package>/models/
/// <name>.yaml, nc=2)`), fused and put in eval mode, and called under
/// `torch.inference_mode()` on a `1x3xSxS` input, batch 1.
enum ReferenceScript {
    static let source = """
        import json, os, sys, time
        import torch
        import yolov5.models
        from yolov5.models.yolo import Model

        folder = os.path.dirname(yolov5.models.__file__)
        models = {}

        def model_named(name):
            if name not in models:
                torch.manual_seed(0)
                path = os.path.join(folder, name + ".yaml")
                models[name] = Model(path, nc=2).fuse().eval()
            return models[name]

        def measure(name, size, threads, warmup, timed):
            torch.set_num_threads(threads)
            model = model_named(name)
            images = torch.rand(1, 3, size, size)
            times, cpu_times = [], []
            with torch.inference_mode():
                for index in range(warmup + timed):
                    start, cpu_start = time.perf_counter(), time.process_time()
                    model(images)
                    if index >= warmup:
                        times.append((time.perf_counter() - start) * 1000)
                        cpu_times.append((time.process_time() - cpu_start) * 1000)
            return {"times_ms": times, "cpu_ms": cpu_times}

        print(json.dumps({"ready": torch.__version__}), flush=True)
        for line in sys.stdin:
            fields = line.split()
            if not fields:
                continue
            try:
                name, numbers = fields[0], [int(value) for value in fields[1:]]
                print(json.dumps(measure(name, *numbers)), flush=True)
            except Exception as error:
                print(json.dumps({"error": repr(error)}), flush=True)
        """
}
