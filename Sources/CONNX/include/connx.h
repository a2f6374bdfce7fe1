/*
 * Plain C interface to libonnx (ONNX 1.12): build a ModelProto, write it atomically after
 * the ONNX checker and strict shape inference accept it, and read a file back as a summary.
 * Used by the Swift module ONNXSupport; Swift only sees this header.
 *
 * Conventions (the same as ctorch.h and cvision.h):
 * - Handles are opaque. connx_model has exactly one free function, which accepts NULL.
 * - Every function that can fail returns connx_status, writes its results to out-parameters
 *   and takes `char **error` last. On failure *error receives a malloc'd, NUL-terminated
 *   message (free it with connx_string_free) and the out-parameters are left untouched.
 * - Strings returned through out-parameters are malloc'd; free them with connx_string_free.
 * - No C++ exception ever leaves this library.
 */
#ifndef CONNX_H
#define CONNX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef struct connx_model connx_model;

typedef enum connx_status { CONNX_OK = 0, CONNX_ERROR = 1 } connx_status;

/** Element types, numbered as ONNX's TensorProto.DataType: the numbers are part of the
 *  file format, so they are stable. */
typedef enum connx_element_type {
  CONNX_FLOAT = 1,
  CONNX_UINT8 = 2,
  CONNX_INT32 = 6,
  CONNX_INT64 = 7,
  CONNX_BOOL = 9,
  CONNX_FLOAT16 = 10,
  CONNX_DOUBLE = 11,
} connx_element_type;

/** Which list of graph values a call refers to. */
typedef enum connx_value_list { CONNX_GRAPH_INPUT = 0, CONNX_GRAPH_OUTPUT = 1 } connx_value_list;

/** Counts and versions of a model, for reading it back. */
typedef struct connx_model_summary {
  int64_t ir_version;
  /** Version of the default ("ai.onnx") operator set; 0 when the model imports none. */
  int64_t default_opset;
  size_t input_count;
  size_t output_count;
  size_t node_count;
  size_t initializer_count;
  size_t metadata_count;
} connx_model_summary;

/* ---- Library ---------------------------------------------------------------------------- */

/** Frees a string returned by this library. Accepts NULL. */
void connx_string_free(char *text);
/** Newest IR version and default-domain opset that the linked libonnx knows. */
connx_status connx_supported_versions(int64_t *ir_version, int64_t *opset, char **error);

/* ---- Building (model_build.cpp) --------------------------------------------------------- */

connx_status connx_model_create(const char *graph_name, int64_t ir_version,
                                const char *producer_name, const char *producer_version,
                                connx_model **out, char **error);
void connx_model_free(connx_model *model);
connx_status connx_model_import_opset(connx_model *model, const char *domain, int64_t version,
                                      char **error);
/** Adds a metadata_props entry; a second entry with the same key is an error. */
connx_status connx_model_set_metadata(connx_model *model, const char *key, const char *value,
                                      char **error);
/**
 * Declares a graph input or output. dims[i] >= 0 is a fixed size; dims[i] < 0 is a symbolic
 * (dynamic) axis named dim_names[i]. dim_names may be NULL when every size is fixed.
 */
connx_status connx_model_add_value(connx_model *model, connx_value_list list, const char *name,
                                   connx_element_type type, const int64_t *dims,
                                   const char *const *dim_names, size_t rank, char **error);
/** Adds an initializer; `data` holds `byte_count` bytes of little-endian elements. */
connx_status connx_model_add_initializer(connx_model *model, const char *name,
                                         connx_element_type type, const int64_t *dims,
                                         size_t rank, const void *data, size_t byte_count,
                                         char **error);
/** Appends a node; *index receives its position, which the attribute setters take. An empty
 *  input name stands for an omitted optional input. */
connx_status connx_model_add_node(connx_model *model, const char *op_type, const char *name,
                                  const char *const *inputs, size_t input_count,
                                  const char *const *outputs, size_t output_count,
                                  size_t *index, char **error);
connx_status connx_node_set_int(connx_model *model, size_t node, const char *attribute,
                                int64_t value, char **error);
connx_status connx_node_set_ints(connx_model *model, size_t node, const char *attribute,
                                 const int64_t *values, size_t count, char **error);
connx_status connx_node_set_float(connx_model *model, size_t node, const char *attribute,
                                  float value, char **error);
connx_status connx_node_set_string(connx_model *model, size_t node, const char *attribute,
                                   const char *value, char **error);

/* ---- Checking and files (model_io.cpp) -------------------------------------------------- */

/** Runs the ONNX checker, then strict shape inference (node errors and type checks on) on a
 *  copy; the model itself is not changed. */
connx_status connx_model_check(const connx_model *model, char **error);
/**
 * Writes the model to a temporary file next to `path`, reads that file back, checks it as
 * connx_model_check does, and only then renames it over `path`. On any failure the
 * temporary file is removed and whatever was at `path` is left as it was.
 */
connx_status connx_model_write(const connx_model *model, const char *path,
                               uint64_t *byte_count, char **error);
/** Parses an ONNX file (without checking it). */
connx_status connx_model_read(const char *path, connx_model **out, char **error);

/* ---- Reading back (model_read.cpp) ------------------------------------------------------ */

connx_status connx_model_get_summary(const connx_model *model, connx_model_summary *out,
                                     char **error);
connx_status connx_model_node_at(const connx_model *model, size_t index, char **op_type,
                                 char **name, char **error);
connx_status connx_model_metadata_at(const connx_model *model, size_t index, char **key,
                                     char **value, char **error);
/**
 * Name, element type and shape of a graph input or output. Symbolic axes are reported as -1
 * in `dims` (ask connx_model_value_dim_name for their names). `dims` holds `capacity`
 * entries; *rank receives the true rank, and more than `capacity` is an error.
 */
connx_status connx_model_value_at(const connx_model *model, connx_value_list list,
                                  size_t index, char **name, connx_element_type *type,
                                  int64_t *dims, size_t capacity, size_t *rank, char **error);
/** The name of axis `axis` of a graph input or output; "" for a fixed axis. */
connx_status connx_model_value_dim_name(const connx_model *model, connx_value_list list,
                                        size_t index, size_t axis, char **name, char **error);
/** Name, element type and element count of an initializer. */
connx_status connx_model_initializer_at(const connx_model *model, size_t index, char **name,
                                        connx_element_type *type, int64_t *element_count,
                                        char **error);

#ifdef __cplusplus
}
#endif
#endif /* CONNX_H */
