#include <stdio.h>
#include <libpq-fe.h>
int main(int argc, char **argv) {
    char *err = NULL;
    PQconninfoOption *o = PQconninfoParse(argv[1], &err);
    if (!o) { printf("ERROR\t%s", err ? err : ""); return 2; }
    for (PQconninfoOption *p = o; p->keyword; p++) if (p->val) printf("%s\t%s\n", p->keyword, p->val);
    PQconninfoFree(o);
    return 0;
}
