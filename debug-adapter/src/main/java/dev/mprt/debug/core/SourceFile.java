package dev.mprt.debug.core;

import java.nio.file.Path;

/**
 * One file of the program: its name on the device and its workspace path (null when the session does not know
 * one), and the CRC-32 of the content the device runs.
 */
public record SourceFile(String deviceName, Path path, long crc) {
}
