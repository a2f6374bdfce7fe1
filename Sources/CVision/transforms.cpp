// Geometry and colour: resize, colour conversion, flips, borders, warps, HSV gains.
#include "shim.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using cvision::Failure;

int interpolation_flag(cvision_interpolation interpolation) {
    switch (interpolation) {
    case CVISION_INTERPOLATION_NEAREST: return cv::INTER_NEAREST;
    case CVISION_INTERPOLATION_LINEAR: return cv::INTER_LINEAR;
    case CVISION_INTERPOLATION_CUBIC: return cv::INTER_CUBIC;
    case CVISION_INTERPOLATION_AREA: return cv::INTER_AREA;
    }
    throw Failure("unknown interpolation " + std::to_string(static_cast<int>(interpolation)));
}

// The OpenCV conversion code and the channel count it expects as input.
struct Conversion {
    int code;
    int input_channels;
};

Conversion conversion_for(cvision_color_conversion conversion) {
    switch (conversion) {
    case CVISION_COLOR_BGR_TO_RGB: return {cv::COLOR_BGR2RGB, 3};
    case CVISION_COLOR_RGB_TO_BGR: return {cv::COLOR_RGB2BGR, 3};
    case CVISION_COLOR_BGR_TO_HSV: return {cv::COLOR_BGR2HSV, 3};
    case CVISION_COLOR_HSV_TO_BGR: return {cv::COLOR_HSV2BGR, 3};
    case CVISION_COLOR_BGR_TO_GRAY: return {cv::COLOR_BGR2GRAY, 3};
    case CVISION_COLOR_GRAY_TO_BGR: return {cv::COLOR_GRAY2BGR, 1};
    case CVISION_COLOR_BGRA_TO_BGR: return {cv::COLOR_BGRA2BGR, 4};
    }
    throw Failure("unknown colour conversion " + std::to_string(static_cast<int>(conversion)));
}

void check_output_size(int32_t width, int32_t height) {
    if (width <= 0 || height <= 0) {
        throw Failure("output size must be positive, got " + std::to_string(width) + "x"
                      + std::to_string(height));
    }
}

// A 256-entry lookup table: entry i is trunc(i * gain), wrapped into [0, wrap) when wrap is
// positive or clipped to [0, 255] otherwise.
cv::Mat gain_table(double gain, double wrap) {
    cv::Mat table(1, 256, CV_8U);
    for (int level = 0; level < 256; ++level) {
        double scaled = level * gain;
        if (wrap > 0) {
            scaled = std::fmod(scaled, wrap);
            if (scaled < 0) scaled += wrap;
        } else {
            scaled = std::min(std::max(scaled, 0.0), 255.0);
        }
        table.at<uchar>(level) = static_cast<uchar>(scaled);
    }
    return table;
}

// The affine (2 x 3 matrix) or perspective (3 x 3) warp onto a `width` x `height` image,
// the uncovered area filled with `border`.
cvision_status warp(const cvision_image *image, const double *matrix, bool perspective,
                    int32_t width, int32_t height, cvision_interpolation interpolation,
                    const double border[4], cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        cvision::require(matrix, "matrix");
        check_output_size(width, height);
        cv::Mat transform(perspective ? 3 : 2, 3, CV_64F, const_cast<double *>(matrix));
        cv::Mat warped;
        int flags = interpolation_flag(interpolation);
        if (perspective) {
            cv::warpPerspective(image->mat, warped, transform, cv::Size(width, height), flags,
                                cv::BORDER_CONSTANT, cvision::scalar(border));
        } else {
            cv::warpAffine(image->mat, warped, transform, cv::Size(width, height), flags,
                           cv::BORDER_CONSTANT, cvision::scalar(border));
        }
        cvision::emit(std::move(warped), out);
    });
}

}  // namespace

extern "C" cvision_status cvision_image_resize(const cvision_image *image, int32_t width,
                                               int32_t height,
                                               cvision_interpolation interpolation,
                                               cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        check_output_size(width, height);
        cv::Mat resized;
        cv::resize(image->mat, resized, cv::Size(width, height), 0, 0,
                   interpolation_flag(interpolation));
        cvision::emit(std::move(resized), out);
    });
}

extern "C" cvision_status cvision_image_convert_color(const cvision_image *image,
                                                      cvision_color_conversion conversion,
                                                      cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        Conversion chosen = conversion_for(conversion);
        if (image->mat.channels() != chosen.input_channels) {
            throw Failure("conversion expects " + std::to_string(chosen.input_channels)
                          + " channels, image has " + std::to_string(image->mat.channels()));
        }
        cv::Mat converted;
        cv::cvtColor(image->mat, converted, chosen.code);
        cvision::emit(std::move(converted), out);
    });
}

extern "C" cvision_status cvision_image_flip(const cvision_image *image, cvision_flip flip,
                                             cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        // cv::flip codes: 1 mirrors around the vertical axis (left-right), 0 top-bottom.
        int code = flip == CVISION_FLIP_HORIZONTAL ? 1 : 0;
        cv::Mat flipped;
        cv::flip(image->mat, flipped, code);
        cvision::emit(std::move(flipped), out);
    });
}

extern "C" cvision_status cvision_image_pad(const cvision_image *image, int32_t top,
                                            int32_t bottom, int32_t left, int32_t right,
                                            const double color[4], cvision_image **out,
                                            char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw Failure("padding must be >= 0, got top " + std::to_string(top) + " bottom "
                          + std::to_string(bottom) + " left " + std::to_string(left)
                          + " right " + std::to_string(right));
        }
        cv::Mat padded;
        cv::copyMakeBorder(image->mat, padded, top, bottom, left, right, cv::BORDER_CONSTANT,
                           cvision::scalar(color));
        cvision::emit(std::move(padded), out);
    });
}

extern "C" cvision_status cvision_image_warp_affine(const cvision_image *image,
                                                    const double matrix[6], int32_t width,
                                                    int32_t height,
                                                    cvision_interpolation interpolation,
                                                    const double border[4],
                                                    cvision_image **out, char **error) {
    return warp(image, matrix, false, width, height, interpolation, border, out, error);
}

extern "C" cvision_status cvision_image_warp_perspective(const cvision_image *image,
                                                         const double matrix[9], int32_t width,
                                                         int32_t height,
                                                         cvision_interpolation interpolation,
                                                         const double border[4],
                                                         cvision_image **out, char **error) {
    return warp(image, matrix, true, width, height, interpolation, border, out, error);
}

extern "C" cvision_status cvision_image_adjust_hsv(const cvision_image *image, double hue_gain,
                                                   double saturation_gain, double value_gain,
                                                   cvision_image **out, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        if (image->mat.channels() != 3) {
            throw Failure("HSV adjustment needs a 3-channel BGR image, got "
                          + std::to_string(image->mat.channels()) + " channels");
        }
        cv::Mat hsv;
        cv::cvtColor(image->mat, hsv, cv::COLOR_BGR2HSV);
        std::vector<cv::Mat> planes;
        cv::split(hsv, planes);
        // 8-bit hue runs 0..179, so it wraps at 180; saturation and value clip.
        cv::LUT(planes[0], gain_table(hue_gain, 180), planes[0]);
        cv::LUT(planes[1], gain_table(saturation_gain, 0), planes[1]);
        cv::LUT(planes[2], gain_table(value_gain, 0), planes[2]);
        cv::merge(planes, hsv);
        cv::Mat adjusted;
        cv::cvtColor(hsv, adjusted, cv::COLOR_HSV2BGR);
        cvision::emit(std::move(adjusted), out);
    });
}
