package org.c2lab.eval.judge.classifier;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.JudgeRequest;
import org.c2lab.core.judge.Verdict;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.eval.judge.LabelledExample;
import org.c2lab.eval.judge.LabelledExamples;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A local judge: a Tribuo logistic-regression classifier over {@link CorrectionFeatures}, trained
 * on labelled continuations (e.g. an LLM judge's verdicts, to judge cheaply at scale). Saved and
 * loaded with Tribuo's protobuf model format, whose provenance records the trainer, its settings,
 * the training data's description and SHA-256, and the feature version.
 *
 * <p>Verdicts carry the model's probability of its decision as confidence. The judge's {@link
 * #version()} is a hash of the model's provenance, so verdict caches never mix two models.
 */
public final class ClassifierJudge implements Judge {
  /** The judge id. */
  public static final String ID = "classifier";

  static final String CORRECTED = "corrected";
  static final String NOT_CORRECTED = "not_corrected";
  private static final String FEATURES_KEY = "c2.features";
  private static final String DATA_KEY = "c2.data.sha256";
  private static final LabelFactory LABELS = new LabelFactory();

  private final Model<Label> model;
  private final CorrectionFeatures features;
  private final String version;

  private ClassifierJudge(Model<Label> model, CorrectionFeatures features) {
    this.model = model;
    this.features = features;
    String trained = instanceProvenance(model, FEATURES_KEY);
    if (!features.version().equals(trained)) {
      throw new IllegalArgumentException(
          "the model was trained with features "
              + trained
              + " but this platform computes "
              + features.version()
              + "; retrain it with 'c2 judge train'");
    }
    this.version =
        Sha256.of(ProvenanceUtil.formattedProvenanceString(model.getProvenance())).substring(0, 16);
  }

  /**
   * Trains on {@code data} (both labels must occur).
   *
   * @throws IllegalArgumentException when the data hold only one label
   */
  public static ClassifierJudge train(LabelledExamples data, ClassifierSettings settings) {
    Objects.requireNonNull(settings, "settings");
    long positives = data.positives();
    if (positives == 0 || positives == data.examples().size()) {
      throw new IllegalArgumentException(
          data.file() + ": training needs examples of both labels; all are " + (positives > 0));
    }
    CorrectionFeatures features = CorrectionFeatures.standard();
    MutableDataset<Label> dataset =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "c2 labelled continuations " + data.file() + " sha256=" + data.sha256(),
                OffsetDateTime.now(),
                LABELS),
            LABELS);
    for (LabelledExample e : data.examples()) {
      dataset.add(
          example(features, e.request(), new Label(e.corrected() ? CORRECTED : NOT_CORRECTED)));
    }
    // loggingInterval -1: Tribuo logs no per-step loss; minibatch 1: plain SGD.
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(),
            new AdaGrad(settings.learningRate(), 0.1),
            settings.epochs(),
            -1,
            1,
            settings.seed());
    Map<String, Provenance> run =
        Map.of(
            FEATURES_KEY, new StringProvenance(FEATURES_KEY, features.version()),
            DATA_KEY, new StringProvenance(DATA_KEY, data.sha256()));
    return new ClassifierJudge(trainer.train(dataset, run), features);
  }

  /**
   * Loads a model saved by {@link #save}.
   *
   * @throws IllegalArgumentException when the file is not a Tribuo classification model, or was
   *     trained with other features
   */
  public static ClassifierJudge load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    Model<?> loaded;
    try {
      loaded = Model.deserializeFromFile(file);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          file + ": not a Tribuo model file (" + e.getClass().getSimpleName() + ")", e);
    }
    if (!loaded.validate(Label.class)) {
      throw new IllegalArgumentException(file + ": not a classification model");
    }
    try {
      return new ClassifierJudge(loaded.castModel(Label.class), CorrectionFeatures.standard());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Saves the model in Tribuo's protobuf format, provenance included. */
  public void save(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    model.serializeToFile(file);
  }

  @Override
  public String id() {
    return ID;
  }

  /** The first 16 hex digits of the SHA-256 of the model's provenance. */
  @Override
  public String version() {
    return version;
  }

  @Override
  public Verdict judge(JudgeRequest request) {
    Objects.requireNonNull(request, "request");
    Prediction<Label> p = model.predict(example(features, request, LabelFactory.UNKNOWN_LABEL));
    Label best = p.getOutput();
    Label yes = p.getOutputScores().get(CORRECTED);
    double pYes = yes == null ? (best.getLabel().equals(CORRECTED) ? 1 : 0) : yes.getScore();
    boolean corrected = best.getLabel().equals(CORRECTED);
    double confidence = clamp(corrected ? pYes : 1 - pYes);
    return new Verdict(
        corrected, confidence, String.format("p(corrected)=%.3f", clamp(pYes)), ID, null);
  }

  /** The model's provenance as Tribuo prints it (trainer, settings, data, features, versions). */
  public String provenance() {
    return ProvenanceUtil.formattedProvenanceString(model.getProvenance());
  }

  /** The features the model weighs most for each label, strongest first. */
  public Map<String, List<String>> topFeatures(int perLabel) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    model
        .getTopFeatures(perLabel)
        .forEach(
            (label, pairs) ->
                out.put(
                    label,
                    pairs.stream()
                        .map(pair -> String.format("%s %+.3f", pair.getA(), pair.getB()))
                        .toList()));
    return out;
  }

  private static ArrayExample<Label> example(
      CorrectionFeatures features, JudgeRequest request, Label label) {
    SortedMap<String, Double> f = features.extract(request);
    String[] names = f.keySet().toArray(String[]::new);
    double[] values = f.values().stream().mapToDouble(Double::doubleValue).toArray();
    return new ArrayExample<>(label, names, values);
  }

  private static String instanceProvenance(Model<Label> model, String key) {
    Provenance p = model.getProvenance().getInstanceProvenance().getMap().get(key);
    return p instanceof StringProvenance s ? s.getValue() : "(none)";
  }

  private static double clamp(double p) {
    return Double.isNaN(p) ? Double.NaN : Math.max(0, Math.min(1, p));
  }
}
