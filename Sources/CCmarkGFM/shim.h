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

// cmark-gfm grows its buffers with realloc, most often the block allocated last: that one grows
// in place when its chunk has room. Otherwise the data moves to a new block, which is not zeroed
// first (realloc leaves new bytes undefined, and cmark-gfm writes before it reads).
static inline void *daicho_arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return daicho_arena_calloc(1, size);
    unsigned char *block = (unsigned char *)pointer - 16;
    size_t old = *(size_t *)block;
    daicho_arena_chunk *chunk = daicho_arena_top;
    if (size > SIZE_MAX / 2) abort();
    size_t need = (size + 16 + 15) & ~(size_t)15;
    if (chunk != NULL) {
        uintptr_t data = (uintptr_t)(chunk + 1), at = (uintptr_t)block;
        size_t start = (size_t)(at - data);
        size_t oldNeed = (old + 16 + 15) & ~(size_t)15;
        if (at >= data && at - data < chunk->capacity && start + oldNeed == chunk->used && start + need <= chunk->capacity) {
            chunk->used = start + need;
            *(size_t *)block = size;
            return pointer;
        }
    }
    if (chunk == NULL || chunk->capacity - chunk->used < need) {
        void *fresh = daicho_arena_calloc(1, size);
        memcpy(fresh, pointer, old < size ? old : size);
        return fresh;
    }
    unsigned char *moved = (unsigned char *)(chunk + 1) + chunk->used;
    chunk->used += need;
    *(size_t *)moved = size;
    memcpy(moved + 16, pointer, old < size ? old : size);
    return moved + 16;
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
