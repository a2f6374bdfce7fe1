/*
 * Plain C interface to libtorch's tensor library, for the Swift module Torch.
 *
 * Conventions:
 * - Handles are opaque. Each handle kind has exactly one free function, which accepts NULL.
 * - Every function that can fail returns ctorch_status, writes its results to out-parameters
 *   and takes `char **error` last. On failure *error receives a malloc'd, NUL-terminated
 *   message (free it with ctorch_string_free) and the out-parameters are left untouched.
 * - No C++ exception ever leaves this library.
 * - Tensors returned through out-parameters are new handles owned by the caller. In-place
 *   functions end in an underscore and modify the tensor behind the handle they are given.
 */
#ifndef CTORCH_H
#define CTORCH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctorch_tensor ctorch_tensor;
/** An ordered list of tensors, produced by split, chunk and meshgrid. */
typedef struct ctorch_tensor_list ctorch_tensor_list;

typedef enum ctorch_status { CTORCH_OK = 0, CTORCH_ERROR = 1 } ctorch_status;

/** Element types. The numbering is this header's own, not libtorch's. */
typedef enum ctorch_dtype {
  CTORCH_FLOAT32 = 0,
  CTORCH_FLOAT64 = 1,
  CTORCH_FLOAT16 = 2,
  CTORCH_INT64 = 3,
  CTORCH_INT32 = 4,
  CTORCH_UINT8 = 5,
  CTORCH_BOOL = 6,
} ctorch_dtype;

typedef enum ctorch_device_type { CTORCH_CPU = 0, CTORCH_CUDA = 1 } ctorch_device_type;

/** A number passed to an operation: an integer (exact up to 64 bits) or a real. */
typedef struct ctorch_scalar {
  bool is_integer;
  int64_t integer;
  double real;
} ctorch_scalar;

/* ---- Library ---------------------------------------------------------------------------- */

/** Version string of the linked libtorch, e.g. "1.13.1". Never NULL. */
const char *ctorch_version(void);
/** Frees a message returned through `char **error`. Accepts NULL. */
void ctorch_string_free(char *message);
ctorch_status ctorch_manual_seed(uint64_t seed, char **error);
ctorch_status ctorch_set_num_threads(int32_t count, char **error);
ctorch_status ctorch_get_num_threads(int32_t *out, char **error);
/** Whether the linked libtorch has CUDA support and sees at least one device. */
ctorch_status ctorch_cuda_is_available(bool *out, char **error);
ctorch_status ctorch_cuda_device_count(int64_t *out, char **error);
/** Gradient recording for the calling thread (libtorch keeps this flag per thread). */
ctorch_status ctorch_set_grad_enabled(bool enabled, char **error);
ctorch_status ctorch_is_grad_enabled(bool *out, char **error);

/* ---- Lifetime and metadata (tensor_core.cpp) -------------------------------------------- */

void ctorch_tensor_free(ctorch_tensor *tensor);
/** Number of dimensions. */
ctorch_status ctorch_tensor_dim(const ctorch_tensor *t, int64_t *out, char **error);
/** Writes the sizes into `out`, which must hold `capacity` >= dim entries. */
ctorch_status ctorch_tensor_sizes(const ctorch_tensor *t, int64_t *out, size_t capacity,
                                  char **error);
ctorch_status ctorch_tensor_dtype(const ctorch_tensor *t, ctorch_dtype *out, char **error);
ctorch_status ctorch_tensor_device(const ctorch_tensor *t, ctorch_device_type *type,
                                   int64_t *index, char **error);
ctorch_status ctorch_tensor_numel(const ctorch_tensor *t, int64_t *out, char **error);
ctorch_status ctorch_tensor_is_contiguous(const ctorch_tensor *t, bool *out, char **error);

/* ---- Creation (tensor_core.cpp) --------------------------------------------------------- */

