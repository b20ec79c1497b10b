package dev.mprt.lang.check;

import java.util.List;

/** Every check mprt runs, in one list: adding a rule means adding its class here. */
final class CheckRegistry {

    private CheckRegistry() {
    }

    static List<Check> all() {
        return List.of();
    }
}
