// swift-tools-version: 6.0
// MaskFace: face-mask detection (YOLOv5 on libtorch) and masked face recognition (dlib).
//
// Native dependencies come from Debian packages (see scripts/setup.sh). To build against
// another libtorch, for example a CUDA build unpacked in /opt/libtorch, set
// MASKFACE_LIBTORCH=/opt/libtorch before `swift build`; its include/ and lib/ folders are
// used instead of Debian's, and lib/ is added to the run-time search path.
import Foundation
import PackageDescription

let environment = ProcessInfo.processInfo.environment

/// Compiler and linker flags for libtorch: Debian's layout unless MASKFACE_LIBTORCH is set.
struct LibTorchLocation {
    let includeFlags: [String]
    let linkerFlags: [String]

    static func resolve() -> LibTorchLocation {
        guard let root = environment["MASKFACE_LIBTORCH"], !root.isEmpty else {
            return LibTorchLocation(
                includeFlags: ["-I/usr/include/torch/csrc/api/include"],
                linkerFlags: [])
        }
        let lib = "\(root)/lib"
        let hasCUDA = FileManager.default.fileExists(atPath: "\(lib)/libtorch_cuda.so")
        // A CUDA build registers its kernels from libtorch_cuda's static initialisers; the
        // linker would drop that library as unused without --no-as-needed.
        let cudaLibraries = hasCUDA ? ["-Xlinker", "--no-as-needed", "-ltorch_cuda", "-lc10_cuda",
                                       "-Xlinker", "--as-needed"] : []
        return LibTorchLocation(
            includeFlags: ["-I\(root)/include", "-I\(root)/include/torch/csrc/api/include"],
            linkerFlags: ["-L\(lib)", "-Xlinker", "-rpath", "-Xlinker", lib] + cudaLibraries)
    }
}

let libtorch = LibTorchLocation.resolve()

