// Images: reading, decoding, writing, raw pixels, crops, pastes and tensor conversion.
#include "shim.hpp"

#include <opencv2/dnn/dnn.hpp>
#include <opencv2/imgcodecs.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using cvision::Failure;

// imread answers every problem with an empty Mat; check the path first so the message
// says whether the file is missing, unreadable or just not an image.
void check_readable_file(const std::string &path) {
    std::error_code code;
    auto status = std::filesystem::status(path, code);
    if (!std::filesystem::exists(status)) throw Failure("no such file");
    if (std::filesystem::is_directory(status)) throw Failure("is a directory, not an image");
    std::FILE *file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) throw Failure(std::string("cannot open: ") + std::strerror(errno));
    std::fclose(file);
}

std::string lowercase_extension(const std::string &path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char character) { return std::tolower(character); });
    return extension;
}

void write_all(const std::string &path, const std::vector<uchar> &bytes) {
    std::FILE *file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) throw Failure(std::string("cannot create: ") + std::strerror(errno));
    size_t written = std::fwrite(bytes.data(), 1, bytes.size(), file);
    bool closed = std::fclose(file) == 0;
    if (written != bytes.size() || !closed) {
        std::remove(path.c_str());
        throw Failure(std::string("cannot write: ") + std::strerror(errno));
    }
}

// Rejects rectangles that stick out of an image, naming both.
void check_inside(const cv::Mat &mat, const cv::Rect &rect, const char *what) {
    if (rect.width <= 0 || rect.height <= 0 || rect.x < 0 || rect.y < 0
        || rect.x + rect.width > mat.cols || rect.y + rect.height > mat.rows) {
        throw Failure(std::string(what) + " rectangle x " + std::to_string(rect.x) + " y "
                      + std::to_string(rect.y) + " w " + std::to_string(rect.width) + " h "
                      + std::to_string(rect.height) + " is not inside the "
                      + std::to_string(mat.cols) + "x" + std::to_string(mat.rows) + " image");
    }
}

int mat_type(int32_t channels) {
    switch (channels) {
    case 1: return CV_8UC1;
    case 3: return CV_8UC3;
    case 4: return CV_8UC4;
    default: throw Failure("channels must be 1, 3 or 4, got " + std::to_string(channels));
    }
}

}  // namespace

extern "C" void cvision_image_free(cvision_image *image) { delete image; }

extern "C" cvision_status cvision_image_read(const char *path, cvision_image **out,
                                             char **error) {
    std::string context = path == nullptr ? std::string() : std::string(path);
    return cvision::guarded(error, context, [&] {
        cvision::require(path, "path");
        check_readable_file(path);
        cv::Mat mat = cv::imread(path, cv::IMREAD_COLOR);
        if (mat.empty()) throw Failure("cannot decode (not an image or corrupt)");
        cvision::emit(std::move(mat), out);
    });
}

extern "C" cvision_status cvision_image_decode(const uint8_t *bytes, size_t count,
                                               cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(bytes, "bytes");
        if (count == 0) throw Failure("no bytes to decode");
        cv::Mat encoded(1, static_cast<int>(count), CV_8UC1, const_cast<uint8_t *>(bytes));
        cv::Mat mat = cv::imdecode(encoded, cv::IMREAD_COLOR);
        if (mat.empty()) {
            throw Failure("cannot decode " + std::to_string(count)
                          + " bytes (not an image or corrupt)");
        }
        cvision::emit(std::move(mat), out);
    });
}

extern "C" cvision_status cvision_image_write(const cvision_image *image, const char *path,
                                              int32_t jpeg_quality, char **error) {
    std::string context = path == nullptr ? std::string() : std::string(path);
    return cvision::guarded(error, context, [&] {
        cvision::require(image, "image");
        cvision::require(path, "path");
        std::string extension = lowercase_extension(path);
        if (extension.empty()) throw Failure("no file extension to choose the image format");
        if (!cv::haveImageWriter(path)) throw Failure("no encoder for '" + extension + "'");
        if (jpeg_quality < 0 || jpeg_quality > 100) {
            throw Failure("JPEG quality must be 0..100, got " + std::to_string(jpeg_quality));
        }
        std::vector<int> parameters;
        if (extension == ".jpg" || extension == ".jpeg") {
            parameters = {cv::IMWRITE_JPEG_QUALITY, jpeg_quality};
        }
        std::vector<uchar> bytes;
        if (!cv::imencode(extension, image->mat, bytes, parameters)) {
            throw Failure("cannot encode the image as " + extension);
        }
        // Write beside the target, then rename: readers see the old file or the whole new
        // one, never a partial write (rename is atomic within one file system).
        std::string partial = std::string(path) + ".partial-" + std::to_string(getpid());
        write_all(partial, bytes);
        if (std::rename(partial.c_str(), path) != 0) {
            int code = errno;
            std::remove(partial.c_str());
            throw Failure(std::string("cannot rename into place: ") + std::strerror(code));
        }
    });
}

