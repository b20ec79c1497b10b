package dev.mprt.stubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed stubs are exactly what the generator makes from MicroPython's tree and the overrides. */
class StubsUpToDateTest {

    @Test
    void committedStubsMatchTheGenerator(@TempDir Path out) throws Exception {
        Generator g = new Generator(TestSupport.micropythonTree(), TestSupport.overrides());
        g.generateAll(out);
        List<String> problems = new ArrayList<>();
        for (String board : Generator.BOARDS) {
            Path fresh = out.resolve(board);
            Path committed = TestSupport.committedStubs().resolve(board);
            TreeSet<String> names = new TreeSet<>(list(fresh));
            names.addAll(list(committed));
            for (String n : names) {
                Path a = fresh.resolve(n);
                Path b = committed.resolve(n);
                if (!Files.exists(b)) {
                    problems.add(board + "/" + n + ": generated but not committed");
                } else if (!Files.exists(a)) {
                    problems.add(board + "/" + n + ": committed but no longer generated");
                } else if (!java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))) {
                    problems.add(board + "/" + n + ": differs");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("The committed board stubs are out of date (" + problems.size() + " files):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size())))
                    + "\nRegenerate them with: board-stubs/generate.sh   (then review and commit the changes)");
        }
        assertEquals(Generator.BOARDS.size(), list(TestSupport.committedStubs()).size());
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
