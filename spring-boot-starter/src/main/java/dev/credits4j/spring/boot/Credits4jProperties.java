package dev.credits4j.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code credits4j.*} properties of the Spring Boot starter. */
@ConfigurationProperties(prefix = "credits4j")
public class Credits4jProperties {

  /** Whether to create the starter's beans at all. */
  private boolean enabled = true;

  /** Whether to apply the SDK's migrations to the application's DataSource at startup. */
  private boolean migrate = true;

  /**
   * Whether operations called inside a Spring transaction join it (commit or roll back with it).
   * When false, every operation runs in a transaction of its own.
   */
  private boolean joinTransactions = true;

  /** Attempts per transaction of the SDK's own on serialization failures and deadlocks. */
  private int maxAttempts = 50;

  private final Scheduler scheduler = new Scheduler();
  private final Mail mail = new Mail();
  private final Stripe stripe = new Stripe();
  private final Webhooks webhooks = new Webhooks();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isMigrate() {
    return migrate;
  }

  public void setMigrate(boolean migrate) {
    this.migrate = migrate;
  }

  public boolean isJoinTransactions() {
    return joinTransactions;
  }

  public void setJoinTransactions(boolean joinTransactions) {
    this.joinTransactions = joinTransactions;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Scheduler getScheduler() {
    return scheduler;
  }

  public Mail getMail() {
    return mail;
  }

  public Stripe getStripe() {
    return stripe;
  }

  public Webhooks getWebhooks() {
    return webhooks;
  }

  /** Signed webhooks to the endpoints each workspace registers (docs/webhooks.md). */
  public static class Webhooks {
    /**
     * Whether to turn signed webhooks on (the {@code Webhooks} bean, and the scheduler's {@code
     * webhooks} job delivering them).
     */
    private boolean enabled = false;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The SDK's periodic jobs (expiry, allotments, purchase reconciliation, rollup, dispatch). */
  public static class Scheduler {
    /** Whether to run the SDK's jobs in this application. */
    private boolean enabled = false;

    /** How long each job waits after a run before the next. */
    private Duration interval = Duration.ofMinutes(5);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** The e-mail notifier over SMTP (needs a RecipientResolver bean). */
  public static class Mail {
    /** SMTP host; the e-mail notifier is added when set. */
    private String host;

    /** SMTP port. */
    private int port = 587;

    /** The sender address. */
    private String from;

    /** SMTP user name, if the server wants a login. */
    private String username;

    /** SMTP password. */
    private String password;

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public String getFrom() {
      return from;
    }

    public void setFrom(String from) {
      this.from = from;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** The Stripe gateway and its webhooks (needs com.stripe:stripe-java). */
  public static class Stripe {
    /** Stripe secret API key; the Stripe gateway is added when set. */
    private String apiKey;

    /** The signing secret of the webhook endpoint. */
    private String webhookSecret;

    /** Where Stripe Checkout sends the buyer after paying. */
    private String successUrl;

    /** Where Stripe Checkout sends the buyer after cancelling. */
    private String cancelUrl;

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public String getWebhookSecret() {
      return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
      this.webhookSecret = webhookSecret;
    }

    public String getSuccessUrl() {
      return successUrl;
    }

    public void setSuccessUrl(String successUrl) {
      this.successUrl = successUrl;
    }

    public String getCancelUrl() {
      return cancelUrl;
    }

    public void setCancelUrl(String cancelUrl) {
      this.cancelUrl = cancelUrl;
    }
  }
}
