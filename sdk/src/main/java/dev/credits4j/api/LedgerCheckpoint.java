package dev.credits4j.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A signed record of wallet heads (last sequence and hash) at one moment, made by {@link
 * CreditLedger#checkpoint} or {@link CreditLedger#checkpointAll} and kept <em>outside</em> the
 * database (a file, object storage, a log service...). {@link
 * CreditLedger#verify(LedgerCheckpoint)} later proves that every entry it vouches for is still
 * there unchanged: an attacker who deletes the newest entries and restores an older (validly
 * sealed) wallet row is caught by it.
 *
 * <p>{@code workspace} is null for a checkpoint of every workspace. {@code signature} is an
 * HMAC-SHA256 with the ledger key {@code keyId} over every other field.
 *
 * @see #toText()
 * @see #parse(String)
 */
public record LedgerCheckpoint(
    String workspace, Instant createdAt, List<Head> heads, String keyId, String signature) {
  private static final String MAGIC = "credits4j-checkpoint 1";

  public LedgerCheckpoint {
    heads = List.copyOf(heads);
  }

  /** One wallet's head: its last sequence and that entry's hash. */
  public record Head(WalletRef wallet, String walletId, long sequence, String hash) {}

  /**
   * The checkpoint as UTF-8 text, one item per line (workspace and organization ids are base64url
   * encoded, so any id survives): what a file or a log sink stores, read back with {@link #parse}.
   */
  public String toText() {
    StringBuilder b = new StringBuilder(64 + heads.size() * 160);
    b.append(MAGIC).append('\n');
    b.append("workspace ").append(workspace == null ? "*" : enc(workspace)).append('\n');
    b.append("created ").append(createdAt).append('\n');
    for (Head h : heads) {
      b.append("head ")
          .append(enc(h.wallet().workspace()))
          .append(' ')
          .append(enc(h.wallet().organization()))
          .append(' ')
          .append(h.walletId())
          .append(' ')
          .append(h.sequence())
          .append(' ')
          .append(h.hash() == null ? "-" : h.hash())
          .append('\n');
    }
    b.append("key ").append(keyId).append('\n');
    b.append("signature ").append(signature).append('\n');
    return b.toString();
  }

  /**
   * Reads the text of {@link #toText()}.
   *
   * @throws IllegalArgumentException naming the line that is malformed
   */
  public static LedgerCheckpoint parse(String text) {
    String[] lines = text.strip().split("\\r?\\n");
    if (lines.length < 5 || !lines[0].equals(MAGIC)) {
      throw new IllegalArgumentException("not a credits4j checkpoint (first line: " + MAGIC + ")");
    }
    try {
      String ws = value(lines[1], "workspace");
      Instant created = Instant.parse(value(lines[2], "created"));
      List<Head> heads = new ArrayList<>();
      int i = 3;
      for (; i < lines.length && lines[i].startsWith("head "); i++) {
        String[] p = lines[i].split(" ");
        if (p.length != 6) {
          throw new IllegalArgumentException("checkpoint line " + (i + 1) + " is not a head");
        }
        heads.add(
            new Head(
                new WalletRef(dec(p[1]), dec(p[2])),
                p[3],
                Long.parseLong(p[4]),
                p[5].equals("-") ? null : p[5]));
      }
      if (i + 2 != lines.length) {
        throw new IllegalArgumentException("checkpoint line " + (i + 1) + " is unexpected");
      }
      return new LedgerCheckpoint(
          ws.equals("*") ? null : dec(ws),
          created,
          heads,
          value(lines[i], "key"),
          value(lines[i + 1], "signature"));
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException iae
          && iae.getMessage() != null
          && iae.getMessage().startsWith("checkpoint")) {
        throw iae;
      }
      throw new IllegalArgumentException("malformed checkpoint: " + e.getMessage(), e);
    }
  }

  private static String value(String line, String name) {
    if (!line.startsWith(name + " ")) {
      throw new IllegalArgumentException("checkpoint line '" + name + " ...' expected");
    }
    return line.substring(name.length() + 1);
  }

  private static String enc(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String dec(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
