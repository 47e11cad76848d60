/*
 * conninfo_dump: the libpq side of pgssl's differential parser test.
 *
 * Reads NUL-terminated connection strings from stdin. For each, calls PQconninfoParse and writes
 * one NUL-terminated record to stdout:
 *   "OK\n" then one "keyword\tvalue\n" line per keyword that has a value, or
 *   "ERR\t<message without trailing newline>\n".
 * In values and messages, backslash, tab and newline are written as \\, \t and \n.
 *
 * With "--merge <conninfo>", instead: starts a connection (PQconnectStart, never polled, so at
 * most one TCP SYN goes to the host given; the tests give 127.0.0.1 port 1) and prints what
 * PQconninfo reports after libpq merged the service file, environment and defaults:
 *   "OK\n" then "keyword\tvalue\n" per keyword with a value and "keyword\n" per keyword without,
 * or "ERR\t<message>\n" when libpq rejected the options before connecting.
 *
 * Build: gcc -I/usr/include/postgresql conninfo_dump.c -lpq -o conninfo_dump
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>

static void put_escaped(const char *s)
{
	for (; *s; s++)
	{
		if (*s == '\\')
			fputs("\\\\", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else
			putchar(*s);
	}
}

static int merge(const char *conninfo)
{
	PGconn	   *conn = PQconnectStart(conninfo);
	PQconninfoOption *opts;
	PQconninfoOption *o;
	const char *err;

	if (conn == NULL)
		return 2;
	err = PQerrorMessage(conn);
	/* option errors come before any connection attempt; connection failures name the server */
	if (PQstatus(conn) == CONNECTION_BAD && err[0] != '\0' && strstr(err, "connection to server") == NULL)
	{
		char	   *copy = strdup(err);
		size_t		n = strlen(copy);

		while (n > 0 && copy[n - 1] == '\n')
			copy[--n] = '\0';
		fputs("ERR\t", stdout);
		put_escaped(copy);
		putchar('\n');
		free(copy);
		PQfinish(conn);
		return 0;
	}
	opts = PQconninfo(conn);
	fputs("OK\n", stdout);
	for (o = opts; o != NULL && o->keyword != NULL; o++)
	{
		fputs(o->keyword, stdout);
		if (o->val != NULL)
		{
			putchar('\t');
			put_escaped(o->val);
		}
		putchar('\n');
	}
	PQconninfoFree(opts);
	PQfinish(conn);
	return 0;
}

int main(int argc, char **argv)
{
	size_t cap = 1 << 16;
	char *buf = malloc(cap);
	size_t len = 0;
	int c;

	if (argc == 3 && strcmp(argv[1], "--merge") == 0)
		return merge(argv[2]);
	if (buf == NULL)
		return 2;
	while ((c = getchar()) != EOF)
	{
		if (len + 1 >= cap)
		{
			cap *= 2;
			buf = realloc(buf, cap);
			if (buf == NULL)
				return 2;
		}
		buf[len++] = (char) c;
		if (c == '\0')
		{
			char *err = NULL;
			PQconninfoOption *opts = PQconninfoParse(buf, &err);

			if (opts == NULL)
			{
				size_t n = err ? strlen(err) : 0;

				while (n > 0 && err[n - 1] == '\n')
					err[--n] = '\0';
				fputs("ERR\t", stdout);
				put_escaped(err ? err : "(out of memory)");
				putchar('\n');
				if (err)
					PQfreemem(err);
			}
			else
			{
				PQconninfoOption *o;

				fputs("OK\n", stdout);
				for (o = opts; o->keyword != NULL; o++)
				{
					if (o->val == NULL)
						continue;
					fputs(o->keyword, stdout);
					putchar('\t');
					put_escaped(o->val);
					putchar('\n');
				}
				PQconninfoFree(opts);
			}
			putchar('\0');
			fflush(stdout);
			len = 0;
		}
	}
	free(buf);
	return 0;
}
