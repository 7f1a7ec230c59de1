package org.c2lab.eval.judge.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.c2lab.eval.judge.LabelledExamples;

/** The fictional, mild labelled sets in test resources, and a judge trained once on them. */
final class TrainingData {
  private static ClassifierJudge trained;

  private TrainingData() {}

  static Path path(String name) {
    try {
      return Path.of(TrainingData.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static LabelledExamples train() {
    return read("labelled-train.jsonl");
  }

  static LabelledExamples test() {
    return read("labelled-test.jsonl");
  }

  static synchronized ClassifierJudge judge() {
    if (trained == null) {
      trained = ClassifierJudge.train(train(), ClassifierSettings.DEFAULT);
    }
    return trained;
  }

  private static LabelledExamples read(String name) {
    try {
      return LabelledExamples.read(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
