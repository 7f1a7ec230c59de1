package org.c2lab.eval.judge.classifier;

import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.JudgeContract;

/** The classifier judge, trained on the small fictional set, passes the Judge contract. */
class ClassifierJudgeContractTest extends JudgeContract {
  @Override
  protected Judge createJudge() {
    return TrainingData.judge();
  }
}
