package dev.mprt.lang.analysis;

import org.eclipse.emf.common.util.URI;

import com.google.inject.Singleton;

/**
 * The board the language server analyses for; set by the protocol layer from {@code mprt.json} or the client's
 * settings. One instance per injector.
 */
@Singleton
public class BoardSetting {

    private volatile String board = AnalysisOptions.DEFAULT_BOARD;

    public void set(String board) {
        this.board = board;
    }

    public String get() {
        return board;
    }

    public AnalysisOptions optionsFor(URI uri) {
        return new AnalysisOptions(board);
    }
}
