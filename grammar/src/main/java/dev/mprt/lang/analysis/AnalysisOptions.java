package dev.mprt.lang.analysis;

import dev.mprt.lang.semantic.ModuleSources;

/**
 * What the analysis needs to know beyond the text: the target board (decides emitters, modules, int width, which
 * stubs describe the APIs), and where the other modules of the program come from.
 *
 * @param workspace the program's own modules (the board's stubs are added by the analysis)
 */
public record AnalysisOptions(String board, ModuleSources workspace) {

    public static final String DEFAULT_BOARD = "qemu-mps2-an385";

    public AnalysisOptions(String board) {
        this(board, ModuleSources.NONE);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(DEFAULT_BOARD);
    }
}
