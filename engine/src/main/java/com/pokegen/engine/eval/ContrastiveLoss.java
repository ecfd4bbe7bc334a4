package com.pokegen.engine.eval;

import ai.djl.ndarray.NDArray;

/**
 * CLIP's symmetric InfoNCE loss (Radford et al., 2021, Fig. 3; van den Oord et al., 2018) with
 * soft targets: logits = s·I·Tᵀ over unit-norm image rows I and text rows T, and
 *
 * <pre>  L = ½ [ −Σᵢ Σⱼ Yᵢⱼ log softmax_j(logits)ᵢⱼ / B − Σⱼ Σᵢ Yᵢⱼ log softmax_i(logits)ᵢⱼ / B ]</pre>
 *
 * where Yᵢⱼ spreads each row's mass over every pair sharing its caption. With unique captions Y
 * is the identity and this is CLIP's loss; with repeated captions (many images, one caption) it
 * stops pushing apart pairs that are in fact positives.
 */
final class ContrastiveLoss {

    private ContrastiveLoss() {}

    /**
     * @param images (B, E) unit rows
     * @param texts (B, E) unit rows
     * @param scale (1) inverse temperature
     * @param targets (B, B) symmetric, rows summing to 1
     * @return scalar loss
     */
    static NDArray symmetricInfoNce(NDArray images, NDArray texts, NDArray scale, NDArray targets) {
        NDArray logits = images.matMul(texts.transpose()).mul(scale); // (B, B)
        NDArray imageToText = targets.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg().mean();
        NDArray textToImage = targets.mul(logits.logSoftmax(0)).sum(new int[] {0}).neg().mean();
        return com.pokegen.engine.model.nn.Tensors.div(imageToText.add(textToImage), 2);
    }

    /** Y for a batch: Yᵢⱼ = 1/|{k : cₖ = cᵢ}| if cⱼ = cᵢ, else 0. (B, B) row-major */
    static float[] sameCaptionTargets(int[] captionIds) {
        int b = captionIds.length;
        float[] y = new float[b * b];
        for (int i = 0; i < b; i++) {
            int same = 0;
            for (int j = 0; j < b; j++) {
                same += captionIds[j] == captionIds[i] ? 1 : 0;
            }
            for (int j = 0; j < b; j++) {
                y[i * b + j] = captionIds[j] == captionIds[i] ? 1f / same : 0f;
            }
        }
        return y;
    }
}
