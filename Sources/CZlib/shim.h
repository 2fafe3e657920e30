// zlib (Debian: zlib1g-dev), for PNG pictures' zlib streams and the reason a gzipped MNIST file is damaged. Imported only by NeuralNet/Zlib.swift.
#ifndef TUTOR_CZLIB_SHIM_H
#define TUTOR_CZLIB_SHIM_H
#include <zlib.h>
#endif
