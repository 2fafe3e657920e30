// zlib (Debian: zlib1g-dev), for the gzipped MNIST IDX files, PNG pictures and .npz archives. Imported only by NeuralNet/Zlib.swift.
#ifndef TUTOR_CZLIB_SHIM_H
#define TUTOR_CZLIB_SHIM_H
#include <zlib.h>
#endif
