package org.c2lab.train.model.llama;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.RotaryEmbedding;
import org.c2lab.train.safetensors.TensorSource;

/**
 * A plain-Java Llama forward pass written straight from transformers' modeling_llama.py, with
 * double accumulators and no DJL: the independent reference our DJL model is checked against. Only
 * the rotary frequencies come from {@link RotaryEmbedding} (tested on their own).
 */
final class NaiveLlama {
  private final ModelConfig c;
  private final Map<String, float[]> w = new HashMap<>();
  private final float[] invFreq;

  NaiveLlama(ModelConfig config, TensorSource weights) throws IOException {
    this.c = config;
    for (String name : weights.names()) {
      w.put(name, weights.readFloats(name));
    }
    invFreq = RotaryEmbedding.inverseFrequencies(config);
  }

  /** Logits {@code [tokens][vocab]} for one sequence starting at position 0. */
  float[][] forward(long[] ids) {
    int t = ids.length;
    int hidden = c.hiddenSize();
    int d = c.headDim();
    int heads = c.numAttentionHeads();
    int kvHeads = c.numKeyValueHeads();
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
        q[i] = rope(linear(h, p + "self_attn.q_proj"), i, heads, d);
        k[i] = rope(linear(h, p + "self_attn.k_proj"), i, kvHeads, d);
        v[i] = linear(h, p + "self_attn.v_proj");
      }
      for (int i = 0; i < t; i++) {
        float[] attn = new float[heads * d];
        for (int hh = 0; hh < heads; hh++) {
          int kvh = hh / (heads / kvHeads);
          double[] scores = new double[i + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j <= i; j++) {
            double s = 0;
            for (int e = 0; e < d; e++) {
              s += q[i][hh * d + e] * k[j][kvh * d + e];
            }
            scores[j] = s / Math.sqrt(d);
            max = Math.max(max, scores[j]);
          }
          double sum = 0;
          for (int j = 0; j <= i; j++) {
            scores[j] = Math.exp(scores[j] - max);
            sum += scores[j];
          }
          for (int e = 0; e < d; e++) {
            double o = 0;
            for (int j = 0; j <= i; j++) {
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

  /** rotate_half: element i pairs with i + d/2 within each head. */
  private float[] rope(float[] in, int pos, int heads, int d) {
    float[] out = in.clone();
    int half = d / 2;
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < half; i++) {
        double angle = pos * (double) invFreq[i];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int a = h * d + i;
        int b = a + half;
        out[a] = (float) (in[a] * cos - in[b] * sin);
        out[b] = (float) (in[b] * cos + in[a] * sin);
      }
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
