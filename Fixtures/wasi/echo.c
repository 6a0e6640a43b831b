// echo: copies standard input to standard output (the Wasmex pipe example).
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buffer[4096];
    ssize_t count;
    while ((count = read(0, buffer, sizeof buffer)) > 0) {
        ssize_t written = 0;
        while (written < count) {
            ssize_t n = write(1, buffer + written, (size_t)(count - written));
            if (n < 0) return 1;
            written += n;
        }
    }
    return count < 0 ? 2 : 0;
}
