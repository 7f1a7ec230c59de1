package org.c2lab.train.dpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.core.metrics.MetricNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The losses against hand-computed values, and their autograd gradients against finite differences.
 */
class DpoLossTest {
  private static final int[] CHOSEN_TOKENS = {4, 2, 7};
  private static final int[] REJECTED_TOKENS = {3, 5, 1};
  // policy chosen, policy rejected, reference chosen, reference rejected: 3 pairs each
  private static final double[][] LOGPS = {
    {-10.0, -4.5, -20.25}, {-12.0, -6.0, -3.5}, {-11.0, -4.0, -21.0}, {-11.0, -6.5, -3.0}
  };

  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  @Test
  void sigmoidLossAndMetricsEqualHandComputedValues() {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double beta = 0.1;
      DpoLoss.Output out = new DpoLoss(new SigmoidLoss(), beta, 0).compute(policy(), reference());
      // h per pair: (1 - (-1)) = 2, (-0.5 - 0.5) = -1, (0.75 - (-0.5)) = 1.25
      double[] h = {2, -1, 1.25};
      double expected = 0;
      for (double x : h) {
        expected += softplus(-beta * x) / 3;
      }
      assertEquals(0.5981388693815918, softplus(-0.2), 1e-15); // ln(1 + e^-0.2), by hand
      Map<String, Double> m = out.metrics().means();
      assertEquals(expected, DpoLoss.doubles(out.loss())[0], 1e-12);
      assertEquals(expected, m.get(MetricNames.LOSS), 1e-12);
      assertEquals(0.1 * (1 - 0.5 + 0.75) / 3, m.get(MetricNames.REWARDS_CHOSEN), 1e-12);
      assertEquals(0.1 * (-1 + 0.5 - 0.5) / 3, m.get(MetricNames.REWARDS_REJECTED), 1e-12);
      assertEquals(0.1 * (2 - 1 + 1.25) / 3, m.get(MetricNames.REWARDS_MARGINS), 1e-12);
      assertEquals(2.0 / 3, m.get(MetricNames.REWARDS_ACCURACIES), 1e-12);
      assertEquals((-10 - 4.5 - 20.25) / 3, m.get(MetricNames.LOGPS_CHOSEN), 1e-12);
      assertEquals((-12 - 6 - 3.5) / 3, m.get(MetricNames.LOGPS_REJECTED), 1e-12);
    }
  }

  @Test
  void labelSmoothingIpoHingeAndRpoEqualTheirFormulas() {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      double beta = 0.5;
      double[] h = {2, -1, 1.25};
      double smooth = 0;
      double hinge = 0;
      for (double x : h) {
        smooth += (0.8 * softplus(-beta * x) + 0.2 * softplus(beta * x)) / 3;
        hinge += Math.max(0, 1 - beta * x) / 3;
      }
      assertEquals(smooth, loss(new SigmoidLoss(0.2), beta, 0), 1e-12);
      assertEquals(hinge, loss(new HingeLoss(), beta, 0), 1e-12);

      double ipo = 0;
      for (int i = 0; i < 3; i++) {
        double hc = (LOGPS[0][i] - LOGPS[2][i]) / CHOSEN_TOKENS[i];
        double hr = (LOGPS[1][i] - LOGPS[3][i]) / REJECTED_TOKENS[i];
        ipo += Math.pow(hc - hr - 1 / (2 * beta), 2) / 3;
      }
      assertEquals(ipo, loss(new IpoLoss(), beta, 0), 1e-12);

      double nll = (10 + 4.5 + 20.25) / (4 + 2 + 7);
      double plain = loss(new SigmoidLoss(), beta, 0);
      assertEquals(plain + 0.3 * nll, loss(new SigmoidLoss(), beta, 0.3), 1e-12);
    }
  }

  static Stream<Arguments> losses() {
    return Stream.of(
        Arguments.of("sigmoid", new DpoLoss(new SigmoidLoss(), 0.1, 0)),
        Arguments.of("sigmoid, label smoothing 0.1", new DpoLoss(new SigmoidLoss(0.1), 0.3, 0)),
        Arguments.of("ipo", new DpoLoss(new IpoLoss(), 0.1, 0)),
        Arguments.of("hinge", new DpoLoss(new HingeLoss(), 0.7, 0)),
        Arguments.of("sigmoid + rpo", new DpoLoss(new SigmoidLoss(), 0.1, 0.5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void autogradGradientEqualsFiniteDifferences(String name, DpoLoss loss) {
    double[][] grads = new double[4][];
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray[] inputs = new NDArray[4];
      for (int k = 0; k < 4; k++) {
        inputs[k] = manager.create(LOGPS[k]).duplicate();
        inputs[k].setRequiresGradient(true);
      }
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss.compute(logps(inputs[0], inputs[1]), logps(inputs[2], inputs[3])).loss();
        gc.backward(l);
      }
      for (int k = 0; k < 4; k++) {
        try (NDArray g = inputs[k].getGradient()) {
          grads[k] = g.toDoubleArray();
        }
      }
    }
    double eps = 1e-6;
    for (int k = 0; k < 4; k++) {
      for (int i = 0; i < 3; i++) {
        double[][] plus = copy(LOGPS);
        double[][] minus = copy(LOGPS);
        plus[k][i] += eps;
        minus[k][i] -= eps;
        double numeric = (value(loss, plus) - value(loss, minus)) / (2 * eps);
        assertEquals(numeric, grads[k][i], 1e-7, name + ": d loss / d input " + k + "[" + i + "]");
      }
    }
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DpoLoss(new SigmoidLoss(), 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new DpoLoss(new SigmoidLoss(), 0.1, -1));
    assertThrows(IllegalArgumentException.class, () -> new SigmoidLoss(0.5));
    assertThrows(IllegalArgumentException.class, () -> PreferenceLoss.named("kto", 0));
    assertEquals(new IpoLoss(), PreferenceLoss.named("ipo", 0));
  }

  private static double loss(PreferenceLoss l, double beta, double alpha) {
    return DpoLoss.doubles(new DpoLoss(l, beta, alpha).compute(policy(), reference()).loss())[0];
  }

  private static double value(DpoLoss loss, double[][] v) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return DpoLoss.doubles(
          loss.compute(
                  logps(manager.create(v[0]), manager.create(v[1])),
                  logps(manager.create(v[2]), manager.create(v[3])))
              .loss())[0];
    }
  }

  private static PairLogps policy() {
    return logps(manager.create(LOGPS[0]), manager.create(LOGPS[1]));
  }

  private static PairLogps reference() {
    return logps(manager.create(LOGPS[2]), manager.create(LOGPS[3]));
  }

  private static PairLogps logps(NDArray chosen, NDArray rejected) {
    assertEquals(DataType.FLOAT64, chosen.getDataType());
    return new PairLogps(chosen, rejected, CHOSEN_TOKENS, REJECTED_TOKENS);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
