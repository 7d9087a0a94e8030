/* notify.h — systemd's readiness protocol (sd_notify(3)) without libsystemd: when
 * $NOTIFY_SOCKET names a socket (a Type=notify service), one datagram says READY=1 once
 * the server listens and STOPPING=1 when it begins to drain. Without the variable it does
 * nothing. The protocol is a stable, documented interface: a datagram of "KEY=VALUE"
 * lines to a unix socket, whose name starts with '@' for the abstract namespace. */
#ifndef MAIN_NOTIFY_H
#define MAIN_NOTIFY_H

/* Send state (e.g. "READY=1"); 0 when sent or not asked for, -1 on failure. */
int notify_systemd(const char *state);

#endif
