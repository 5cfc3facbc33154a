#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// A per-thread arena for cmark-gfm's parser (`cmark_mem`): a document is parsed into a few
// hundred small blocks (nodes, buffers, delimiters), each a calloc/free pair with the default
// allocator; from the arena they are a pointer bump, freed all at once by
// `daicho_arena_reset` when the document is rendered and its tree freed. cmark-gfm ships the same
// idea (`cmark_get_arena_mem_allocator`), but with one arena for the whole process, which
// documents parsed on several threads at once cannot share.

typedef struct daicho_arena_chunk {
    struct daicho_arena_chunk *previous;
    size_t capacity;
    size_t used;
    size_t padding;  // keeps the data after this header 16-byte aligned
} daicho_arena_chunk;

static _Thread_local daicho_arena_chunk *daicho_arena_top = NULL;

// Each block: its size in a 16-byte header (for realloc), then the data.
static inline void *daicho_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > (SIZE_MAX / 2) / size) abort();
    size_t data = count * size;
    size_t need = (data + 16 + 15) & ~(size_t)15;
    daicho_arena_chunk *chunk = daicho_arena_top;
    if (chunk == NULL || chunk->capacity - chunk->used < need) {
        size_t capacity = need > 262144 ? need : 262144;
        daicho_arena_chunk *fresh = (daicho_arena_chunk *)malloc(sizeof(daicho_arena_chunk) + capacity);
        if (fresh == NULL) abort();
        fresh->previous = chunk;
        fresh->capacity = capacity;
        fresh->used = 0;
        daicho_arena_top = chunk = fresh;
    }
    unsigned char *block = (unsigned char *)(chunk + 1) + chunk->used;
    chunk->used += need;
    *(size_t *)block = data;
    memset(block + 16, 0, data);
    return block + 16;
}

static inline void *daicho_arena_realloc(void *pointer, size_t size) {
    void *moved = daicho_arena_calloc(1, size);
    if (pointer != NULL) {
        size_t old = *(size_t *)((unsigned char *)pointer - 16);
        memcpy(moved, pointer, old < size ? old : size);
    }
    return moved;
}

static inline void daicho_arena_free(void *pointer) {
    (void)pointer;  // everything goes at the reset
}

// The allocator to give `cmark_parser_new_with_mem`.
static inline cmark_mem *daicho_arena_mem(void) {
    static cmark_mem allocator = {daicho_arena_calloc, daicho_arena_realloc, daicho_arena_free};
    return &allocator;
}

// Frees the thread's blocks, keeping the first chunk for the next document. Only when nothing
// allocated from the arena on this thread is still in use.
static inline void daicho_arena_reset(void) {
    daicho_arena_chunk *chunk = daicho_arena_top;
    while (chunk != NULL && chunk->previous != NULL) {
        daicho_arena_chunk *previous = chunk->previous;
        free(chunk);
        chunk = previous;
    }
    if (chunk != NULL) chunk->used = 0;
    daicho_arena_top = chunk;
}
