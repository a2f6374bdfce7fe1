@testable import MaskFaceCLI
import Testing

@Suite struct ArgumentParsingTests {
    static let spec = CommandSpec(
        ["train"], summary: "test",
        options: [
            .value("epochs", "E", default: "100", help: ""),
            .flag("cos-lr", help: ""),
            OptionSpec("resume", .optionalValue(name: "RUN"), help: ""),
            .value("offset", "N", help: ""),
        ],
        positionals: [PositionalSpec("photos", help: "", variadic: true, optional: true)]
    ) { _, _ in 0 }

    @Test func valuesFlagsAndDefaults() throws {
        let parsed = try ArgumentParser.parse(["--cos-lr", "a.jpg", "b.jpg"], for: Self.spec)
        #expect(parsed.flag("cos-lr"))
        #expect(try parsed.int("epochs") == 100)
        #expect(parsed.positionalList("photos") == ["a.jpg", "b.jpg"])
        #expect(!parsed.flag("resume"))
    }

    @Test func inlineValuesAndNegativeNumbers() throws {
        let parsed = try ArgumentParser.parse(["--epochs=3", "--offset", "-1"], for: Self.spec)
        #expect(try parsed.int("epochs") == 3)
        #expect(try parsed.int("offset") == -1)
    }

    @Test func optionalValueTakesAWordOnlyWhenGiven() throws {
        let bare = try ArgumentParser.parse(["--resume", "--cos-lr"], for: Self.spec)
        #expect(bare.flag("resume") && bare.string("resume") == nil)
        let named = try ArgumentParser.parse(["--resume", "exp3"], for: Self.spec)
        #expect(named.string("resume") == "exp3")
    }

    @Test func nonNumericValueIsAUsageError() throws {
        let parsed = try ArgumentParser.parse(["--epochs", "ten"], for: Self.spec)
        let error = #expect(throws: UsageError.self) { try parsed.int("epochs") }
        #expect(error?.problem == "--epochs expects an integer, got 'ten'")
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try ArgumentParser.parse(["--", "--cos-lr"], for: Self.spec)
        #expect(!parsed.flag("cos-lr"))
        #expect(parsed.positionalList("photos") == ["--cos-lr"])
    }
}
