// OpenBLAS' CBLAS interface (Debian: libopenblas-dev). Imported only by NeuralNet/Matrix+BLAS.swift.
#ifndef TUTOR_CBLAS_SHIM_H
#define TUTOR_CBLAS_SHIM_H
#include <cblas.h>
#include <string.h>

/// Sets the number of threads OpenBLAS uses for the following calls.
static inline void tutor_blas_set_threads(int threads) { openblas_set_num_threads(threads); }
/// The number of threads OpenBLAS would use.
static inline int tutor_blas_threads(void) { return openblas_get_num_threads(); }

/// The OpenBLAS kernels ("core", as OPENBLAS_CORETYPE names them) that suit this processor, when
/// OpenBLAS did not recognise it and fell back to its oldest x86-64 ones (Prescott: SSE3, four
/// times slower on the products of wide layers); NULL when OpenBLAS chose for itself. Debian's
/// OpenBLAS 0.3.21 does not know some newer Xeons, which have AVX-512 all the same.
static inline const char *tutor_blas_better_core(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    const char *name = openblas_get_corename();
    if (name == NULL || strcmp(name, "Prescott") != 0) return NULL;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd")) return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
    return NULL;
}
#endif
