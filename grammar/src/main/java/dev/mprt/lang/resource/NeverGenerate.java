package dev.mprt.lang.resource;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * mprt generates no code from MicroPython sources. Xtext's default policy validates every built resource a second
 * time to decide whether to generate; answering "never" saves that second validation on each edit.
 */
public class NeverGenerate implements IShouldGenerate {

    @Override
    public boolean shouldGenerate(Resource resource, CancelIndicator cancelIndicator) {
        return false;
    }
}
