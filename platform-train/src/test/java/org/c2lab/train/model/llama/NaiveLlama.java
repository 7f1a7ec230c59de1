package org.c2lab.train.model.llama;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.RopeScaling;
import org.c2lab.train.model.RotaryEmbedding;
import org.c2lab.train.safetensors.TensorSource;

/**
 * A plain-Java forward pass of the Llama-like families written straight from transformers'
 * modeling_llama.py and its relatives, with double accumulators and no DJL: the independent
 * reference our DJL models are checked against. What each architecture changes is written here from
 * transformers, not taken from the production families:
 *
 * <ul>
 *   <li>Phi-3: q/k/v read as row ranges of {@code qkv_proj}, gate/up of {@code gate_up_proj}
 *       (modeling_phi3); longrope frequencies and attention factor computed here;
 *   <li>GLM: gate/up from {@code gate_up_proj}; the rotary embedding turns interleaved pairs (2i,
 *       2i+1) of the first {@code partial_rotary_factor x head_dim} dimensions (modeling_glm);
 *   <li>Mistral, Phi-3: a query at i sees keys j with {@code i - sliding_window < j <= i};
 *   <li>biases: whatever bias tensors the checkpoint has are added.
 * </ul>
 *
 * Only the llama3 and linear rope scalings come from {@link RotaryEmbedding} (tested on their own).
 */
final class NaiveLlama {
  private final ModelConfig c;
  private final Map<String, float[]> w = new HashMap<>();
  private final boolean interleaved;
  private final Integer window;

  NaiveLlama(ModelConfig config, TensorSource weights) throws IOException {
    this.c = config;
    for (String name : weights.names()) {
      w.put(name, weights.readFloats(name));
    }
    String arch = config.architecture();
    interleaved = arch.equals("GlmForCausalLM");
    window =
        arch.equals("MistralForCausalLM") || arch.equals("Phi3ForCausalLM")
            ? config.slidingWindow()
            : null;
    splitFused();
  }

