// OpenBLAS' CBLAS interface (Debian: libopenblas-dev). Imported only by NeuralNet/Matrix+BLAS.swift.
#ifndef TUTOR_CBLAS_SHIM_H
#define TUTOR_CBLAS_SHIM_H
#include <cblas.h>

/// Sets the number of threads OpenBLAS uses for the following calls.
static inline void tutor_blas_set_threads(int threads) { openblas_set_num_threads(threads); }
/// The number of threads OpenBLAS would use.
static inline int tutor_blas_threads(void) { return openblas_get_num_threads(); }
#endif
