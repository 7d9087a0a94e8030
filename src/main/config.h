/* config.h — the configuration file (--config FILE, default /etc/weeekd/weeekd.conf when
 * it exists): one "key = value" a line, keys are the long option names without "--",
 * '#' starts a comment line, a value may be wrapped in double quotes. The caller decides
 * what each key means; precedence (command line > environment > file > default) is
 * main.c's. */
#ifndef MAIN_CONFIG_H
#define MAIN_CONFIG_H

#define CONFIG_DEFAULT_PATH "/etc/weeekd/weeekd.conf"

/* set() gets each key and value (both live until exit) and "FILE:LINE" for messages;
 * it returns 0 or prints its own error and returns nonzero, which stops the read. */
typedef int (*config_set_fn)(void *ctx, const char *key, const char *value, const char *where);

/* Read path. 0, or nonzero after printing one line on stderr (cannot read, bad line, or
 * what set returned). */
int config_read(const char *path, config_set_fn set, void *ctx);

#endif
