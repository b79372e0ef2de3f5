package dev.credits4j.api;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * Usage statements (docs/reports.md, "Usage statements"): after each calendar month of the
 * workspace's time zone ends, every organization with a wallet then gets one statement of the month
 * — credits bought, granted, received, used per offering, reversed, deducted, refunded, transferred
 * away and expired, the balances at the month's start and end — and the lots expiring within
 * {@value #EXPIRING_WITHIN_DAYS} days of issue. Issuing a statement writes a {@link
 * NotificationType#STATEMENT_ISSUED} notification in the same transaction.
 *
 * <p>A statement is issued <b>exactly once</b> per (organization, month): a unique key on the
 * wallet and the month's first day refuses a second, so running {@link #issueDue} twice, or on
 * several nodes at once, issues nothing more. Its figures are stored when it is issued and never
 * change, even though the expiring credits do later.
 */
public interface Statements {
  /** How far ahead of the issue a statement lists expiring credits. */
  int EXPIRING_WITHIN_DAYS = 30;

  /** The largest page {@link #list} returns. */
  int MAX_LIMIT = 100;

  /**
   * @throws CreditsException {@link ErrorCode#STATEMENT_NOT_FOUND}
   */
  StatementView get(StatementId statement);

  /**
   * The organization's statements, newest month first, {@code limit} (1 to {@value #MAX_LIMIT}) at
   * a time after {@code cursor} (null for the first page, else the previous page's {@link
   * StatementPage#nextCursor()}).
   *
   * @throws CreditsException {@link ErrorCode#INVALID_REQUEST} naming {@code cursor} or {@code
   *     limit}; {@link ErrorCode#WALLET_NOT_FOUND} when the organization has no wallet
   */
  StatementPage list(WalletRef wallet, String cursor, int limit);

  /**
   * Issues the organization's statement for a month that has ended (in the workspace's time zone),
   * or returns the one issued already; for a month the scheduled job missed.
   *
   * @throws CreditsException {@link ErrorCode#INVALID_REQUEST} naming {@code month} when it has not
   *     ended yet or ended before the organization's wallet was created; {@link
   *     ErrorCode#WALLET_NOT_FOUND}; {@link ErrorCode#MODULE_DISABLED}
   */
  StatementView issue(WalletRef wallet, YearMonth month);

  /**
   * The organization's statement of {@code month}, if it was issued.
   *
   * @throws CreditsException {@link ErrorCode#WALLET_NOT_FOUND}
   */
  Optional<StatementView> find(WalletRef wallet, YearMonth month);

  /**
   * Issues the statements of {@code month} (ended in the workspace's time zone) to every
   * organization of the workspace that had a wallet when it ended, each exactly once: for a month
   * the scheduled job missed. Statements issued already are counted, not issued again.
   *
   * @throws CreditsException {@link ErrorCode#INVALID_REQUEST} naming {@code month} when it has not
   *     ended yet or ended before the workspace was created; {@link ErrorCode#WORKSPACE_NOT_FOUND};
   *     {@link ErrorCode#MODULE_DISABLED}
   */
  StatementReport issue(String workspace, YearMonth month);

  /**
   * Issues, for every workspace with credits enabled, the statements of the last month that ended
   * at or before {@code asOf} in the workspace's time zone, one wallet per short transaction; what
   * a scheduler runs. {@code asOf} may not be in the future. Wallets created after that month ended
   * get none; a wallet that fails is logged, counted and tried again by the next run.
   */
  StatementReport issueDue(Instant asOf);

  /** {@link #issueDue(Instant)} for one workspace only. */
  StatementReport issueDue(String workspace, Instant asOf);

  /** {@link #issueDue(Instant)} as of now. */
  StatementReport issueDueNow();
}
