package org.c2lab.core.job;

/** Receives progress reports, on the reporting job's thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(Progress progress);
}
