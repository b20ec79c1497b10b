package dev.mprt.lang.analysis;

import dev.mprt.lang.semantic.ModuleSources;

/**
 * What the analysis needs to know beyond the text: the target board (decides emitters, modules, int width, which
 * stubs describe the APIs), and where the other modules of the program come from.
 *
 * @param workspace the program's own modules (the board's stubs are added by the analysis)
 * @param uri       the analysed document's uri as {@code workspace} names modules (so that the document finds
 *                  itself among them), or null when unknown
 */
public record AnalysisOptions(String board, ModuleSources workspace, String uri) {

    public AnalysisOptions(String board, ModuleSources workspace) {
        this(board, workspace, null);
    }

    public static final String DEFAULT_BOARD = "qemu-mps2-an385";

    public AnalysisOptions(String board) {
        this(board, ModuleSources.NONE);
    }

    public AnalysisOptions forDocument(String documentUri) {
        return new AnalysisOptions(board, workspace, documentUri);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(DEFAULT_BOARD);
    }
}
