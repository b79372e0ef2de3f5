package dev.credits4j.api;

/**
 * Who did something, recorded on every ledger entry: a type, the host platform's own id for the
 * person or process, and a display name as it was at the time.
 */
public record Actor(ActorType type, String id, String name) {
  /** The longest id an actor may have. */
  public static final int MAX_ID_LENGTH = 128;

  /** The longest name kept for an actor; longer names are cut to it. */
  public static final int MAX_NAME_LENGTH = 200;

  public Actor {
    if (type == null) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "actor type is required",
          java.util.List.of(new FieldViolation("actor.type", "is required")));
    }
    if (id == null || id.isBlank()) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "actor id is required",
          java.util.List.of(new FieldViolation("actor.id", "must not be blank")));
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "actor id is longer than " + MAX_ID_LENGTH + " characters",
          java.util.List.of(
              new FieldViolation("actor.id", "at most " + MAX_ID_LENGTH + " characters")));
    }
    name = name == null || name.isBlank() ? id : name;
    if (name.length() > MAX_NAME_LENGTH) {
      name = name.substring(0, MAX_NAME_LENGTH);
    }
  }

  public static Actor team(String id, String name) {
    return new Actor(ActorType.TEAM, id, name);
  }

  public static Actor client(String id, String name) {
    return new Actor(ActorType.CLIENT, id, name);
  }

  public static Actor system(String id) {
    return new Actor(ActorType.SYSTEM, id, id);
  }
}
