/* ceiling.c — the fastest answer libmicrohttpd can give on this machine, set up the way
 * weeekd sets it up (src/http/server.c): the same daemon flags, thread pool, timeout,
 * connection limits and per-connection memory pool, a listening socket bound by us and
 * handed over, and the answer queued on the second access-handler call (answering on the
 * first makes the library close the connection). Every request gets the same ~100-byte
 * JSON body with Content-Type: application/json; the response object is created and
 * destroyed per request, as weeekd does. No store, no routing, no JSON, no logging:
 * weeekd's requests/s divided by this one's is the share of the HTTP ceiling it reaches.
 *
 * Usage: ceiling PORT [THREADS]   (PORT 0 picks a free one; THREADS defaults to 4, weeekd's
 *                                  default). Prints "listening on 127.0.0.1:PORT" on stdout,
 *                                  then serves until SIGINT or SIGTERM.
 * Build: gcc -std=c17 -O2 -o ceiling ceiling.c $(pkg-config --cflags --libs libmicrohttpd) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* the same values as weeekd's defaults (src/http/server.h, src/main/main.c) */
#define MEMORY_LIMIT       65536u
#define CONN_TIMEOUT_S     30u
#define MAX_CONNS          1000u
#define MAX_CONNS_PER_IP   500u

static const char BODY[] =
    "{\"success\":true,\"tag\":{\"id\":1,\"title\":\"ceiling benchmark\","
    "\"color\":\"#3fb3c4\",\"note\":\"fixed body\"}}";

/* weeekd keeps a struct per request in *req_cls; a marker is enough here */
static int seen_marker;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    if (*req_cls == NULL) { /* first call: headers only */
        *req_cls = &seen_marker;
        return MHD_YES;
    }
    if (*upload_data_size) { /* a body chunk: drop it */
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(
        sizeof(BODY) - 1, (void *)(uintptr_t)BODY, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    enum MHD_Result ret = MHD_queue_response(con, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: ceiling PORT [THREADS]\n");
        return 2;
    }
    long port = strtol(argv[1], NULL, 10);
    long threads = argc > 2 ? strtol(argv[2], NULL, 10) : 4;
    if (port < 0 || port > 65535 || threads < 1 || threads > 256) {
        fprintf(stderr, "ceiling: bad PORT or THREADS\n");
        return 2;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        perror("ceiling: socket");
        return 1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 1024)) {
        fprintf(stderr, "ceiling: cannot listen on 127.0.0.1:%ld: %s\n", port, strerror(errno));
        return 1;
    }
    socklen_t sl = sizeof(a);
    getsockname(fd, (struct sockaddr *)&a, &sl);

    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_LISTEN_SOCKET, fd,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT,
        CONN_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT, MAX_CONNS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, MAX_CONNS_PER_IP, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)MEMORY_LIMIT, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "ceiling: MHD_start_daemon failed\n");
        close(fd);
        return 1;
    }
    printf("listening on 127.0.0.1:%u\n", (unsigned)ntohs(a.sin_port));
    fflush(stdout);

    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    while (!stop)
        pause();
    MHD_stop_daemon(d);
    close(fd);
    return 0;
}
