import CTorch

/// Elementwise functions, comparisons, and selection by condition.
extension Tensor {
    func unary(_ name: String, _ op: ctorch_unary_op) throws -> Tensor {
        try makeTensor(name) { ctorch_tensor_unary(handle, op, $0, $1) }
    }

    public func abs() throws -> Tensor { try unary("abs", CTORCH_ABS) }
    public func sqrt() throws -> Tensor { try unary("sqrt", CTORCH_SQRT) }
    public func rsqrt() throws -> Tensor { try unary("rsqrt", CTORCH_RSQRT) }
    public func exp() throws -> Tensor { try unary("exp", CTORCH_EXP) }
    /// Natural logarithm.
    public func log() throws -> Tensor { try unary("log", CTORCH_LOG) }
    public func sigmoid() throws -> Tensor { try unary("sigmoid", CTORCH_SIGMOID) }
    /// x * sigmoid(x), YOLOv5's activation.
    public func silu() throws -> Tensor { try unary("silu", CTORCH_SILU) }
    public func relu() throws -> Tensor { try unary("relu", CTORCH_RELU) }
    public func tanh() throws -> Tensor { try unary("tanh", CTORCH_TANH) }
    public func floor() throws -> Tensor { try unary("floor", CTORCH_FLOOR) }
    public func ceil() throws -> Tensor { try unary("ceil", CTORCH_CEIL) }
    /// Rounds half to even, as PyTorch does.
    public func round() throws -> Tensor { try unary("round", CTORCH_ROUND) }
    public func atan() throws -> Tensor { try unary("atan", CTORCH_ATAN) }
    public func sin() throws -> Tensor { try unary("sin", CTORCH_SIN) }
    public func cos() throws -> Tensor { try unary("cos", CTORCH_COS) }
    public func reciprocal() throws -> Tensor { try unary("reciprocal", CTORCH_RECIPROCAL) }
    public func sign() throws -> Tensor { try unary("sign", CTORCH_SIGN) }
    public func logicalNot() throws -> Tensor { try unary("logical_not", CTORCH_LOGICAL_NOT) }
    public func isNaN() throws -> Tensor { try unary("isnan", CTORCH_ISNAN) }
    public func isFinite() throws -> Tensor { try unary("isfinite", CTORCH_ISFINITE) }

    public func pow(_ exponent: Tensor) throws -> Tensor {
        try binary("pow", CTORCH_POW, exponent)
    }

    public func pow(_ exponent: Double) throws -> Tensor {
        try binary("pow", CTORCH_POW, Tensor.exactInteger(exponent))
    }

    /// Elementwise maximum of two broadcast tensors.
    public func maximum(_ other: Tensor) throws -> Tensor {
        try binary("maximum", CTORCH_MAXIMUM, other)
    }

    public func minimum(_ other: Tensor) throws -> Tensor {
        try binary("minimum", CTORCH_MINIMUM, other)
    }

    /// atan2(self, other), the angle of (other, self) in radians.
    public func atan2(_ other: Tensor) throws -> Tensor {
        try binary("atan2", CTORCH_ATAN2, other)
    }

    /// Remainder with the sign of the divisor (Python's `%`).
    public func remainder(_ divisor: Double) throws -> Tensor {
        try binary("remainder", CTORCH_REMAINDER, Tensor.exactInteger(divisor))
    }

    public func floorDivide(_ divisor: Double) throws -> Tensor {
        try binary("floor_divide", CTORCH_FLOOR_DIVIDE, Tensor.exactInteger(divisor))
    }

    public func logicalAnd(_ other: Tensor) throws -> Tensor {
        try binary("logical_and", CTORCH_LOGICAL_AND, other)
    }

    public func logicalOr(_ other: Tensor) throws -> Tensor {
        try binary("logical_or", CTORCH_LOGICAL_OR, other)
    }

    /// Clamps into [min, max]; a nil bound is open.
    public func clamp(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        try makeTensor("clamp") {
            ctorch_tensor_clamp(handle, min != nil, min ?? 0, max != nil, max ?? 0, $0, $1)
        }
    }

    /// Matrix product with PyTorch's `matmul` broadcasting rules.
    public func matmul(_ other: Tensor) throws -> Tensor {
        try makeTensor("matmul") { ctorch_tensor_matmul(handle, other.handle, $0, $1) }
    }

    /// Whether |self - other| <= atol + rtol * |other| everywhere.
    public func allClose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8) throws
        -> Bool
    {
        var result = false
        try torchCall("allclose") {
            ctorch_tensor_allclose(handle, other.handle, rtol, atol, &result, $0)
        }
        return result
    }

    /// `condition ? a : b` elementwise, broadcasting all three.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        try makeTensor("where") {
            ctorch_tensor_where(condition.handle, a.handle, b.handle, $0, $1)
        }
    }

    // MARK: Comparisons (bool results)

    public func eq(_ other: Tensor) throws -> Tensor { try binary("eq", CTORCH_EQ, other) }
    public func ne(_ other: Tensor) throws -> Tensor { try binary("ne", CTORCH_NE, other) }
    public func lt(_ other: Tensor) throws -> Tensor { try binary("lt", CTORCH_LT, other) }
    public func le(_ other: Tensor) throws -> Tensor { try binary("le", CTORCH_LE, other) }
    public func gt(_ other: Tensor) throws -> Tensor { try binary("gt", CTORCH_GT, other) }
    public func ge(_ other: Tensor) throws -> Tensor { try binary("ge", CTORCH_GE, other) }

    public func eq(_ value: Double) throws -> Tensor {
        try binary("eq", CTORCH_EQ, Tensor.exactInteger(value))
    }

    public func ne(_ value: Double) throws -> Tensor {
        try binary("ne", CTORCH_NE, Tensor.exactInteger(value))
    }

    public func lt(_ value: Double) throws -> Tensor {
        try binary("lt", CTORCH_LT, Tensor.exactInteger(value))
    }

    public func le(_ value: Double) throws -> Tensor {
        try binary("le", CTORCH_LE, Tensor.exactInteger(value))
    }

    public func gt(_ value: Double) throws -> Tensor {
        try binary("gt", CTORCH_GT, Tensor.exactInteger(value))
    }

    public func ge(_ value: Double) throws -> Tensor {
        try binary("ge", CTORCH_GE, Tensor.exactInteger(value))
    }
}
