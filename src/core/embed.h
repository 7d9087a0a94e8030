/* embed.h — a file compiled into the binary by tools/embed.sh (migrations, the OpenAPI
 * document, the web interface): an array of these ends with {NULL, NULL, 0}. The data is
 * static and lives as long as the process; data[len] is a NUL. */
#ifndef CORE_EMBED_H
#define CORE_EMBED_H

#include <stddef.h>

struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};

#endif
