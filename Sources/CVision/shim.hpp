// Private to the CVision target: handle layouts and the error guard that every exported
// function runs its body through. Swift never sees this file.
#pragma once

#include "cvision.h"

#include <opencv2/core.hpp>

#include <stdexcept>
#include <string>

struct cvision_image {
    cv::Mat mat;
};

namespace cvision {

// A problem the shim detects itself, typically one OpenCV reports only by returning an
// empty Mat or false. Its message is already the one-line text the caller should see.
struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Stores `message` (flattened to one line) in *error as a malloc'd string, if error is set.
void set_error(char **error, const std::string &message);

// One-line text for an OpenCV exception: the failed check and the function it was in,
// without OpenCV's source path and version banner.
std::string describe(const cv::Exception &exception);

// Runs `body`, turning any exception into CVISION_ERROR and a message. `context` (a file
// path, or empty) is prefixed to the message so that errors name the file involved.
template <typename Body>
cvision_status guarded(char **error, const std::string &context, Body &&body) noexcept {
    std::string message;
    try {
        body();
        return CVISION_OK;
    } catch (const cv::Exception &exception) {
        message = describe(exception);
    } catch (const std::exception &exception) {
        message = exception.what();
    } catch (...) {
        message = "unknown C++ exception";
    }
    try {
        set_error(error, context.empty() ? message : context + ": " + message);
    } catch (...) {
        // Out of memory while reporting; the status alone still says it failed.
    }
    return CVISION_ERROR;
}

template <typename Body>
cvision_status guarded(char **error, Body &&body) noexcept {
    return guarded(error, std::string(), std::forward<Body>(body));
}

// Throws Failure when `pointer` is NULL, naming the parameter.
template <typename Pointer>
void require(const Pointer *pointer, const char *name) {
    if (pointer == nullptr) throw Failure(std::string(name) + " is NULL");
}

// Wraps a finished Mat in a new handle for an out-parameter.
void emit(cv::Mat mat, cvision_image **out);

// A cv::Scalar from the 4-double colour of the C interface.
cv::Scalar scalar(const double color[4]);

}  // namespace cvision
