package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.eval.judge.JudgeEvaluation;
import org.c2lab.eval.judge.LabelledExamples;
import org.c2lab.eval.judge.classifier.ClassifierJudge;
import org.c2lab.eval.judge.classifier.ClassifierSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 judge train --data FILE --out MODEL}: trains the classifier judge. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the classifier judge (Tribuo logistic regression) on labelled continuations and save"
          + " it with its provenance.",
      "FILE is JSON Lines with request, prefilled_text (or prefix), continuation and corrected (or"
          + " label), e.g. an LLM judge's verdicts."
    })
public class JudgeTrainCommand implements Callable<Integer> {
  // Tribuo logs training progress through java.util.logging straight to the terminal; the CLI
  // keeps stderr for warnings (see logback.xml), so quieten it. Held here so it is not collected.
  private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled data.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file.")
  Path out;

  @Option(
      names = "--epochs",
      defaultValue = "25",
      description = "Passes over the data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Shuffling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** What {@code --json} prints. */
  record Summary(
      String model,
      String modelSha256,
      String data,
      String dataSha256,
      int examples,
      long labelledCorrected,
      ClassifierSettings settings,
      String judgeVersion,
      JudgeEvaluation trainingSet,
      Map<String, List<String>> topFeatures) {}

  @Override
  public Integer call() throws Exception {
    TRIBUO.setLevel(Level.WARNING);
    LabelledExamples examples = LabelledExamples.read(data);
    ClassifierSettings settings = ClassifierSettings.DEFAULT.withEpochs(epochs).withSeed(seed);
    ClassifierJudge judge = ClassifierJudge.train(examples, settings);
    judge.save(out);
    Summary s =
        new Summary(
            out.toString(),
            Sha256.of(out),
            data.toString(),
            examples.sha256(),
            examples.examples().size(),
            examples.positives(),
            settings,
            judge.version(),
            JudgeEvaluation.evaluate(judge, examples.examples()),
            judge.topFeatures(5));
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(w, s);
      return 0;
    }
    w.printf("model             %s%n", s.model());
    w.printf("model sha256      %s%n", s.modelSha256());
    w.printf("judge version     %s%n", s.judgeVersion());
    w.printf("data              %s (%s)%n", s.data(), s.dataSha256());
    w.printf("examples          %d (%d labelled corrected)%n", s.examples(), s.labelledCorrected());
    w.printf(
        "settings          %d epochs, learning rate %s, seed %d%n",
        settings.epochs(), settings.learningRate(), settings.seed());
    w.printf(
        "training set      accuracy %.3f  F1 %.3f (use 'judge evaluate' on held-out data)%n",
        s.trainingSet().accuracy(), s.trainingSet().f1());
    s.topFeatures()
        .forEach(
            (label, features) -> w.printf("top %-14s %s%n", label, String.join(", ", features)));
    w.flush();
    return 0;
  }
}
