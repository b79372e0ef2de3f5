package dev.credits4j.rest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The text of an API key: {@code c4j_<id>_<secret>}, the id 24 lower-case hex digits (96 random
 * bits, the key's name in lists and logs), the secret 43 base64url characters (256 random bits from
 * {@link SecureRandom}). Only {@link #hash} of the id and secret is stored: the secret has enough
 * entropy that one SHA-256 is as good as a slow password hash, and lookups go by id.
 */
public final class ApiKeyTokens {
  /** What every key starts with, so that scanners and people recognize one. */
  public static final String PREFIX = "c4j_";

  static final int ID_HEX = 24;
  static final int SECRET_CHARS = 43;

  /** The length of every key. */
  public static final int LENGTH = PREFIX.length() + ID_HEX + 1 + SECRET_CHARS;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyTokens() {}

  /** A key's id and secret, as parsed or generated. */
  public record Parts(String id, String secret) {
    /** The key as the client sends it. */
    public String token() {
      return PREFIX + id + "_" + secret;
    }

    @Override
    public String toString() {
      return "ApiKey[" + id + "]"; // never the secret
    }
  }

  /** A new key's id and secret. */
  public static Parts generate() {
    byte[] id = new byte[ID_HEX / 2];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return new Parts(
        HexFormat.of().formatHex(id),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The id and secret of {@code token}; null when it is not of the key format. */
  public static Parts parse(String token) {
    if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
      return null;
    }
    String id = token.substring(PREFIX.length(), PREFIX.length() + ID_HEX);
    if (token.charAt(PREFIX.length() + ID_HEX) != '_') {
      return null;
    }
    String secret = token.substring(PREFIX.length() + ID_HEX + 1);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      boolean base64url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64url) {
        return null;
      }
    }
    return new Parts(id, secret);
  }

  /** What is stored of a key: the hex SHA-256 of its id and secret. */
  public static String hash(Parts parts) {
    return HexFormat.of().formatHex(sha256(parts.id() + ":" + parts.secret()));
  }

  /** Whether {@code parts} hashes to {@code storedHash}, compared in constant time. */
  public static boolean matches(Parts parts, String storedHash) {
    byte[] expected = HexFormat.of().parseHex(storedHash);
    return MessageDigest.isEqual(sha256(parts.id() + ":" + parts.secret()), expected);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
