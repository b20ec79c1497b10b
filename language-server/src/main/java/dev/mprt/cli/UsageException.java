package dev.mprt.cli;

/** A command line the user got wrong: reported as one clear line, exit status 2, no stack trace. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
