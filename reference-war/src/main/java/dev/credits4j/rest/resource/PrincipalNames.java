package dev.credits4j.rest.resource;

/** What the API accepts as the principal name of a workspace member. */
final class PrincipalNames {
  /** The longest principal name a membership holds. */
  static final int PRINCIPAL_MAX = 255;

  private PrincipalNames() {}

  /** What is wrong with {@code principal} as a member's name; null when nothing. */
  static String problem(String principal) {
    if (principal == null || principal.isEmpty()) {
      return "must not be empty";
    }
    if (principal.length() > PRINCIPAL_MAX) {
      return "must be at most " + PRINCIPAL_MAX + " characters";
    }
    if (principal.isBlank() || !principal.strip().equals(principal)) {
      return "must not begin or end with white space";
    }
    for (int i = 0; i < principal.length(); i++) {
      char c = principal.charAt(i);
      if (Character.isISOControl(c)) {
        return "must not contain control characters";
      }
      if (Character.isSurrogate(c)) {
        boolean pair =
            Character.isHighSurrogate(c)
                && i + 1 < principal.length()
                && Character.isLowSurrogate(principal.charAt(i + 1));
        if (!pair) {
          return "must not contain a lone UTF-16 surrogate";
        }
        i++;
      }
    }
    return null;
  }
}
