// Private to the CVision target: what the dlib files share. cv::Mat images are BGR (or gray);
// dlib's face models were trained on RGB, so every hand-over converts here.
#pragma once

#include "shim.hpp"

#include <dlib/error.h>
#include <dlib/image_processing/full_object_detection.h>
#include <dlib/matrix.h>
#include <dlib/pixel.h>

#include <string>

namespace cvision {

// A BGR, BGRA or gray 8-bit Mat as a dlib RGB image (a copy, in dlib's pixel order).
dlib::matrix<dlib::rgb_pixel> to_dlib_rgb(const cv::Mat &mat);

// A dlib RGB image as a BGR Mat (a copy).
cv::Mat to_bgr_mat(const dlib::matrix<dlib::rgb_pixel> &image);

// Fails when a model file is missing or unreadable, before dlib's longer message would.
void check_model_file(const std::string &path);

// guarded() plus dlib's own exception type, reported with a "dlib:" prefix.
template <typename Body>
cvision_status guarded_dlib(char **error, const std::string &context, Body &&body) noexcept {
    return guarded(error, context, [&] {
        try {
            body();
        } catch (const dlib::error &exception) {
            throw Failure(std::string("dlib: ") + exception.what());
        }
    });
}

template <typename Body>
cvision_status guarded_dlib(char **error, Body &&body) noexcept {
    return guarded_dlib(error, std::string(), std::forward<Body>(body));
}

}  // namespace cvision
