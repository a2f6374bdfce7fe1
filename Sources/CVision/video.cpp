// Video: frames in from a file or camera, frames out to a file.
#include "shim.hpp"

#include <opencv2/videoio.hpp>

#include <filesystem>
#include <memory>
#include <string>

struct cvision_video_reader {
    cv::VideoCapture capture;
    std::string source;  // the path or "camera N", for messages
};

struct cvision_video_writer {
    cv::VideoWriter writer;
    std::string path;
    cv::Size size;
};

namespace {

using cvision::Failure;

void open_reader(cvision_video_reader &reader) {
    if (!reader.capture.isOpened()) {
        throw Failure("cannot open (no decoder for it, or not a video)");
    }
}

}  // namespace

extern "C" void cvision_video_reader_free(cvision_video_reader *reader) { delete reader; }

extern "C" cvision_status cvision_video_reader_open_file(const char *path,
                                                         cvision_video_reader **out,
                                                         char **error) {
    std::string context = path == nullptr ? std::string() : std::string(path);
    return cvision::guarded(error, context, [&] {
        cvision::require(path, "path");
        cvision::require(out, "out");
        // VideoCapture only reports "not opened"; say when the file is simply missing.
        std::error_code code;
        if (!std::filesystem::exists(path, code)) throw Failure("no such file");
        auto reader = std::make_unique<cvision_video_reader>();
        reader->source = path;
        reader->capture.open(path, cv::CAP_ANY);
        open_reader(*reader);
        *out = reader.release();
    });
}

extern "C" cvision_status cvision_video_reader_open_camera(int32_t index,
                                                           cvision_video_reader **out,
                                                           char **error) {
    std::string context = "camera " + std::to_string(index);
    return cvision::guarded(error, context, [&] {
        cvision::require(out, "out");
        if (index < 0) throw Failure("camera index must be >= 0");
        auto reader = std::make_unique<cvision_video_reader>();
        reader->source = context;
        reader->capture.open(index, cv::CAP_ANY);
        open_reader(*reader);
        *out = reader.release();
    });
}

extern "C" void cvision_video_reader_info(const cvision_video_reader *reader,
                                          int64_t *frame_count, bool *frame_count_known,
                                          double *fps, int32_t *width, int32_t *height) {
    if (reader == nullptr) return;
    // VideoCapture::get is not const in OpenCV's API, though it only reads properties.
    auto &capture = const_cast<cv::VideoCapture &>(reader->capture);
    double count = 0;
    try {
        count = capture.get(cv::CAP_PROP_FRAME_COUNT);
        if (fps != nullptr) *fps = capture.get(cv::CAP_PROP_FPS);
        if (width != nullptr) *width = static_cast<int32_t>(capture.get(cv::CAP_PROP_FRAME_WIDTH));
        if (height != nullptr) {
            *height = static_cast<int32_t>(capture.get(cv::CAP_PROP_FRAME_HEIGHT));
        }
    } catch (...) {
        count = 0;
    }
    if (frame_count != nullptr) *frame_count = count > 0 ? static_cast<int64_t>(count) : 0;
    if (frame_count_known != nullptr) *frame_count_known = count > 0;
}

extern "C" cvision_status cvision_video_reader_next(cvision_video_reader *reader,
                                                    cvision_image **frame, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(reader, "reader");
        cvision::require(frame, "frame");
        *frame = nullptr;
        cv::Mat mat;
        // read() returns false both at the end and on a broken stream; OpenCV does not
        // tell them apart, so both end the sequence.
        if (!reader->capture.read(mat) || mat.empty()) return;
        cvision::emit(std::move(mat), frame);
    });
}

extern "C" void cvision_video_writer_free(cvision_video_writer *writer) { delete writer; }

extern "C" cvision_status cvision_video_writer_open(const char *path, const char *fourcc,
                                                    double fps, int32_t width, int32_t height,
                                                    cvision_video_writer **out, char **error) {
    std::string context = path == nullptr ? std::string() : std::string(path);
    return cvision::guarded(error, context, [&] {
        cvision::require(path, "path");
        cvision::require(fourcc, "fourcc");
        cvision::require(out, "out");
        std::string code(fourcc);
        if (code.size() != 4) throw Failure("fourcc must be 4 characters, got '" + code + "'");
        if (!(fps > 0)) throw Failure("fps must be positive");
        if (width <= 0 || height <= 0) throw Failure("frame size must be positive");
        auto writer = std::make_unique<cvision_video_writer>();
        writer->path = path;
        writer->size = cv::Size(width, height);
        int tag = cv::VideoWriter::fourcc(code[0], code[1], code[2], code[3]);
        writer->writer.open(path, tag, fps, writer->size, true);
        if (!writer->writer.isOpened()) {
            throw Failure("cannot open for writing with fourcc '" + code
                          + "' (unsupported codec or container, or the folder is missing)");
        }
        *out = writer.release();
    });
}

extern "C" cvision_status cvision_video_writer_write(cvision_video_writer *writer,
                                                     const cvision_image *frame,
                                                     char **error) {
    std::string context = writer == nullptr ? std::string() : writer->path;
    return cvision::guarded(error, context, [&] {
        cvision::require(writer, "writer");
        cvision::require(frame, "frame");
        if (!writer->writer.isOpened()) throw Failure("writer is closed");
        const cv::Mat &mat = frame->mat;
        if (mat.size() != writer->size || mat.channels() != 3) {
            throw Failure("frame is " + std::to_string(mat.cols) + "x" + std::to_string(mat.rows)
                          + " with " + std::to_string(mat.channels())
                          + " channels; the writer takes " + std::to_string(writer->size.width)
                          + "x" + std::to_string(writer->size.height) + " BGR");
        }
        writer->writer.write(mat);
    });
}

extern "C" cvision_status cvision_video_writer_close(cvision_video_writer *writer,
                                                     char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(writer, "writer");
        writer->writer.release();
    });
}
