// libdeflate (Debian: libdeflate-dev), whole-buffer gzip decompression and a fast CRC-32 for the gzipped MNIST IDX files, PNG pictures and .npz archives. Imported only by NeuralNet/Zlib.swift.
#ifndef TUTOR_CDEFLATE_SHIM_H
#define TUTOR_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
