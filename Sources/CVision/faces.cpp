// dlib face geometry: the HOG frontal face detector, the landmark shape predictor and
// aligned face chips.
#include "dlib_support.hpp"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/serialize.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <vector>

struct cvision_face_detector {
    dlib::frontal_face_detector detector;
    std::mutex lock;  // the detector keeps scratch buffers; one image at a time
};

struct cvision_shape_predictor {
    dlib::shape_predictor model;  // predicting is const and safe from several threads
};

namespace {

using cvision::Failure;

// dlib rectangles are inclusive (right = left + width - 1); the C interface is xyxy with
// exclusive right/bottom edges, so x2 - x1 is the width.
dlib::rectangle to_dlib_rectangle(double x1, double y1, double x2, double y2) {
    if (!(x2 > x1 && y2 > y1)) throw Failure("box must have x2 > x1 and y2 > y1");
    return dlib::rectangle(std::lround(x1), std::lround(y1), std::lround(x2) - 1,
                           std::lround(y2) - 1);
}

// A detection for get_face_chip_details, which reads only the parts.
dlib::full_object_detection detection_from_points(const double *points, size_t count) {
    std::vector<dlib::point> parts;
    parts.reserve(count);
    for (size_t index = 0; index < count; ++index) {
        parts.emplace_back(std::lround(points[2 * index]), std::lround(points[2 * index + 1]));
    }
    dlib::rectangle bounds;
    for (const dlib::point &part : parts) bounds += part;
    return dlib::full_object_detection(bounds, parts);
}

}  // namespace

extern "C" void cvision_face_detector_free(cvision_face_detector *detector) {
    delete detector;
}

extern "C" cvision_status cvision_face_detector_create(cvision_face_detector **out,
                                                       char **error) {
    return cvision::guarded_dlib(error, [&] {
        cvision::require(out, "out");
        auto detector = std::make_unique<cvision_face_detector>();
        detector->detector = dlib::get_frontal_face_detector();
        *out = detector.release();
    });
}

extern "C" cvision_status cvision_face_detector_detect(cvision_face_detector *detector,
                                                       const cvision_image *image,
                                                       int32_t upsample,
                                                       double adjust_threshold, double *boxes,
                                                       double *scores, size_t capacity,
                                                       size_t *count, char **error) {
    return cvision::guarded_dlib(error, [&] {
        cvision::require(detector, "detector");
        cvision::require(image, "image");
        cvision::require(count, "count");
        if (capacity > 0) {
            cvision::require(boxes, "boxes");
            cvision::require(scores, "scores");
        }
        if (upsample < 0 || upsample > 4) throw Failure("upsample must be 0..4");
        // Upsampling by 2 per step lets the 80x80 window see faces down to ~40 px per step.
        double factor = std::pow(2.0, upsample);
        cv::Mat scaled = image->mat;
        if (upsample > 0) {
            cv::resize(image->mat, scaled, cv::Size(), factor, factor, cv::INTER_LINEAR);
        }
        dlib::matrix<dlib::rgb_pixel> rgb = cvision::to_dlib_rgb(scaled);
        std::vector<dlib::rect_detection> found;
        {
            std::lock_guard<std::mutex> hold(detector->lock);
            detector->detector(rgb, found, adjust_threshold);
        }
        *count = found.size();
        for (size_t index = 0; index < std::min(capacity, found.size()); ++index) {
            const dlib::rectangle &rect = found[index].rect;
            boxes[4 * index + 0] = rect.left() / factor;
            boxes[4 * index + 1] = rect.top() / factor;
            boxes[4 * index + 2] = (rect.right() + 1) / factor;
            boxes[4 * index + 3] = (rect.bottom() + 1) / factor;
            scores[index] = found[index].detection_confidence;
        }
    });
}

extern "C" void cvision_shape_predictor_free(cvision_shape_predictor *predictor) {
    delete predictor;
}

extern "C" cvision_status cvision_shape_predictor_load(const char *path,
                                                       cvision_shape_predictor **out,
                                                       char **error) {
    std::string context = path == nullptr ? std::string() : std::string(path);
    return cvision::guarded_dlib(error, context, [&] {
        cvision::require(path, "path");
        cvision::require(out, "out");
        cvision::check_model_file(path);
        auto predictor = std::make_unique<cvision_shape_predictor>();
        dlib::deserialize(path) >> predictor->model;
        if (predictor->model.num_parts() == 0) throw Failure("model predicts no landmarks");
        *out = predictor.release();
    });
}

extern "C" size_t cvision_shape_predictor_point_count(const cvision_shape_predictor *predictor) {
    return predictor == nullptr ? 0 : predictor->model.num_parts();
}

extern "C" cvision_status cvision_shape_predictor_predict(
    const cvision_shape_predictor *predictor, const cvision_image *image, double x1, double y1,
    double x2, double y2, double *points, size_t capacity, char **error) {
    return cvision::guarded_dlib(error, [&] {
        cvision::require(predictor, "predictor");
        cvision::require(image, "image");
        cvision::require(points, "points");
        size_t parts = predictor->model.num_parts();
        if (capacity < 2 * parts) {
            throw Failure("points holds " + std::to_string(capacity) + " doubles, need "
                          + std::to_string(2 * parts));
        }
        dlib::matrix<dlib::rgb_pixel> rgb = cvision::to_dlib_rgb(image->mat);
        dlib::full_object_detection shape =
            predictor->model(rgb, to_dlib_rectangle(x1, y1, x2, y2));
        for (size_t index = 0; index < parts; ++index) {
            points[2 * index] = static_cast<double>(shape.part(index).x());
            points[2 * index + 1] = static_cast<double>(shape.part(index).y());
        }
    });
}

extern "C" cvision_status cvision_face_chip_extract(const cvision_image *image,
                                                    const double *points, size_t point_count,
                                                    int32_t size, double padding,
                                                    cvision_image **out, char **error) {
    return cvision::guarded_dlib(error, [&] {
        cvision::require(image, "image");
        cvision::require(points, "points");
        if (point_count != 68 && point_count != 5) {
            throw Failure("face chips need 68 or 5 landmarks, got "
                          + std::to_string(point_count));
        }
        if (size <= 0) throw Failure("chip size must be positive");
        if (padding < 0) throw Failure("padding must be >= 0");
        dlib::chip_details details = dlib::get_face_chip_details(
            detection_from_points(points, point_count), static_cast<unsigned long>(size),
            padding);
        dlib::matrix<dlib::rgb_pixel> rgb = cvision::to_dlib_rgb(image->mat);
        dlib::matrix<dlib::rgb_pixel> chip;
        dlib::extract_image_chip(rgb, details, chip);
        cvision::emit(cvision::to_bgr_mat(chip), out);
    });
}
