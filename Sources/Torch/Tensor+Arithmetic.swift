import CTorch

/// `+ - * /` between tensors and with scalars, broadcasting as PyTorch does, plus the
/// in-place forms that optimizers use.
///
/// Scalars: an `Int` operand is passed exactly and keeps integer tensors integer; a `Double`
/// operand makes an integer tensor's result floating point (PyTorch's type promotion).
extension Tensor {
    func binary(_ name: String, _ op: ctorch_binary_op, _ other: Tensor) throws -> Tensor {
        try makeTensor(name) { ctorch_tensor_binary(handle, other.handle, op, $0, $1) }
    }

    func binary(_ name: String, _ op: ctorch_binary_op, _ scalar: ctorch_scalar,
                scalarFirst: Bool = false) throws -> Tensor {
        try makeTensor(name) {
            ctorch_tensor_binary_scalar(handle, scalar, scalarFirst, op, $0, $1)
        }
    }

    func inPlace(_ name: String, _ op: ctorch_binary_op, _ other: Tensor) throws {
        try torchCall(name) { ctorch_tensor_binary_(handle, other.handle, op, $0) }
    }

    func inPlace(_ name: String, _ op: ctorch_binary_op, _ scalar: ctorch_scalar) throws {
        try torchCall(name) { ctorch_tensor_binary_scalar_(handle, scalar, op, $0) }
    }

