// Autograd entry points: requires-grad flag, backward, reading and clearing gradients.
#include "internal/ctorch_internal.h"

using ctorch::guarded;
using ctorch::tensor;

extern "C" {

ctorch_status ctorch_tensor_requires_grad(const ctorch_tensor *t, bool *out, char **error) {
  return guarded(error, [&] { *out = tensor(t).requires_grad(); });
}

ctorch_status ctorch_tensor_set_requires_grad(ctorch_tensor *t, bool requires_grad,
                                              char **error) {
  return guarded(error, [&] { ctorch::mutable_tensor(t).set_requires_grad(requires_grad); });
}

ctorch_status ctorch_tensor_backward(const ctorch_tensor *t, const ctorch_tensor *gradient,
                                     bool retain_graph, char **error) {
  return guarded(error, [&] {
    tensor(t).backward(ctorch::optional_tensor(gradient), retain_graph);
  });
}

ctorch_status ctorch_tensor_grad(const ctorch_tensor *t, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    const at::Tensor &grad = tensor(t).grad();
    *out = grad.defined() ? new ctorch_tensor{grad} : nullptr;
  });
}

ctorch_status ctorch_tensor_zero_grad(ctorch_tensor *t, bool set_to_none, char **error) {
  return guarded(error, [&] {
    at::Tensor &grad = ctorch::mutable_tensor(t).mutable_grad();
    if (!grad.defined()) return;
    if (set_to_none) {
      grad.reset();
      return;
    }
    // As torch.optim does: cut the gradient from any graph that produced it, then zero it.
    if (grad.grad_fn() != nullptr) {
      grad.detach_();
    } else {
      grad.requires_grad_(false);
    }
    grad.zero_();
  });
}

}  // extern "C"
