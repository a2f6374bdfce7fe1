import MaskFaceCLI
import Synchronization
import Testing

/// Runs the real command tree with captured output.
func runCLI(_ arguments: [String], environment: [String: String] = ["HOME": "/nonexistent"])
    -> (status: Int32, output: String, errors: String)
{
    let output = Mutex(""), errors = Mutex("")
    let context = CommandContext(
        write: { text in output.withLock { $0 += text } },
        writeError: { text in errors.withLock { $0 += text } },
        environment: environment)
    let status = CLI.main(arguments, context: context)
    return (status, output.withLock { $0 }, errors.withLock { $0 })
}

@Suite struct CommandLineTests {
    @Test(arguments: [[], ["--help"], ["-h"], ["help"]])
    func topLevelHelpListsCommands(arguments: [String]) {
        let result = runCLI(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: maskface <subcommand>"))
        #expect(result.output.contains("doctor"))
    }

    @Test(arguments: [["doctor", "--help"], ["help", "doctor"]])
    func commandHelpListsOptions(arguments: [String]) {
        let result = runCLI(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: maskface doctor [options]"))
        #expect(result.output.contains("--models <DIR>"))
    }

    @Test(arguments: [
        (["doctor", "--bogus"], "maskface doctor: unknown option --bogus"),
        (["doctor", "--models"], "maskface doctor: --models needs a value (DIR)"),
        (["doctor", "extra"], "maskface doctor: unexpected argument 'extra'"),
        (["frobnicate"], "maskface: unknown command 'frobnicate'"),
        (["--frobnicate"], "maskface: unknown option --frobnicate"),
        (["version", "--flag=1"], "maskface version: unknown option --flag=1"),
    ])
    func badCommandLinesGiveOneErrorLineAndStatus2(arguments: [String], message: String) {
        let result = runCLI(arguments)
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("error: \(message)"), "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1)
    }

    @Test func doctorReportsMissingModelsWithStatus1() {
        let result = runCLI(["doctor", "--models", "/nonexistent/models"])
        #expect(result.status == 1)
        #expect(result.errors.contains("dlib_face_recognition_resnet_model_v1.dat not found"))
    }

    @Test func versionNamesNativeLibraries() {
        let result = runCLI(["version"])
        #expect(result.status == 0)
        #expect(result.output.contains("libtorch 1.13"))
        #expect(result.output.contains("opencv 4.6"))
    }
}
