package dev.mprt.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code mprt}: the command line. Subcommands delegate to the analysis core or the protocol servers. */
public final class Main {

    static final String USAGE = """
            usage: mprt <command> [options]

            commands:
              check [--board ID] [--format text|json] PATH...   check .py files and folders (recursively)
              lsp                                               serve the Language Server Protocol on stdio
              dap                                               serve the Debug Adapter Protocol on stdio
                                                                (docs/debugging.md: launch configuration)
              help                                              show this text

            boards: qemu-mps2-an385 (default), unix, pyboard, rp2-pico, esp32, esp8266,
                    qemu-virt-rv32 (RISC-V; emitter checks only, no API stubs yet)

            also: ./mprt firmware build|run|test   (the MicroPython firmwares, see vm-firmware/)
                  ./mprt test                      (every test)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "check":
                return new CheckCommand(out, err).run(rest);
            case "lsp":
                return LspCommand.run(rest, err);
            case "dap":
                return dev.mprt.debug.dap.DapMain.run(System.in, out, err);
            case "help":
            case "--help":
            case "-h":
                out.print(USAGE);
                return 0;
            default:
                err.println("mprt: unknown command '" + args[0] + "'");
                err.print(USAGE);
                return 2;
        }
    }
}
