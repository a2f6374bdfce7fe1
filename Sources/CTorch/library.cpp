// Process-wide settings: random seed, thread count, CUDA availability, gradient mode, and the
// dtype/device conversions shared by the other translation units.
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>

#include "internal/ctorch_internal.h"

namespace ctorch {

at::ScalarType scalar_type(ctorch_dtype dtype) {
  switch (dtype) {
    case CTORCH_FLOAT32: return at::kFloat;
    case CTORCH_FLOAT64: return at::kDouble;
    case CTORCH_FLOAT16: return at::kHalf;
    case CTORCH_INT64: return at::kLong;
    case CTORCH_INT32: return at::kInt;
    case CTORCH_UINT8: return at::kByte;
    case CTORCH_BOOL: return at::kBool;
  }
  throw std::invalid_argument("unknown ctorch_dtype " + std::to_string(int(dtype)));
}

ctorch_dtype dtype_of(at::ScalarType type) {
  switch (type) {
    case at::kFloat: return CTORCH_FLOAT32;
    case at::kDouble: return CTORCH_FLOAT64;
    case at::kHalf: return CTORCH_FLOAT16;
    case at::kLong: return CTORCH_INT64;
    case at::kInt: return CTORCH_INT32;
    case at::kByte: return CTORCH_UINT8;
    case at::kBool: return CTORCH_BOOL;
    default: break;
  }
  throw std::invalid_argument(std::string("dtype ") + c10::toString(type) +
                              " has no ctorch_dtype");
}

at::Device device(ctorch_device_type type, int64_t index) {
  switch (type) {
    case CTORCH_CPU: return at::Device(at::kCPU);
    case CTORCH_CUDA: return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw std::invalid_argument("unknown ctorch_device_type " + std::to_string(int(type)));
}

}  // namespace ctorch

using ctorch::guarded;

extern "C" {

void ctorch_string_free(char *message) { std::free(message); }

ctorch_status ctorch_manual_seed(uint64_t seed, char **error) {
  return guarded(error, [&] { at::manual_seed(seed); });
}

ctorch_status ctorch_set_num_threads(int32_t count, char **error) {
  return guarded(error, [&] {
    if (count < 1) {
      throw std::invalid_argument("thread count must be at least 1, got " +
                                  std::to_string(count));
    }
    at::set_num_threads(count);
  });
}

ctorch_status ctorch_get_num_threads(int32_t *out, char **error) {
  return guarded(error, [&] { *out = at::get_num_threads(); });
}

ctorch_status ctorch_cuda_is_available(bool *out, char **error) {
  return guarded(error, [&] { *out = at::hasCUDA() && at::getNumGPUs() > 0; });
}

ctorch_status ctorch_cuda_device_count(int64_t *out, char **error) {
  return guarded(error, [&] { *out = at::hasCUDA() ? int64_t(at::getNumGPUs()) : 0; });
}

ctorch_status ctorch_set_grad_enabled(bool enabled, char **error) {
  return guarded(error, [&] { c10::GradMode::set_enabled(enabled); });
}

ctorch_status ctorch_is_grad_enabled(bool *out, char **error) {
  return guarded(error, [&] { *out = c10::GradMode::is_enabled(); });
}

}  // extern "C"
