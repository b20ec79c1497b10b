package dev.mprt.lang.isr;

import org.eclipse.emf.ecore.EObject;

/**
 * Something in a function's own code that matters in a hard interrupt handler: an allocation (rules E.3), a
 * bound method handed to {@code micropython.schedule}, blocking I/O or a long loop (E.4).
 *
 * @param node    the exact expression or statement
 * @param what    what happens there, for the message ("float arithmetic creates a new float object")
 * @param certain false when it depends on run-time state (a container that must grow, an array element's value)
 */
public record Finding(Kind kind, EObject node, String what, boolean certain) {

    public enum Kind {
        FLOAT("isr-alloc-float"),
        BIGINT("isr-alloc-bigint"),
        COLLECTION("isr-alloc-collection"),
        ITERATOR("isr-alloc-iterator"),
        FUNCTION("isr-alloc-function"),
        BOUND_METHOD("isr-alloc-bound-method"),
        STAR_ARGS("isr-alloc-star-args"),
        STRING("isr-alloc-string"),
        SLICE("isr-alloc-slice"),
        OBJECT("isr-alloc-object"),
        GROW("isr-alloc-grow"),
        SCHEDULE_BOUND_METHOD("isr-schedule-bound-method"),
        BLOCKING("isr-blocking-call"),
        LONG_LOOP("isr-long-loop");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** Whether it is a heap allocation (MemoryError in a hard handler). */
        public boolean allocates() {
            return code.startsWith("isr-alloc-") || this == SCHEDULE_BOUND_METHOD;
        }
    }
}
