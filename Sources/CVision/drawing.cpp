// Drawing in place: boxes, labels, text, lines and circles (annotated detections, landmarks).
#include "shim.hpp"

#include <opencv2/imgproc.hpp>

#include <string>

namespace {

using cvision::Failure;

// FONT_HERSHEY_SIMPLEX everywhere, as YOLOv5's annotator uses.
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;

void check_thickness(int32_t thickness, bool may_fill) {
    if (thickness == 0 || (!may_fill && thickness < 0)) {
        throw Failure("thickness must be " + std::string(may_fill ? "non-zero" : "positive")
                      + ", got " + std::to_string(thickness));
    }
}

void check_text(const char *text, double font_scale, int32_t thickness) {
    cvision::require(text, "text");
    if (!(font_scale > 0)) throw Failure("font scale must be positive");
    check_thickness(thickness, false);
}

}  // namespace

extern "C" cvision_status cvision_draw_rectangle(cvision_image *image, int32_t x1, int32_t y1,
                                                 int32_t x2, int32_t y2, const double color[4],
                                                 int32_t thickness, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        check_thickness(thickness, true);
        cv::rectangle(image->mat, cv::Point(x1, y1), cv::Point(x2, y2), cvision::scalar(color),
                      thickness, cv::LINE_AA);
    });
}

extern "C" cvision_status cvision_draw_line(cvision_image *image, int32_t x1, int32_t y1,
                                            int32_t x2, int32_t y2, const double color[4],
                                            int32_t thickness, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        check_thickness(thickness, false);
        cv::line(image->mat, cv::Point(x1, y1), cv::Point(x2, y2), cvision::scalar(color),
                 thickness, cv::LINE_AA);
    });
}

extern "C" cvision_status cvision_draw_circle(cvision_image *image, int32_t center_x,
                                              int32_t center_y, int32_t radius,
                                              const double color[4], int32_t thickness,
                                              char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        check_thickness(thickness, true);
        if (radius < 0) throw Failure("radius must be >= 0, got " + std::to_string(radius));
        cv::circle(image->mat, cv::Point(center_x, center_y), radius, cvision::scalar(color),
                   thickness, cv::LINE_AA);
    });
}

extern "C" cvision_status cvision_draw_text(cvision_image *image, const char *text, int32_t x,
                                            int32_t y, double font_scale,
                                            const double color[4], int32_t thickness,
                                            char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        check_text(text, font_scale, thickness);
        cv::putText(image->mat, text, cv::Point(x, y), kFont, font_scale,
                    cvision::scalar(color), thickness, cv::LINE_AA);
    });
}

extern "C" cvision_status cvision_text_size(const char *text, double font_scale,
                                            int32_t thickness, int32_t *width,
                                            int32_t *height, int32_t *baseline,
                                            char **error) {
    return cvision::guarded(error, [&] {
        check_text(text, font_scale, thickness);
        int below = 0;
        cv::Size size = cv::getTextSize(text, kFont, font_scale, thickness, &below);
        if (width != nullptr) *width = size.width;
        if (height != nullptr) *height = size.height;
        if (baseline != nullptr) *baseline = below;
    });
}

extern "C" cvision_status cvision_draw_label(cvision_image *image, const char *text,
                                             int32_t box_x, int32_t box_y, double font_scale,
                                             int32_t thickness, const double background[4],
                                             const double text_color[4], char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(image, "image");
        check_text(text, font_scale, thickness);
        cv::Size size = cv::getTextSize(text, kFont, font_scale, thickness, nullptr);
        // The label sits on top of the box unless that would leave the image (3 px margin),
        // in which case it hangs just inside the box's top edge.
        constexpr int kMargin = 3;
        bool above = box_y - size.height >= kMargin;
        int band_far_edge = above ? box_y - size.height - kMargin : box_y + size.height + kMargin;
        cv::rectangle(image->mat, cv::Point(box_x, box_y),
                      cv::Point(box_x + size.width, band_far_edge),
                      cvision::scalar(background), cv::FILLED, cv::LINE_AA);
        int text_baseline_y = above ? box_y - 2 : box_y + size.height + 2;
        cv::putText(image->mat, text, cv::Point(box_x, text_baseline_y), kFont, font_scale,
                    cvision::scalar(text_color), thickness, cv::LINE_AA);
    });
}
