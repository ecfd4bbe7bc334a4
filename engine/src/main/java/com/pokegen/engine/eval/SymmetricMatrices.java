package com.pokegen.engine.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Functions of symmetric positive semi-definite matrices through the symmetric eigendecomposition
 * A = V·diag(λ)·Vᵀ. Round-off can leave tiny negative eigenvalues on PSD inputs; they are clamped
 * to 0, which is the nearest PSD matrix and keeps square roots real (scipy's general
 * {@code sqrtm} instead returns complex parts that FID code then has to discard).
 */
final class SymmetricMatrices {

    private SymmetricMatrices() {}

    /** (A + Aᵀ)/2, removing the asymmetry that products like B·C·B pick up from round-off. */
    static DMatrixRMaj symmetrise(DMatrixRMaj a) {
        DMatrixRMaj t = new DMatrixRMaj(a.numCols, a.numRows);
        CommonOps_DDRM.transpose(a, t);
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.add(0.5, a, 0.5, t, out);
        return out;
    }

    /** Eigenvalues of a symmetric matrix (unordered). */
    static double[] eigenvalues(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(symmetric, false);
        double[] values = new double[symmetric.numRows];
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        return values;
    }

    /** The PSD square root V·diag(√max(λ, 0))·Vᵀ. */
    static DMatrixRMaj sqrtPsd(DMatrixRMaj symmetric) {
        int n = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(symmetric, true);
        DMatrixRMaj scaled = new DMatrixRMaj(n, n); // columns v_i·√λ_i
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            double root = Math.sqrt(Math.max(eig.getEigenvalue(i).getReal(), 0));
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int r = 0; r < n; r++) {
                vectors.unsafe_set(r, i, v.get(r));
                scaled.unsafe_set(r, i, v.get(r) * root);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(scaled, vectors, out); // Σ_i √λ_i v_i v_iᵀ
        return symmetrise(out);
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj symmetric, boolean vectors) {
        if (symmetric.numRows != symmetric.numCols) {
            throw new IllegalArgumentException("matrix is not square: " + symmetric.numRows + "×" + symmetric.numCols);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, vectors, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new IllegalStateException("symmetric eigendecomposition did not converge ("
                    + symmetric.numRows + "×" + symmetric.numRows + "); the covariance may contain NaN or Inf");
        }
        return eig;
    }
}
