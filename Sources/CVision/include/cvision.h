/*
 * Plain C interface to OpenCV 4.6 and dlib 19.24 for MaskFace.
 *
 * Conventions:
 * - Handles are opaque; each kind has exactly one free function, which accepts NULL.
 * - Fallible functions return cvision_status and take `char **error` last. On
 *   CVISION_ERROR, *error (when error is not NULL) receives a malloc'd one-line
 *   message that the caller releases with cvision_string_free. No C++ exception
 *   leaves this interface.
 * - Images are 8-bit, interleaved (HWC). Colour images are BGR, as OpenCV
 *   stores them, unless a function says otherwise.
 * - Coordinates are pixels, x to the right and y down, origin at the top-left
 *   pixel's corner. Boxes are xyxy unless a parameter says x, y, width, height.
 * - Colours are 4 doubles in the image's channel order (B, G, R, unused for BGR).
 */
#ifndef CVISION_H
#define CVISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cvision_status {
    CVISION_OK = 0,
    CVISION_ERROR = 1,
} cvision_status;

/** An 8-bit image with 1, 3 or 4 channels (a cv::Mat). */
typedef struct cvision_image cvision_image;
/** A video file or camera being read frame by frame (a cv::VideoCapture). */
typedef struct cvision_video_reader cvision_video_reader;
/** A video file being written (a cv::VideoWriter). */
typedef struct cvision_video_writer cvision_video_writer;
/** A network loaded into OpenCV's DNN module (a cv::dnn::Net). */
typedef struct cvision_net cvision_net;
/** dlib's HOG frontal face detector. */
typedef struct cvision_face_detector cvision_face_detector;
/** dlib's shape predictor (68 or 5 landmarks). */
typedef struct cvision_shape_predictor cvision_shape_predictor;
/** dlib's face recognition ResNet, mapping a 150x150 face chip to 128 floats. */
typedef struct cvision_face_encoder cvision_face_encoder;

/* ---- library ---------------------------------------------------------- */

/** Version string of the linked OpenCV, e.g. "4.6.0". Never NULL. */
const char *cvision_opencv_version(void);
/** Version string of the dlib headers compiled in, e.g. "19.24.0". Never NULL. */
const char *cvision_dlib_version(void);
/** Releases a message or name returned by this interface. Accepts NULL. */
void cvision_string_free(char *string);
/** Sets the number of threads OpenCV uses (cv::setNumThreads); 0 means serial. */
cvision_status cvision_set_num_threads(int32_t count, char **error);
/** The number of threads OpenCV uses (cv::getNumThreads). */
int32_t cvision_get_num_threads(void);
/** Whether OpenCV logs warnings (true, its default) or only errors (false). */
void cvision_set_log_warnings(bool shown);

/* ---- images: creation, files, pixels (images.cpp) ---------------------- */

void cvision_image_free(cvision_image *image);

/** Reads a file as a 3-channel BGR image (IMREAD_COLOR). */
cvision_status cvision_image_read(const char *path, cvision_image **out, char **error);
/** Decodes an encoded image (JPEG, PNG, ...) held in memory as 3-channel BGR. */
cvision_status cvision_image_decode(const uint8_t *bytes, size_t count, cvision_image **out,
                                    char **error);
/**
 * Writes an image; the format follows the extension (.jpg, .jpeg, .png, .bmp).
 * jpeg_quality is 0..100 and only used for JPEG. The file is encoded in memory,
 * written next to the target and renamed, so a reader never sees half a file.
 */
cvision_status cvision_image_write(const cvision_image *image, const char *path,
                                   int32_t jpeg_quality, char **error);
/**
 * Creates a width x height image with `channels` (1, 3 or 4) channels. With
 * `pixels` NULL every pixel is `fill`; otherwise height*width*channels bytes
 * (HWC, rows packed) are copied from `pixels`.
 */
cvision_status cvision_image_create(int32_t width, int32_t height, int32_t channels,
                                    const uint8_t *pixels, const double fill[4],
                                    cvision_image **out, char **error);
