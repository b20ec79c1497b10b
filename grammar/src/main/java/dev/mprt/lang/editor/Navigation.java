package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.AstPackage;
import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/** Go to definition, find references, document highlights and rename targets, on the semantic model. */
public final class Navigation {

    /** A place in some module: its URI and the offsets of the name there. */
    public record Location(String uri, int start, int end, boolean stub) {
    }

    private Navigation() {
    }

    /** The identifier leaf at (or just before) an offset, or null. */
    public static ILeafNode identifierAt(ModuleInfo module, int offset) {
        INode root = NodeModelUtils.getNode(module.root()).getRootNode();
        for (int o : new int[] {offset, offset - 1}) {
            if (o < 0) {
                continue;
            }
            ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, o);
            if (leaf != null && !leaf.isHidden() && leaf.getLength() > 0 && isIdentifier(leaf.getText())) {
                return leaf;
            }
        }
        return null;
    }

    private static boolean isIdentifier(String text) {
        return !text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_' || text.charAt(0) >= 0x80);
    }

    /** The definitions of whatever is named at {@code offset}: empty when nothing is known there. */
    public static List<Definition> definitionsAt(SemanticModel model, int offset) {
        ILeafNode leaf = identifierAt(model.module(), offset);
        if (leaf == null) {
            return List.of();
        }
        EObject owner = leaf.getSemanticElement();
        String text = leaf.getText();
        if (owner instanceof Name n) {
            return followImports(model, model.definitions(n));
        }
        if (owner instanceof Attribute a && text.equals(a.getAttr())) {
            List<Definition> m = model.members(model.typeOf(a.getValue())).get(a.getAttr());
            return m == null ? List.of() : m;
        }
        if (owner instanceof FunctionDef || owner instanceof ClassDef || owner instanceof Parameter
                || owner instanceof ExceptHandler) {
            return List.of(new Definition(text, owner, model.module()));
        }
        if (owner instanceof ImportAlias a) {
            PyType t = model.typeOf(new Definition(text, a, model.module()));
            List<Definition> target = definitionOfType(t);
            return target.isEmpty() ? List.of(new Definition(text, a, model.module())) : target;
        }
        if (owner instanceof ImportName i) {
            PyType t = model.typeOf(new Definition(text, i, model.module()));
            return definitionOfType(t);
        }
        // names in global/nonlocal statements and anything else: resolve the text where it stands
        return model.lookup(text, owner, model.module());
    }

    /**
     * A name bound by {@code from m import X} (without {@code as}) or {@code import m} stands for what it imports:
     * its definitions are the imported ones, where they can be found.
     */
    private static List<Definition> followImports(SemanticModel model, List<Definition> defs) {
        List<Definition> out = new ArrayList<>(defs.size());
        for (Definition d : defs) {
            boolean plainImport = (d.node() instanceof ImportAlias a && a.getAsname() == null)
                    || (d.node() instanceof ImportName i && i.getAsname() == null);
            List<Definition> target = plainImport ? definitionOfType(model.typeOf(d)) : List.of();
            out.addAll(target.isEmpty() ? List.of(d) : target);
        }
        return out;
    }

    private static List<Definition> definitionOfType(PyType t) {
        if (t instanceof PyType.Class c) {
            return List.of(new Definition(c.node().getName(), c.node(), c.module()));
        }
        if (t instanceof PyType.Function f) {
            return List.of(new Definition(f.node().getName(), f.node(), f.module()));
        }
        if (t instanceof PyType.Module m && m.module().root() != null) {
            return List.of(new Definition(m.module().name(), m.module().root(), m.module()));
        }
        return List.of();
    }

    /** Where a definition's name stands. */
    public static Location location(Definition d) {
        EObject node = d.node();
        INode n = nameNode(node);
        if (n == null) {
            return new Location(d.module().uri(), 0, 0, d.module().stub());
        }
        return new Location(d.module().uri(), n.getOffset(), n.getEndOffset(), d.module().stub());
    }

    private static INode nameNode(EObject node) {
        EStructuralFeature f = null;
        if (node instanceof FunctionDef) {
            f = AstPackage.Literals.FUNCTION_DEF__NAME;
        } else if (node instanceof ClassDef) {
            f = AstPackage.Literals.CLASS_DEF__NAME;
        } else if (node instanceof Parameter) {
            f = AstPackage.Literals.PARAMETER__NAME;
        } else if (node instanceof Attribute) {
            f = AstPackage.Literals.ATTRIBUTE__ATTR;
        } else if (node instanceof ExceptHandler) {
            f = AstPackage.Literals.EXCEPT_HANDLER__ASNAME;
        } else if (node instanceof ImportAlias a) {
            f = a.getAsname() != null ? AstPackage.Literals.IMPORT_ALIAS__ASNAME : AstPackage.Literals.IMPORT_ALIAS__IMPORTED;
        } else if (node instanceof ImportName i) {
            f = i.getAsname() != null ? AstPackage.Literals.IMPORT_NAME__ASNAME : AstPackage.Literals.IMPORT_NAME__MODULE;
        }
        if (f != null) {
            List<INode> nodes = NodeModelUtils.findNodesForFeature(node, f);
            if (!nodes.isEmpty()) {
                return nodes.get(0);
            }
        }
        INode n = NodeModelUtils.getNode(node);
        if (n != null && node.eContainer() == null) {
            return null; // a whole module: point at its start
        }
        return n;
    }

    /**
     * Every occurrence in the model's module of the symbol named at {@code offset}: its definitions there and every
     * use that resolves to one of them. Empty when nothing is named there.
     */
    public static List<Location> occurrences(SemanticModel model, int offset) {
        List<Definition> targets = definitionsAt(model, offset);
        if (targets.isEmpty()) {
            return List.of();
        }
        Set<EObject> targetNodes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Definition d : targets) {
            targetNodes.add(d.node());
        }
        return occurrences(model, targets.get(0).name(), targetNodes::contains, d -> targetNodes.contains(d.node()));
    }

    /**
     * Every reference to the symbol named at {@code offset} in {@code model}'s module and in {@code others} (the
     * workspace's other modules, each with its own model): uses in other modules resolve through their imports to
     * the same definition, compared by place (a module imported elsewhere is a separate parse of the same text).
     */
    public static List<Location> references(SemanticModel model, int offset, List<SemanticModel> others) {
        List<Definition> targets = definitionsAt(model, offset);
        if (targets.isEmpty()) {
            return List.of();
        }
        List<Location> out = new ArrayList<>(occurrences(model, offset));
        Set<String> places = new java.util.HashSet<>();
        for (Definition d : targets) {
            places.add(place(location(d)));
        }
        String name = targets.get(0).name();
        for (SemanticModel other : others) {
            if (other.module().uri() != null && other.module().uri().equals(model.module().uri())) {
                continue;
            }
            ModuleInfo in = other.module();
            out.addAll(occurrences(other, name,
                    node -> (node instanceof FunctionDef || node instanceof ClassDef || node instanceof Parameter)
                            && places.contains(place(location(new Definition(name, node, in)))),
                    d -> places.contains(place(location(d)))));
        }
        return out;
    }

    /** A definition's place across parses: its module's path and the offset of its name. */
    private static String place(Location l) {
        String uri = l.uri() == null ? "" : l.uri().replaceFirst("^file:/+", "/");
        return uri + "#" + l.start();
    }

    private static List<Location> occurrences(SemanticModel model, String name,
            java.util.function.Predicate<EObject> isTargetNode, java.util.function.Predicate<Definition> isTarget) {
        Set<EObject> targetNodes = new java.util.AbstractSet<>() {
            @Override
            public boolean contains(Object o) {
                return o instanceof EObject e && isTargetNode.test(e);
            }

            @Override
            public java.util.Iterator<EObject> iterator() {
                return java.util.Collections.emptyIterator();
            }

            @Override
            public int size() {
                return 0;
            }
        };
        List<Location> out = new ArrayList<>();
        Map<EObject, Boolean> seen = new IdentityHashMap<>();
        for (TreeIterator<EObject> it = model.module().root().eAllContents(); it.hasNext();) {
            EObject o = it.next();
            boolean hit = false;
            if (targetNodes.contains(o)) {
                hit = true;
            } else if (o instanceof Name n && name.equals(n.getId())) {
                hit = followImports(model, model.definitions(n)).stream().anyMatch(isTarget);
            } else if (o instanceof ImportAlias a && name.equals(a.getAsname() != null ? a.getAsname() : a.getImported())) {
                hit = followImports(model, List.of(new Definition(name, a, model.module()))).stream()
                        .anyMatch(isTarget);
            } else if (o instanceof Attribute a && name.equals(a.getAttr())) {
                List<Definition> m = model.members(model.typeOf(a.getValue())).get(name);
                hit = m != null && m.stream().anyMatch(isTarget);
            } else if (o instanceof KeywordArg k && k.getKey() instanceof Name key && name.equals(key.getId())
                    && k.eContainer() instanceof Call call) {
                // f(n=1) names the parameter n of f
                hit = isParameterOf(model, call, isTarget);
                if (hit && seen.put(key, Boolean.TRUE) == null) {
                    out.add(location(new Definition(name, key, model.module())));
                }
                continue;
            }
            if (hit && seen.put(o, Boolean.TRUE) == null) {
                Location l = location(new Definition(name, o, model.module()));
                if (l.end() > l.start()) {
                    out.add(l);
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Location::start));
        return out;
    }

    private static boolean isParameterOf(SemanticModel model, Call call, java.util.function.Predicate<Definition> isTarget) {
        PyType t = model.typeOf(call.getFunc());
        FunctionDef f = t instanceof PyType.Function fn ? fn.node() : null;
        ModuleInfo in = t instanceof PyType.Function fn ? fn.module() : null;
        if (t instanceof PyType.Class c) {
            List<Definition> init = model.members(t).get("__init__");
            f = init != null && !init.isEmpty() && init.get(0).node() instanceof FunctionDef i ? i : null;
            in = init != null && !init.isEmpty() ? init.get(0).module() : c.module();
        }
        ModuleInfo module = in;
        return f != null && f.getParams().stream().anyMatch(p -> isTarget.test(new Definition(p.getName(), p, module)));
    }

    /** Why a rename at {@code offset} is refused, or null when it is allowed. */
    public static String renameRefusal(SemanticModel model, int offset) {
        List<Definition> targets = definitionsAt(model, offset);
        if (targets.isEmpty()) {
            return "nothing to rename here";
        }
        for (Definition d : targets) {
            if (d.module().stub()) {
                return "'" + d.name() + "' is defined by the board's stubs (" + d.module().name()
                        + "), not by this workspace";
            }
            if (d.module() != model.module()) {
                return "'" + d.name() + "' is defined in " + d.module().name() + "; rename it there";
            }
        }
        return null;
    }
}