    // MARK: Tensor with tensor

    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.binary("add", CTORCH_ADD, rhs)
    }

    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.binary("sub", CTORCH_SUB, rhs)
    }

    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.binary("mul", CTORCH_MUL, rhs)
    }

    /// True division: integer tensors give a floating-point result.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        try lhs.binary("div", CTORCH_DIV, rhs)
    }

    public static prefix func - (operand: Tensor) throws -> Tensor {
        try operand.unary("neg", CTORCH_NEG)
    }

    // MARK: Tensor with scalar

    public static func + (lhs: Tensor, rhs: Double) throws -> Tensor {
        try lhs.binary("add", CTORCH_ADD, .real(rhs))
    }

    public static func + (lhs: Tensor, rhs: Int) throws -> Tensor {
        try lhs.binary("add", CTORCH_ADD, .integer(rhs))
    }

    public static func + (lhs: Double, rhs: Tensor) throws -> Tensor {
        try rhs.binary("add", CTORCH_ADD, .real(lhs))
    }

    public static func + (lhs: Int, rhs: Tensor) throws -> Tensor {
        try rhs.binary("add", CTORCH_ADD, .integer(lhs))
    }

    public static func - (lhs: Tensor, rhs: Double) throws -> Tensor {
        try lhs.binary("sub", CTORCH_SUB, .real(rhs))
    }

    public static func - (lhs: Tensor, rhs: Int) throws -> Tensor {
        try lhs.binary("sub", CTORCH_SUB, .integer(rhs))
    }

    public static func - (lhs: Double, rhs: Tensor) throws -> Tensor {
        try rhs.binary("sub", CTORCH_SUB, .real(lhs), scalarFirst: true)
    }

    public static func - (lhs: Int, rhs: Tensor) throws -> Tensor {
        try rhs.binary("sub", CTORCH_SUB, .integer(lhs), scalarFirst: true)
    }

    public static func * (lhs: Tensor, rhs: Double) throws -> Tensor {
        try lhs.binary("mul", CTORCH_MUL, .real(rhs))
    }

    public static func * (lhs: Tensor, rhs: Int) throws -> Tensor {
        try lhs.binary("mul", CTORCH_MUL, .integer(rhs))
    }

    public static func * (lhs: Double, rhs: Tensor) throws -> Tensor {
        try rhs.binary("mul", CTORCH_MUL, .real(lhs))
    }

    public static func * (lhs: Int, rhs: Tensor) throws -> Tensor {
        try rhs.binary("mul", CTORCH_MUL, .integer(lhs))
    }

    public static func / (lhs: Tensor, rhs: Double) throws -> Tensor {
        try lhs.binary("div", CTORCH_DIV, .real(rhs))
    }

    public static func / (lhs: Tensor, rhs: Int) throws -> Tensor {
        try lhs.binary("div", CTORCH_DIV, .integer(rhs))
    }

    public static func / (lhs: Double, rhs: Tensor) throws -> Tensor {
        try rhs.binary("div", CTORCH_DIV, .real(lhs), scalarFirst: true)
    }

    public static func / (lhs: Int, rhs: Tensor) throws -> Tensor {
        try rhs.binary("div", CTORCH_DIV, .integer(lhs), scalarFirst: true)
    }

    // MARK: In place

    /// `self += alpha * other` (PyTorch's `add_(other, alpha=)`).
    @discardableResult
    public func add_(_ other: Tensor, alpha: Double = 1) throws -> Tensor {
        let scale = Tensor.exactInteger(alpha)
        try torchCall("add_") { ctorch_tensor_add_scaled_(handle, other.handle, scale, $0) }
        return self
    }

    @discardableResult
    public func add_(_ scalar: Double) throws -> Tensor {
        try inPlace("add_", CTORCH_ADD, Tensor.exactInteger(scalar))
        return self
    }

    @discardableResult
    public func sub_(_ other: Tensor) throws -> Tensor {
        try inPlace("sub_", CTORCH_SUB, other)
        return self
    }

    @discardableResult
    public func sub_(_ scalar: Double) throws -> Tensor {
        try inPlace("sub_", CTORCH_SUB, Tensor.exactInteger(scalar))
        return self
    }

    @discardableResult
    public func mul_(_ other: Tensor) throws -> Tensor {
        try inPlace("mul_", CTORCH_MUL, other)
        return self
    }

    @discardableResult
    public func mul_(_ scalar: Double) throws -> Tensor {
        try inPlace("mul_", CTORCH_MUL, Tensor.exactInteger(scalar))
        return self
    }

    @discardableResult
    public func div_(_ other: Tensor) throws -> Tensor {
        try inPlace("div_", CTORCH_DIV, other)
        return self
    }

    @discardableResult
    public func div_(_ scalar: Double) throws -> Tensor {
        try inPlace("div_", CTORCH_DIV, .real(scalar))
        return self
    }

    @discardableResult
    public func pow_(_ exponent: Double) throws -> Tensor {
        try inPlace("pow_", CTORCH_POW, Tensor.exactInteger(exponent))
        return self
    }

    @discardableResult
    public func zero_() throws -> Tensor {
        try torchCall("zero_") { ctorch_tensor_unary_(handle, CTORCH_ZERO, $0) }
        return self
    }

    @discardableResult
    public func fill_(_ value: Double) throws -> Tensor {
        let scalar = fillScalar(value)
        try torchCall("fill_") { ctorch_tensor_fill_(handle, scalar, $0) }
        return self
    }

    /// Sets the elements where `mask` (bool, broadcastable) is true to `value`.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, value: Double) throws -> Tensor {
        let scalar = fillScalar(value)
        try torchCall("masked_fill_") {
            ctorch_tensor_masked_fill_(handle, mask.handle, scalar, $0)
        }
        return self
    }

    @discardableResult
    public func clamp_(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        try torchCall("clamp_") {
            ctorch_tensor_clamp_(handle, min != nil, min ?? 0, max != nil, max ?? 0, $0)
        }
        return self
    }

    @discardableResult
    public func sigmoid_() throws -> Tensor {
        try torchCall("sigmoid_") { ctorch_tensor_unary_(handle, CTORCH_SIGMOID, $0) }
        return self
    }

    /// x * sigmoid(x) in place; saves an allocation per activation during inference.
    @discardableResult
    public func silu_() throws -> Tensor {
        try torchCall("silu_") { ctorch_tensor_unary_(handle, CTORCH_SILU, $0) }
        return self
    }

    /// A fill value: real for floating-point tensors, exact integer for integer tensors.
    private func fillScalar(_ value: Double) -> ctorch_scalar {
        dtype.isFloatingPoint ? .real(value) : Tensor.exactInteger(value)
    }
}
