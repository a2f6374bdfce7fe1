// Tensor lifetime, metadata, creation, reading back and conversions.
#include <sstream>

#include "internal/ctorch_internal.h"

using ctorch::emit;
using ctorch::guarded;
using ctorch::tensor;

namespace {

at::TensorOptions options(ctorch_dtype dtype, ctorch_device_type type, int64_t index) {
  return at::TensorOptions()
      .dtype(ctorch::scalar_type(dtype))
      .device(ctorch::device(type, index));
}

}  // namespace

extern "C" {

void ctorch_tensor_free(ctorch_tensor *handle) { delete handle; }

ctorch_status ctorch_tensor_dim(const ctorch_tensor *t, int64_t *out, char **error) {
  return guarded(error, [&] { *out = tensor(t).dim(); });
}

ctorch_status ctorch_tensor_sizes(const ctorch_tensor *t, int64_t *out, size_t capacity,
                                  char **error) {
  return guarded(error, [&] {
    auto sizes = tensor(t).sizes();
    if (sizes.size() > capacity) {
      throw std::invalid_argument("size buffer holds " + std::to_string(capacity) +
                                  " entries, tensor has " + std::to_string(sizes.size()) +
                                  " dimensions");
    }
    std::copy(sizes.begin(), sizes.end(), out);
  });
}

ctorch_status ctorch_tensor_dtype(const ctorch_tensor *t, ctorch_dtype *out, char **error) {
  return guarded(error, [&] { *out = ctorch::dtype_of(tensor(t).scalar_type()); });
}

ctorch_status ctorch_tensor_device(const ctorch_tensor *t, ctorch_device_type *type,
                                   int64_t *index, char **error) {
  return guarded(error, [&] {
    auto device = tensor(t).device();
    if (device.is_cpu()) {
      *type = CTORCH_CPU;
    } else if (device.is_cuda()) {
      *type = CTORCH_CUDA;
    } else {
      throw std::invalid_argument("unsupported device " + device.str());
    }
    *index = device.has_index() ? device.index() : 0;
  });
}

ctorch_status ctorch_tensor_numel(const ctorch_tensor *t, int64_t *out, char **error) {
  return guarded(error, [&] { *out = tensor(t).numel(); });
}

ctorch_status ctorch_tensor_is_contiguous(const ctorch_tensor *t, bool *out, char **error) {
  return guarded(error, [&] { *out = tensor(t).is_contiguous(); });
}

ctorch_status ctorch_tensor_from_data(const void *data, size_t byte_count,
                                      const int64_t *shape, size_t dim, ctorch_dtype dtype,
                                      ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    auto result = at::empty(ctorch::int_array(shape, dim),
                            at::TensorOptions().dtype(ctorch::scalar_type(dtype)));
    size_t expected = result.nbytes();
    if (byte_count != expected) {
      throw std::invalid_argument("shape " + c10::str(result.sizes()) + " of " +
                                  c10::toString(result.scalar_type()) + " needs " +
                                  std::to_string(expected) + " bytes, got " +
                                  std::to_string(byte_count));
    }
    if (expected > 0) {
      std::memcpy(result.data_ptr(), data, expected);
    }
    emit(out, std::move(result));
  });
}

ctorch_status ctorch_tensor_filled(const int64_t *shape, size_t dim, int32_t fill,
                                   ctorch_dtype dtype, ctorch_device_type device,
                                   int64_t device_index, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    auto sizes = ctorch::int_array(shape, dim);
    auto opts = options(dtype, device, device_index);
    switch (fill) {
      case 0: emit(out, at::zeros(sizes, opts)); return;
      case 1: emit(out, at::ones(sizes, opts)); return;
      case 2: emit(out, at::rand(sizes, opts)); return;
      case 3: emit(out, at::randn(sizes, opts)); return;
      case 4: emit(out, at::empty(sizes, opts)); return;
      default: throw std::invalid_argument("unknown fill kind " + std::to_string(fill));
    }
  });
}

ctorch_status ctorch_tensor_full(const int64_t *shape, size_t dim, ctorch_scalar value,
                                 ctorch_dtype dtype, ctorch_device_type device,
                                 int64_t device_index, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, at::full(ctorch::int_array(shape, dim), ctorch::scalar(value),
                       options(dtype, device, device_index)));
  });
}

ctorch_status ctorch_tensor_arange(ctorch_scalar start, ctorch_scalar end, ctorch_scalar step,
                                   ctorch_dtype dtype, ctorch_device_type device,
                                   int64_t device_index, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, at::arange(ctorch::scalar(start), ctorch::scalar(end), ctorch::scalar(step),
                         options(dtype, device, device_index)));
  });
}

ctorch_status ctorch_tensor_linspace(double start, double end, int64_t steps,
                                     ctorch_dtype dtype, ctorch_device_type device,
                                     int64_t device_index, ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, at::linspace(start, end, steps, options(dtype, device, device_index)));
  });
}

ctorch_status ctorch_tensor_copy_to(const ctorch_tensor *t, void *data, size_t byte_count,
                                    char **error) {
  return guarded(error, [&] {
    auto source = tensor(t).detach().to(at::kCPU).contiguous();
    if (byte_count != source.nbytes()) {
      throw std::invalid_argument("tensor holds " + std::to_string(source.nbytes()) +
                                  " bytes, destination has " + std::to_string(byte_count));
    }
    if (byte_count > 0) {
      std::memcpy(data, source.data_ptr(), byte_count);
    }
  });
}

ctorch_status ctorch_tensor_item(const ctorch_tensor *t, double *real, int64_t *integer,
                                 char **error) {
  return guarded(error, [&] {
    auto value = tensor(t).item();
    if (value.isIntegral(/*includeBool=*/true)) {
      *integer = value.toLong();
      *real = static_cast<double>(*integer);
    } else {
      *real = value.toDouble();
      *integer = static_cast<int64_t>(*real);
    }
  });
}

ctorch_status ctorch_tensor_to(const ctorch_tensor *t, ctorch_dtype dtype,
                               ctorch_device_type device, int64_t device_index,
                               ctorch_tensor **out, char **error) {
  return guarded(error, [&] {
    emit(out, tensor(t).to(ctorch::device(device, device_index), ctorch::scalar_type(dtype)));
  });
}

ctorch_status ctorch_tensor_contiguous(const ctorch_tensor *t, ctorch_tensor **out,
                                       char **error) {
  return guarded(error, [&] { emit(out, tensor(t).contiguous()); });
}

ctorch_status ctorch_tensor_clone(const ctorch_tensor *t, ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).clone()); });
}

ctorch_status ctorch_tensor_detach(const ctorch_tensor *t, ctorch_tensor **out, char **error) {
  return guarded(error, [&] { emit(out, tensor(t).detach()); });
}

ctorch_status ctorch_tensor_shallow_copy(const ctorch_tensor *t, ctorch_tensor **out,
                                         char **error) {
  return guarded(error, [&] { emit(out, tensor(t)); });
}

ctorch_status ctorch_tensor_copy_(ctorch_tensor *t, const ctorch_tensor *source,
                                  char **error) {
  return guarded(error, [&] { ctorch::mutable_tensor(t).copy_(tensor(source, "source")); });
}

ctorch_status ctorch_tensor_describe(const ctorch_tensor *t, char **out, char **error) {
  return guarded(error, [&] {
    std::ostringstream stream;
    stream << tensor(t);
    *out = ctorch::copy_message(stream.str());
  });
}

}  // extern "C"
