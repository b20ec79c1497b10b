package dev.mprt.lang.semantic;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.FunctionDef;

/** What the model knows about a value's type: a module, a class, an instance, a function, or nothing. */
public sealed interface PyType {

    record Module(ModuleInfo module) implements PyType {
    }

    record Class(ClassDef node, ModuleInfo module) implements PyType {
    }

    record Instance(ClassDef cls, ModuleInfo module) implements PyType {
    }

    record Function(FunctionDef node, ModuleInfo module, ClassDef owner) implements PyType {
    }

    record Unknown() implements PyType {
    }

    PyType UNKNOWN = new Unknown();
}
