/* config.c — see config.h. The file is small and read once at start. */
#include "main/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

/* every key and value read, kept reachable from here until exit (they become option
 * values, which live as long as the process) */
struct kept {
    struct kept *next;
    char text[];
};
static struct kept *kept;

static char *keep(const char *s)
{
    size_t n = strlen(s) + 1;
    struct kept *k = malloc(sizeof(*k) + n);
    if (!k)
        return NULL;
    memcpy(k->text, s, n);
    k->next = kept;
    kept = k;
    return k->text;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

int config_read(const char *path, config_set_fn set, void *ctx)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "weeekd: cannot read the configuration file %s: %s\n", path,
                strerror(errno));
        return 1;
    }
    char line[4096];
    int lineno = 0, rc = 0;
    while (!rc && fgets(line, sizeof(line), f)) {
        lineno++;
        char where[512];
        snprintf(where, sizeof(where), "%s:%d", path, lineno);
        if (!strchr(line, '\n') && !feof(f)) {
            fprintf(stderr, "weeekd: %s: line longer than %zu bytes\n", where, sizeof(line) - 2);
            rc = 1;
            break;
        }
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            fprintf(stderr, "weeekd: %s: expected 'key = value', not '%s'\n", where, s);
            rc = 1;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        size_t vn = strlen(value);
        if (vn >= 2 && value[0] == '"' && value[vn - 1] == '"') {
            value[vn - 1] = '\0';
            value++;
        }
        const char *k = keep(key), *v = keep(value);
        if (!k || !v) {
            fprintf(stderr, "weeekd: out of memory\n");
            rc = 1;
            break;
        }
        rc = set(ctx, k, v, where);
    }
    if (!rc && ferror(f)) {
        fprintf(stderr, "weeekd: cannot read the configuration file %s\n", path);
        rc = 1;
    }
    fclose(f);
    return rc;
}
