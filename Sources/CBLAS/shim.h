// OpenBLAS' CBLAS interface (Debian: libopenblas-dev). Imported only by NeuralNet/Matrix+BLAS.swift.
#ifndef TUTOR_CBLAS_SHIM_H
#define TUTOR_CBLAS_SHIM_H
#include <cblas.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

/// Sets the number of threads OpenBLAS uses for the following calls.
static inline void tutor_blas_set_threads(int threads) { openblas_set_num_threads(threads); }
/// The number of threads OpenBLAS would use.
static inline int tutor_blas_threads(void) { return openblas_get_num_threads(); }

/// The OpenBLAS kernels ("core", as OPENBLAS_CORETYPE names them) that tutor runs its products
/// with on this processor: `Haswell` (AVX2 and FMA) on every x86-64 processor that has those,
/// whatever OpenBLAS itself would pick (`Zen`, `SkylakeX`, …, or, for newer Xeons that Debian's
/// 0.3.21 does not recognise, the SSE3 `Prescott` ones), so that the same seed gives the same
/// bits on all of them; NULL elsewhere (OpenBLAS' own choice stands).
static inline const char *tutor_blas_pinned_core(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
    return NULL;
}

/// Makes OpenBLAS use the kernels `core` names (as OPENBLAS_CORETYPE would have, had it been set
/// when OpenBLAS loaded) from now on; 1 when they are in use afterwards. Only before the first
/// BLAS call. OpenBLAS built for several processors (DYNAMIC_ARCH, as Debian's is) chooses once,
/// in `gotoblas_dynamic_init`; `gotoblas_dynamic_quit` forgets the choice, and choosing again
/// with the variable set takes `core`. The variable is then put back as it was. Found at run
/// time: an OpenBLAS built for one processor has neither function, and keeps its kernels.
static inline int tutor_blas_use_core(const char *core) {
    void (*quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    if (quit == NULL || init == NULL || core == NULL) return 0;
    const char *before = getenv("OPENBLAS_CORETYPE");
    char *kept = before ? strdup(before) : NULL;
    setenv("OPENBLAS_CORETYPE", core, 1);
    quit();
    init();
    if (kept) { setenv("OPENBLAS_CORETYPE", kept, 1); free(kept); } else { unsetenv("OPENBLAS_CORETYPE"); }
    const char *now = openblas_get_corename();
    return now != NULL && strcasecmp(now, core) == 0;
}
#endif
