package dev.mprt.lang.scope;

/** MicroPython's scope kinds ({@code py/scope.h}); comprehensions of every flavour are one kind here. */
public enum ScopeKind {
    MODULE, CLASS, LAMBDA, COMPREHENSION, FUNCTION;

    /** Function-like scopes bind assigned names as locals ({@code SCOPE_IS_FUNC_LIKE}). */
    public boolean isFunctionLike() {
        return this != MODULE && this != CLASS;
    }
}
