package dev.credits4j.notify.mail;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the {@link MailNotifier} reaches its SMTP server. Holds no Jakarta Mail type.
 *
 * @param host the server's host name or address
 * @param port 1 to 65535 (commonly 587 with STARTTLS, 465 with SMTPS, 25 without)
 * @param from the sender, an RFC 822 address such as {@code "Acme Credits <credits@acme.test>"}
 * @param username the login; null for a server that needs none
 * @param password the password; null exactly when {@code username} is
 * @param tls how the connection is protected
 * @param timeout connect, read and write timeout, 1 second to 10 minutes
 */
public record SmtpSettings(
    String host,
    int port,
    String from,
    String username,
    String password,
    Tls tls,
    Duration timeout) {

  /** Transport security. */
  public enum Tls {
    /** Plain SMTP: for a relay on the same host or a test server only. */
    NONE,
    /** STARTTLS when the server offers it, plain otherwise. */
    STARTTLS,
    /** STARTTLS, and refuse to send if the server does not offer it. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SMTPS
  }

  /** The timeout when none is given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public SmtpSettings {
    List<FieldViolation> v = new ArrayList<>();
    if (host == null
        || host.isBlank()
        || host.length() > 255
        || !host.strip().equals(host)
        || host.chars().anyMatch(Character::isWhitespace)) {
      v.add(new FieldViolation("host", "must be a host name or address of 1 to 255 characters"));
    }
    if (port < 1 || port > 65535) {
      v.add(new FieldViolation("port", "must be 1 to 65535, was " + port));
    }
    if (from == null
        || from.isBlank()
        || from.length() > 320
        || from.indexOf('@') < 0
        || from.indexOf('\r') >= 0
        || from.indexOf('\n') >= 0) {
      v.add(new FieldViolation("from", "must be an e-mail address, e.g. credits@example.com"));
    }
    if ((username == null) != (password == null)) {
      v.add(
          new FieldViolation(
              "password", "username and password go together: give both or neither"));
    } else if (username != null && (username.isBlank() || username.length() > 255)) {
      v.add(new FieldViolation("username", "must be 1 to 255 characters"));
    }
    if (tls == null) {
      v.add(new FieldViolation("tls", "is required"));
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      v.add(new FieldViolation("timeout", "must be 1 second to 10 minutes, was " + timeout));
    }
    if (!v.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_SETTINGS, "invalid SMTP settings: " + v, List.copyOf(v));
    }
  }

  /** A server without login, STARTTLS when offered, the default timeout. */
  public static SmtpSettings of(String host, int port, String from) {
    return new SmtpSettings(host, port, from, null, null, Tls.STARTTLS, null);
  }

  /** The same server with a login. */
  public SmtpSettings withLogin(String username, String password) {
    return new SmtpSettings(host, port, from, username, password, tls, timeout);
  }

  public SmtpSettings withTls(Tls tls) {
    return new SmtpSettings(host, port, from, username, password, tls, timeout);
  }

  public SmtpSettings withTimeout(Duration timeout) {
    return new SmtpSettings(host, port, from, username, password, tls, timeout);
  }

  @Override
  public String toString() {
    // Never print the password.
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", from="
        + from
        + ", username="
        + username
        + ", tls="
        + tls
        + ", timeout="
        + timeout
        + "]";
  }
}
