// Views, reshaping, slicing, indexing, joining and splitting.
#include <ATen/core/List.h>

#include "internal/ctorch_internal.h"

using ctorch::emit;
using ctorch::emit_list;
using ctorch::guarded;
using ctorch::int_array;
using ctorch::tensor;

namespace {

c10::List<c10::optional<at::Tensor>> index_list(const ctorch_tensor *const *indices,
                                                size_t count) {
  c10::List<c10::optional<at::Tensor>> list;
  list.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    list.push_back(c10::optional<at::Tensor>(tensor(indices[i], "index")));
  }
  return list;
}

}  // namespace

extern "C" {

ctorch_status ctorch_tensor_reshape(const ctorch_tensor *t, const int64_t *shape, size_t dim,
                                    ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).reshape(int_array(shape, dim))); });
}

ctorch_status ctorch_tensor_view(const ctorch_tensor *t, const int64_t *shape, size_t dim,
                                 ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).view(int_array(shape, dim))); });
}

ctorch_status ctorch_tensor_expand(const ctorch_tensor *t, const int64_t *shape, size_t dim,
                                   ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).expand(int_array(shape, dim))); });
}

ctorch_status ctorch_tensor_permute(const ctorch_tensor *t, const int64_t *order, size_t dim,
                                    ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).permute(int_array(order, dim))); });
}

ctorch_status ctorch_tensor_transpose(const ctorch_tensor *t, int64_t dim0, int64_t dim1,
                                      ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).transpose(dim0, dim1)); });
}

ctorch_status ctorch_tensor_unsqueeze(const ctorch_tensor *t, int64_t dim, ctorch_tensor **out,
                                      char **error) {
  return guarded(error, [&] { emit(out, tensor(t).unsqueeze(dim)); });
}

ctorch_status ctorch_tensor_squeeze(const ctorch_tensor *t, bool all_dims, int64_t dim,
                                    ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, all_dims ? tensor(t).squeeze() : tensor(t).squeeze(dim));
  });
}

ctorch_status ctorch_tensor_flatten(const ctorch_tensor *t, int64_t start_dim, int64_t end_dim,
                                    ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).flatten(start_dim, end_dim)); });
}

ctorch_status ctorch_tensor_select(const ctorch_tensor *t, int64_t dim, int64_t index,
                                   ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).select(dim, index)); });
}

ctorch_status ctorch_tensor_slice(const ctorch_tensor *t, int64_t dim, int64_t start,
                                  int64_t end, int64_t step, ctorch_tensor **out,
                                  char **error) {
  return guarded(error, [&] { emit(out, tensor(t).slice(dim, start, end, step)); });
}

ctorch_status ctorch_tensor_index_select(const ctorch_tensor *t, int64_t dim,
                                         const ctorch_tensor *index, ctorch_tensor **out,
                                         char **error) {
  return guarded(error, [&] {
    emit(out, tensor(t).index_select(dim, tensor(index, "index")));
  });
}

ctorch_status ctorch_tensor_index(const ctorch_tensor *t, const ctorch_tensor *const *indices,
                                  size_t count, ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, at::index(tensor(t), index_list(indices, count))); });
}

ctorch_status ctorch_tensor_index_put_(ctorch_tensor *t, const ctorch_tensor *const *indices,
                                       size_t count, const ctorch_tensor *values,
                                       bool accumulate, char **error) {
  return guarded(error, [&] {
    ctorch::mutable_tensor(t).index_put_(index_list(indices, count), tensor(values, "values"),
                                         accumulate);
  });
}

ctorch_status ctorch_tensor_masked_select(const ctorch_tensor *t, const ctorch_tensor *mask,
                                          ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).masked_select(tensor(mask, "mask"))); });
}

ctorch_status ctorch_tensor_gather(const ctorch_tensor *t, int64_t dim,
                                   const ctorch_tensor *index, ctorch_tensor **out,
                                   char **error) {
  return guarded(error, [&] { emit(out, at::gather(tensor(t), dim, tensor(index, "index"))); });
}

ctorch_status ctorch_tensor_cat(const ctorch_tensor *const *tensors, size_t count, int64_t dim,
                                ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, at::cat(ctorch::tensors(tensors, count), dim)); });
}

ctorch_status ctorch_tensor_stack(const ctorch_tensor *const *tensors, size_t count,
                                  int64_t dim, ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, at::stack(ctorch::tensors(tensors, count), dim)); });
}

ctorch_status ctorch_tensor_split(const ctorch_tensor *t, int64_t size, int64_t dim,
                                  ctorch_tensor_list **out, char **error) {
  return guarded(error, [&] { emit_list(out, tensor(t).split(size, dim)); });
}

ctorch_status ctorch_tensor_split_sizes(const ctorch_tensor *t, const int64_t *sizes,
                                        size_t count, int64_t dim, ctorch_tensor_list **out,
                                        char **error) {
  return guarded(error, [&] {
    emit_list(out, tensor(t).split_with_sizes(int_array(sizes, count), dim));
  });
}

ctorch_status ctorch_tensor_chunk(const ctorch_tensor *t, int64_t chunks, int64_t dim,
                                  ctorch_tensor_list **out, char **error) {
  return guarded(error, [&] { emit_list(out, tensor(t).chunk(chunks, dim)); });
}

ctorch_status ctorch_tensor_meshgrid(const ctorch_tensor *const *tensors, size_t count,
                                     bool xy_indexing, ctorch_tensor_list **out,
                                     char **error) {
  return guarded(error, [&] {
    emit_list(out, at::meshgrid(ctorch::tensors(tensors, count), xy_indexing ? "xy" : "ij"));
  });
}

void ctorch_tensor_list_free(ctorch_tensor_list *list) { delete list; }

ctorch_status ctorch_tensor_list_count(const ctorch_tensor_list *list, size_t *out,
                                       char **error) {
  return guarded(error, [&] {
    if (list == nullptr) throw std::invalid_argument("tensor list handle is NULL");
    *out = list->values.size();
  });
}

ctorch_status ctorch_tensor_list_get(const ctorch_tensor_list *list, size_t index,
                                     ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    if (list == nullptr) throw std::invalid_argument("tensor list handle is NULL");
    if (index >= list->values.size()) {
      throw std::out_of_range("index " + std::to_string(index) + " out of range for " +
                              std::to_string(list->values.size()) + " tensors");
    }
    emit(out, list->values[index]);
  });
}

}  // extern "C"
