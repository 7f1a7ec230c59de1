package org.c2lab.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c2lab.core.judge.Judge;
import org.c2lab.eval.judge.BinaryConfusion;
import org.c2lab.eval.judge.JudgeEvaluation;
import org.c2lab.eval.judge.JudgeSpec;
import org.c2lab.eval.judge.LabelledExamples;
import org.c2lab.eval.judge.classifier.ClassifierJudge;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./c2 judge evaluate --model MODEL --data FILE}: a judge's verdicts against labels. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Accuracy, precision, recall, F1 and the confusion matrix of a judge against labelled data"
          + " (positive class: corrected).",
      "Judge a classifier model (--model) or any judge (--judge " + JudgeSpec.SYNTAX + ")."
    })
public class JudgeEvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  static class Which {
    @Option(names = "--model", paramLabel = "MODEL", description = "A model from 'judge train'.")
    Path model;

    @Option(
        names = "--judge",
        paramLabel = "SPEC",
        description = "keyword, classifier:FILE or llm:URL#MODEL.")
    String judge;
  }

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled data.")
  Path data;

  @Option(
      names = "--judge-prompt",
      paramLabel = "FILE",
      description = "The LLM judge's prompt, in the format of the built-in one.")
  Path judgePrompt;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  private JudgeSpec.Options options() {
    return judgePrompt == null
        ? JudgeSpec.Options.DEFAULT
        : JudgeSpec.Options.DEFAULT.withPromptFile(judgePrompt);
  }

  @Override
  public Integer call() throws Exception {
    LabelledExamples examples = LabelledExamples.read(data);
    Judge judge =
        which.model != null
            ? ClassifierJudge.load(which.model)
            : JudgeSpec.parse(which.judge).open(options());
    JudgeEvaluation e;
    try {
      e = JudgeEvaluation.evaluate(judge, examples.examples());
    } finally {
      if (judge instanceof AutoCloseable c) {
        c.close();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, e);
      return 0;
    }
    BinaryConfusion m = e.confusion();
    out.printf("judge       %s (version %s)%n", judge.id(), judge.version());
    out.printf(
        "data        %s, %d examples (%d labelled corrected)%n",
        data, e.examples(), examples.positives());
    out.printf("accuracy    %.3f%n", e.accuracy());
    out.printf("precision   %.3f%n", e.precision());
    out.printf("recall      %.3f%n", e.recall());
    out.printf("f1          %.3f%n", e.f1());
    out.printf("%n%-12s %14s %14s%n", "", "LABELLED YES", "LABELLED NO");
    out.printf("%-12s %14d %14d%n", "judged yes", m.truePositives(), m.falsePositives());
    out.printf("%-12s %14d %14d%n", "judged no", m.falseNegatives(), m.trueNegatives());
    out.flush();
    return 0;
  }
}
