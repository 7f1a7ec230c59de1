package org.c2lab.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.c2lab.train.autograd.Gradients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AdamW against torch's update rule: a plain-Java transcription of torch's formula, and the
 * trajectory recorded from torch.optim.AdamW itself (adamw-torch.json, from adamw_torch.py).
 */
class AdamWTest {
  private static final float[] W0 = {0.5f, -1.25f, 2f, 0.125f, -0.75f, 1.5f};
  private static final float[] B0 = {0.25f, -0.5f, 1f};

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void fiveStepsMatchTorchsAdamWRecordedByTorch() throws Exception {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream("adamw-torch.json")) {
      ref = new ObjectMapper().readTree(in);
    }
    AdamW.Settings settings =
        new AdamW.Settings(
            0.9, 0.999, ref.get("eps").asDouble(), ref.get("weight_decay").asDouble());
    Parameter w = param("w", floats(ref.at("/init/w")), 2, 3);
    Parameter b = param("b", floats(ref.at("/init/b")), 3);
    try (AdamW adam = new AdamW(List.of(w, b), settings, manager)) {
      for (int s = 0; s < ref.get("lrs").size(); s++) {
        JsonNode g = ref.get("grads").get(s);
        backward(List.of(w, b), List.of(floats(g.get("w")), floats(g.get("b"))));
        adam.step(ref.get("lrs").get(s).asDouble());
        zero(List.of(w, b));
      }
      assertClose(floats(ref.at("/final/w")), w.value().toFloatArray(), "w");
      assertClose(floats(ref.at("/final/b")), b.value().toFloatArray(), "b");
      assertClose(
          floats(ref.at("/exp_avg_sq/w")),
          adam.state().get(AdamW.EXP_AVG_SQ + "w").toFloatArray(),
          "exp_avg_sq w");
      assertEquals(5, adam.steps());
    }
  }

  @Test
  void stepsMatchAPlainJavaTranscriptionOfTorchsFormula() {
    AdamW.Settings settings = new AdamW.Settings(0.8, 0.99, 1e-6, 0.05);
    Parameter w = param("w", W0, 2, 3);
    Parameter b = param("b", B0, 3);
    float[][] ref = {W0.clone(), B0.clone()};
    float[][] m = {new float[6], new float[3]};
    float[][] v = {new float[6], new float[3]};
    java.util.Random rnd = new java.util.Random(7);
    try (AdamW adam = new AdamW(List.of(w, b), settings, manager)) {
      for (int t = 1; t <= 8; t++) {
        float[][] grads = {gaussian(rnd, 6), gaussian(rnd, 3)};
        double lr = 1e-2 / t;
        backward(List.of(w, b), List.of(grads[0], grads[1]));
        adam.step(lr);
        zero(List.of(w, b));
        for (int k = 0; k < 2; k++) {
          torchStep(ref[k], grads[k], m[k], v[k], t, lr, settings, k == 0);
        }
      }
      assertClose(ref[0], w.value().toFloatArray(), "w");
      assertClose(ref[1], b.value().toFloatArray(), "b (not decayed)");
    }
  }

  @Test
  void globalNormClippingScalesAllGradientsTogether() {
    Parameter w = param("w", W0, 2, 3);
    Parameter b = param("b", B0, 3);
    float[] gw = {3, 0, 0, 0, 0, 0};
    float[] gb = {0, 4, 0};
    backward(List.of(w, b), List.of(gw, gb));
    assertEquals(5.0, GlobalNormClipping.norm(List.of(w, b)), 1e-6);
    assertEquals(5.0, new GlobalNormClipping(0).clip(List.of(w, b)), 1e-6); // measures only
    assertEquals(5.0, new GlobalNormClipping(1.0).clip(List.of(w, b)), 1e-6);
    assertEquals(1.0, GlobalNormClipping.norm(List.of(w, b)), 1e-5);
    try (NDArray g = Gradients.of(b.value())) {
      assertEquals(4 / (5 + 1e-6), g.getFloat(1), 1e-6);
    }
    zero(List.of(w, b));
    assertEquals(0.0, GlobalNormClipping.norm(List.of(w, b)));
  }

  /** torch's _single_tensor_adamw in float32 with double scalars, as torch computes it. */
  private static void torchStep(
      float[] p,
      float[] g,
      float[] m,
      float[] v,
      int t,
      double lr,
      AdamW.Settings s,
      boolean decay) {
    if (decay) {
      float f = (float) (1 - lr * s.weightDecay());
      for (int i = 0; i < p.length; i++) {
        p[i] *= f;
      }
    }
    float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(s.beta2(), t));
    float stepSize = (float) (lr / (1 - Math.pow(s.beta1(), t)));
    for (int i = 0; i < p.length; i++) {
      m[i] = (float) s.beta1() * m[i] + (float) (1 - s.beta1()) * g[i];
      v[i] = (float) s.beta2() * v[i] + (float) (1 - s.beta2()) * g[i] * g[i];
      float denom = (float) Math.sqrt(v[i]) / bc2Sqrt + (float) s.eps();
      p[i] -= stepSize * m[i] / denom;
    }
  }

  private Parameter param(String name, float[] values, long... shape) {
    NDArray a = manager.create(values, new ai.djl.ndarray.types.Shape(shape)).duplicate();
    a.setRequiresGradient(true);
    return Parameter.of(name, a);
  }

  /** Sets each parameter's gradient to the given values: d/dp sum(p * g) = g. */
  private void backward(List<Parameter> params, List<float[]> grads) {
    try (NDScope scope = new NDScope();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      scope.suppressNotUsedWarning();
      NDArray loss = null;
      for (int i = 0; i < params.size(); i++) {
        NDArray p = params.get(i).value();
        NDArray g = manager.create(grads.get(i), p.getShape()).duplicate();
        NDArray term = p.mul(g).sum();
        loss = loss == null ? term : loss.add(term);
      }
      gc.backward(loss);
    }
  }

  private static void zero(List<Parameter> params) {
    params.forEach(p -> Gradients.zero(p.value()));
  }

  private static float[] gaussian(java.util.Random rnd, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) rnd.nextGaussian();
    }
    return out;
  }

  private static float[] floats(JsonNode node) {
    List<Float> values = new java.util.ArrayList<>();
    collect(node, values);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static void collect(JsonNode node, List<Float> out) {
    if (node.isArray()) {
      node.forEach(n -> collect(n, out));
    } else {
      out.add((float) node.asDouble());
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
    }
  }
}
