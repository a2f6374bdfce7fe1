// Private helpers shared by the shim's translation units: handle layouts, conversions and
// the exception barrier. Nothing here is visible to Swift.
#pragma once

#include <ATen/ATen.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "ctorch.h"

struct ctorch_tensor {
  at::Tensor value;
};

struct ctorch_tensor_list {
  std::vector<at::Tensor> values;
};

namespace ctorch {

/// Copies `message` into a malloc'd buffer for the caller (freed by ctorch_string_free).
inline char *copy_message(const std::string &message) {
  char *buffer = static_cast<char *>(std::malloc(message.size() + 1));
  if (buffer != nullptr) {
    std::memcpy(buffer, message.c_str(), message.size() + 1);
  }
  return buffer;
}

inline void report(char **error, const std::string &message) {
  if (error != nullptr) {
    *error = copy_message(message);
  }
}

/// Runs `body`, turning every exception into CTORCH_ERROR plus a message. Every exported
/// function goes through this barrier so that no exception unwinds into Swift.
template <typename Body>
ctorch_status guarded(char **error, Body &&body) noexcept {
  try {
    body();
    return CTORCH_OK;
  } catch (const c10::Error &e) {
    report(error, e.what_without_backtrace());
  } catch (const std::exception &e) {
    report(error, e.what());
  } catch (...) {
    report(error, "unknown C++ exception in libtorch");
  }
  return CTORCH_ERROR;
}

/// Reads a handle, rejecting NULL with a message instead of crashing.
inline const at::Tensor &tensor(const ctorch_tensor *handle, const char *role = "tensor") {
  if (handle == nullptr) {
    throw std::invalid_argument(std::string(role) + " handle is NULL");
  }
  return handle->value;
}

inline at::Tensor &mutable_tensor(ctorch_tensor *handle, const char *role = "tensor") {
  if (handle == nullptr) {
    throw std::invalid_argument(std::string(role) + " handle is NULL");
  }
  return handle->value;
}

/// An optional input: an undefined tensor stands for NULL, as libtorch expects.
inline at::Tensor optional_tensor(const ctorch_tensor *handle) {
  return handle == nullptr ? at::Tensor() : handle->value;
}

/// Wraps a result in a new handle and stores it in `out`.
inline void emit(ctorch_tensor **out, at::Tensor value) {
  if (out == nullptr) {
    throw std::invalid_argument("output pointer is NULL");
  }
  *out = new ctorch_tensor{std::move(value)};
}

inline void emit_list(ctorch_tensor_list **out, std::vector<at::Tensor> values) {
  if (out == nullptr) {
    throw std::invalid_argument("output pointer is NULL");
  }
  *out = new ctorch_tensor_list{std::move(values)};
}

inline std::vector<at::Tensor> tensors(const ctorch_tensor *const *handles, size_t count) {
  std::vector<at::Tensor> values;
  values.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    values.push_back(tensor(handles[i]));
  }
  return values;
}

inline at::IntArrayRef int_array(const int64_t *values, size_t count) {
  if (values == nullptr && count > 0) {
    throw std::invalid_argument("integer array is NULL");
  }
  return at::IntArrayRef(values, count);
}

inline at::Scalar scalar(ctorch_scalar value) {
  return value.is_integer ? at::Scalar(value.integer) : at::Scalar(value.real);
}

at::ScalarType scalar_type(ctorch_dtype dtype);
ctorch_dtype dtype_of(at::ScalarType type);
at::Device device(ctorch_device_type type, int64_t index);

}  // namespace ctorch
