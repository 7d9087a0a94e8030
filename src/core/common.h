/* common.h — included first by every project .c file after its own header.
 * Standard headers every module uses, small helpers, and banned.h last. */
#ifndef COMMON_H
#define COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x)    ((void)(x))

#include "core/banned.h"

#endif
