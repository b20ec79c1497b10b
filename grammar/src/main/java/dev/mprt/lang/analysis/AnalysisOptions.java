package dev.mprt.lang.analysis;

/** What the analysis needs to know beyond the text: the target board (decides emitters, modules, int width). */
public record AnalysisOptions(String board) {

    public static final String DEFAULT_BOARD = "qemu-mps2-an385";

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(DEFAULT_BOARD);
    }
}
