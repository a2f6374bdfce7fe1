#include "cvision.h"
#include <opencv2/core/version.hpp>
extern "C" const char *cvision_opencv_version(void) { return CV_VERSION; }
