package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.internal.Ids;
import java.math.BigDecimal;
import java.time.Instant;

/** The content of an entry before the wallet gives it a sequence number and a hash. */
final class EntryDraft {
  final String id = Ids.newId();
  final String walletId;
  final EntryType type;
  final BigDecimal amount;
  final Instant occurredAt;
  final Actor actor;
  ReasonCode reason;
  String description;
  References references = References.NONE;
  String counterpartyWalletId;
  String reversedEntryId;
  String holdId;
  String idempotencyKey;

  EntryDraft(String walletId, EntryType type, BigDecimal amount, Instant occurredAt, Actor actor) {
    this.walletId = walletId;
    this.type = type;
    this.amount = amount;
    this.occurredAt = occurredAt;
    this.actor = actor;
  }
}
