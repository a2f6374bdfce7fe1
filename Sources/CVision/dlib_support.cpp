// Conversions between OpenCV's BGR Mats and dlib's RGB matrices, and model-file checks.
#include "dlib_support.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cvision {

dlib::matrix<dlib::rgb_pixel> to_dlib_rgb(const cv::Mat &mat) {
    if (mat.depth() != CV_8U) throw Failure("dlib needs an 8-bit image");
    int channels = mat.channels();
    if (channels != 1 && channels != 3 && channels != 4) {
        throw Failure("dlib needs 1, 3 or 4 channels, got " + std::to_string(channels));
    }
    dlib::matrix<dlib::rgb_pixel> image(mat.rows, mat.cols);
    for (int row = 0; row < mat.rows; ++row) {
        const uchar *source = mat.ptr<uchar>(row);
        for (int column = 0; column < mat.cols; ++column) {
            const uchar *pixel = source + column * channels;
            dlib::rgb_pixel &target = image(row, column);
            if (channels == 1) {
                target = dlib::rgb_pixel(pixel[0], pixel[0], pixel[0]);
            } else {
                target = dlib::rgb_pixel(pixel[2], pixel[1], pixel[0]);  // B,G,R -> R,G,B
            }
        }
    }
    return image;
}

cv::Mat to_bgr_mat(const dlib::matrix<dlib::rgb_pixel> &image) {
    cv::Mat mat(static_cast<int>(image.nr()), static_cast<int>(image.nc()), CV_8UC3);
    for (int row = 0; row < mat.rows; ++row) {
        uchar *target = mat.ptr<uchar>(row);
        for (int column = 0; column < mat.cols; ++column) {
            const dlib::rgb_pixel &pixel = image(row, column);
            target[3 * column + 0] = pixel.blue;
            target[3 * column + 1] = pixel.green;
            target[3 * column + 2] = pixel.red;
        }
    }
    return mat;
}

void check_model_file(const std::string &path) {
    std::error_code code;
    if (!std::filesystem::exists(path, code)) throw Failure("no such file");
    if (!std::filesystem::is_regular_file(path, code)) throw Failure("not a regular file");
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw Failure(std::string("cannot open: ") + std::strerror(errno));
}

}  // namespace cvision
