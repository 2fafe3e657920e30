import Foundation
import NeuralNet

/// Makes OpenBLAS use the kernels this processor can run best.
///
/// OpenBLAS picks its kernels when it loads, before `main`, from the processor it finds — or
/// from `OPENBLAS_CORETYPE`. Debian's OpenBLAS 0.3.21 does not recognise some newer processors
/// and falls back to its SSE3 kernels (`Prescott`), which run the products of wide layers four
/// times slower than the AVX-512 ones the same processor has. tutor then starts itself again,
/// once, with `OPENBLAS_CORETYPE` naming the right ones (`OpenBLASKernels.better`); a variable set
/// by the user is never overridden, and, set, it also keeps the restart from happening twice.
enum BLASKernels {
    static func startWithTheRightKernels() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, let core = OpenBLASKernels.better else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when the restart failed: go on with the kernels OpenBLAS chose.
    }
}
