import CTorch

/// Autograd: marking leaves, backpropagation and gradients.
extension Tensor {
    /// Whether operations on this tensor are recorded for backpropagation. Setting it is
    /// allowed on leaves (tensors not produced by a recorded operation) only.
    public var requiresGrad: Bool {
        var flag = false
        do {
            try torchCall("requires_grad") { ctorch_tensor_requires_grad(handle, &flag, $0) }
        } catch {
            fatalError("Tensor.requiresGrad: \(error)")
        }
        return flag
    }

    /// Marks or unmarks this tensor for gradient recording; returns self for chaining.
    @discardableResult
    public func requiresGrad(_ flag: Bool) throws -> Tensor {
        try torchCall("requires_grad_") { ctorch_tensor_set_requires_grad(handle, flag, $0) }
        return self
    }

    /// Backpropagates from this one-element tensor (usually a loss), accumulating into
    /// `grad` of every leaf that requires gradients. With `gradient` (same shape as self)
    /// computes the vector-Jacobian product instead.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
        try torchCall("backward") {
            ctorch_tensor_backward(handle, gradient?.handle, retainGraph, $0)
        }
    }

    /// The accumulated gradient, or nil before the first backward pass (or after
    /// `zeroGrad(setToNone: true)`). Shares memory with libtorch's gradient buffer.
    public func grad() throws -> Tensor? {
        var result: OpaquePointer? = nil
        try torchCall("grad") { ctorch_tensor_grad(handle, &result, $0) }
        return result.map { Tensor(owning: $0) }
    }

    /// Zeroes the gradient in place (the default of torch 1.13's `zero_grad`), or drops it.
    public func zeroGrad(setToNone: Bool = false) throws {
        try torchCall("zero_grad") { ctorch_tensor_zero_grad(handle, setToNone, $0) }
    }
}