let package = Package(
    name: "MaskFace",
    products: [
        .executable(name: "maskface", targets: ["maskface"]),
        .library(name: "MaskFaceCore", targets: ["MaskFaceCore"]),
        .library(name: "Torch", targets: ["Torch"]),
        .library(name: "MaskFaceVision", targets: ["MaskFaceVision"]),
    ],
    targets: [
        // Plain C ABI over libtorch's C++ API. Swift only sees include/ctorch.h.
        .target(
            name: "CTorch",
            cxxSettings: [
                .unsafeFlags(libtorch.includeFlags + ["-O2", "-Wno-deprecated-declarations"]),
            ],
            linkerSettings: [
                .linkedLibrary("torch"),
                .linkedLibrary("torch_cpu"),
                .linkedLibrary("c10"),
                .linkedLibrary("stdc++"),
                .unsafeFlags(libtorch.linkerFlags),
            ]),
        // Plain C ABI over OpenCV 4.6 and dlib 19.24. Swift only sees include/cvision.h.
        .target(
            name: "CVision",
            cxxSettings: [
                .unsafeFlags(["-I/usr/include/opencv4", "-O2"]),
            ],
            linkerSettings: [
                .linkedLibrary("opencv_core"),
                .linkedLibrary("opencv_imgproc"),
                .linkedLibrary("opencv_imgcodecs"),
                .linkedLibrary("opencv_videoio"),
                .linkedLibrary("opencv_dnn"),
                .linkedLibrary("dlib"),
                // dlib's headers inline calls to CBLAS and LAPACK (matrix products, SVD in
                // the face-chip alignment), so the shim links them itself. By soname: the
                // runtime packages (libblas3, liblapack3) have no unversioned .so link.
                .linkedLibrary(":libblas.so.3"),
                .linkedLibrary(":liblapack.so.3"),
                .linkedLibrary("stdc++"),
            ]),
        // Plain C ABI over libonnx 1.12 (protobuf model building, checker, shape inference).
        // Swift only sees include/connx.h. Debian's libonnx is built with ONNX_ML.
        .target(
            name: "CONNX",
            cxxSettings: [
                .define("ONNX_NAMESPACE", to: "onnx"),
                .define("ONNX_ML", to: "1"),
                .unsafeFlags(["-O2"]),
            ],
            linkerSettings: [
                .linkedLibrary("onnx"),
                .linkedLibrary("onnx_proto"),
                .linkedLibrary("protobuf"),
                .linkedLibrary("stdc++"),
            ]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "MaskFaceCore", dependencies: ["CYAML"]),
        .target(name: "Torch", dependencies: ["CTorch", "MaskFaceCore"]),
        // Handle churn and op-rate benchmark: `swift run -c release TorchBenchmarks`.
        .executableTarget(name: "TorchBenchmarks", dependencies: ["Torch"]),
        .target(name: "MaskFaceVision", dependencies: ["CVision", "MaskFaceCore"]),
        .target(name: "YOLO", dependencies: ["Torch", "MaskFaceCore", "PyTorchArchive"]),
        .target(name: "MaskFaceData", dependencies: ["MaskFaceCore", "MaskFaceVision"]),
        // Loss, NMS, metrics, schedules and EMA for training and validating YOLOv5.
        .target(name: "YOLOTraining", dependencies: ["Torch", "MaskFaceCore"]),
        // The Swift side of CONNX and the detector's ONNX contract: what the exporter writes
        // and the runtime reads back. No libtorch, so the runtime can depend on it.
        .target(name: "ONNXSupport", dependencies: ["CONNX"]),
        .target(
            name: "YOLOExport", dependencies: ["ONNXSupport", "YOLO", "Torch", "MaskFaceCore"]),
        // Deployment runtime: ONNX detector, dlib landmarks and descriptors, SQLite gallery.
        .target(
            name: "MaskFaceRuntime",
            dependencies: ["MaskFaceVision", "MaskFaceCore", "ONNXSupport", "CSQLite"]),
        .target(
            name: "MaskFaceCLI",
            dependencies: ["MaskFaceCore", "Torch", "MaskFaceVision", "MaskFaceData", "YOLO",
                           "MaskFaceTraining", "YOLOExport", "MaskFaceRuntime"]),
        .target(
            name: "MaskFaceTraining",
            dependencies: ["YOLO", "YOLOTraining", "MaskFaceData", "MaskFaceVision", "Torch",
                           "MaskFaceCore"]),
        .executableTarget(name: "maskface", dependencies: ["MaskFaceCLI"]),
        // Forward-latency benchmark against the reference YOLOv5 (swift run -c release).
        .executableTarget(name: "YOLOBenchmarks", dependencies: ["YOLO", "Torch"]),
        // End-to-end recognition benchmark against detect.py and onnxruntime.
        .executableTarget(name: "RuntimeBenchmarks", dependencies: ["MaskFaceRuntime"]),
        // Training and loader throughput against ultralytics train.py, in the same run.
        .executableTarget(
            name: "TrainingBenchmarks",
            dependencies: ["MaskFaceTraining", "MaskFaceData", "MaskFaceVision", "MaskFaceCore"]),
        // Pure-Swift reader for PyTorch .pt checkpoints (zip + pickle), Foundation only.
        .target(name: "PyTorchArchive"),
        .testTarget(name: "MaskFaceCoreTests", dependencies: ["MaskFaceCore"]),
        .testTarget(name: "TorchTests", dependencies: ["Torch"]),
        .testTarget(name: "MaskFaceVisionTests", dependencies: ["MaskFaceVision"]),
        .testTarget(name: "MaskFaceCLITests", dependencies: ["MaskFaceCLI"]),
        .testTarget(name: "YOLOTests", dependencies: ["YOLO"]),
        .testTarget(name: "MaskFaceTrainingTests",
                    dependencies: ["MaskFaceTraining", "MaskFaceData", "YOLO", "YOLOTraining",
                                   "Torch"]),
        .testTarget(name: "MaskFaceDataTests", dependencies: ["MaskFaceData"]),
        .testTarget(name: "PyTorchArchiveTests", dependencies: ["PyTorchArchive", "MaskFaceCore"]),
        .testTarget(name: "YOLOTrainingTests", dependencies: ["YOLOTraining"]),
        .testTarget(name: "YOLOExportTests",
                    dependencies: ["YOLOExport", "ONNXSupport", "YOLO", "Torch", "MaskFaceVision",
                                   "MaskFaceCLI"]),
        .testTarget(
            name: "MaskFaceRuntimeTests",
            dependencies: ["MaskFaceRuntime", "MaskFaceCLI", "YOLOExport"]),
    ],
    cxxLanguageStandard: .cxx17
)