/** A deep copy. */
cvision_status cvision_image_clone(const cvision_image *image, cvision_image **out,
                                   char **error);
/** Width, height and channel count; never fails on a valid handle. */
void cvision_image_size(const cvision_image *image, int32_t *width, int32_t *height,
                        int32_t *channels);
/** Copies the pixels out as packed HWC bytes; capacity must be at least h*w*c. */
cvision_status cvision_image_copy_pixels(const cvision_image *image, uint8_t *destination,
                                         size_t capacity, char **error);
/** Copies the rectangle x, y, width, height (must lie inside the image). */
cvision_status cvision_image_crop(const cvision_image *image, int32_t x, int32_t y,
                                  int32_t width, int32_t height, cvision_image **out,
                                  char **error);
/**
 * Copies `width` x `height` pixels from `source` at (source_x, source_y) into
 * `destination` at (destination_x, destination_y), in place. Both rectangles must
 * lie inside their images and the channel counts must match (mosaic building).
 */
cvision_status cvision_image_paste(cvision_image *destination, int32_t destination_x,
                                   int32_t destination_y, const cvision_image *source,
                                   int32_t source_x, int32_t source_y, int32_t width,
                                   int32_t height, char **error);
/**
 * float32 NCHW tensor data, shape [1, C, H, W], each value = pixel * scale. With
 * swap_red_blue a BGR image comes out RGB (YOLOv5 wants RGB, scale 1/255).
 * capacity (in floats) must be at least C*H*W.
 */
cvision_status cvision_image_to_blob(const cvision_image *image, float scale,
                                     bool swap_red_blue, float *destination, size_t capacity,
                                     char **error);

/* ---- images: geometry and colour (transforms.cpp) ---------------------- */

typedef enum cvision_interpolation {
    CVISION_INTERPOLATION_NEAREST = 0,
    CVISION_INTERPOLATION_LINEAR = 1,
    CVISION_INTERPOLATION_CUBIC = 2,
    CVISION_INTERPOLATION_AREA = 3,
} cvision_interpolation;

typedef enum cvision_color_conversion {
    CVISION_COLOR_BGR_TO_RGB = 0,
    CVISION_COLOR_RGB_TO_BGR = 1,
    CVISION_COLOR_BGR_TO_HSV = 2,
    CVISION_COLOR_HSV_TO_BGR = 3,
    CVISION_COLOR_BGR_TO_GRAY = 4,
    CVISION_COLOR_GRAY_TO_BGR = 5,
    CVISION_COLOR_BGRA_TO_BGR = 6,
} cvision_color_conversion;

typedef enum cvision_flip {
    CVISION_FLIP_HORIZONTAL = 0, /* mirror left-right */
    CVISION_FLIP_VERTICAL = 1,   /* mirror top-bottom */
} cvision_flip;

cvision_status cvision_image_resize(const cvision_image *image, int32_t width, int32_t height,
                                    cvision_interpolation interpolation, cvision_image **out,
                                    char **error);
cvision_status cvision_image_convert_color(const cvision_image *image,
                                           cvision_color_conversion conversion,
                                           cvision_image **out, char **error);
cvision_status cvision_image_flip(const cvision_image *image, cvision_flip flip,
                                  cvision_image **out, char **error);
/** Adds a constant-colour border (cv::copyMakeBorder, BORDER_CONSTANT). */
cvision_status cvision_image_pad(const cvision_image *image, int32_t top, int32_t bottom,
                                 int32_t left, int32_t right, const double color[4],
                                 cvision_image **out, char **error);
/**
 * cv::warpAffine with the row-major 2x3 matrix that maps source pixels to output
 * pixels; the output is width x height and uncovered pixels take `border`.
 */
cvision_status cvision_image_warp_affine(const cvision_image *image, const double matrix[6],
                                         int32_t width, int32_t height,
                                         cvision_interpolation interpolation,
                                         const double border[4], cvision_image **out,
                                         char **error);
