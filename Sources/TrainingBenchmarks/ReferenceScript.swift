/// The reference side: ultralytics YOLOv5's own `train.py` (PyPI `yolov5` 7.0.x), run
/// unchanged through `train.main` with two callbacks added, the way the reference's
/// figures in the fixtures were taken.
///
/// Usage: `python script.py RESULT.json ITERATIONS THREADS TRAIN_ARGS...`. It stamps the
/// clock at the start of the epoch and at the end of every batch (`on_train_batch_end`,
/// after the optimizer step, EMA update and progress bar), so each interval holds one
/// dataloader wait and one iteration, as ours does. After `ITERATIONS` batches it sets
/// `stop_training`, which makes `train()` return before validation, and writes
/// `{"iteration_s": [...], "torch": VERSION, "torch_threads": N}` to RESULT.json.
///
/// `torch.set_num_threads` is called before YOLOv5 is imported: YOLOv5 sets
/// `OMP_NUM_THREADS` itself, but only after torch is loaded, where it has no effect, and
/// Debian's libtorch starts with one thread.
enum ReferenceScript {
    static let source = """
        import json, os, sys, time

        result_path, iterations, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        sys.argv = ["train.py"] + sys.argv[4:]

        import torch
        torch.set_num_threads(threads)
        from yolov5 import train
        from yolov5.utils.callbacks import Callbacks

        stamps, info = [], {"torch": torch.__version__}
        callbacks = Callbacks()

        def on_train_start(*args, **kwargs):
            info["torch_threads"] = torch.get_num_threads()

        def on_train_epoch_start(*args, **kwargs):
            stamps.append(time.perf_counter())

        def on_train_batch_end(*args, **kwargs):
            stamps.append(time.perf_counter())
            if len(stamps) > iterations:
                callbacks.stop_training = True

        callbacks.register_action("on_train_start", callback=on_train_start)
        callbacks.register_action("on_train_epoch_start", callback=on_train_epoch_start)
        callbacks.register_action("on_train_batch_end", callback=on_train_batch_end)
        train.main(train.parse_opt(), callbacks)

        info["iteration_s"] = [end - start for start, end in zip(stamps, stamps[1:])]
        with open(result_path, "w") as result:
            json.dump(info, result)
        sys.stdout.flush()
        sys.stderr.flush()
        # Skip interpreter shutdown: the dataloader's worker processes are left running by
        # the early return and would only be joined there.
        os._exit(0)
        """
}
