package io.vncgate.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcTest {

  @Test
  void g1HeapIsItsOneHeapLineNotMetaspace() {
    String info = """
      31628:
       garbage-first heap   total 397312K, used 14067K [0x0000000687400000, 0x0000000800000000)
        region size 4096K, 3 young (12288K), 0 survivors (0K)
       Metaspace       used 74K, committed 320K, reserved 1114112K
        class space    used 3K, committed 128K, reserved 1048576K
      """;
    assertEquals(14067, Proc.heapUsedKiB(info));
  }

  @Test
  void serialHeapAddsItsGenerations() {
    String info = """
      31429:
       def new generation   total 22144K, used 11543K [0x0000000687400000, 0x0000000688c00000, 0x0000000688c00000)
        eden space 19712K,  58% used [0x0000000687400000, 0x0000000687f45d48, 0x0000000688740000)
        from space 2432K,   0% used [0x0000000688740000, 0x0000000688740000, 0x00000006889a0000)
        to   space 2432K,   0% used [0x00000006889a0000, 0x00000006889a0000, 0x0000000688c00000)
       tenured generation   total 362496K, used 201K [0x0000000688c00000, 0x000000069ee00000, 0x0000000800000000)
         the space 362496K,   0% used [0x0000000688c00000, 0x0000000688c00000, 0x0000000688c00200, 0x000000069ee00000)
       Metaspace       used 126K, committed 320K, reserved 1114112K
      """;
    assertEquals(11543 + 201, Proc.heapUsedKiB(info));
  }

  @Test
  void textWithoutAHeapReadsAsUnknown() {
    assertEquals(-1, Proc.heapUsedKiB("31429:\nAttachNotSupportedException: Unable to open socket file\n"));
  }
}
