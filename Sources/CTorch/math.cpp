// Elementwise arithmetic, comparisons and transcendental functions, selected by op code so
// that one exported function covers a whole family.
#include "internal/ctorch_internal.h"

using ctorch::emit;
using ctorch::guarded;
using ctorch::tensor;

namespace {

at::Tensor apply_unary(const at::Tensor &t, ctorch_unary_op op) {
  switch (op) {
    case CTORCH_NEG: return at::neg(t);
    case CTORCH_ABS: return at::abs(t);
    case CTORCH_SQRT: return at::sqrt(t);
    case CTORCH_RSQRT: return at::rsqrt(t);
    case CTORCH_EXP: return at::exp(t);
    case CTORCH_LOG: return at::log(t);
    case CTORCH_SIGMOID: return at::sigmoid(t);
    case CTORCH_SILU: return at::silu(t);
    case CTORCH_RELU: return at::relu(t);
    case CTORCH_TANH: return at::tanh(t);
    case CTORCH_FLOOR: return at::floor(t);
    case CTORCH_CEIL: return at::ceil(t);
    case CTORCH_ROUND: return at::round(t);
    case CTORCH_ATAN: return at::atan(t);
    case CTORCH_SIN: return at::sin(t);
    case CTORCH_COS: return at::cos(t);
    case CTORCH_RECIPROCAL: return at::reciprocal(t);
    case CTORCH_LOGICAL_NOT: return at::logical_not(t);
    case CTORCH_SIGN: return at::sign(t);
    case CTORCH_ISNAN: return at::isnan(t);
    case CTORCH_ISFINITE: return at::isfinite(t);
    case CTORCH_ZERO: break;
  }
  throw std::invalid_argument("unary op " + std::to_string(int(op)) +
                              " has no out-of-place form");
}

void apply_unary_(at::Tensor &t, ctorch_unary_op op) {
  switch (op) {
    case CTORCH_NEG: t.neg_(); return;
    case CTORCH_ABS: t.abs_(); return;
    case CTORCH_SQRT: t.sqrt_(); return;
    case CTORCH_EXP: t.exp_(); return;
    case CTORCH_LOG: t.log_(); return;
    case CTORCH_SIGMOID: t.sigmoid_(); return;
    case CTORCH_SILU: at::silu_(t); return;
    case CTORCH_RELU: t.relu_(); return;
    case CTORCH_FLOOR: t.floor_(); return;
    case CTORCH_ROUND: t.round_(); return;
    case CTORCH_RECIPROCAL: t.reciprocal_(); return;
    case CTORCH_ZERO: t.zero_(); return;
    default: break;
  }
  throw std::invalid_argument("unary op " + std::to_string(int(op)) +
                              " has no in-place form");
}

// One template serves tensor and scalar right-hand sides; at:: has overloads for both.
template <typename Rhs>
at::Tensor apply_binary(const at::Tensor &a, const Rhs &b, ctorch_binary_op op) {
  switch (op) {
    case CTORCH_ADD: return at::add(a, b);
    case CTORCH_SUB: return at::sub(a, b);
    case CTORCH_MUL: return at::mul(a, b);
    case CTORCH_DIV: return at::div(a, b);
    case CTORCH_POW: return at::pow(a, b);
    case CTORCH_REMAINDER: return at::remainder(a, b);
    case CTORCH_FLOOR_DIVIDE: return at::floor_divide(a, b);
    case CTORCH_EQ: return at::eq(a, b);
    case CTORCH_NE: return at::ne(a, b);
    case CTORCH_LT: return at::lt(a, b);
    case CTORCH_LE: return at::le(a, b);
    case CTORCH_GT: return at::gt(a, b);
    case CTORCH_GE: return at::ge(a, b);
    default: break;
  }
  // The remaining ops have tensor-only overloads; wrap a scalar in a 0-dimensional tensor.
  at::Tensor rhs;
  if constexpr (std::is_same_v<Rhs, at::Scalar>) {
    rhs = at::scalar_tensor(b, a.options().dtype(at::result_type(a, b)));
  } else {
    rhs = b;
  }
  switch (op) {
    case CTORCH_MAXIMUM: return at::maximum(a, rhs);
    case CTORCH_MINIMUM: return at::minimum(a, rhs);
    case CTORCH_ATAN2: return at::atan2(a, rhs);
    case CTORCH_LOGICAL_AND: return at::logical_and(a, rhs);
    case CTORCH_LOGICAL_OR: return at::logical_or(a, rhs);
    default: break;
  }
  throw std::invalid_argument("unknown binary op " + std::to_string(int(op)));
}

template <typename Rhs>
void apply_binary_(at::Tensor &a, const Rhs &b, ctorch_binary_op op) {
  switch (op) {
    case CTORCH_ADD: a.add_(b); return;
    case CTORCH_SUB: a.sub_(b); return;
    case CTORCH_MUL: a.mul_(b); return;
    case CTORCH_DIV: a.div_(b); return;
    case CTORCH_POW: a.pow_(b); return;
    case CTORCH_REMAINDER: a.remainder_(b); return;
    case CTORCH_FLOOR_DIVIDE: a.floor_divide_(b); return;
    default: break;
  }
  throw std::invalid_argument("binary op " + std::to_string(int(op)) +
                              " has no in-place form");
}

c10::optional<at::Scalar> bound(bool present, double value) {
  return present ? c10::optional<at::Scalar>(value) : c10::nullopt;
}

}  // namespace

