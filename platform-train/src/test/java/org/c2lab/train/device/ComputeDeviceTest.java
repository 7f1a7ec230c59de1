package org.c2lab.train.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeDeviceTest {
  @TempDir Path dir;

  @Test
  void cpuAndCudaSpellingsParseToTheirDevicesAndDtypes() {
    ComputeDevice cpu = ComputeDevice.parse("cpu");
    assertEquals(Device.cpu(), cpu.djl());
    assertEquals(DataType.FLOAT32, cpu.weightType());
    assertEquals(new ComputeDevice.Cuda(0), ComputeDevice.parse("cuda"));
    ComputeDevice second = ComputeDevice.parse("cuda:1");
    assertEquals("cuda:1", second.id());
    assertEquals(Device.gpu(1), second.djl());
    assertEquals(DataType.FLOAT16, second.weightType(), "DJL's engine has no bfloat16");
    assertEquals(second, ComputeDevice.of(Device.gpu(1)));
    assertEquals(cpu, ComputeDevice.of(Device.cpu()));
  }

  @Test
  void otherSpellingsAreRejectedNamingTheValidOnes() {
    for (String bad : new String[] {"gpu", "CUDA", "cuda:", "cuda:-1", "cuda:x", "cpu:0", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse(bad), bad);
      assertTrue(e.getMessage().contains("cpu, cuda, cuda:N"), e.getMessage());
    }
  }

  @Test
  void cudaOnACpuOnlyLibtorchSaysHowToGetOne() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> new ComputeDevice.Cuda(0).requireAvailable());
    assertTrue(e.getMessage().startsWith("cuda:0 requested but the PyTorch engine sees 0 GPU(s)"));
    assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH"), e.getMessage());
    assertTrue(e.getMessage().contains("docs/gpu.md"), e.getMessage());
    new ComputeDevice.Cpu().requireAvailable();
  }

  @Test
  void hostMemoryIsMeasured() {
    MemoryStatus m = new ComputeDevice.Cpu().memory().orElseThrow();
    assertTrue(m.totalBytes() > 0 && m.availableBytes() <= m.totalBytes(), m.toString());
  }

  @Test
  void meminfoGivesTotalAndAvailableInBytes() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("meminfo"),
            "MemTotal:       24684084 kB\nMemFree:        21575216 kB\n"
                + "MemAvailable:   23659572 kB\nBuffers: 1 kB\n");
    long[] m = HostMemory.meminfo(f).orElseThrow();
    assertEquals(24684084L * 1024, m[0]);
    assertEquals(23659572L * 1024, m[1]);
    assertTrue(HostMemory.meminfo(dir.resolve("absent")).isEmpty());
    assertEquals("1.5 GiB", MemoryStatus.format(3L << 29));
    assertEquals("2.0 MiB", MemoryStatus.format(2L << 20));
    assertEquals("1.0 KiB", MemoryStatus.format(1024));
  }

  @Test
  void flavorIsReadFromDjlsCacheFolderName() {
    assertEquals(
        "cpu", PyTorchNatives.flavorOf("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"));
    assertEquals("cu128", PyTorchNatives.flavorOf("/x/2.7.1-cu128-linux-x86_64"));
    assertEquals("unknown", PyTorchNatives.flavorOf("/opt/libtorch/lib"));
  }

  @Test
  void runtimeReportOnThisMachineIsHealthyCpuOnly() {
    RuntimeReport r = RuntimeReport.probe();
    assertTrue(r.healthy(), r.findings().toString());
    assertEquals("PyTorch", r.engine());
    assertEquals(PyTorchNatives.EXPECTED_VERSION, r.engineVersion());
    assertTrue(r.cpuWorks());
    assertTrue(r.offline(), "surefire runs with -Dai.djl.offline=true");
    if (r.gpus().isEmpty() && !r.cudaBuild()) {
      assertTrue(
          r.findings().stream()
              .anyMatch(f -> f.problem().startsWith("no CUDA") && f.fix().contains("docs/gpu.md")),
          r.findings().toString());
    }
  }
}
