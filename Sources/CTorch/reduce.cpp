// Reductions (whole tensor and per dimension), extreme values with indices, sorting.
#include "internal/ctorch_internal.h"

using ctorch::emit;
using ctorch::guarded;
using ctorch::tensor;

namespace {

at::Tensor reduce_all(const at::Tensor &t, ctorch_reduce_op op) {
  switch (op) {
    case CTORCH_SUM: return at::sum(t);
    case CTORCH_MEAN: return at::mean(t);
    case CTORCH_AMAX: return at::max(t);
    case CTORCH_AMIN: return at::min(t);
    case CTORCH_PROD: return at::prod(t);
    case CTORCH_ANY: return at::any(t);
    case CTORCH_ALL: return at::all(t);
    case CTORCH_ARGMAX: return at::argmax(t);
    case CTORCH_ARGMIN: return at::argmin(t);
    case CTORCH_NORM: return at::norm(t);
  }
  throw std::invalid_argument("unknown reduce op " + std::to_string(int(op)));
}

int64_t single_dim(at::IntArrayRef dims, const char *name) {
  if (dims.size() != 1) {
    throw std::invalid_argument(std::string(name) + " reduces exactly one dimension, got " +
                                std::to_string(dims.size()));
  }
  return dims[0];
}

at::Tensor reduce_dims(const at::Tensor &t, ctorch_reduce_op op, at::IntArrayRef dims,
                       bool keepdim) {
  switch (op) {
    case CTORCH_SUM: return at::sum(t, dims, keepdim);
    case CTORCH_MEAN: return at::mean(t, dims, keepdim);
    case CTORCH_AMAX: return at::amax(t, dims, keepdim);
    case CTORCH_AMIN: return at::amin(t, dims, keepdim);
    case CTORCH_NORM: return at::norm(t, 2, dims, keepdim);
    case CTORCH_PROD: return at::prod(t, single_dim(dims, "prod"), keepdim);
    case CTORCH_ANY: return at::any(t, single_dim(dims, "any"), keepdim);
    case CTORCH_ALL: return at::all(t, single_dim(dims, "all"), keepdim);
    case CTORCH_ARGMAX: return at::argmax(t, single_dim(dims, "argmax"), keepdim);
    case CTORCH_ARGMIN: return at::argmin(t, single_dim(dims, "argmin"), keepdim);
  }
  throw std::invalid_argument("unknown reduce op " + std::to_string(int(op)));
}

void emit_pair(ctorch_tensor **first, ctorch_tensor **second,
               std::tuple<at::Tensor, at::Tensor> pair) {
  // Allocate both handles before publishing either so a failure leaks nothing.
  auto a = std::make_unique<ctorch_tensor>(ctorch_tensor{std::get<0>(pair)});
  auto b = std::make_unique<ctorch_tensor>(ctorch_tensor{std::get<1>(pair)});
  *first = a.release();
  *second = b.release();
}

}  // namespace

extern "C" {

ctorch_status ctorch_tensor_reduce(const ctorch_tensor *t, ctorch_reduce_op op,
                                   ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, reduce_all(tensor(t), op)); });
}

ctorch_status ctorch_tensor_reduce_dims(const ctorch_tensor *t, ctorch_reduce_op op,
                                        const int64_t *dims, size_t dim_count, bool keepdim,
                                        ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, reduce_dims(tensor(t), op, ctorch::int_array(dims, dim_count), keepdim));
  });
}

ctorch_status ctorch_tensor_extreme_dim(const ctorch_tensor *t, int64_t dim, bool keepdim,
                                        bool largest, ctorch_tensor **values,
                                        ctorch_tensor **indices, char **error) {
  return guarded(error, [&] {
    const at::Tensor &value = tensor(t);
    emit_pair(values, indices, largest ? at::max(value, dim, keepdim)
                                       : at::min(value, dim, keepdim));
  });
}

ctorch_status ctorch_tensor_sort(const ctorch_tensor *t, int64_t dim, bool descending,
                                 ctorch_tensor **values, ctorch_tensor **indices,
                                 char **error) {
  return guarded(error, [&] {
    emit_pair(values, indices, at::sort(tensor(t), /*stable=*/true, dim, descending));
  });
}

ctorch_status ctorch_tensor_topk(const ctorch_tensor *t, int64_t k, int64_t dim, bool largest,
                                 ctorch_tensor **values, ctorch_tensor **indices,
                                 char **error) {
  return guarded(error, [&] {
    emit_pair(values, indices, at::topk(tensor(t), k, dim, largest, /*sorted=*/true));
  });
}

ctorch_status ctorch_tensor_cumsum(const ctorch_tensor *t, int64_t dim, ctorch_tensor **out,
                                   char **error) {
  return guarded(error, [&] { emit(out, at::cumsum(tensor(t), dim)); });
}

ctorch_status ctorch_tensor_nonzero(const ctorch_tensor *t, ctorch_tensor **out,
                                    char **error) {
  return guarded(error, [&] { emit(out, at::nonzero(tensor(t))); });
}

}  // extern "C"