extern "C" {

ctorch_status ctorch_tensor_unary(const ctorch_tensor *t, ctorch_unary_op op,
                                  ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, apply_unary(tensor(t), op)); });
}

ctorch_status ctorch_tensor_unary_(ctorch_tensor *t, ctorch_unary_op op, char **error) {
  return guarded(error, [&] { apply_unary_(ctorch::mutable_tensor(t), op); });
}

ctorch_status ctorch_tensor_binary(const ctorch_tensor *a, const ctorch_tensor *b,
                                   ctorch_binary_op op, ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, apply_binary(tensor(a), tensor(b), op)); });
}

ctorch_status ctorch_tensor_binary_scalar(const ctorch_tensor *t, ctorch_scalar s,
                                          bool scalar_first, ctorch_binary_op op,
                                          ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    const at::Tensor &value = tensor(t);
    if (!scalar_first) {
      emit(out, apply_binary(value, ctorch::scalar(s), op));
      return;
    }
    // Promote like Python's `scalar op tensor`: a wrapped number does not widen the dtype.
    auto lhs = at::scalar_tensor(ctorch::scalar(s), value.options().dtype(
                                                      at::result_type(value, ctorch::scalar(s))));
    emit(out, apply_binary(lhs, value, op));
  });
}

ctorch_status ctorch_tensor_binary_(ctorch_tensor *t, const ctorch_tensor *b,
                                    ctorch_binary_op op, char **error) {
  return guarded(error, [&] { apply_binary_(ctorch::mutable_tensor(t), tensor(b), op); });
}

ctorch_status ctorch_tensor_binary_scalar_(ctorch_tensor *t, ctorch_scalar s,
                                           ctorch_binary_op op, char **error) {
  return guarded(error, [&] {
    apply_binary_(ctorch::mutable_tensor(t), ctorch::scalar(s), op);
  });
}

ctorch_status ctorch_tensor_add_scaled_(ctorch_tensor *t, const ctorch_tensor *other,
                                        ctorch_scalar alpha, char **error) {
  return guarded(error, [&] {
    ctorch::mutable_tensor(t).add_(tensor(other, "other"), ctorch::scalar(alpha));
  });
}

ctorch_status ctorch_tensor_masked_fill_(ctorch_tensor *t, const ctorch_tensor *mask,
                                         ctorch_scalar value, char **error) {
  return guarded(error, [&] {
    ctorch::mutable_tensor(t).masked_fill_(tensor(mask, "mask"), ctorch::scalar(value));
  });
}

ctorch_status ctorch_tensor_fill_(ctorch_tensor *t, ctorch_scalar value, char **error) {
  return guarded(error, [&] { ctorch::mutable_tensor(t).fill_(ctorch::scalar(value)); });
}

ctorch_status ctorch_tensor_clamp(const ctorch_tensor *t, bool has_min, double min,
                                  bool has_max, double max, ctorch_tensor **out,
                                  char **error) {
  return guarded(error, [&] {
    emit(out, at::clamp(tensor(t), bound(has_min, min), bound(has_max, max)));
  });
}

ctorch_status ctorch_tensor_clamp_(ctorch_tensor *t, bool has_min, double min, bool has_max,
                                   double max, char **error) {
  return guarded(error, [&] {
    ctorch::mutable_tensor(t).clamp_(bound(has_min, min), bound(has_max, max));
  });
}

ctorch_status ctorch_tensor_where(const ctorch_tensor *condition, const ctorch_tensor *a,
                                  const ctorch_tensor *b, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, at::where(tensor(condition, "condition"), tensor(a), tensor(b)));
  });
}

ctorch_status ctorch_tensor_matmul(const ctorch_tensor *a, const ctorch_tensor *b,
                                   ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, at::matmul(tensor(a), tensor(b))); });
}

ctorch_status ctorch_tensor_allclose(const ctorch_tensor *a, const ctorch_tensor *b,
                                     double rtol, double atol, bool *out, char **error) {
  return guarded(error, [&] { *out = at::allclose(tensor(a), tensor(b), rtol, atol); });
}

}  // extern "C"
