// Decoding of the older text encodings pickles use (protocol 0 lines, Python 2 strings).

/// Helpers that turn pickle text fields into Swift strings and bytes.
enum PickleText {
    /// Python 2 `str` values: text when they are valid UTF-8 (torch's own default when it
    /// reads old pickles), raw bytes otherwise.
    static func legacyString(_ bytes: ArraySlice<UInt8>) -> PickleValue {
        if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
        return .bytes(Array(bytes))
    }

    /// Decodes Python's raw-unicode-escape (UNICODE opcode): bytes are Latin-1 code points
    /// except `\uXXXX` and `\UXXXXXXXX` escapes.
    static func rawUnicodeEscape(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex,
                let width = escapeWidth(bytes[index + 1]),
                index + 2 + width <= bytes.endIndex,
                let code = UInt32(String(decoding: bytes[(index + 2)..<(index + 2 + width)],
                                         as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                scalars.append(scalar)
                index += 2 + width
            } else {
                scalars.append(Unicode.Scalar(byte))
                index += 1
            }
        }
        return String(scalars)
    }

    private static func escapeWidth(_ marker: UInt8) -> Int? {
        switch marker {
        case UInt8(ascii: "u"): 4
        case UInt8(ascii: "U"): 8
        default: nil
        }
    }

    /// Strips the quotes of a STRING line (a Python repr) and resolves its backslash escapes.
    static func unquote(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        guard line.count >= 2, let quote = line.first, quote == line.last,
            quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")
        else { return nil }
        let body = Array(line.dropFirst().dropLast())
        var result: [UInt8] = []
        var index = 0
        while index < body.count {
            guard body[index] == UInt8(ascii: "\\"), index + 1 < body.count else {
                result.append(body[index])
                index += 1
                continue
            }
            let (bytes, consumed) = escape(body, at: index + 1)
            result.append(contentsOf: bytes)
            index += 1 + consumed
        }
        return result
    }

    /// One escape after a backslash: the bytes it stands for and how many bytes it used.
    private static func escape(_ body: [UInt8], at index: Int) -> ([UInt8], Int) {
        switch body[index] {
        case UInt8(ascii: "n"): return ([0x0A], 1)
        case UInt8(ascii: "t"): return ([0x09], 1)
        case UInt8(ascii: "r"): return ([0x0D], 1)
        case UInt8(ascii: "x") where index + 2 < body.count:
            let hex = String(decoding: body[(index + 1)...(index + 2)], as: UTF8.self)
            if let value = UInt8(hex, radix: 16) { return ([value], 3) }
            return ([UInt8(ascii: "\\"), body[index]], 1)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""):
            return ([body[index]], 1)
        default:
            return ([UInt8(ascii: "\\"), body[index]], 1)
        }
    }

    /// `_codecs.encode(text, encoding)`, which protocol 2 uses to pickle Python 3 bytes.
    static func encode(_ arguments: [PickleValue]) -> [UInt8]? {
        guard let text = arguments.first?.string else { return nil }
        let encoding = arguments.count > 1 ? arguments[1].string?.lowercased() : "utf-8"
        switch encoding {
        case "latin1", "latin-1", "iso-8859-1":
            var bytes: [UInt8] = []
            for scalar in text.unicodeScalars {
                guard scalar.value < 256 else { return nil }
                bytes.append(UInt8(scalar.value))
            }
            return bytes
        case "utf-8", "utf8":
            return Array(text.utf8)
        default:
            return nil
        }
    }
}
