package dev.credits4j.rest.json;

/**
 * Text the API refuses: control characters (C0, DEL, C1: CR, LF, TAB, ESC…) in ids and keys, where
 * they would forge log lines and lookalike ids, and lone UTF-16 surrogates in any text, which no
 * database stores faithfully.
 */
public final class TextChecks {
  private TextChecks() {}

  /** The index of the first control character (C0, DEL or C1), or -1. */
  public static int controlChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first lone UTF-16 surrogate, or -1. */
  public static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Why an id or key is refused, or null when it is acceptable. */
  public static String idFault(String s) {
    if (controlChar(s) >= 0) {
      return "must not contain control characters (CR, LF, TAB, ESC, C0 or C1)";
    }
    if (loneSurrogate(s) >= 0) {
      return "holds a lone UTF-16 surrogate; send valid Unicode text";
    }
    return null;
  }
}
