package dev.credits4j.ledger;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LedgerCheckpoint;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.TamperFinding;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Seals;
import dev.credits4j.workspace.Workspace;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Signed checkpoints of wallet heads (docs/ledger.md, "Tamper evidence"): {@code
 * CreditLedger.checkpoint} signs every head of a workspace (or of all) with the current ledger key;
 * {@code CreditLedger.verify(LedgerCheckpoint)} checks the signature and verifies each wallet
 * against its head ({@link Verifier}).
 */
final class Checkpoints {
  private static final int PAGE = 1000;

  private final CreditsContext ctx;

  Checkpoints(CreditsContext ctx) {
    this.ctx = ctx;
  }

  private <T> T read(Function<WalletBook, T> work) {
    return ctx.transactions().read(em -> work.apply(new WalletBook(em, ctx)));
  }

  /** The checkpoint of one workspace's wallets, or of all when {@code workspace} is null. */
  LedgerCheckpoint sign(String workspace) {
    LedgerKeys keys = ctx.ledgerKeys();
    String keyId =
        keys.currentKeyId()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "CREDITS-0011 checkpoints are signed with the ledger keys; none are"
                            + " configured"));
    Instant at = ctx.now();
    List<LedgerCheckpoint.Head> heads = read(b -> heads(b, workspace));
    return new LedgerCheckpoint(
        workspace, at, heads, keyId, Seals.seal(keys, keyId, message(workspace, at, heads)));
  }

  /** Every wallet head of the workspace (or of all), by wallet id, a page at a time. */
  private static List<LedgerCheckpoint.Head> heads(WalletBook b, String workspace) {
    if (workspace != null && b.em().find(Workspace.class, workspace) == null) {
      throw new CreditsException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + workspace + "'");
    }
    List<LedgerCheckpoint.Head> found = new ArrayList<>();
    String after = "";
    while (true) {
      TypedQuery<Wallet> q =
          b.em()
              .createQuery(
                  "select w from Wallet w where w.id > :after"
                      + (workspace == null ? "" : " and w.workspaceKey = :ws")
                      + " order by w.id",
                  Wallet.class)
              .setParameter("after", after)
              .setMaxResults(PAGE);
      if (workspace != null) {
        q.setParameter("ws", workspace);
      }
      List<Wallet> page = q.getResultList();
      for (Wallet w : page) {
        after = w.getId();
        found.add(new LedgerCheckpoint.Head(b.ref(w), w.getId(), w.getLastSeq(), w.getLastHash()));
      }
      if (page.size() < PAGE) {
        return found;
      }
    }
  }

  private static String message(String workspace, Instant at, List<LedgerCheckpoint.Head> heads) {
    List<Object> fields = new ArrayList<>(2 + heads.size() * 5);
    fields.add(workspace);
    fields.add(at.toString());
    fields.add(heads.size());
    for (LedgerCheckpoint.Head h : heads) {
      fields.add(h.wallet().workspace());
      fields.add(h.wallet().organization());
      fields.add(h.walletId());
      fields.add(h.sequence());
      fields.add(h.hash());
    }
    return Seals.message("checkpoint", fields.toArray());
  }

  /** Checks the checkpoint's signature, then verifies every wallet it names against its head. */
  List<VerificationReport> verify(LedgerCheckpoint checkpoint) {
    LedgerKeys keys = ctx.ledgerKeys();
    if (!keys.knows(checkpoint.keyId())) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "the checkpoint is signed with key id '"
              + checkpoint.keyId()
              + "', which is not configured");
    }
    String expected =
        Seals.seal(
            keys,
            checkpoint.keyId(),
            message(checkpoint.workspace(), checkpoint.createdAt(), checkpoint.heads()));
    if (!expected.equals(checkpoint.signature())) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST, "the checkpoint's signature does not verify");
    }
    List<VerificationReport> reports = new ArrayList<>(checkpoint.heads().size());
    for (LedgerCheckpoint.Head h : checkpoint.heads()) {
      reports.add(verifyHead(h, keys));
    }
    return reports;
  }

  private VerificationReport verifyHead(LedgerCheckpoint.Head h, LedgerKeys keys) {
    WalletRef ref = h.wallet();
    try {
      return read(
          b -> {
            Wallet w = b.lockShared(ref);
            if (!w.getId().equals(h.walletId())) {
              return gone(
                  ref,
                  keys,
                  TamperFinding.Kind.WALLET_HEAD_EDITED,
                  "the wallet's id differs from the checkpoint's: the wallet was replaced");
            }
            return new Verifier(b, w, ref, keys).verify(h.sequence(), h.hash());
          });
    } catch (CreditsException e) {
      if (e.code() != ErrorCode.WALLET_NOT_FOUND) {
        throw e;
      }
      return gone(
          ref,
          keys,
          TamperFinding.Kind.CHAIN_TRUNCATED,
          "the checkpoint vouches for " + h.sequence() + " entries but the wallet is gone");
    }
  }

  private static VerificationReport gone(
      WalletRef ref, LedgerKeys keys, TamperFinding.Kind kind, String detail) {
    return new VerificationReport(
        ref,
        false,
        0,
        null,
        detail,
        keys.configured(),
        List.of(new TamperFinding(kind, null, null, detail)));
  }
}
