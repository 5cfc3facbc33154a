// Linux calls Swift's Glibc module leaves out (nothing to link: the C library has them).
#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

// renameat2(2) with RENAME_EXCHANGE (1 << 1): swaps two paths in one step, so there is never a
// moment with neither. Returns -1 with errno EINVAL where the file system cannot, ENOSYS where
// the kernel cannot (before Linux 3.15).
static inline int daicho_exchange(const char *first, const char *second) {
#if defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 1 << 1);
#else
    errno = ENOSYS;
    return -1;
#endif
}
#endif