/** cv::warpPerspective with a row-major 3x3 source-to-output matrix. */
cvision_status cvision_image_warp_perspective(const cvision_image *image,
                                              const double matrix[9], int32_t width,
                                              int32_t height,
                                              cvision_interpolation interpolation,
                                              const double border[4], cvision_image **out,
                                              char **error);
/**
 * Multiplies hue, saturation and value of a BGR image by the gains through
 * lookup tables, as YOLOv5's HSV augmentation does (hue wraps at 180, OpenCV's
 * 8-bit hue range; saturation and value clip at 255).
 */
cvision_status cvision_image_adjust_hsv(const cvision_image *image, double hue_gain,
                                        double saturation_gain, double value_gain,
                                        cvision_image **out, char **error);

/* ---- drawing, in place (drawing.cpp) ----------------------------------- */

/** thickness < 0 fills the rectangle. Corners are inclusive pixel positions. */
cvision_status cvision_draw_rectangle(cvision_image *image, int32_t x1, int32_t y1,
                                      int32_t x2, int32_t y2, const double color[4],
                                      int32_t thickness, char **error);
cvision_status cvision_draw_line(cvision_image *image, int32_t x1, int32_t y1, int32_t x2,
                                 int32_t y2, const double color[4], int32_t thickness,
                                 char **error);
/** thickness < 0 fills the circle. */
cvision_status cvision_draw_circle(cvision_image *image, int32_t center_x, int32_t center_y,
                                   int32_t radius, const double color[4], int32_t thickness,
                                   char **error);
/** Text in FONT_HERSHEY_SIMPLEX with its baseline's left end at (x, y). */
cvision_status cvision_draw_text(cvision_image *image, const char *text, int32_t x, int32_t y,
                                 double font_scale, const double color[4], int32_t thickness,
                                 char **error);
/** Size in pixels of text drawn by cvision_draw_text, and the baseline offset. */
cvision_status cvision_text_size(const char *text, double font_scale, int32_t thickness,
                                 int32_t *width, int32_t *height, int32_t *baseline,
                                 char **error);
/**
 * A detection label: text on a filled background of `background` colour, placed
 * just above the box corner (box_x, box_y) when it fits, else just inside it.
 */
cvision_status cvision_draw_label(cvision_image *image, const char *text, int32_t box_x,
                                  int32_t box_y, double font_scale, int32_t thickness,
                                  const double background[4], const double text_color[4],
                                  char **error);

/* ---- video (video.cpp) ------------------------------------------------- */

void cvision_video_reader_free(cvision_video_reader *reader);
cvision_status cvision_video_reader_open_file(const char *path, cvision_video_reader **out,
                                              char **error);
cvision_status cvision_video_reader_open_camera(int32_t index, cvision_video_reader **out,
                                                char **error);
/**
 * Stream properties. frame_count is the container's estimate and
 * frame_count_known is false when it has none (cameras, some streams).
 */
void cvision_video_reader_info(const cvision_video_reader *reader, int64_t *frame_count,
                               bool *frame_count_known, double *fps, int32_t *width,
                               int32_t *height);
/** The next frame as BGR; *frame is NULL (and the status OK) at the end of the stream. */
cvision_status cvision_video_reader_next(cvision_video_reader *reader, cvision_image **frame,
                                         char **error);

void cvision_video_writer_free(cvision_video_writer *writer);
/** fourcc: four characters, e.g. "mp4v" or "MJPG". Frames must be width x height BGR. */
cvision_status cvision_video_writer_open(const char *path, const char *fourcc, double fps,
                                         int32_t width, int32_t height,
                                         cvision_video_writer **out, char **error);
cvision_status cvision_video_writer_write(cvision_video_writer *writer,
                                          const cvision_image *frame, char **error);
/** Flushes and closes the file; later writes fail. Freeing also closes it. */
cvision_status cvision_video_writer_close(cvision_video_writer *writer, char **error);

/* ---- OpenCV DNN (dnn.cpp) ---------------------------------------------- */

