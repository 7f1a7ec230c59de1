package org.c2lab.web.runs;

import java.io.IOException;
import java.nio.file.Path;
import org.c2lab.web.demo.DemoFiles;

/** The demo's data files written under a test's folder. */
final class DemoTestData {
  private DemoTestData() {}

  /** The demo SFT rows under {@code dir}. */
  static Path sftData(Path dir) throws IOException {
    DemoFiles.ensure(dir);
    return dir.resolve(DemoFiles.SFT_DATA);
  }

  /** The demo PKU-format rows under {@code dir}. */
  static Path evalData(Path dir) throws IOException {
    DemoFiles.ensure(dir);
    return dir.resolve(DemoFiles.EVAL_DATA);
  }
}
