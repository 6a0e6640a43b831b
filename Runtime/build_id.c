// The build ID of the object this file is linked into, read from its
// PT_NOTE segments through dl_iterate_phdr (no file access).
#define _GNU_SOURCE
#include "wasmex_build_id.h"
#include <elf.h>
#include <link.h>
#include <string.h>

struct build_id_search {
    uintptr_t address;      // an address inside the object we want
    uint8_t *out;
    size_t capacity;
    size_t length;
};

static int contains_address(const struct dl_phdr_info *info, uintptr_t address) {
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_LOAD) continue;
        uintptr_t start = info->dlpi_addr + header->p_vaddr;
        if (address >= start && address - start < header->p_memsz) return 1;
    }
    return 0;
}

static int visit(struct dl_phdr_info *info, size_t size, void *context) {
    (void)size;
    struct build_id_search *search = context;
    if (!contains_address(info, search->address)) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_NOTE) continue;
        const uint8_t *note = (const uint8_t *)(info->dlpi_addr + header->p_vaddr);
        size_t remaining = header->p_memsz;
        while (remaining >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *entry = (const ElfW(Nhdr) *)note;
            size_t name_size = (entry->n_namesz + 3u) & ~(size_t)3u;
            size_t desc_size = (entry->n_descsz + 3u) & ~(size_t)3u;
            size_t total = sizeof(ElfW(Nhdr)) + name_size + desc_size;
            if (total > remaining) break;
            const char *name = (const char *)(note + sizeof(ElfW(Nhdr)));
            if (entry->n_type == NT_GNU_BUILD_ID && entry->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                const uint8_t *id = note + sizeof(ElfW(Nhdr)) + name_size;
                search->length = entry->n_descsz;
                memcpy(search->out, id, entry->n_descsz < search->capacity ? entry->n_descsz : search->capacity);
                return 1;
            }
            note += total;
            remaining -= total;
        }
    }
    return 1;   // the right object, but it has no build ID
}

size_t wasmex_build_id(uint8_t *out, size_t capacity) {
    struct build_id_search search = { (uintptr_t)&wasmex_build_id, out, capacity, 0 };
    dl_iterate_phdr(visit, &search);
    return search.length;
}
