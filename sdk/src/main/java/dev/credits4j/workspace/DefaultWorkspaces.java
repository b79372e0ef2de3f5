package dev.credits4j.workspace;

import dev.credits4j.api.Balance;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.OrganizationSummary;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.SqlErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/** Workspaces and organization registration over JPA; see {@link dev.credits4j.api.Workspaces}. */
@ApplicationScoped
public class DefaultWorkspaces implements dev.credits4j.api.Workspaces {
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (WalletRef.MAX_WORKSPACE_LENGTH - 1) + "}");

  private CreditsContext ctx;
  private CreditLedger ledger;
  private WorkspaceWallets wallets;

  /** For CDI's client proxies only. */
  protected DefaultWorkspaces() {}

  @Inject
  public DefaultWorkspaces(CreditsContext ctx, CreditLedger ledger, WorkspaceWallets wallets) {
    this.ctx = ctx;
    this.ledger = ledger;
    this.wallets = wallets;
  }

  @Override
  public WorkspaceSettings create(WorkspaceSettings s) {
    validate(s);
    try {
      return ctx.transactions()
          .inTransaction(
              em -> {
                if (em.find(Workspace.class, s.key()) != null) {
                  throw exists(s.key());
                }
                Workspace ws = new Workspace(s.key(), ctx.now());
                apply(ws, s);
                em.persist(ws);
                return settings(ws);
              });
    } catch (RuntimeException e) {
      // Two creations raced past the check: the key's primary key let one of them in.
      if (SqlErrors.isUniqueViolation(e)) {
        throw exists(s.key());
      }
      throw e;
    }
  }

  private static CreditsException exists(String key) {
    return new CreditsException(
        ErrorCode.WORKSPACE_EXISTS, "workspace '" + key + "' already exists");
  }

  @Override
  public WorkspaceSettings update(WorkspaceSettings s) {
    validate(s);
    WorkspaceSettings updated =
        ctx.transactions()
            .inTransaction(
                em -> {
                  // Locked before looking for movements: a wallet's first movement locks the same
                  // row (WalletBook.workspace), so the check and the change cannot interleave.
                  Workspace ws = require(em, s.key(), LockModeType.PESSIMISTIC_WRITE);
                  boolean currencyChanged =
                      !ws.getCurrency().equals(s.currency().getCurrencyCode());
                  boolean scaleReduced = s.creditScale() < ws.getCreditScale();
                  if ((currencyChanged || scaleReduced) && wallets.anyMoved(em, ws.getKey())) {
                    throw new CreditsException(
                        ErrorCode.SETTINGS_LOCKED,
                        "the currency cannot change, nor the credit scale shrink, once credits have"
                            + " moved in workspace '"
                            + ws.getKey()
                            + "'");
                  }
                  apply(ws, s);
                  return settings(ws);
                });
    ctx.settings().invalidate(s.key());
    return updated;
  }

  @Override
  public Optional<WorkspaceSettings> find(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return ctx.transactions()
        .read(
            em ->
                Optional.ofNullable(em.find(Workspace.class, key))
                    .map(DefaultWorkspaces::settings));
  }

  @Override
  public WorkspaceSettings get(String key) {
    Checks.required("key", key);
    return find(key)
        .orElseThrow(
            () ->
                new CreditsException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + key + "'"));
  }

  @Override
  public Balance registerOrganization(WalletRef ref, String displayName) {
    Checks.required("wallet", ref);
    Checks.requiredText("wallet.workspace", ref.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    String org =
        Checks.requiredText(
            "wallet.organization", ref.organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
    if (!org.equals(ref.organization())) {
      throw Checks.invalid("wallet.organization", "must not start or end with whitespace");
    }
    String name =
        Checks.optionalText(
            "displayName", displayName, OrganizationSummary.MAX_DISPLAY_NAME_LENGTH);
    for (int attempt = 1; ; attempt++) {
      try {
        ctx.transactions()
            .inTransaction(
                em -> {
                  require(em, ref.workspace());
                  wallets.open(em, ref.workspace(), org, name == null ? org : name, ctx.now());
                  return null;
                });
        return ledger.balance(ref);
      } catch (RuntimeException e) {
        // Two registrations raced: the other one created the wallet, so look again.
        if (attempt >= 2 || !SqlErrors.isUniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  private static Workspace require(EntityManager em, String key) {
    return require(em, key, LockModeType.NONE);
  }

  private static Workspace require(EntityManager em, String key, LockModeType lock) {
    Workspace ws = em.find(Workspace.class, key, lock);
    if (ws == null) {
      throw new CreditsException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + key + "'");
    }
    return ws;
  }

  private void apply(Workspace ws, WorkspaceSettings s) {
    ws.apply(
        s.name(),
        s.creditsEnabled(),
        s.creditScale(),
        s.currency().getCurrencyCode(),
        s.baseCreditRate().getNumber().numberValueExact(BigDecimal.class),
        s.defaultExpiryDays(),
        s.gracePeriodDays(),
        s.warningDays().stream().map(String::valueOf).collect(Collectors.joining(",")),
        s.lowBalanceThreshold(),
        s.timeZone().getId(),
        s.rolloverEnabled(),
        s.rolloverCapCredits(),
        s.rolloverCapPercent(),
        ctx.now());
  }

  static WorkspaceSettings settings(Workspace ws) {
    var currency = Monetary.getCurrency(ws.getCurrency());
    return WorkspaceSettings.builder(ws.getKey(), currency)
        .name(ws.getName())
        .creditsEnabled(ws.isCreditsEnabled())
        .creditScale(ws.getCreditScale())
        .baseCreditRate(Money.of(ws.getBaseCreditRate(), currency))
        .defaultExpiryDays(ws.getDefaultExpiryDays())
        .gracePeriodDays(ws.getGracePeriodDays())
        .warningDays(WorkspaceSnapshot.parseDays(ws.getWarningDays()))
        .lowBalanceThreshold(ws.getLowBalanceThreshold())
        .timeZone(ZoneId.of(ws.getTimeZone()))
        .rolloverEnabled(ws.isRolloverEnabled())
        .rolloverCapCredits(ws.getRolloverCapCredits())
        .rolloverCapPercent(ws.getRolloverCapPercent())
        .build();
  }

  /** Checks every field and reports all bad ones at once. */
  static void validate(WorkspaceSettings s) {
    Checks.required("settings", s);
    List<FieldViolation> v = new ArrayList<>();
    checkIdentity(s, v);
    checkBaseCreditRate(s, v);
    checkExpiry(s, v);
    if (s.lowBalanceThreshold() != null
        && !isCreditAmount(s.lowBalanceThreshold(), s.creditScale())) {
      v.add(
          new FieldViolation(
              "lowBalanceThreshold",
              "must be a non-negative credit amount within the credit scale"));
    }
    if (s.timeZone() == null) {
      v.add(new FieldViolation("timeZone", "is required"));
    }
    checkRollover(s, v);
    if (!v.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_SETTINGS,
          "invalid workspace settings: "
              + v.stream()
                  .map(f -> f.field() + " " + f.message())
                  .collect(Collectors.joining("; ")),
          v);
    }
  }

  /** The key, name and credit scale. */
  private static void checkIdentity(WorkspaceSettings s, List<FieldViolation> v) {
    if (s.key() == null || !KEY.matcher(s.key()).matches()) {
      v.add(
          new FieldViolation(
              "key",
              "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit"));
    }
    if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
      v.add(new FieldViolation("name", "must be 1 to 200 characters"));
    }
    if (s.creditScale() < 0 || s.creditScale() > WorkspaceSettings.MAX_SCALE) {
      v.add(new FieldViolation("creditScale", "must be 0 to 4, was " + s.creditScale()));
    }
  }

  private static void checkBaseCreditRate(WorkspaceSettings s, List<FieldViolation> v) {
    MonetaryAmount rate = s.baseCreditRate();
    if (rate == null) {
      v.add(new FieldViolation("baseCreditRate", "is required"));
      return;
    }
    if (!rate.getCurrency().equals(s.currency())) {
      v.add(
          new FieldViolation(
              "baseCreditRate", "must be in the workspace currency " + s.currency()));
    }
    BigDecimal value = rate.getNumber().numberValueExact(BigDecimal.class);
    if (value.signum() < 0) {
      v.add(new FieldViolation("baseCreditRate", "must not be negative"));
    }
    if (value.stripTrailingZeros().scale() > 4
        || value.compareTo(new BigDecimal("1000000000")) >= 0) {
      v.add(
          new FieldViolation(
              "baseCreditRate", "must have at most 4 decimal places and be below 1e9"));
    }
  }

  /** The default expiry, the grace period and the days of the expiring-soon warnings. */
  private static void checkExpiry(WorkspaceSettings s, List<FieldViolation> v) {
    if (s.defaultExpiryDays() != null
        && (s.defaultExpiryDays() < 1 || s.defaultExpiryDays() > 36500)) {
      v.add(new FieldViolation("defaultExpiryDays", "must be 1 to 36500 days, or null for never"));
    }
    if (s.gracePeriodDays() < 0 || s.gracePeriodDays() > 3650) {
      v.add(new FieldViolation("gracePeriodDays", "must be 0 to 3650 days"));
    }
    if (s.warningDays().stream().anyMatch(d -> d == null || d < 1 || d > 3650)
        || new HashSet<>(s.warningDays()).size() != s.warningDays().size()
        || s.warningDays().size() > 10) {
      v.add(new FieldViolation("warningDays", "must be at most 10 distinct days, each 1 to 3650"));
    }
  }

  /** The workspace's rollover caps. */
  private static void checkRollover(WorkspaceSettings s, List<FieldViolation> v) {
    if (s.rolloverCapCredits() != null
        && !isCreditAmount(s.rolloverCapCredits(), s.creditScale())) {
      v.add(
          new FieldViolation(
              "rolloverCapCredits",
              "must be a non-negative credit amount within the credit scale"));
    }
    if (s.rolloverCapPercent() != null
        && (s.rolloverCapPercent() < 0 || s.rolloverCapPercent() > 100)) {
      v.add(new FieldViolation("rolloverCapPercent", "must be 0 to 100"));
    }
  }

  /** Non-negative, within the credit scale (at least 0 places) and at most 10^12. */
  private static boolean isCreditAmount(BigDecimal amount, int creditScale) {
    return amount.signum() >= 0
        && amount.stripTrailingZeros().scale() <= Math.max(0, creditScale)
        && amount.compareTo(new BigDecimal("1000000000000")) <= 0;
  }
}
