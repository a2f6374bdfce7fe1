#include "ctorch.h"
#include <torch/version.h>
extern "C" const char *ctorch_version(void) { return TORCH_VERSION; }