  /** Phi-3 and GLM store some projections fused; name the parts as Llama does. */
  private void splitFused() {
    int hidden = c.hiddenSize();
    int q = c.numAttentionHeads() * c.headDim();
    int kv = c.numKeyValueHeads() * c.headDim();
    int inter = c.intermediateSize();
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      float[] qkv = w.remove(p + "self_attn.qkv_proj.weight");
      if (qkv != null) {
        w.put(p + "self_attn.q_proj.weight", slice(qkv, 0, q * hidden));
        w.put(p + "self_attn.k_proj.weight", slice(qkv, q * hidden, kv * hidden));
        w.put(p + "self_attn.v_proj.weight", slice(qkv, (q + kv) * hidden, kv * hidden));
      }
      float[] gateUp = w.remove(p + "mlp.gate_up_proj.weight");
      if (gateUp != null) {
        w.put(p + "mlp.gate_proj.weight", slice(gateUp, 0, inter * hidden));
        w.put(p + "mlp.up_proj.weight", slice(gateUp, inter * hidden, inter * hidden));
      }
    }
  }

  /** Logits {@code [tokens][vocab]} for one sequence starting at position 0. */
  float[][] forward(long[] ids) {
    int t = ids.length;
    int hidden = c.hiddenSize();
    int d = c.headDim();
    int heads = c.numAttentionHeads();
    int kvHeads = c.numKeyValueHeads();
    Rope rope = rope(t);
    float[][] x = new float[t][];
    for (int i = 0; i < t; i++) {
      x[i] = slice(w.get("model.embed_tokens.weight"), (int) ids[i] * hidden, hidden);
    }
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      float[][] q = new float[t][];
      float[][] k = new float[t][];
      float[][] v = new float[t][];
      for (int i = 0; i < t; i++) {
        float[] h = rmsNorm(x[i], w.get(p + "input_layernorm.weight"));
        q[i] = rope.apply(linear(h, p + "self_attn.q_proj"), i, heads, d);
        k[i] = rope.apply(linear(h, p + "self_attn.k_proj"), i, kvHeads, d);
        v[i] = linear(h, p + "self_attn.v_proj");
      }
      for (int i = 0; i < t; i++) {
        int first = window == null ? 0 : Math.max(0, i - window + 1);
        float[] attn = new float[heads * d];
        for (int hh = 0; hh < heads; hh++) {
          int kvh = hh / (heads / kvHeads);
          double[] scores = new double[i + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = first; j <= i; j++) {
            double s = 0;
            for (int e = 0; e < d; e++) {
              s += q[i][hh * d + e] * k[j][kvh * d + e];
            }
            scores[j] = s / Math.sqrt(d);
            max = Math.max(max, scores[j]);
          }
          double sum = 0;
          for (int j = first; j <= i; j++) {
            scores[j] = Math.exp(scores[j] - max);
            sum += scores[j];
          }
          for (int e = 0; e < d; e++) {
            double o = 0;
            for (int j = first; j <= i; j++) {
              o += scores[j] / sum * v[j][kvh * d + e];
            }
            attn[hh * d + e] = (float) o;
          }
        }
        x[i] = add(x[i], linear(attn, p + "self_attn.o_proj"));
        float[] h = rmsNorm(x[i], w.get(p + "post_attention_layernorm.weight"));
        float[] gate = linear(h, p + "mlp.gate_proj");
        float[] up = linear(h, p + "mlp.up_proj");
        for (int e = 0; e < gate.length; e++) {
          gate[e] = (float) (gate[e] / (1 + Math.exp(-gate[e])) * up[e]);
        }
        x[i] = add(x[i], linear(gate, p + "mlp.down_proj"));
      }
    }
    String head = c.tieWordEmbeddings() ? "model.embed_tokens" : "lm_head";
    float[][] logits = new float[t][];
    for (int i = 0; i < t; i++) {
      logits[i] = linear(rmsNorm(x[i], w.get("model.norm.weight")), head);
    }
    return logits;
  }

  /** The rotary embedding of a {@code length}-position sequence. */
  private Rope rope(int length) {
    int r = (int) (c.headDim() * c.partialRotaryFactor());
    double[] inv = new double[r / 2];
    double factor = 1;
    RopeScaling rs = c.ropeScaling();
    if (rs == null || rs.type().equals("longrope") || rs.type().equals("su")) {
      double[] ext = new double[r / 2];
      java.util.Arrays.fill(ext, 1);
      if (rs != null) {
        // modeling_rope_utils._compute_longrope_parameters with a top-level original context.
        int original = c.originalMaxPositionEmbeddings();
        float[] chosen = rs.numbers(length > original ? "long_factor" : "short_factor", r / 2);
        for (int i = 0; i < ext.length; i++) {
          ext[i] = chosen[i];
        }
        double scale = (double) c.maxPositionEmbeddings() / original;
        factor = scale <= 1 ? 1 : Math.sqrt(1 + Math.log(scale) / Math.log(original));
      }
      for (int i = 0; i < inv.length; i++) {
        inv[i] = 1 / (ext[i] * Math.pow(c.ropeTheta(), 2.0 * i / r));
      }
    } else {
      float[] f = RotaryEmbedding.inverseFrequencies(c);
      for (int i = 0; i < inv.length; i++) {
        inv[i] = f[i];
      }
    }
    return new Rope(inv, r, factor, interleaved);
  }

  /** Rotates the first {@code r} dimensions of each head by position; the rest pass through. */
  private record Rope(double[] inv, int r, double factor, boolean interleaved) {
    float[] apply(float[] in, int pos, int heads, int d) {
      float[] out = in.clone();
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < r / 2; i++) {
          double angle = pos * inv[i];
          double cos = Math.cos(angle) * factor;
          double sin = Math.sin(angle) * factor;
          // rotate_half pairs i with i + r/2; GLM's interleaved form pairs 2i with 2i + 1.
          int a = h * d + (interleaved ? 2 * i : i);
          int b = h * d + (interleaved ? 2 * i + 1 : i + r / 2);
          out[a] = (float) (in[a] * cos - in[b] * sin);
          out[b] = (float) (in[b] * cos + in[a] * sin);
        }
      }
      return out;
    }
  }

  private float[] linear(float[] in, String prefix) {
    float[] weight = w.get(prefix + ".weight");
    float[] bias = w.get(prefix + ".bias");
    int rows = weight.length / in.length;
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      double s = bias == null ? 0 : bias[r];
      for (int col = 0; col < in.length; col++) {
        s += (double) weight[r * in.length + col] * in[col];
      }
      out[r] = (float) s;
    }
    return out;
  }

  private float[] rmsNorm(float[] in, float[] weight) {
    double ss = 0;
    for (float f : in) {
      ss += (double) f * f;
    }
    double inv = 1 / Math.sqrt(ss / in.length + c.rmsNormEps());
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (float) (in[i] * inv * weight[i]);
    }
    return out;
  }

  private static float[] add(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private static float[] slice(float[] a, int from, int n) {
    float[] out = new float[n];
    System.arraycopy(a, from, out, 0, n);
    return out;
  }
}
