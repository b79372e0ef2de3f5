package dev.credits4j.ledger;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldPage;
import dev.credits4j.api.HoldQuery;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.OrganizationPage;
import dev.credits4j.api.OrganizationQuery;
import dev.credits4j.api.OrganizationSummary;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Lists of organizations and of an organization's holds over JPA, with keyset paging; see {@link
 * dev.credits4j.api.Organizations}. Reads only the wallet and hold rows, so a page costs one query
 * whatever the workspace's size (with the indexes on the wallet's workspace and the hold's wallet).
 */
@ApplicationScoped
public class DefaultOrganizations implements dev.credits4j.api.Organizations {
  private static final char ESCAPE = '!';

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultOrganizations() {}

  @Inject
  public DefaultOrganizations(CreditsContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public OrganizationPage search(OrganizationQuery q) {
    Checks.required("query", q);
    String ws = Checks.requiredText("workspace", q.workspace(), 64);
    String search = Checks.optionalText("search", q.search(), OrganizationQuery.SEARCH_MAX);
    limit(q.limit(), OrganizationQuery.MAX_LIMIT);
    OrganizationQuery.Sort sort = q.sort();
    String[] after = q.cursor() == null ? null : decode(q.cursor(), sort, q.descending());
    BigDecimal afterValue = after == null ? null : sortValue(sort, after[0]);
    return ctx.replicaReads()
        .read(
            em -> {
              Workspace workspace = em.find(Workspace.class, ws);
              if (workspace == null) {
                throw new CreditsException(
                    ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + ws + "'");
              }
              BigDecimal threshold = workspace.getLowBalanceThreshold();
              if (Boolean.TRUE.equals(q.lowBalance()) && threshold == null) {
                return new OrganizationPage(List.of(), null);
              }
              String jpql = searchJpql(q, search, threshold, after);
              TypedQuery<Wallet> query = em.createQuery(jpql, Wallet.class).setParameter("ws", ws);
              if (search != null) {
                query.setParameter("q", "%" + escapeLike(search.toLowerCase(Locale.ROOT)) + "%");
              }
              if (q.lowBalance() != null && threshold != null) {
                query.setParameter("t", threshold);
              }
              if (after != null) {
                query.setParameter("org", after[1]);
                if (sort != OrganizationQuery.Sort.ORGANIZATION) {
                  query.setParameter(
                      "v",
                      switch (sort) {
                        case DISPLAY_NAME -> after[0];
                        case REGISTERED -> afterValue.longValueExact();
                        default -> afterValue;
                      });
                }
              }
              List<Wallet> rows = query.setMaxResults(q.limit() + 1).getResultList();
              boolean more = rows.size() > q.limit();
              List<Wallet> page = more ? rows.subList(0, q.limit()) : rows;
              List<OrganizationSummary> items = new ArrayList<>(page.size());
              for (Wallet w : page) {
                items.add(summary(w, threshold));
              }
              Wallet last = page.isEmpty() ? null : page.get(page.size() - 1);
              return new OrganizationPage(
                  items, more ? encode(sort, q.descending(), sortKey(sort, last), last) : null);
            });
  }

  /**
   * The JPQL of a search page: the workspace's wallets, filtered by {@code search} and the low
   * balance {@code threshold}, after the decoded cursor {@code after} (null: from the start), in
   * the sort's order.
   */
  private static String searchJpql(
      OrganizationQuery q, String search, BigDecimal threshold, String[] after) {
    OrganizationQuery.Sort sort = q.sort();
    String expr = expression(sort);
    String cmp = q.descending() ? "<" : ">";
    String dir = q.descending() ? " desc" : " asc";
    StringBuilder jpql = new StringBuilder("select w from Wallet w where w.workspaceKey = :ws");
    if (search != null) {
      jpql.append(
          " and (lower(w.organizationId) like :q escape '!'"
              + " or lower(w.displayName) like :q escape '!')");
    }
    if (q.lowBalance() != null && threshold != null) {
      jpql.append(
          q.lowBalance() ? " and (w.balance - w.held) < :t" : " and (w.balance - w.held) >= :t");
    }
    if (after != null) {
      jpql.append(
          sort == OrganizationQuery.Sort.ORGANIZATION
              ? " and w.organizationId " + cmp + " :org"
              : " and ("
                  + expr
                  + " "
                  + cmp
                  + " :v or ("
                  + expr
                  + " = :v"
                  + " and w.organizationId "
                  + cmp
                  + " :org))");
    }
    jpql.append(" order by ");
    if (sort != OrganizationQuery.Sort.ORGANIZATION) {
      jpql.append(expr).append(dir).append(", ");
    }
    jpql.append("w.organizationId").append(dir);
    return jpql.toString();
  }

  @Override
  public OrganizationSummary get(WalletRef ref) {
    Checks.required("wallet", ref);
    Checks.requiredText("wallet.workspace", ref.workspace(), 64);
    Checks.requiredText("wallet.organization", ref.organization(), 128);
    return ctx.transactions()
        .read(
            em -> {
              Workspace workspace = em.find(Workspace.class, ref.workspace());
              if (workspace == null) {
                throw new CreditsException(
                    ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + ref.workspace() + "'");
              }
              Wallet w = em.find(Wallet.class, walletId(em, ref));
              return summary(w, workspace.getLowBalanceThreshold());
            });
  }

  @Override
  public HoldPage holds(HoldQuery q) {
    Checks.required("query", q);
    WalletRef ref = Checks.required("wallet", q.wallet());
    Checks.requiredText("wallet.workspace", ref.workspace(), 64);
    Checks.requiredText("wallet.organization", ref.organization(), 128);
    limit(q.limit(), HoldQuery.MAX_LIMIT);
    String[] after = q.cursor() == null ? null : decodeHoldCursor(q.cursor());
    return ctx.transactions()
        .read(
            em -> {
              String walletId = walletId(em, ref);
              StringBuilder jpql = new StringBuilder("select h from Hold h where h.walletId = :w");
              if (!q.statuses().isEmpty()) {
                jpql.append(" and h.status in :st");
              }
              if (after != null) {
                jpql.append(" and (h.createdAt < :c or (h.createdAt = :c and h.id < :id))");
              }
              jpql.append(" order by h.createdAt desc, h.id desc");
              TypedQuery<Hold> query =
                  em.createQuery(jpql.toString(), Hold.class).setParameter("w", walletId);
              if (!q.statuses().isEmpty()) {
                query.setParameter("st", List.copyOf(q.statuses()));
              }
              if (after != null) {
                query.setParameter("c", Long.parseLong(after[0])).setParameter("id", after[1]);
              }
              List<Hold> rows = query.setMaxResults(q.limit() + 1).getResultList();
              boolean more = rows.size() > q.limit();
              List<Hold> page = more ? rows.subList(0, q.limit()) : rows;
              List<HoldView> items = new ArrayList<>(page.size());
              for (Hold h : page) {
                items.add(LedgerViews.hold(h, ref));
              }
              Hold last = page.isEmpty() ? null : page.get(page.size() - 1);
              return new HoldPage(
                  items,
                  more
                      ? join(
                          String.valueOf(dev.credits4j.internal.Micros.of(last.getCreatedAt())),
                          last.getId())
                      : null);
            });
  }

  private static String walletId(EntityManager em, WalletRef ref) {
    List<String> ids =
        em.createQuery(
                "select w.id from Wallet w where w.workspaceKey = :ws and w.organizationId = :org",
                String.class)
            .setParameter("ws", ref.workspace())
            .setParameter("org", ref.organization())
            .getResultList();
    if (ids.isEmpty()) {
      throw new CreditsException(ErrorCode.WALLET_NOT_FOUND, "no wallet for " + ref);
    }
    return ids.get(0);
  }

  private static OrganizationSummary summary(Wallet w, BigDecimal threshold) {
    BigDecimal available = CreditAmounts.normalize(w.getAvailable());
    return new OrganizationSummary(
        WalletRef.of(w.getWorkspaceKey(), w.getOrganizationId()),
        w.getDisplayName(),
        CreditAmounts.normalize(w.getBalance()),
        CreditAmounts.normalize(w.getHeld()),
        available,
        threshold != null && available.compareTo(threshold) < 0,
        w.getCreatedAt());
  }

  private static void limit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw Checks.invalid("limit", "must be from 1 to " + max);
    }
  }

  private static String expression(OrganizationQuery.Sort sort) {
    return switch (sort) {
      case ORGANIZATION -> "w.organizationId";
      case DISPLAY_NAME -> "w.displayName";
      case BALANCE -> "w.balance";
      case AVAILABLE -> "(w.balance - w.held)";
      case REGISTERED -> "w.createdAt";
    };
  }

  private static String sortKey(OrganizationQuery.Sort sort, Wallet w) {
    return switch (sort) {
      case ORGANIZATION -> "";
      case DISPLAY_NAME -> w.getDisplayName();
      case BALANCE -> w.getBalance().toPlainString();
      case AVAILABLE -> w.getAvailable().toPlainString();
      case REGISTERED -> String.valueOf(dev.credits4j.internal.Micros.of(w.getCreatedAt()));
    };
  }

  /** The numeric sort value of a cursor (null for the text sorts). */
  private static BigDecimal sortValue(OrganizationQuery.Sort sort, String text) {
    if (sort == OrganizationQuery.Sort.ORGANIZATION
        || sort == OrganizationQuery.Sort.DISPLAY_NAME) {
      return null;
    }
    try {
      BigDecimal v = new BigDecimal(text);
      if (sort == OrganizationQuery.Sort.REGISTERED) {
        v.longValueExact();
      }
      return v;
    } catch (ArithmeticException | NumberFormatException e) {
      throw badCursor();
    }
  }

  private static String encode(
      OrganizationQuery.Sort sort, boolean descending, String v, Wallet w) {
    return join(sort.name() + (descending ? "-" : "+"), v, w.getOrganizationId());
  }

  /** The sort value and organization id of a cursor made for this sort and direction. */
  private static String[] decode(String cursor, OrganizationQuery.Sort sort, boolean descending) {
    String[] parts = split(cursor, 3);
    if (!parts[0].equals(sort.name() + (descending ? "-" : "+"))) {
      throw Checks.invalid("cursor", "belongs to another sort order; start again without one");
    }
    return new String[] {parts[1], parts[2]};
  }

  private static String[] decodeHoldCursor(String cursor) {
    String[] parts = split(cursor, 2);
    try {
      Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      throw badCursor();
    }
    return parts;
  }

  private static String join(String... parts) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(b64.encodeToString(p.getBytes(StandardCharsets.UTF_8)));
    }
    return sb.toString();
  }

  private static String[] split(String cursor, int n) {
    String[] parts = cursor.split("\\.", -1);
    if (parts.length != n) {
      throw badCursor();
    }
    try {
      for (int i = 0; i < n; i++) {
        parts[i] = new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8);
      }
    } catch (IllegalArgumentException e) {
      throw badCursor();
    }
    return parts;
  }

  private static CreditsException badCursor() {
    return Checks.invalid("cursor", "is not a cursor of this list");
  }

  private static String escapeLike(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == ESCAPE || c == '%' || c == '_') {
        sb.append(ESCAPE);
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
