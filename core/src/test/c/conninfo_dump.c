/*
 * conninfo_dump: the libpq side of pgssl's differential parser test.
 *
 * Reads NUL-terminated connection strings from stdin. For each, calls PQconninfoParse and writes
 * one NUL-terminated record to stdout:
 *   "OK\n" then one "keyword\tvalue\n" line per keyword that has a value, or
 *   "ERR\t<message without trailing newline>\n".
 * In values and messages, backslash, tab and newline are written as \\, \t and \n.
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

int main(void)
{
	size_t cap = 1 << 16;
	char *buf = malloc(cap);
	size_t len = 0;
	int c;

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
