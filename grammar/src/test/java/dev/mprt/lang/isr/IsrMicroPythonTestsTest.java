package dev.mprt.lang.isr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * The isr-* checks over MicroPython's own hardware tests for boards with hard handlers (tests/ports/stm32,
 * multi_pyb_can, extmod's machine tests, tests/ports/rp2). Every finding is printed. MicroPython's tests print from
 * hard callbacks and do not call alloc_emergency_exception_buf, and none allocates in one: the counts per code are
 * the measured, reviewed ones (all true findings); any change fails the test for a new review.
 */
class IsrMicroPythonTestsTest {

    static Stream<Arguments> boards() {
        return Stream.of(
                Arguments.of("pyboard", List.of("ports/stm32", "multi_pyb_can", "extmod", "extmod_hardware"),
                        Map.of("isr-blocking-call", 20, "isr-no-emergency-buf", 5)),
                Arguments.of("qemu-mps2-an385", List.of("extmod", "extmod_hardware", "ports/qemu"),
                        Map.of("isr-blocking-call", 2, "isr-no-emergency-buf", 1)),
                Arguments.of("rp2-pico", List.of("ports/rp2", "extmod", "extmod_hardware"), Map.of()),
                Arguments.of("esp32", List.of("ports/esp32", "extmod", "extmod_hardware", "multi_espnow",
                        "multi_bluetooth"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boards")
    void findingsOnMicroPythonsHardwareTests(String board, List<String> dirs, Map<String, Integer> expected)
            throws IOException {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<Path> files = new ArrayList<>();
        for (String d : dirs) {
            if (Files.isDirectory(tests.resolve(d))) {
                try (Stream<Path> s = Files.walk(tests.resolve(d))) {
                    s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(files::add);
                }
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Path f : files) {
            Analysis a = Analyzers.analyze(Files.readString(f, StandardCharsets.UTF_8), new AnalysisOptions(board));
            for (Diagnostic d : a.diagnostics()) {
                if (d.code().startsWith("isr-") || d.code().equals("internal-error")) {
                    counts.merge(d.code(), 1, Integer::sum);
                    System.out.printf("  %s %s:%d %s: %s%n", board, tests.relativize(f), a.lines().line(d.start()) + 1,
                            d.code(), d.message());
                }
            }
        }
        System.out.printf("isr findings on MicroPython's tests for %s (%s): %d files, %s%n", board,
                String.join(" ", dirs), files.size(), counts);
        assertEquals(new TreeMap<>(expected), counts);
    }
}
