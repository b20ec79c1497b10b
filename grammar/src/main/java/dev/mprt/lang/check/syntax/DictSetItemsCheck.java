package dev.mprt.lang.check.syntax;

import java.util.List;

import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;

/** {@code compile_atom_brace}: the first item decides dict or set; every other item must agree. */
public final class DictSetItemsCheck extends NodeCheck<DictOrSet> {

    public static final String EXPECTING_KEY_VALUE = "syntax-dict-expecting-key-value";
    public static final String EXPECTING_VALUE = "syntax-set-expecting-value";

    public DictSetItemsCheck() {
        super(DictOrSet.class);
    }

    @Override
    protected void check(DictOrSet node, CheckContext ctx) {
        List<Expression> items = node.getItems();
        if (items.isEmpty()) {
            return;
        }
        boolean dict = items.get(0) instanceof KeyValue;
        for (Expression item : items.subList(1, items.size())) {
            if (dict && !(item instanceof KeyValue)) {
                ctx.error(EXPECTING_KEY_VALUE, "expecting key:value for dict", item);
                return;
            }
            if (!dict && item instanceof KeyValue) {
                ctx.error(EXPECTING_VALUE, "expecting just a value for set", item);
                return;
            }
        }
    }
}
