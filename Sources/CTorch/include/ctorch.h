/* Plain C interface to libtorch. See ctorch_* functions. */
#ifndef CTORCH_H
#define CTORCH_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#ifdef __cplusplus
extern "C" {
#endif
/** Version string of the linked libtorch, e.g. "1.13.1". Never NULL. */
const char *ctorch_version(void);
#ifdef __cplusplus
}
#endif
#endif