extern "C" cvision_status cvision_image_create(int32_t width, int32_t height, int32_t channels,
                                               const uint8_t *pixels, const double fill[4],
                                               cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        if (width <= 0 || height <= 0) {
            throw Failure("image size must be positive, got " + std::to_string(width) + "x"
                          + std::to_string(height));
        }
        int type = mat_type(channels);
        cv::Mat mat;
        if (pixels == nullptr) {
            mat = cv::Mat(height, width, type, cvision::scalar(fill));
        } else {
            // Wrap the caller's bytes without copying, then copy once into owned storage.
            cv::Mat borrowed(height, width, type, const_cast<uint8_t *>(pixels));
            mat = borrowed.clone();
        }
        cvision::emit(std::move(mat), out);
    });
}

extern "C" cvision_status cvision_image_clone(const cvision_image *image, cvision_image **out,
                                              char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        cvision::emit(image->mat.clone(), out);
    });
}

extern "C" void cvision_image_size(const cvision_image *image, int32_t *width, int32_t *height,
                                   int32_t *channels) {
    if (image == nullptr) return;
    if (width != nullptr) *width = image->mat.cols;
    if (height != nullptr) *height = image->mat.rows;
    if (channels != nullptr) *channels = image->mat.channels();
}

extern "C" cvision_status cvision_image_copy_pixels(const cvision_image *image,
                                                    uint8_t *destination, size_t capacity,
                                                    char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        cvision::require(destination, "destination");
        const cv::Mat &mat = image->mat;
        size_t row_bytes = static_cast<size_t>(mat.cols) * mat.elemSize();
        size_t needed = row_bytes * mat.rows;
        if (capacity < needed) {
            throw Failure("destination holds " + std::to_string(capacity) + " bytes, need "
                          + std::to_string(needed));
        }
        // Row by row: a crop or an ROI view has a stride wider than its rows.
        for (int row = 0; row < mat.rows; ++row) {
            std::memcpy(destination + row * row_bytes, mat.ptr(row), row_bytes);
        }
    });
}

extern "C" cvision_status cvision_image_crop(const cvision_image *image, int32_t x, int32_t y,
                                             int32_t width, int32_t height,
                                             cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        cv::Rect rect(x, y, width, height);
        check_inside(image->mat, rect, "crop");
        cvision::emit(image->mat(rect).clone(), out);
    });
}

extern "C" cvision_status cvision_image_paste(cvision_image *destination,
                                              int32_t destination_x, int32_t destination_y,
                                              const cvision_image *source, int32_t source_x,
                                              int32_t source_y, int32_t width, int32_t height,
                                              char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(destination, "destination");
        cvision::require(source, "source");
        if (destination->mat.type() != source->mat.type()) {
            throw Failure("source has " + std::to_string(source->mat.channels())
                          + " channels, destination "
                          + std::to_string(destination->mat.channels()));
        }
        cv::Rect from(source_x, source_y, width, height);
        cv::Rect to(destination_x, destination_y, width, height);
        check_inside(source->mat, from, "source");
        check_inside(destination->mat, to, "destination");
        cv::Mat target = destination->mat(to);
        source->mat(from).copyTo(target);
    });
}

extern "C" cvision_status cvision_image_to_blob(const cvision_image *image, float scale,
                                                bool swap_red_blue, float *destination,
                                                size_t capacity, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        cvision::require(destination, "destination");
        const cv::Mat &mat = image->mat;
        // blobFromImage drops a fourth channel, so the size would not be C*H*W.
        if (mat.channels() != 1 && mat.channels() != 3) {
            throw Failure("tensor conversion needs 1 or 3 channels, got "
                          + std::to_string(mat.channels()));
        }
        size_t needed = static_cast<size_t>(mat.channels()) * mat.rows * mat.cols;
        if (capacity < needed) {
            throw Failure("destination holds " + std::to_string(capacity) + " floats, need "
                          + std::to_string(needed));
        }
        // blobFromImage: HWC uint8 -> NCHW float32, times scale, optional B<->R swap.
        cv::Mat blob = cv::dnn::blobFromImage(mat, scale, cv::Size(), cv::Scalar(),
                                              swap_red_blue, false, CV_32F);
        std::memcpy(destination, blob.ptr<float>(), needed * sizeof(float));
    });
}
