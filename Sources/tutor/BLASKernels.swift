import Foundation
import NeuralNet

/// Makes OpenBLAS use the kernels this processor can run best.
///
/// OpenBLAS picks its kernels when it loads, before `main`, from the processor it finds — or
/// from `OPENBLAS_CORETYPE`. Debian's OpenBLAS 0.3.21 does not recognise some newer processors
/// and falls back to its SSE3 kernels (`Prescott`), which run the products of wide layers four
/// times slower than the AVX-512 ones the same processor has. tutor then has OpenBLAS choose
/// again, in the same process before any product, the kernels ``OpenBLASKernels/better`` names
/// (starting the program again with the variable set cost 13 ms more of startup). A variable
/// set by the user is never overridden.
enum BLASKernels {
    static func chooseTheBestKernels() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return }
        OpenBLASKernels.useBetter()
    }
}
