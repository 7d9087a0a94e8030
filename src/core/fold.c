/* fold.c — see fold.h. The one file that sees libunistring (tools/check_layers.sh).
 * Decision: libunistring's u8_casefold with the root locale (no language's special
 * rules, such as Turkish dotless i), so a search folds alike on any host and backend. */
#include "core/fold.h"
#include "core/arena.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>

#include "core/common.h"

static char *fold_ascii(struct arena *a, const char *s, size_t n)
{
    char *out = arena_strndup(a, s, n);
    for (size_t i = 0; out && i < n; i++)
        if (out[i] >= 'A' && out[i] <= 'Z')
            out[i] = (char)(out[i] - 'A' + 'a');
    return out;
}

char *fold_text(struct arena *a, const char *s)
{
    size_t n = strlen(s), len = 0;
    if (!n)
        return arena_strdup(a, "");
    errno = 0;
    uint8_t *f = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFC, NULL, &len);
    if (!f)
        return errno == ENOMEM ? NULL : fold_ascii(a, s, n);
    char *out = arena_strndup(a, (const char *)f, len);
    free(f);
    return out;
}