/** Copies `byte_count` bytes of native-endian elements into a new contiguous CPU tensor. */
ctorch_status ctorch_tensor_from_data(const void *data, size_t byte_count,
                                      const int64_t *shape, size_t dim, ctorch_dtype dtype,
                                      ctorch_tensor **out, char **error);
/** fill: 0 zeros, 1 ones, 2 uniform [0, 1), 3 standard normal, 4 uninitialised. */
ctorch_status ctorch_tensor_filled(const int64_t *shape, size_t dim, int32_t fill,
                                   ctorch_dtype dtype, ctorch_device_type device,
                                   int64_t device_index, ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_full(const int64_t *shape, size_t dim, ctorch_scalar value,
                                 ctorch_dtype dtype, ctorch_device_type device,
                                 int64_t device_index, ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_arange(ctorch_scalar start, ctorch_scalar end, ctorch_scalar step,
                                   ctorch_dtype dtype, ctorch_device_type device,
                                   int64_t device_index, ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_linspace(double start, double end, int64_t steps,
                                     ctorch_dtype dtype, ctorch_device_type device,
                                     int64_t device_index, ctorch_tensor **out, char **error);

/* ---- Reading back and conversion (tensor_core.cpp) -------------------------------------- */

/** Copies the elements, in row-major order, to `data`; `byte_count` must match exactly. */
ctorch_status ctorch_tensor_copy_to(const ctorch_tensor *t, void *data, size_t byte_count,
                                    char **error);
/** The single element of a one-element tensor, as a double and as an int64. */
ctorch_status ctorch_tensor_item(const ctorch_tensor *t, double *real, int64_t *integer,
                                 char **error);
ctorch_status ctorch_tensor_to(const ctorch_tensor *t, ctorch_dtype dtype,
                               ctorch_device_type device, int64_t device_index,
                               ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_contiguous(const ctorch_tensor *t, ctorch_tensor **out,
                                       char **error);
ctorch_status ctorch_tensor_clone(const ctorch_tensor *t, ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_detach(const ctorch_tensor *t, ctorch_tensor **out, char **error);
/** A second handle to the same tensor (shares storage and autograd identity). */
ctorch_status ctorch_tensor_shallow_copy(const ctorch_tensor *t, ctorch_tensor **out,
                                         char **error);
/** Copies `source` into `t` (broadcasting, converting dtype and device). */
ctorch_status ctorch_tensor_copy_(ctorch_tensor *t, const ctorch_tensor *source, char **error);
/** Human-readable dump of the tensor, malloc'd; free with ctorch_string_free. */
ctorch_status ctorch_tensor_describe(const ctorch_tensor *t, char **out, char **error);

/* ---- Elementwise math (math.cpp) -------------------------------------------------------- */

typedef enum ctorch_unary_op {
  CTORCH_NEG = 0,
  CTORCH_ABS,
  CTORCH_SQRT,
  CTORCH_RSQRT,
  CTORCH_EXP,
  CTORCH_LOG,
  CTORCH_SIGMOID,
  CTORCH_SILU,
  CTORCH_RELU,
  CTORCH_TANH,
  CTORCH_FLOOR,
  CTORCH_CEIL,
  CTORCH_ROUND,
  CTORCH_ATAN,
  CTORCH_SIN,
  CTORCH_COS,
  CTORCH_RECIPROCAL,
  CTORCH_LOGICAL_NOT,
  CTORCH_SIGN,
  CTORCH_ISNAN,
  CTORCH_ISFINITE,
  CTORCH_ZERO, /* in-place only: fills with zeros */
} ctorch_unary_op;

typedef enum ctorch_binary_op {
  CTORCH_ADD = 0,
  CTORCH_SUB,
  CTORCH_MUL,
  CTORCH_DIV,
  CTORCH_POW,
  CTORCH_MAXIMUM,
  CTORCH_MINIMUM,
  CTORCH_ATAN2,
  CTORCH_REMAINDER,
  CTORCH_FLOOR_DIVIDE,
  CTORCH_EQ,
  CTORCH_NE,
  CTORCH_LT,
  CTORCH_LE,
  CTORCH_GT,
  CTORCH_GE,
  CTORCH_LOGICAL_AND,
  CTORCH_LOGICAL_OR,
} ctorch_binary_op;

ctorch_status ctorch_tensor_unary(const ctorch_tensor *t, ctorch_unary_op op,
                                  ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_unary_(ctorch_tensor *t, ctorch_unary_op op, char **error);
ctorch_status ctorch_tensor_binary(const ctorch_tensor *a, const ctorch_tensor *b,
                                   ctorch_binary_op op, ctorch_tensor **out, char **error);
/** `scalar_first` computes `s op t` instead of `t op s` (for 1 - x, 2 / x, 2 ** x). */
ctorch_status ctorch_tensor_binary_scalar(const ctorch_tensor *t, ctorch_scalar s,
                                          bool scalar_first, ctorch_binary_op op,
                                          ctorch_tensor **out, char **error);
/** In-place `t op= b` for the arithmetic ops (ADD to FLOOR_DIVIDE, not comparisons). */
ctorch_status ctorch_tensor_binary_(ctorch_tensor *t, const ctorch_tensor *b,
                                    ctorch_binary_op op, char **error);
ctorch_status ctorch_tensor_binary_scalar_(ctorch_tensor *t, ctorch_scalar s,
                                           ctorch_binary_op op, char **error);
/** t += alpha * other. */
ctorch_status ctorch_tensor_add_scaled_(ctorch_tensor *t, const ctorch_tensor *other,
                                        ctorch_scalar alpha, char **error);
/** Fills with `value` where `mask` is true (in place). */
ctorch_status ctorch_tensor_masked_fill_(ctorch_tensor *t, const ctorch_tensor *mask,
                                         ctorch_scalar value, char **error);
ctorch_status ctorch_tensor_fill_(ctorch_tensor *t, ctorch_scalar value, char **error);
/** Clamp to [min, max]; a bound is ignored when its has_ flag is false. */
ctorch_status ctorch_tensor_clamp(const ctorch_tensor *t, bool has_min, double min,
                                  bool has_max, double max, ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_clamp_(ctorch_tensor *t, bool has_min, double min, bool has_max,
                                   double max, char **error);
/** condition ? a : b, broadcasting. */
ctorch_status ctorch_tensor_where(const ctorch_tensor *condition, const ctorch_tensor *a,
                                  const ctorch_tensor *b, ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_matmul(const ctorch_tensor *a, const ctorch_tensor *b,
                                   ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_allclose(const ctorch_tensor *a, const ctorch_tensor *b,
                                     double rtol, double atol, bool *out, char **error);

/* ---- Reductions and ordering (reduce.cpp) ----------------------------------------------- */

typedef enum ctorch_reduce_op {
  CTORCH_SUM = 0,
  CTORCH_MEAN,
  CTORCH_AMAX,
  CTORCH_AMIN,
  CTORCH_PROD,
  CTORCH_ANY,
  CTORCH_ALL,
  CTORCH_ARGMAX,
  CTORCH_ARGMIN,
  CTORCH_NORM, /* L2 norm */
} ctorch_reduce_op;

/** Reduces over all elements to a 0-dimensional tensor. */
ctorch_status ctorch_tensor_reduce(const ctorch_tensor *t, ctorch_reduce_op op,
                                   ctorch_tensor **out, char **error);
/** Reduces over `dims` (ARGMAX, ARGMIN, ANY, ALL, PROD take exactly one dim). */
ctorch_status ctorch_tensor_reduce_dims(const ctorch_tensor *t, ctorch_reduce_op op,
                                        const int64_t *dims, size_t dim_count, bool keepdim,
                                        ctorch_tensor **out, char **error);
/** Max (or min when `largest` is false) along `dim`, with the indices. */
ctorch_status ctorch_tensor_extreme_dim(const ctorch_tensor *t, int64_t dim, bool keepdim,
                                        bool largest, ctorch_tensor **values,
                                        ctorch_tensor **indices, char **error);
ctorch_status ctorch_tensor_sort(const ctorch_tensor *t, int64_t dim, bool descending,
                                 ctorch_tensor **values, ctorch_tensor **indices,
                                 char **error);
ctorch_status ctorch_tensor_topk(const ctorch_tensor *t, int64_t k, int64_t dim, bool largest,
                                 ctorch_tensor **values, ctorch_tensor **indices,
                                 char **error);
ctorch_status ctorch_tensor_cumsum(const ctorch_tensor *t, int64_t dim, ctorch_tensor **out,
                                   char **error);
/** Indices of non-zero elements, [count, dim] int64. */
ctorch_status ctorch_tensor_nonzero(const ctorch_tensor *t, ctorch_tensor **out,
                                    char **error);

/* ---- Shapes, views and indexing (shape.cpp) --------------------------------------------- */

ctorch_status ctorch_tensor_reshape(const ctorch_tensor *t, const int64_t *shape, size_t dim,
                                    ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_view(const ctorch_tensor *t, const int64_t *shape, size_t dim,
                                 ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_expand(const ctorch_tensor *t, const int64_t *shape, size_t dim,
                                   ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_permute(const ctorch_tensor *t, const int64_t *order, size_t dim,
                                    ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_transpose(const ctorch_tensor *t, int64_t dim0, int64_t dim1,
                                      ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_unsqueeze(const ctorch_tensor *t, int64_t dim, ctorch_tensor **out,
                                      char **error);
/** Removes `dim` if it has size 1; with `all_dims`, removes every size-1 dimension. */
ctorch_status ctorch_tensor_squeeze(const ctorch_tensor *t, bool all_dims, int64_t dim,
                                    ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_flatten(const ctorch_tensor *t, int64_t start_dim, int64_t end_dim,
                                    ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_select(const ctorch_tensor *t, int64_t dim, int64_t index,
                                   ctorch_tensor **out, char **error);
/** View of [start, end) with `step` along `dim`; negative start/end count from the end. */
ctorch_status ctorch_tensor_slice(const ctorch_tensor *t, int64_t dim, int64_t start,
                                  int64_t end, int64_t step, ctorch_tensor **out,
                                  char **error);
ctorch_status ctorch_tensor_index_select(const ctorch_tensor *t, int64_t dim,
                                         const ctorch_tensor *index, ctorch_tensor **out,
                                         char **error);
/** Advanced indexing t[i0, i1, ...] with integer or boolean index tensors. */
ctorch_status ctorch_tensor_index(const ctorch_tensor *t, const ctorch_tensor *const *indices,
                                  size_t count, ctorch_tensor **out, char **error);
/** t[i0, i1, ...] = values (or += with `accumulate`), in place. */
ctorch_status ctorch_tensor_index_put_(ctorch_tensor *t, const ctorch_tensor *const *indices,
                                       size_t count, const ctorch_tensor *values,
                                       bool accumulate, char **error);
ctorch_status ctorch_tensor_masked_select(const ctorch_tensor *t, const ctorch_tensor *mask,
                                          ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_gather(const ctorch_tensor *t, int64_t dim,
                                   const ctorch_tensor *index, ctorch_tensor **out,
                                   char **error);
ctorch_status ctorch_tensor_cat(const ctorch_tensor *const *tensors, size_t count, int64_t dim,
                                ctorch_tensor **out, char **error);
ctorch_status ctorch_tensor_stack(const ctorch_tensor *const *tensors, size_t count,
                                  int64_t dim, ctorch_tensor **out, char **error);
/** Pieces of `size` along `dim` (the last may be smaller). */
ctorch_status ctorch_tensor_split(const ctorch_tensor *t, int64_t size, int64_t dim,
                                  ctorch_tensor_list **out, char **error);
/** Pieces with the given sizes along `dim`. */
ctorch_status ctorch_tensor_split_sizes(const ctorch_tensor *t, const int64_t *sizes,
                                        size_t count, int64_t dim, ctorch_tensor_list **out,
                                        char **error);
ctorch_status ctorch_tensor_chunk(const ctorch_tensor *t, int64_t chunks, int64_t dim,
                                  ctorch_tensor_list **out, char **error);
/** Coordinate grids; `xy_indexing` selects "xy" instead of "ij". */
ctorch_status ctorch_tensor_meshgrid(const ctorch_tensor *const *tensors, size_t count,
                                     bool xy_indexing, ctorch_tensor_list **out, char **error);

void ctorch_tensor_list_free(ctorch_tensor_list *list);
ctorch_status ctorch_tensor_list_count(const ctorch_tensor_list *list, size_t *out,
                                       char **error);
/** A new handle to element `index` of the list. */
ctorch_status ctorch_tensor_list_get(const ctorch_tensor_list *list, size_t index,
                                     ctorch_tensor **out, char **error);

/* ---- Neural-network operations (nn.cpp) ------------------------------------------------- */

/** input [N, C, H, W], weight [O, C/groups, kH, kW], bias [O] or NULL. */
ctorch_status ctorch_conv2d(const ctorch_tensor *input, const ctorch_tensor *weight,
                            const ctorch_tensor *bias, const int64_t stride[2],
                            const int64_t padding[2], const int64_t dilation[2],
                            int64_t groups, ctorch_tensor **out, char **error);
/** Any of weight, bias, running_mean, running_var may be NULL. In training mode the running
 *  statistics (when given) are updated in place with `momentum`. */
ctorch_status ctorch_batch_norm(const ctorch_tensor *input, const ctorch_tensor *weight,
                                const ctorch_tensor *bias, ctorch_tensor *running_mean,
                                ctorch_tensor *running_var, bool training, double momentum,
                                double eps, ctorch_tensor **out, char **error);
ctorch_status ctorch_max_pool2d(const ctorch_tensor *input, const int64_t kernel[2],
                                const int64_t stride[2], const int64_t padding[2],
                                const int64_t dilation[2], bool ceil_mode, ctorch_tensor **out,
                                char **error);
/** Nearest-neighbour upsampling of [N, C, H, W] by per-axis scale factors. */
ctorch_status ctorch_upsample_nearest2d(const ctorch_tensor *input, double scale_h,
                                        double scale_w, ctorch_tensor **out, char **error);
/** reduction: 0 none, 1 mean, 2 sum. weight and pos_weight may be NULL. */
ctorch_status ctorch_bce_with_logits(const ctorch_tensor *input, const ctorch_tensor *target,
                                     const ctorch_tensor *weight,
                                     const ctorch_tensor *pos_weight, int32_t reduction,
                                     ctorch_tensor **out, char **error);
ctorch_status ctorch_softmax(const ctorch_tensor *input, int64_t dim, ctorch_tensor **out,
                             char **error);

/* ---- Autograd (autograd.cpp) ------------------------------------------------------------ */

ctorch_status ctorch_tensor_requires_grad(const ctorch_tensor *t, bool *out, char **error);
ctorch_status ctorch_tensor_set_requires_grad(ctorch_tensor *t, bool requires_grad,
                                              char **error);
/** Backpropagates from a one-element tensor (or with `gradient` of the same shape). */
ctorch_status ctorch_tensor_backward(const ctorch_tensor *t, const ctorch_tensor *gradient,
                                     bool retain_graph, char **error);
/** The accumulated gradient; *out is NULL when none has been computed. */
ctorch_status ctorch_tensor_grad(const ctorch_tensor *t, ctorch_tensor **out, char **error);
/** Zeroes the gradient in place, or drops it when `set_to_none`. */
ctorch_status ctorch_tensor_zero_grad(ctorch_tensor *t, bool set_to_none, char **error);

#ifdef __cplusplus
}
#endif
#endif
