// Private helpers shared by the shim's translation units: the handle layout, argument
// checks and the exception barrier. Nothing here is visible to Swift. Only this header
// includes libonnx's protobuf classes, and only the shim's three .cpp files include it.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>

#include "connx.h"

struct connx_model {
  onnx::ModelProto proto;
};

namespace connx {

/// Copies `text` into a malloc'd buffer for the caller (freed by connx_string_free).
inline char *copy_string(const std::string &text) {
  char *buffer = static_cast<char *>(std::malloc(text.size() + 1));
  if (buffer == nullptr) {
    throw std::bad_alloc();
  }
  std::memcpy(buffer, text.c_str(), text.size() + 1);
  return buffer;
}

inline void report(char **error, const std::string &message) {
  if (error != nullptr) {
    *error = static_cast<char *>(std::malloc(message.size() + 1));
    if (*error != nullptr) {
      std::memcpy(*error, message.c_str(), message.size() + 1);
    }
  }
}

/// Runs `body`, turning every exception into CONNX_ERROR plus a message. Every exported
/// function goes through this barrier so that no exception unwinds into Swift.
template <typename Body>
connx_status guarded(char **error, Body &&body) noexcept {
  try {
    body();
    return CONNX_OK;
  } catch (const std::exception &e) {
    report(error, e.what());
  } catch (...) {
    report(error, "unknown C++ exception in libonnx");
  }
  return CONNX_ERROR;
}

inline onnx::ModelProto &model(connx_model *handle) {
  if (handle == nullptr) {
    throw std::invalid_argument("model handle is NULL");
  }
  return handle->proto;
}

inline const onnx::ModelProto &model(const connx_model *handle) {
  if (handle == nullptr) {
    throw std::invalid_argument("model handle is NULL");
  }
  return handle->proto;
}

/// A required C string argument; NULL is refused with the argument's role in the message.
inline std::string text(const char *value, const char *role) {
  if (value == nullptr) {
    throw std::invalid_argument(std::string(role) + " is NULL");
  }
  return std::string(value);
}

template <typename Pointer>
inline void require_output(Pointer *out, const char *role) {
  if (out == nullptr) {
    throw std::invalid_argument(std::string("output pointer for ") + role + " is NULL");
  }
}

/// Bytes per element of the element types this shim writes.
size_t element_size(connx_element_type type);

}  // namespace connx
