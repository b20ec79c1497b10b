package dev.mprt.lang.check;

import org.eclipse.emf.ecore.EObject;

/**
 * One rule: a stable code, and what to do at each node of the tree. The driver ({@link Checks}) walks the tree
 * once and offers every node to every check, so a check only looks at the node kinds it cares about.
 */
public interface Check {

    void visit(EObject node, CheckContext context);
}