void cvision_net_free(cvision_net *net);
cvision_status cvision_net_read_onnx(const char *path, cvision_net **out, char **error);
/** Runs on OpenCV's own backend on the CPU (DNN_BACKEND_OPENCV, DNN_TARGET_CPU). */
cvision_status cvision_net_prefer_cpu(cvision_net *net, char **error);
/** Number of outputs not consumed inside the network. */
cvision_status cvision_net_output_count(const cvision_net *net, size_t *count, char **error);
/** Name of output `index` (0-based); release *name with cvision_string_free. */
cvision_status cvision_net_output_name(const cvision_net *net, size_t index, char **name,
                                       char **error);
/** Sets a float32 input of the given shape; input_name NULL means the first input. */
cvision_status cvision_net_set_input(cvision_net *net, const float *data,
                                     const int32_t *shape, size_t rank,
                                     const char *input_name, char **error);
/**
 * Runs the network and keeps the named output (NULL: the default output) inside
 * the handle. Its shape goes to shape[0..*rank); shape_capacity must be >= rank.
 */
cvision_status cvision_net_forward(cvision_net *net, const char *output_name, int32_t *shape,
                                   size_t shape_capacity, size_t *rank, char **error);
/** Copies the output kept by the last forward; count must equal its element count. */
cvision_status cvision_net_copy_output(const cvision_net *net, float *destination,
                                       size_t count, char **error);

/* ---- dlib (faces.cpp, face_encoder.cpp) -------------------------------- */

void cvision_face_detector_free(cvision_face_detector *detector);
cvision_status cvision_face_detector_create(cvision_face_detector **out, char **error);
/**
 * Runs the HOG detector on a BGR or gray image, upsampled `upsample` times by 2
 * first (finds faces smaller than its 80x80 window). Boxes (xyxy pixels in the
 * original image, 4 doubles each) and scores are written for up to `capacity`
 * faces; *count is the number found, which may exceed capacity.
 */
cvision_status cvision_face_detector_detect(cvision_face_detector *detector,
                                            const cvision_image *image, int32_t upsample,
                                            double adjust_threshold, double *boxes,
                                            double *scores, size_t capacity, size_t *count,
                                            char **error);

void cvision_shape_predictor_free(cvision_shape_predictor *predictor);
cvision_status cvision_shape_predictor_load(const char *path, cvision_shape_predictor **out,
                                            char **error);
/** Number of landmarks the model predicts (68 for dlib's usual model). */
size_t cvision_shape_predictor_point_count(const cvision_shape_predictor *predictor);
/**
 * Landmarks of the face in the box x1, y1, x2, y2 (pixels). points receives
 * point_count (x, y) pairs in pixels; capacity is in doubles.
 */
cvision_status cvision_shape_predictor_predict(const cvision_shape_predictor *predictor,
                                               const cvision_image *image, double x1,
                                               double y1, double x2, double y2,
                                               double *points, size_t capacity,
                                               char **error);

/**
 * An aligned face chip (dlib's get_face_chip_details + extract_image_chip) from
 * 68 or 5 landmarks given as (x, y) pairs: size x size pixels, `padding` the
 * fraction of face width added on each side (dlib uses 0.25 for recognition).
 * The chip has the input's channel order (BGR in, BGR out).
 */
cvision_status cvision_face_chip_extract(const cvision_image *image, const double *points,
                                         size_t point_count, int32_t size, double padding,
                                         cvision_image **out, char **error);

void cvision_face_encoder_free(cvision_face_encoder *encoder);
cvision_status cvision_face_encoder_load(const char *path, cvision_face_encoder **out,
                                         char **error);
/**
 * 128-D descriptors of `count` BGR face chips of 150x150 pixels, written to
 * descriptors[i * 128 ..]. With jitters > 0 each descriptor is the mean over
 * that many randomly jittered copies (slower, slightly more robust).
 */
cvision_status cvision_face_encoder_compute(cvision_face_encoder *encoder,
                                            const cvision_image *const *chips, size_t count,
                                            int32_t jitters, float *descriptors,
                                            char **error);

#ifdef __cplusplus
}
#endif

#endif
