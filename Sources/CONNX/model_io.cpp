// Checking a model with libonnx's checker and strict shape inference, writing it
// atomically (temporary file, check the bytes on disk, rename) and reading a file back.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <memory>
#include <sstream>

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include "internal/connx_internal.h"

namespace {

std::string system_error(const std::string &what, const std::string &path) {
  return what + " " + path + ": " + std::strerror(errno);
}

/// The checker, then shape inference that throws on node-level errors and type mismatches.
/// Inference runs on a copy because it adds value_info entries the file does not need.
void check(const onnx::ModelProto &proto) {
  try {
    onnx::checker::check_model(proto);
  } catch (const std::exception &e) {
    throw std::runtime_error(std::string("ONNX checker: ") + e.what());
  }
  try {
    onnx::ModelProto copy = proto;
    onnx::ShapeInferenceOptions options(/*check_type=*/true, /*strict_mode=*/1,
                                        /*data_prop=*/false);
    onnx::shape_inference::InferShapes(copy, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception &e) {
    throw std::runtime_error(std::string("ONNX shape inference: ") + e.what());
  }
}

std::string read_file(const std::string &path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw std::runtime_error(system_error("cannot open", path));
  }
  std::ostringstream contents;
  contents << stream.rdbuf();
  if (stream.bad()) {
    throw std::runtime_error(system_error("cannot read", path));
  }
  return contents.str();
}

onnx::ModelProto parse(const std::string &bytes, const std::string &path) {
  onnx::ModelProto proto;
  if (!proto.ParseFromString(bytes)) {
    throw std::runtime_error(path + " is not an ONNX model (protobuf parse failed)");
  }
  return proto;
}

/// Writes all of `bytes` to `descriptor` and flushes them to the disk.
void write_all(int descriptor, const std::string &bytes, const std::string &path) {
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t count = ::write(descriptor, bytes.data() + written, bytes.size() - written);
    if (count < 0 && errno == EINTR) {
      continue;
    }
    if (count < 0) {
      throw std::runtime_error(system_error("cannot write", path));
    }
    written += static_cast<size_t>(count);
  }
  if (::fsync(descriptor) != 0) {
    throw std::runtime_error(system_error("cannot flush", path));
  }
}

/// A temporary file next to the destination (same folder, so rename is atomic), removed
/// when the object goes away unless it was renamed into place.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string &destination) {
    size_t slash = destination.find_last_of('/');
    std::string folder = slash == std::string::npos ? "." : destination.substr(0, slash);
    std::string base = slash == std::string::npos ? destination : destination.substr(slash + 1);
    path_ = folder + "/." + base + ".XXXXXX";
    descriptor_ = ::mkstemp(path_.data());
    if (descriptor_ < 0) {
      throw std::runtime_error(system_error("cannot create a file in", folder));
    }
    ::fchmod(descriptor_, 0644);
  }
  ~TemporaryFile() {
    if (descriptor_ >= 0) {
      ::close(descriptor_);
    }
    if (!renamed_) {
      ::unlink(path_.c_str());
    }
  }
  TemporaryFile(const TemporaryFile &) = delete;
  TemporaryFile &operator=(const TemporaryFile &) = delete;

  int descriptor() const { return descriptor_; }
  const std::string &path() const { return path_; }

  void close() {
    if (descriptor_ < 0) {
      return;
    }
    int status = ::close(descriptor_);
    descriptor_ = -1;
    if (status != 0) {
      throw std::runtime_error(system_error("cannot close", path_));
    }
  }

  void rename_to(const std::string &destination) {
    close();
    if (::rename(path_.c_str(), destination.c_str()) != 0) {
      throw std::runtime_error(system_error("cannot move the new model to", destination));
    }
    renamed_ = true;
  }

 private:
  std::string path_;
  int descriptor_ = -1;
  bool renamed_ = false;
};

}  // namespace

extern "C" {

void connx_string_free(char *text) { std::free(text); }

connx_status connx_supported_versions(int64_t *ir_version, int64_t *opset, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(ir_version, "IR version");
    connx::require_output(opset, "opset");
    const auto &ranges = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
    *opset = ranges.at(onnx::ONNX_DOMAIN).second;
    *ir_version = onnx::Version::IR_VERSION;
  });
}

connx_status connx_model_check(const connx_model *model, char **error) {
  return connx::guarded(error, [&] { check(connx::model(model)); });
}

connx_status connx_model_write(const connx_model *model, const char *path,
                               uint64_t *byte_count, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(byte_count, "byte count");
    std::string destination = connx::text(path, "path");
    std::string bytes;
    if (!connx::model(model).SerializeToString(&bytes)) {
      throw std::runtime_error("cannot serialise the model (is it over 2 GB?)");
    }
    TemporaryFile file(destination);
    write_all(file.descriptor(), bytes, file.path());
    file.close();
    check(parse(read_file(file.path()), file.path()));
    file.rename_to(destination);
    *byte_count = bytes.size();
  });
}

connx_status connx_model_read(const char *path, connx_model **out, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(out, "model");
    std::string source = connx::text(path, "path");
    auto model = std::make_unique<connx_model>();
    model->proto = parse(read_file(source), source);
    *out = model.release();
  });
}

}  // extern "C"
