package dev.credits4j.spi;

import dev.credits4j.api.LedgerCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where signed ledger checkpoints go: somewhere <em>outside</em> the ledger's database, which an
 * attacker with write access to the database cannot rewrite (a file on another volume, object
 * storage with retention, a log service). See docs/ledger.md, "Checkpoints".
 */
@FunctionalInterface
public interface CheckpointSink {
  /** Stores one checkpoint; throwing means it was not stored. */
  void write(LedgerCheckpoint checkpoint) throws IOException;

  /**
   * A sink that replaces {@code file} with the latest checkpoint, atomically (written next to it,
   * then moved), readable by the owner only where the file system supports POSIX permissions.
   */
  static CheckpointSink toFile(Path file) {
    return checkpoint -> {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".checkpoint-", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(
              tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's permissions apply
        }
        Files.writeString(tmp, checkpoint.toText(), StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    };
  }

  /** Reads a checkpoint written by {@link #toFile}. */
  static LedgerCheckpoint readFile(Path file) throws IOException {
    return LedgerCheckpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
  }
}
