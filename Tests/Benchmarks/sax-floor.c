/* The floor for the parse benchmark: walks every file under a folder with libxml2's SAX2
 * push parser, with the same safe options as chipwatch and handlers that do nothing.
 * Prints "bytes seconds" for the best of ROUNDS rounds. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <libxml/parser.h>

typedef struct { char *data; size_t size; } Input;
static Input *inputs; static size_t count, capacity;

static void load(const char *path) {
    DIR *dir = opendir(path);
    if (!dir) return;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (entry->d_name[0] == '.') continue;
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, entry->d_name);
        struct stat st;
        if (stat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) { load(full); continue; }
        size_t n = strlen(entry->d_name);
        if (!((n > 4 && !strcmp(entry->d_name + n - 4, ".xml")) || (n > 4 && !strcmp(entry->d_name + n - 4, ".rss"))
              || (n > 5 && !strcmp(entry->d_name + n - 5, ".atom")))) continue;
        FILE *f = fopen(full, "rb");
        if (!f) continue;
        if (count == capacity) { capacity = capacity ? capacity * 2 : 256; inputs = realloc(inputs, capacity * sizeof *inputs); }
        inputs[count].data = malloc(st.st_size ? st.st_size : 1);
        inputs[count].size = fread(inputs[count].data, 1, st.st_size, f);
        fclose(f);
        count++;
    }
    closedir(dir);
}

static void silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: sax-floor DIR [ROUNDS]\n"); return 64; }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    load(argv[1]);
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    int options = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    double best = 1e30; size_t bytes = 0;
    for (int r = 0; r < rounds; r++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        bytes = 0;
        for (size_t i = 0; i < count; i++) {
            size_t head = inputs[i].size < 4 ? inputs[i].size : 4;
            xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, inputs[i].data, (int)head, NULL);
            if (!ctxt) continue;
            xmlCtxtUseOptions(ctxt, options);
            for (size_t off = head; off < inputs[i].size; off += 65536) {
                size_t n = inputs[i].size - off < 65536 ? inputs[i].size - off : 65536;
                xmlParseChunk(ctxt, inputs[i].data + off, (int)n, 0);
            }
            xmlParseChunk(ctxt, NULL, 0, 1);
            if (ctxt->myDoc) xmlFreeDoc(ctxt->myDoc);
            xmlFreeParserCtxt(ctxt);
            bytes += inputs[i].size;
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        if (s < best) best = s;
    }
    printf("%zu %f %zu\n", bytes, best, count);
    return 0;
}
