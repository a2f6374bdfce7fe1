/* Plain C interface to OpenCV and dlib. */
#ifndef CVISION_H
#define CVISION_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#ifdef __cplusplus
extern "C" {
#endif
/** Version string of the linked OpenCV, e.g. "4.6.0". Never NULL. */
const char *cvision_opencv_version(void);
#ifdef __cplusplus
}
#endif
#endif
