/**
 * The ledger context: wallets, lots, entries and their allocations, holds, ledger idempotency, the
 * hash chain, reconciliation and verification; implements {@link dev.credits4j.api.CreditLedger}.
 * Other contexts move credits inside their own transaction through {@code LockedWallet}, and read
 * ledger rows through {@code LedgerReads}.
 *
 * <p>Owns {@code credits_wallet}, {@code credits_lot}, {@code credits_entry}, {@code
 * credits_allocation}, {@code credits_hold}, {@code credits_hold_allocation} and {@code
 * credits_idempotency}. Uses {@code api}, {@code spi}, {@code internal}, {@code workspace} (the
 * wallet's settings), {@code catalog} (the packages an insufficient-credits failure suggests) and
 * {@code notify} (the outbox, written in the ledger's transaction). Used by {@code request}, {@code
 * purchase}, {@code expiry}, {@code allotment}, {@code report} and the bootstrap.
 */
package dev.credits4j.ledger;
