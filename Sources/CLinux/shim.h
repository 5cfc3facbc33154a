// Linux calls and flags Swift's Glibc module leaves out (nothing to link: the C library has them).
#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <unistd.h>

// glibc's value (2.26 and later), which its header names only with _GNU_SOURCE.
#ifndef POSIX_SPAWN_SETSID
#define POSIX_SPAWN_SETSID 0x80
#endif

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

// glibc 2.34 and later (declared only with _GNU_SOURCE); weak, so an older C library still links.
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *, int) __attribute__((weak));

// Starts `program` with `argv` in a session of its own (Ctrl+C and the terminal closing do not
// reach it), with the default signal handling, no signal blocked, /dev/null for its standard
// input and output, no other file, and no environment; not waited for. Returns 0, or the error number.
static inline int daicho_spawn_detached(const char *program, char *const argv[]) {
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_t actions;
    int error = posix_spawnattr_init(&attributes);
    if (error != 0) return error;
    error = posix_spawn_file_actions_init(&actions);
    if (error != 0) {
        posix_spawnattr_destroy(&attributes);
        return error;
    }
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGHUP);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    // Nor does it keep any other file open: a pipe it held would keep whoever reads our output
    // waiting for the end of it.
    if (posix_spawn_file_actions_addclosefrom_np) posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    char *const environment[] = { 0 };
    pid_t pid;
    error = posix_spawn(&pid, program, &actions, &attributes, argv, environment);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return error;
}
#endif
