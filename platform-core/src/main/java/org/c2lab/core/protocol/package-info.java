/**
 * The C2 protocol (Xu et al. 2024): C2-Eval prefills, C2-Syn cut points, six-way ranking and
 * 15-pair expansion, the C2-Syn request filter, and the constants they use.
 *
 * <p>Every constant is data under {@code org/c2lab/core/protocol/} (attributed to the paper and its
 * reference code) loaded by {@link org.c2lab.core.protocol.ProtocolResources} and overridable per
 * run through {@link org.c2lab.core.protocol.ProtocolConfig}. Randomness is seeded and derived per
 * request (see {@link org.c2lab.core.protocol.Prefiller} and {@link
 * org.c2lab.core.protocol.SynPlanner}), so results do not depend on order, batching or threads.
 * Chat templating and generation live elsewhere: this package produces and consumes plain text.
 */
package org.c2lab.core.protocol;
