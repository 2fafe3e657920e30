// zlib (Debian: zlib1g-dev), for the gzipped MNIST IDX files. Imported only by NeuralNet/GzipFile.swift.
#ifndef TUTOR_CZLIB_SHIM_H
#define TUTOR_CZLIB_SHIM_H
#include <zlib.h>
#endif
