// Library-wide pieces: versions, the error strings, OpenCV's thread count.
#include "shim.hpp"

#include <dlib/revision.h>
#include <opencv2/core/utility.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/core/version.hpp>

#include <cstdlib>
#include <cstring>

#define CVISION_STRINGIFY_(x) #x
#define CVISION_STRINGIFY(x) CVISION_STRINGIFY_(x)

namespace cvision {

void set_error(char **error, const std::string &message) {
    if (error == nullptr) return;
    std::string line = message;
    for (char &character : line) {
        if (character == '\n' || character == '\r') character = ' ';
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    char *copy = static_cast<char *>(std::malloc(line.size() + 1));
    if (copy == nullptr) return;
    std::memcpy(copy, line.c_str(), line.size() + 1);
    *error = copy;
}

std::string describe(const cv::Exception &exception) {
    std::string text = "OpenCV: " + exception.err;
    if (!exception.func.empty()) text += " (in " + exception.func + ")";
    return text;
}

void emit(cv::Mat mat, cvision_image **out) {
    require(out, "out");
    *out = new cvision_image{std::move(mat)};
}

cv::Scalar scalar(const double color[4]) {
    if (color == nullptr) return cv::Scalar::all(0);
    return cv::Scalar(color[0], color[1], color[2], color[3]);
}

}  // namespace cvision

extern "C" const char *cvision_opencv_version(void) { return CV_VERSION; }

extern "C" const char *cvision_dlib_version(void) {
    return CVISION_STRINGIFY(DLIB_MAJOR_VERSION) "." CVISION_STRINGIFY(
        DLIB_MINOR_VERSION) "." CVISION_STRINGIFY(DLIB_PATCH_VERSION);
}

extern "C" void cvision_string_free(char *string) { std::free(string); }

extern "C" cvision_status cvision_set_num_threads(int32_t count, char **error) {
    return cvision::guarded(error, [&] {
        if (count < 0) throw cvision::Failure("thread count must be >= 0, got "
                                              + std::to_string(count));
        cv::setNumThreads(count);
    });
}

extern "C" int32_t cvision_get_num_threads(void) { return cv::getNumThreads(); }

extern "C" void cvision_set_log_warnings(bool shown) {
    cv::utils::logging::setLogLevel(shown ? cv::utils::logging::LOG_LEVEL_WARNING
                                          : cv::utils::logging::LOG_LEVEL_ERROR);
}
