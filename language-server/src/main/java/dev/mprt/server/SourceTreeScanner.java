package dev.mprt.server;

import java.io.File;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IFileSystemScanner;

/**
 * Which files of a workspace the server loads: everything but hidden folders ({@code .git}, {@code .venv}, mprt's
 * own {@code .cache} with MicroPython's source), {@code node_modules} and {@code __pycache__}. Without this, opening
 * a project would parse and report on thousands of files nobody asked about.
 */
public class SourceTreeScanner extends IFileSystemScanner.JavaIoFileSystemScanner {

    @Override
    public void scanRec(File file, IAcceptor<URI> acceptor) {
        if (file.isDirectory()) {
            String name = file.getName();
            if (name.startsWith(".") || name.equals("node_modules") || name.equals("__pycache__")) {
                return;
            }
        }
        super.scanRec(file, acceptor);
    }
}
