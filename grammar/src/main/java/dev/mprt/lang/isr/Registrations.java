package dev.mprt.lang.isr;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.PyType;

/**
 * Finds the handler registrations of rules E.2 in a module: the API from the callee's stub (class and module), the
 * handler from its keyword or position, the {@code hard=} keyword, and the context on the board.
 */
public final class Registrations {

    private final Resolver resolver;
    private final IsrBoard board;

    public Registrations(Resolver resolver, IsrBoard board) {
        this.resolver = resolver;
        this.board = board;
    }

    public List<Registration> find(ModuleInfo module) {
        List<Registration> out = new ArrayList<>();
        // a registration's statement has its callee's name in its text
        for (EObject statement : dev.mprt.lang.ast.util.FlatTree.statementsMentioning(module.root(),
                NAMES.toArray(String[]::new))) {
            dev.mprt.lang.ast.util.FlatTree tree = dev.mprt.lang.ast.util.FlatTree.of(statement);
            for (int i = 0; i < tree.size(); i++) {
                if (tree.get(i) instanceof Call c) {
                    Registration r = registration(c, module);
                    if (r != null) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /** The callee names a registration can have: only these calls are resolved (types cost, on every edit). */
    public static final java.util.Set<String> NAMES = java.util.Set.of("irq", "callback", "rxcallback", "wakeup",
            "init", "channel", "schedule", "ExtInt", "Timer");

    private Registration registration(Call c, ModuleInfo module) {
        Expression func = c.getFunc();
        String callee = func instanceof Attribute a ? a.getAttr() : func instanceof Name n ? n.getId() : null;
        if (callee == null || !NAMES.contains(callee)) {
            return null;
        }
        Api api;
        Expression handler;
        PyType.Class cls = resolver.stubClass(func);
        PyType.Function fn = cls == null ? resolver.stubFunction(func) : null;
        String owner = cls != null ? cls.node().getName()
                : fn != null && fn.owner() != null ? fn.owner().getName() : null;
        String mod = cls != null ? cls.module().name() : fn != null ? fn.module().name() : null;
        String method = cls != null ? "__init__" : fn != null ? fn.node().getName() : null;
        if (method == null && func instanceof Attribute a && "callback".equals(a.getAttr())
                && isTimerChannel(a.getValue(), 0)) {
            // pyb.Timer.channel() returns a TimerChannel, which the stubs leave untyped
            handler = argument(c, "fun", 0);
            return handler == null || handler instanceof Constant ? null
                    : make(Api.PYB_TIMER_CHANNEL, c, handler, module);
        }
        if (method == null) {
            // a receiver the model does not know: only x.irq(handler, ..., hard=True) says enough
            if (func instanceof Attribute a && "irq".equals(a.getAttr()) && keyword(c, "hard") != null) {
                handler = argument(c, "handler", 0);
                return handler == null ? null : make(Api.UNKNOWN_IRQ, c, handler, module);
            }
            return null;
        }
        switch (owner == null ? mod + "." + method : owner + "." + method) {
            case "micropython.schedule" -> {
                api = Api.SCHEDULE;
                handler = argument(c, null, 0);
            }
            case "Pin.irq" -> {
                api = Api.PIN_IRQ;
                handler = argument(c, "handler", "esp8266".equals(board.id()) ? -1 : 0);
            }
            case "ExtInt.__init__" -> {
                api = Api.EXTINT;
                handler = argument(c, "callback", 3);
            }
            case "Timer.__init__", "Timer.init" -> {
                api = "pyb".equals(mod) ? Api.PYB_TIMER : Api.MACHINE_TIMER;
                handler = argument(c, "callback", -1);
            }
            case "Timer.callback", "TimerChannel.callback" -> {
                api = owner.equals("Timer") ? Api.PYB_TIMER : Api.PYB_TIMER_CHANNEL;
                handler = argument(c, "fun", 0);
            }
            case "Timer.channel" -> {
                api = Api.PYB_TIMER_CHANNEL;
                handler = argument(c, "callback", -1);
            }
            case "UART.irq" -> {
                api = Api.UART_IRQ;
                handler = argument(c, "handler", 0);
            }
            case "RTC.irq" -> {
                api = Api.RTC_IRQ;
                handler = argument(c, "handler", -1);
            }
            case "RTC.wakeup" -> {
                api = Api.RTC_WAKEUP;
                handler = argument(c, "callback", positional(c) >= 3 ? 2 : 1);
            }
            case "Switch.callback" -> {
                api = Api.SWITCH;
                handler = argument(c, "fun", 0);
            }
            case "CAN.rxcallback" -> {
                api = Api.CAN_RX;
                handler = argument(c, "fun", 1);
            }
            case "USB_VCP.irq" -> {
                api = Api.USB_VCP_IRQ;
                handler = argument(c, "handler", 0);
            }
            case "PIO.irq" -> {
                api = Api.PIO_IRQ;
                handler = argument(c, "handler", 0);
            }
            case "StateMachine.irq" -> {
                api = Api.STATE_MACHINE_IRQ;
                handler = argument(c, "handler", 0);
            }
            case "DMA.irq" -> {
                api = Api.DMA_IRQ;
                handler = argument(c, "handler", 0);
            }
            case "I2S.irq" -> {
                api = Api.I2S_IRQ;
                handler = argument(c, "handler", 0);
            }
            case "BLE.irq" -> {
                api = Api.BLE_IRQ;
                handler = argument(c, "handler", 0);
            }
            case "ESPNow.irq", "AIOESPNow.irq" -> {
                api = Api.ESPNOW_IRQ;
                handler = argument(c, "callback", 0);
            }
            default -> {
                return null;
            }
        }
        return handler == null || handler instanceof Constant ? null : make(api, c, handler, module);
    }

    private Registration make(Api api, Call c, Expression handler, ModuleInfo module) {
        KeywordArg hard = keyword(c, "hard");
        boolean isHard = hard != null && truthy(hard.getValue());
        List<Target> targets = resolver.targets(handler);
        return new Registration(api, c, handler, targets, board.context(api, isHard), hard, module);
    }

    /** {@code tim.channel(...)}, or a name bound to one. */
    private boolean isTimerChannel(Expression e, int depth) {
        if (depth > 4) {
            return false;
        }
        if (e instanceof Call c) {
            PyType.Function f = resolver.stubFunction(c.getFunc());
            return f != null && f.owner() != null && "Timer".equals(f.owner().getName())
                    && "channel".equals(f.node().getName());
        }
        if (e instanceof Name n) {
            for (dev.mprt.lang.semantic.Definition d : resolver.semantic().definitions(n)) {
                if (d.node().eContainer() instanceof dev.mprt.lang.ast.ExprStatement s
                        && dev.mprt.lang.ast.util.Statements.isAssignment(s)
                        && isTimerChannel(dev.mprt.lang.ast.util.Statements.value(s), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code hard=X}: false only for a constant false value; a variable is taken as true (the reason to pass it). */
    static boolean truthy(Expression v) {
        if (v instanceof Constant k) {
            return "True".equals(k.getValue());
        }
        if (v instanceof Num n) {
            return !n.getValue().matches("0+");
        }
        return true;
    }

    static KeywordArg keyword(Call c, String name) {
        for (Expression a : c.getArgs()) {
            if (a instanceof KeywordArg k && k.getKey() instanceof Name n && name.equals(n.getId())) {
                return k;
            }
        }
        return null;
    }

    private static int positional(Call c) {
        return (int) c.getArgs().stream().filter(a -> !(a instanceof KeywordArg) && !(a instanceof StarArg)
                && !(a instanceof DoubleStarArg)).count();
    }

    /** The argument passed as keyword {@code name} or at positional {@code index} (-1: keyword only). */
    private static Expression argument(Call c, String name, int index) {
        if (name != null) {
            KeywordArg k = keyword(c, name);
            if (k != null) {
                return k.getValue();
            }
        }
        if (index < 0) {
            return null;
        }
        int i = 0;
        for (Expression a : c.getArgs()) {
            if (a instanceof StarArg || a instanceof DoubleStarArg) {
                return null;
            }
            if (!(a instanceof KeywordArg)) {
                if (i == index) {
                    return a;
                }
                i++;
            }
        }
        return null;
    }
}
