/* port.h — the `export` and `import` subcommands (docs/export-format.md): argv in, exit code
 * out (0 success, 1 failure, 2 usage error), like every other weeekd command. */
#ifndef PORT_PORT_H
#define PORT_PORT_H

#include <stdbool.h>

/* argv[0] is "export" or "import". */
int port_main(int argc, char **argv);
/* True when cmd is one of the commands port_main runs. */
bool port_is_command(const char *cmd);

#endif
