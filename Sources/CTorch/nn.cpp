// Neural-network layers as functions: convolution, batch norm, pooling, upsampling, losses.
#include "internal/ctorch_internal.h"

using ctorch::emit;
using ctorch::guarded;
using ctorch::tensor;

namespace {

c10::optional<at::Tensor> maybe(const ctorch_tensor *handle) {
  if (handle == nullptr) return c10::nullopt;
  return handle->value;
}

at::IntArrayRef pair(const int64_t values[2], const char *name) {
  if (values == nullptr) throw std::invalid_argument(std::string(name) + " is NULL");
  return at::IntArrayRef(values, 2);
}

}  // namespace

extern "C" {

ctorch_status ctorch_conv2d(const ctorch_tensor *input, const ctorch_tensor *weight,
                            const ctorch_tensor *bias, const int64_t stride[2],
                            const int64_t padding[2], const int64_t dilation[2],
                            int64_t groups, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, at::conv2d(tensor(input, "input"), tensor(weight, "weight"), maybe(bias),
                         pair(stride, "stride"), pair(padding, "padding"),
                         pair(dilation, "dilation"), groups));
  });
}

ctorch_status ctorch_batch_norm(const ctorch_tensor *input, const ctorch_tensor *weight,
                                const ctorch_tensor *bias, ctorch_tensor *running_mean,
                                ctorch_tensor *running_var, bool training, double momentum,
                                double eps, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, at::batch_norm(tensor(input, "input"), maybe(weight), maybe(bias),
                             maybe(running_mean), maybe(running_var), training, momentum, eps,
                             /*cudnn_enabled=*/true));
  });
}

ctorch_status ctorch_max_pool2d(const ctorch_tensor *input, const int64_t kernel[2],
                                const int64_t stride[2], const int64_t padding[2],
                                const int64_t dilation[2], bool ceil_mode, ctorch_tensor **out,
                                char **error) {
  return guarded(error, [&] {
    emit(out, at::max_pool2d(tensor(input, "input"), pair(kernel, "kernel"),
                             pair(stride, "stride"), pair(padding, "padding"),
                             pair(dilation, "dilation"), ceil_mode));
  });
}

ctorch_status ctorch_upsample_nearest2d(const ctorch_tensor *input, double scale_h,
                                        double scale_w, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    const at::Tensor &value = tensor(input, "input");
    if (value.dim() != 4) {
      throw std::invalid_argument("upsample_nearest2d expects [N, C, H, W], got " +
                                  c10::str(value.sizes()));
    }
    // Output size floor(size * scale), as torch.nn.Upsample computes it; the scales are
    // passed on too so that the source pixel for each output pixel matches.
    std::vector<int64_t> size{static_cast<int64_t>(std::floor(value.size(2) * scale_h)),
                              static_cast<int64_t>(std::floor(value.size(3) * scale_w))};
    emit(out, at::upsample_nearest2d(value, size, scale_h, scale_w));
  });
}

ctorch_status ctorch_bce_with_logits(const ctorch_tensor *input, const ctorch_tensor *target,
                                     const ctorch_tensor *weight,
                                     const ctorch_tensor *pos_weight, int32_t reduction,
                                     ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    if (reduction < 0 || reduction > 2) {
      throw std::invalid_argument("reduction must be 0 (none), 1 (mean) or 2 (sum), got " +
                                  std::to_string(reduction));
    }
    emit(out, at::binary_cross_entropy_with_logits(tensor(input, "input"),
                                                   tensor(target, "target"), maybe(weight),
                                                   maybe(pos_weight), reduction));
  });
}

ctorch_status ctorch_softmax(const ctorch_tensor *input, int64_t dim, ctorch_tensor **out,
                             char **error) {
  return guarded(error, [&] { emit(out, at::softmax(tensor(input, "input"), dim)); });
}

}  // extern "C"
