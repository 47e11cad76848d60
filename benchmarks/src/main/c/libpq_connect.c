/*
 * libpq floor for the connection-setup harness: open, SELECT 1, close, N times in a row, and
 * print one line per connection with its wall-clock time in nanoseconds. Same loop as the Java
 * harness (ConnectHarness), so the figures compare directly.
 *
 * usage: libpq_connect "<conninfo>" <count>
 * Build: gcc -O2 -o libpq_connect libpq_connect.c -I$(pg_config --includedir) -lpq
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <libpq-fe.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <conninfo> <count>\n", argv[0]);
        return 2;
    }
    int count = atoi(argv[2]);
    for (int i = 0; i < count; i++) {
        long long start = now_ns();
        PGconn *conn = PQconnectdb(argv[1]);
        if (PQstatus(conn) != CONNECTION_OK) {
            /* the conninfo may hold a password: print libpq's message only */
            fprintf(stderr, "connection %d failed: %s", i, PQerrorMessage(conn));
            PQfinish(conn);
            return 1;
        }
        PGresult *res = PQexec(conn, "SELECT 1");
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            fprintf(stderr, "SELECT 1 failed: %s", PQerrorMessage(conn));
            PQclear(res);
            PQfinish(conn);
            return 1;
        }
        PQclear(res);
        PQfinish(conn);
        printf("%lld\n", now_ns() - start);
    }
    return 0;
}
