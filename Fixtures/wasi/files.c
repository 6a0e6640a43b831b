// files: inside the preopened directory "/data", reads input.txt, writes its
// contents upper-cased to output.txt, lists the directory, and checks that
// a path leaving the preopen is refused. Exits non-zero on any surprise.
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    FILE *in = fopen("/data/input.txt", "r");
    if (!in) { perror("open input"); return 1; }
    char text[256];
    size_t length = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    text[length] = 0;
    for (size_t i = 0; i < length; i++) text[i] = (char)toupper((unsigned char)text[i]);

    FILE *out = fopen("/data/output.txt", "w");
    if (!out) { perror("open output"); return 2; }
    fputs(text, out);
    fclose(out);

    DIR *dir = opendir("/data");
    if (!dir) { perror("opendir"); return 3; }
    int entries = 0;
    struct dirent *entry;
    while ((entry = readdir(dir))) if (entry->d_name[0] != '.') entries++;
    closedir(dir);
    printf("read %zu bytes, %d entries\n", length, entries);

    if (fopen("/data/../etc/passwd", "r") != NULL) { puts("escaped the sandbox"); return 4; }
    printf("escape refused: %s\n", strerror(errno));
    return 0;
}
