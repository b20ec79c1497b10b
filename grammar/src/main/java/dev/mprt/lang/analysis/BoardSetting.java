package dev.mprt.lang.analysis;

import dev.mprt.lang.semantic.ModuleSources;
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

    private volatile ModuleSources workspace = ModuleSources.NONE;

    /** The program's own modules (set by the protocol layer once it knows the workspace root). */
    public void setWorkspace(ModuleSources workspace) {
        this.workspace = workspace == null ? ModuleSources.NONE : workspace;
    }

    public AnalysisOptions optionsFor(URI uri) {
        return new AnalysisOptions(board, workspace, uri == null ? null : uri.toString());
    }
}
