package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.c2lab.train.device.PyTorchNatives;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aMachineWhereTheCpuWorksIsHealthy() {
    CliHarness.Result r = CliHarness.run("doctor");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().startsWith("engine          PyTorch 2.7.1 (DJL "), r.out());
    assertTrue(r.out().contains("native library  "), r.out());
    assertTrue(r.out().contains("cpu             works"), r.out());
    assertTrue(r.out().contains("  PYTORCH_LIBRARY_PATH"), r.out());
    assertTrue(r.out().contains("status          ok: models run on cpu"), r.out());
  }

  @Test
  void jsonReportsEngineLibraryDevicesMemoryAndFindings() throws Exception {
    CliHarness.Result r = CliHarness.run("doctor", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode d = JSON.readTree(r.out());
    assertTrue(d.get("healthy").asBoolean());
    JsonNode runtime = d.get("runtime");
    assertEquals("2.7.1", runtime.get("engineVersion").asText());
    assertTrue(runtime.get("host").get("totalBytes").asLong() > 0);
    assertTrue(runtime.get("jvmMaxHeapBytes").asLong() > 0);
    assertTrue(runtime.get("environment").has("PYTORCH_FLAVOR"));
    assertTrue(runtime.get("findings").isArray());
  }

  @Test
  void cudaWithoutACudaLibtorchIsNotHealthyAndSaysHowToFixIt() {
    Assumptions.assumeTrue(PyTorchNatives.gpuCount() == 0, "this machine has a usable GPU");
    CliHarness.Result r = CliHarness.run("doctor", "--device", "cuda:0");
    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("device cuda:0   NOT usable"), r.out());
    assertTrue(r.out().contains("PYTORCH_FLAVOR=cu128 (see docs/gpu.md)"), r.out());
  }

  @Test
  void anUnknownDeviceIsBadInput() {
    CliHarness.Result r = CliHarness.run("doctor", "--device", "tpu");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertTrue(r.err().contains("device 'tpu' is not one of cpu, cuda, cuda:N"), r.err());
  }
}
